//go:build !unix

package inputs

import "errors"

func mkfifo(path string) error { return errors.New("no FIFOs") }
