//go:build unix

package batch

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
)

// lockDir takes the output folder for this run: an exclusive lock on
// DIR/.lock, which the system releases when the process ends however it
// ends (a crash, kill -9), so a stale lock cannot block the next run.
func lockDir(dir string) (func(), error) {
	path := filepath.Join(dir, ".lock")
	f, err := os.OpenFile(path, os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		return nil, err
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		data, _ := os.ReadFile(path)
		f.Close()
		who := strings.TrimSpace(string(data))
		if _, err := strconv.Atoi(who); err == nil {
			who = "pid " + who
		} else {
			who = "another process"
		}
		return nil, fmt.Errorf("%s: %w (%s); wait for it to end, or write elsewhere", dir, ErrLocked, who)
	}
	f.Truncate(0)
	f.WriteAt([]byte(strconv.Itoa(os.Getpid())+"\n"), 0)
	return func() {
		syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
		f.Close()
	}, nil
}
