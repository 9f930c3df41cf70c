//go:build race

package batch_test

// raceBuild: the race detector multiplies memory, so memory ceilings are
// not checked.
const raceBuild = true
