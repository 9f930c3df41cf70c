//go:build !unix

package batch

// lockDir does nothing where advisory locks are not available.
func lockDir(dir string) (func(), error) { return func() {}, nil }
