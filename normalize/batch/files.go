package batch

import (
	"os"
	"path/filepath"
)

// WriteFileAtomic writes data to a temporary file beside path and renames
// it into place, so that path is either absent or complete.
func WriteFileAtomic(path string, data []byte) error {
	dir := filepath.Dir(path)
	f, err := os.CreateTemp(dir, ".tmp-"+filepath.Base(path)+"-*")
	if err != nil {
		return err
	}
	tmp := f.Name()
	if err := f.Chmod(0o644); err != nil {
		f.Close()
		os.Remove(tmp)
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		os.Remove(tmp)
		return err
	}
	if err := f.Close(); err != nil {
		os.Remove(tmp)
		return err
	}
	return os.Rename(tmp, path)
}

// linkOrCopy puts the file src at dst: a hard link (the per-file document
// and the department document of a single file are the same bytes), else a
// copy, both replacing dst atomically.
func linkOrCopy(src, dst string) error {
	tmp := filepath.Join(filepath.Dir(dst), ".tmp-"+filepath.Base(dst)+"-link")
	os.Remove(tmp)
	if err := os.Link(src, tmp); err == nil {
		err := os.Rename(tmp, dst)
		// Renaming a link onto another link of the same file does nothing
		// and leaves the temporary name behind.
		os.Remove(tmp)
		return err
	}
	data, err := os.ReadFile(src)
	if err != nil {
		return err
	}
	return WriteFileAtomic(dst, data)
}
