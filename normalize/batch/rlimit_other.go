//go:build !linux

package batch

// limitAddressSpace does nothing where the address space cannot be capped:
// the memory limit of the Go runtime alone bounds the worker.
func limitAddressSpace(heap int64) {}
