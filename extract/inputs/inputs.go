// Package inputs finds the documents among the inputs of a batch: files,
// folders searched recursively, and zip and tar archives (plain or
// gzip-compressed), which are read in place, never extracted to disk.
//
// In: the paths a user gave. Out: one Item per file or archive member, in a
// stable order, with its SHA-256 and its type as told by its content; an
// archive member whose path is absolute or climbs out with "..", and an
// entry that cannot be read, are Items too, with Err set, so that nothing
// goes unreported. Member names of zip files written by Chinese Windows
// (GBK, without the UTF-8 flag) are decoded.
package inputs

import (
	"archive/tar"
	"archive/zip"
	"bufio"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// Item is one input document: a file, or a member of an archive.
type Item struct {
	// Path is the file as found (an archive's own path for its members).
	Path string
	// Member is the member's path inside the archive ("" for a file);
	// members of nested archives are joined with "!/".
	Member string
	Size   int64
	// SHA256 of the content, lower-case hex ("" when it could not be read).
	SHA256 string
	// Type is what the content is: pdf, text (the TAB-separated text form),
	// plaintext, html, zip, tar, gzip, empty, office, image or binary.
	Type string
	// Err says why the item cannot be used (unreadable, refused path, too
	// large); the item is reported, not processed.
	Err error
}

// Name is the item's path, with its member after "!/" when it has one.
func (it Item) Name() string {
	if it.Member == "" {
		return it.Path
	}
	return it.Path + "!/" + it.Member
}

// Limits guard a batch against hostile inputs.
type Limits struct {
	// MaxBytes bounds one document (a file or a decompressed member).
	MaxBytes int64
	// MaxDepth bounds nested archives (an archive inside an archive):
	// an archive found at that depth is an item with ErrTooDeep, named
	// by its path (default 3: a zip in a zip in a zip is read).
	MaxDepth int
}

// ErrTooLarge is an item above Limits.MaxBytes.
var ErrTooLarge = errors.New("too large")

// ErrNotDocumentName is a file found in a folder whose name says it is
// neither a document nor an archive.
var ErrNotDocumentName = errors.New("not a PDF, text or archive file by its name")

// documentName reports whether a file name looks like a document or an
// archive: .pdf, .txt, .zip, .tar, .tgz, .gz (any case), or no extension
// (downloads often have none).
func documentName(p string) bool {
	switch strings.ToLower(filepath.Ext(p)) {
	case ".pdf", ".txt", ".zip", ".tar", ".tgz", ".gz", "":
		return true
	}
	return false
}

// ErrEmptyArchive is an archive without any file in it.
var ErrEmptyArchive = errors.New("the archive holds no file")

// ErrNotRegular is an input that is neither a file nor a folder (a FIFO,
// a device, a socket): it is not opened.
var ErrNotRegular = errors.New("not a regular file")

// ErrTooDeep is an archive nested deeper than Limits.MaxDepth.
var ErrTooDeep = errors.New("archive nested too deep")

// ErrUnsafePath is an archive member whose path is absolute or leaves the
// archive with "..".
var ErrUnsafePath = errors.New("unsafe path in archive")

// List walks the inputs and returns every item found, sorted by path and
// member. Archives are opened and their members listed as items; the
// archive itself is not an item unless it cannot be read.
func List(paths []string, lim Limits) ([]Item, error) {
	var out []Item
	var files []string          // read and hashed after the walk
	walked := map[string]bool{} // folders walked, by real path: a link loop is walked once
	var walk func(root string) error
	walk = func(root string) error {
		if real, err := filepath.EvalSymlinks(root); err == nil {
			if abs, err := filepath.Abs(real); err == nil {
				if walked[abs] {
					return nil
				}
				walked[abs] = true
			}
		}
		// The separator after the root makes a link to a folder the
		// folder.
		return filepath.WalkDir(root+string(filepath.Separator), func(q string, d fs.DirEntry, err error) error {
			if err != nil {
				out = append(out, Item{Path: q, Err: err})
				if d != nil && d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if d.IsDir() {
				return nil
			}
			if d.Type()&fs.ModeSymlink != 0 {
				// A link is followed: to a file, the file; to a folder,
				// the folder (once, however many links lead to it).
				fi, err := os.Stat(q)
				switch {
				case err != nil:
					out = append(out, Item{Path: q, Err: fmt.Errorf("a broken link: %w", err)})
					return nil
				case fi.IsDir():
					return walk(q)
				}
			}
			if fi, err := os.Stat(q); err == nil && !fi.Mode().IsRegular() {
				out = append(out, Item{Path: q, Err: fmt.Errorf("%w (%s)", ErrNotRegular, fi.Mode().Type())})
				return nil
			}
			if !documentName(q) {
				// Found in a folder, named like something else (README.md,
				// a spreadsheet): reported, not read. Given by name, any
				// file is read.
				out = append(out, Item{Path: q, Err: fmt.Errorf("%w (%s)", ErrNotDocumentName, filepath.Ext(q))})
				return nil
			}
			files = append(files, q)
			return nil
		})
	}
	for _, p := range paths {
		fi, err := os.Stat(p)
		if err != nil {
			return nil, err
		}
		switch {
		case fi.IsDir():
			if err := walk(p); err != nil {
				return nil, err
			}
		case !fi.Mode().IsRegular():
			// Opening a FIFO blocks until someone writes to it.
			out = append(out, Item{Path: p, Err: fmt.Errorf("%w (%s)", ErrNotRegular, fi.Mode().Type())})
		default:
			files = append(files, p)
		}
	}
	out = append(out, itemsOf(files, lim)...)
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Path != out[j].Path {
			return out[i].Path < out[j].Path
		}
		return out[i].Member < out[j].Member
	})
	// The same file given twice (by name, or as a folder and a file in
	// it) is one input.
	seen := map[string]bool{}
	kept := out[:0]
	for _, it := range out {
		key := it.Path
		if abs, err := filepath.Abs(it.Path); err == nil {
			key = abs
		}
		key += "\x00" + it.Member
		if seen[key] {
			continue
		}
		seen[key] = true
		kept = append(kept, it)
	}
	return kept, nil
}

// itemsOf returns the items of the files, read and hashed in parallel
// (one reader per CPU): hashing a large archive is the first thing a
// batch does, and nothing else can start before it ends.
func itemsOf(files []string, lim Limits) []Item {
	each := make([][]Item, len(files))
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(files)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				each[i] = fileItems(files[i], lim)
			}
		}()
	}
	for i := range files {
		next <- i
	}
	close(next)
	wg.Wait()
	var out []Item
	for _, items := range each {
		out = append(out, items...)
	}
	return out
}

// fileItems returns the items of one file: itself, or its members when
// it is an archive.
func fileItems(p string, lim Limits) []Item {
	if it, ok := plainFile(p, lim); ok {
		return []Item{it}
	}
	var out []Item
	visitFile(p, lim, func(it Item, data []byte) bool {
		if it.Err == nil && data != nil {
			sum := sha256.Sum256(data)
			it.SHA256 = hex.EncodeToString(sum[:])
		}
		out = append(out, it)
		return true
	})
	return out
}

// plainFile returns the item of a file that is not an archive, hashed as
// it is read (not held in memory); ok is false for an archive, whose
// members are the items.
func plainFile(p string, lim Limits) (it Item, ok bool) {
	f, it := openFile(p, lim)
	if f == nil {
		return it, true
	}
	defer f.Close()
	if archive(it.Type) {
		return it, false
	}
	h := sha256.New()
	n, err := io.Copy(h, io.LimitReader(f, limit(lim)+1))
	switch {
	case err != nil:
		it.Err = err
	case n > limit(lim):
		it.Err = fmt.Errorf("%w: more than %d MB", ErrTooLarge, limit(lim)>>20)
	default:
		it.Size = n
		it.SHA256 = hex.EncodeToString(h.Sum(nil))
	}
	return it, true
}

// openFile opens a file and tells its type from its first bytes, with
// the file positioned at its start again; a document (not an archive)
// larger than the limit is refused. f is nil when it.Err is set.
func openFile(p string, lim Limits) (f *os.File, it Item) {
	it.Path = p
	f, err := os.Open(p)
	if err != nil {
		it.Err = err
		return nil, it
	}
	fi, err := f.Stat()
	if err == nil {
		head := make([]byte, 512)
		n, _ := io.ReadFull(f, head)
		it.Type, it.Size = Detect(head[:n]), fi.Size()
		_, err = f.Seek(0, io.SeekStart)
	}
	if err == nil && !archive(it.Type) && it.Size > limit(lim) {
		err = fmt.Errorf("%w: %d MB, the limit is %d MB", ErrTooLarge, it.Size>>20, limit(lim)>>20)
	}
	if err != nil {
		f.Close()
		it.Err = err
		return nil, it
	}
	return f, it
}

func archive(typ string) bool { return typ == "zip" || typ == "tar" || typ == "gzip" }

// limit is the size limit in bytes (none: as good as none).
func limit(lim Limits) int64 {
	if lim.MaxBytes <= 0 {
		return 1 << 62
	}
	return lim.MaxBytes
}

// Read returns the content of an item: the file, or the member read from
// its archive again.
func Read(it Item, lim Limits) ([]byte, error) { return ReadInto(it, lim, nil) }

// ReadInto is Read reading a file that is not an archive into buf when
// it is large enough (a member of an archive is read into memory of its
// own): a program reading many files one after the other reuses one
// buffer.
func ReadInto(it Item, lim Limits, buf []byte) ([]byte, error) {
	if it.Err != nil {
		return nil, it.Err
	}
	var found []byte
	var ferr error
	visitFileInto(it.Path, lim, buf, func(m Item, data []byte) bool {
		if m.Member != it.Member {
			return true
		}
		found, ferr = data, m.Err
		return false
	})
	if ferr != nil {
		return nil, ferr
	}
	if found == nil {
		return nil, fmt.Errorf("%s: not found again", it.Name())
	}
	return found, nil
}

// Visit calls visit with every document of the file at path, in order:
// the file itself, or each member of an archive (nested archives included),
// with its content (its SHA256 not set), or with Err set. Each member is
// read once: a batch that wants the content of many members reads the
// archive once this way rather than calling Read for each. visit returns
// false to stop.
func Visit(path string, lim Limits, visit func(Item, []byte) bool) { visitFile(path, lim, visit) }

// visitFile calls visit with every document of a file: the file itself,
// or each member of an archive (nested archives included), with its
// content, or with Err set. visit returns false to stop.
func visitFile(p string, lim Limits, visit func(Item, []byte) bool) {
	visitFileInto(p, lim, nil, visit)
}

// visitFileInto is visitFile reading a file that is not an archive into
// buf when it is large enough.
func visitFileInto(p string, lim Limits, buf []byte, visit func(Item, []byte) bool) {
	f, it := openFile(p, lim)
	if f == nil {
		visit(it, nil)
		return
	}
	defer f.Close()
	if archive(it.Type) {
		// An archive that holds nothing is reported as such.
		seen := 0
		inner := visit
		visit = func(it Item, data []byte) bool {
			seen++
			return inner(it, data)
		}
		defer func() {
			if seen == 0 {
				it.Err = ErrEmptyArchive
				inner(it, nil)
			}
		}()
	}
	switch it.Type {
	case "zip":
		zr, err := zip.NewReader(f, it.Size)
		if err != nil {
			it.Err = fmt.Errorf("cannot read zip: %w", err)
			visit(it, nil)
			return
		}
		visitZip(p, "", zr, lim, 1, visit)
	case "tar", "gzip":
		visitTar(p, "", f, it.Type == "gzip", lim, 1, visit)
	default:
		data, err := readLimitedInto(f, lim, it.Size, buf)
		if err != nil {
			it.Err = err
			data = nil
		}
		visit(it, data)
	}
}

// visitZip visits the members of a zip archive.
func visitZip(p, prefix string, zr *zip.Reader, lim Limits, depth int, visit func(Item, []byte) bool) bool {
	names := map[string]int{}
	for _, zf := range zr.File {
		if zf.FileInfo().IsDir() {
			continue
		}
		name := memberName(zf)
		it := Item{Path: p, Member: prefix + unique(names, name), Size: int64(zf.UncompressedSize64)}
		if !visitEntry(it, name, func() ([]byte, error) { return readZipMember(zf, lim) }, lim, depth, visit) {
			return false
		}
	}
	return true
}

// visitEntry visits one entry of an archive: refused when its path is
// unsafe, reported when it cannot be read, else its content.
func visitEntry(it Item, name string, read func() ([]byte, error), lim Limits, depth int, visit func(Item, []byte) bool) bool {
	if !safeMember(name) {
		it.Err = fmt.Errorf("%w: %q", ErrUnsafePath, name)
		return visit(it, nil)
	}
	data, err := read()
	if err != nil {
		it.Err = err
		return visit(it, nil)
	}
	return visitMember(it, data, lim, depth, visit)
}

// visitMember visits an archive member, or the members of a nested
// archive.
func visitMember(it Item, data []byte, lim Limits, depth int, visit func(Item, []byte) bool) bool {
	it.Size = int64(len(data))
	it.Type = Detect(data)
	maxDepth := lim.MaxDepth
	if maxDepth <= 0 {
		maxDepth = 3
	}
	switch it.Type {
	case "zip", "tar", "gzip":
		if depth >= maxDepth {
			it.Err = fmt.Errorf("%w: an archive inside %d archives (the limit)", ErrTooDeep, depth)
			return visit(it, nil)
		}
	}
	switch it.Type {
	case "zip":
		if zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data))); err == nil {
			return visitZip(it.Path, it.Member+"!/", zr, lim, depth+1, visit)
		}
	case "tar", "gzip":
		return visitTar(it.Path, it.Member+"!/", bytes.NewReader(data), it.Type == "gzip", lim, depth+1, visit)
	}
	return visit(it, data)
}

// readZipMember reads a member within the size limit (a zip bomb stops at
// the limit).
func readZipMember(zf *zip.File, lim Limits) ([]byte, error) {
	rc, err := zf.Open()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	return readLimited(rc, lim, claimed(zf.UncompressedSize64))
}

// claimed is the size an archive's header gives a member, as a hint to
// readLimited: believed up to 16 MB (a header may lie; beyond that the
// buffer grows as the content comes).
func claimed(size uint64) int64 { return int64(min(size, 16<<20)) }

// readLimited reads r to its end within the size limit. size is what the
// content says its size is (0 when unknown): the buffer is made that
// large at once, read into without growing and copying, and grown past it
// only when the content is longer than it said (a hostile size is capped
// by the limit).
func readLimited(r io.Reader, lim Limits, size int64) ([]byte, error) {
	return readLimitedInto(r, lim, size, nil)
}

// readLimitedInto is readLimited reading into buf when it is large
// enough.
func readLimitedInto(r io.Reader, lim Limits, size int64, buf []byte) ([]byte, error) {
	max := limit(lim)
	r = io.LimitReader(r, max+1)
	capacity := int64(512)
	if size > 0 {
		capacity = min(size, max, 1<<30) + 1 // +1: EOF is read without growing
	}
	data := buf[:0]
	if int64(cap(data)) < capacity {
		data = make([]byte, 0, capacity)
	}
	for {
		if len(data) == cap(data) {
			data = append(data, 0)[:len(data)]
		}
		n, err := r.Read(data[len(data):cap(data)])
		data = data[:len(data)+n]
		if int64(len(data)) > max {
			return nil, fmt.Errorf("%w: more than %d MB", ErrTooLarge, max>>20)
		}
		if err == io.EOF {
			return data, nil
		}
		if err != nil {
			return data, err
		}
	}
}

// visitTar visits the members of a tar archive, gzip-compressed or not (a
// gzip of a single file is that file).
func visitTar(p, prefix string, r io.Reader, gz bool, lim Limits, depth int, visit func(Item, []byte) bool) bool {
	if gz {
		zr, err := gzip.NewReader(bufio.NewReader(r))
		if err != nil {
			return visit(Item{Path: p, Member: strings.TrimSuffix(prefix, "!/"), Type: "gzip", Err: fmt.Errorf("cannot read gzip: %w", err)}, nil)
		}
		defer zr.Close()
		br := bufio.NewReader(zr)
		head, _ := br.Peek(512)
		if Detect(head) != "tar" {
			name := prefix + strings.TrimSuffix(path.Base(filepath.ToSlash(p)), ".gz")
			data, err := readLimited(br, lim, 0)
			if err != nil {
				return visit(Item{Path: p, Member: name, Err: err}, nil)
			}
			return visitMember(Item{Path: p, Member: name}, data, lim, depth, visit)
		}
		r = br
	}
	tr := tar.NewReader(r)
	names := map[string]int{}
	for {
		h, err := tr.Next()
		if err == io.EOF {
			return true
		}
		if err != nil {
			return visit(Item{Path: p, Member: prefix + "(rest of the archive)", Type: "tar", Err: fmt.Errorf("cannot read tar: %w", err)}, nil)
		}
		switch h.Typeflag {
		case tar.TypeReg, tar.TypeRegA:
		case tar.TypeSymlink, tar.TypeLink:
			if !visit(Item{Path: p, Member: prefix + unique(names, h.Name), Err: errors.New("a link in the archive, not followed")}, nil) {
				return false
			}
			continue
		default:
			continue
		}
		it := Item{Path: p, Member: prefix + unique(names, h.Name), Size: h.Size}
		if !visitEntry(it, h.Name, func() ([]byte, error) { return readLimited(tr, lim, claimed(uint64(max(h.Size, 0)))) }, lim, depth, visit) {
			return false
		}
	}
}

// unique returns name the first time, then name#2, name#3 …: an archive
// may hold two members of one name, which are two inputs.
func unique(seen map[string]int, name string) string {
	seen[name]++
	if n := seen[name]; n > 1 {
		return fmt.Sprintf("%s#%d", name, n)
	}
	return name
}

// memberName decodes a zip member's name: UTF-8 when the archive says so,
// GBK (as Chinese Windows writes it) when it does not and the name is not
// valid UTF-8.
func memberName(zf *zip.File) string {
	name := zf.Name
	if !utf8.ValidString(name) {
		if dec, err := simplifiedchinese.GB18030.NewDecoder().String(name); err == nil {
			return dec
		}
	}
	return name
}

// safeMember refuses absolute paths and paths that climb out of the
// archive.
func safeMember(name string) bool {
	n := strings.ReplaceAll(name, "\\", "/")
	if n == "" || strings.HasPrefix(n, "/") || (len(n) > 1 && n[1] == ':') {
		return false
	}
	for _, part := range strings.Split(n, "/") {
		if part == ".." {
			return false
		}
	}
	return true
}

// Detect tells what a content is from its first bytes.
func Detect(head []byte) string {
	switch {
	case len(head) == 0:
		return "empty"
	// Archives first, by their structure: a zip that stores PDFs holds
	// "%PDF-" in its first kilobyte too.
	case bytes.HasPrefix(head, []byte("PK\x03\x04")) || bytes.HasPrefix(head, []byte("PK\x05\x06")):
		return "zip"
	case bytes.HasPrefix(head, []byte{0x1f, 0x8b}):
		return "gzip"
	case len(head) >= 262 && string(head[257:262]) == "ustar":
		return "tar"
	case bytes.Contains(head[:min(len(head), 1024)], []byte("%PDF-")):
		return "pdf"
	case bytes.HasPrefix(head, []byte{0xD0, 0xCF, 0x11, 0xE0}):
		return "office"
	case bytes.HasPrefix(head, []byte{0xFF, 0xD8, 0xFF}) || bytes.HasPrefix(head, []byte("\x89PNG")) ||
		bytes.HasPrefix(head, []byte("GIF8")) || bytes.HasPrefix(head, []byte("II*\x00")) || bytes.HasPrefix(head, []byte("MM\x00*")):
		return "image"
	}
	probe := bytes.TrimLeft(head, " \t\r\n\ufeff")
	lower := bytes.ToLower(probe[:min(len(probe), 256)])
	if bytes.HasPrefix(lower, []byte("<!doctype html")) || bytes.HasPrefix(lower, []byte("<html")) ||
		bytes.HasPrefix(lower, []byte("<?xml")) && bytes.Contains(lower, []byte("<html")) ||
		bytes.Contains(lower, []byte("<head>")) || bytes.Contains(lower, []byte("<body")) {
		return "html"
	}
	p := head
	for i := 0; i < 3 && len(p) > 0 && !utf8.Valid(p); i++ {
		p = p[:len(p)-1]
	}
	if utf8.Valid(p) && !bytes.ContainsRune(p, 0) {
		// The text form of a disclosure separates cells by TABs; other
		// text (a pdftotext dump, a README) is plain text.
		if bytes.Count(p, []byte("\t")) >= 3 {
			return "text"
		}
		return "plaintext"
	}
	return "binary"
}
