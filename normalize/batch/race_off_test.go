//go:build !race

package batch_test

const raceBuild = false
