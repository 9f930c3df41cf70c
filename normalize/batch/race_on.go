//go:build race

package batch

// raceEnabled is set in builds with the race detector, whose shadow
// memory needs address space far beyond any cap.
const raceEnabled = true
