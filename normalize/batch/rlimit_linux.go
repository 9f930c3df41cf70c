//go:build linux

package batch

import "syscall"

// addressSlack is the address space a Go process reserves beyond its heap
// (some 1.3 GB): the ceiling on address space is the heap's plus this.
const addressSlack = 2 << 30

// limitAddressSpace caps the process's address space, so that a file that
// needs more memory than the limit ends the worker (the runtime cannot map
// more) instead of the machine's memory.
func limitAddressSpace(heap int64) {
	if raceEnabled {
		return
	}
	lim := uint64(heap) + addressSlack
	var cur syscall.Rlimit
	if syscall.Getrlimit(syscall.RLIMIT_AS, &cur) == nil && cur.Max != ^uint64(0) && cur.Max < lim {
		lim = cur.Max
	}
	syscall.Setrlimit(syscall.RLIMIT_AS, &syscall.Rlimit{Cur: lim, Max: lim})
}
