package inputs

import (
	"archive/tar"
	"archive/zip"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/encoding/simplifiedchinese"
)

const pdfBytes = "%PDF-1.4\n% a document\n%%EOF\n"

func writeZip(t *testing.T, path string, members map[string][]byte, gbk map[string]bool) {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for name, data := range members {
		h := &zip.FileHeader{Name: name, Method: zip.Deflate}
		if gbk[name] {
			enc, err := simplifiedchinese.GBK.NewEncoder().String(name)
			if err != nil {
				t.Fatal(err)
			}
			h.Name, h.NonUTF8 = enc, true
		}
		w, err := zw.CreateHeader(h)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(data)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

func tarGz(t *testing.T, members map[string][]byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	gw := gzip.NewWriter(&buf)
	tw := tar.NewWriter(gw)
	for name, data := range members {
		tw.WriteHeader(&tar.Header{Name: name, Mode: 0o644, Size: int64(len(data)), Typeflag: tar.TypeReg})
		tw.Write(data)
	}
	tw.Close()
	gw.Close()
	return buf.Bytes()
}

func TestList(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "a.pdf"), []byte(pdfBytes), 0o644)
	os.WriteFile(filepath.Join(dir, "empty.pdf"), nil, 0o644)
	os.WriteFile(filepath.Join(dir, "notes.md"), []byte("# notes"), 0o644)
	os.WriteFile(filepath.Join(dir, "big.pdf"), append([]byte(pdfBytes), make([]byte, 1<<20)...), 0o644)
	os.WriteFile(filepath.Join(dir, "page.pdf"), []byte("<!DOCTYPE html><html><body>404</body></html>"), 0o644)
	os.MkdirAll(filepath.Join(dir, "sub"), 0o755)
	inner := tarGz(t, map[string][]byte{"deep/c.pdf": []byte(pdfBytes + "c")})
	writeZip(t, filepath.Join(dir, "sub", "x.zip"), map[string][]byte{
		"部门预算.pdf":    []byte(pdfBytes + "gbk"),
		"../evil.pdf": []byte(pdfBytes),
		"/abs.pdf":    []byte(pdfBytes),
		"bomb.pdf":    bytes.Repeat([]byte{0}, 3<<20),
		"inner.tgz":   inner,
	}, map[string]bool{"部门预算.pdf": true})
	os.WriteFile(filepath.Join(dir, "t.tar.gz"), tarGz(t, map[string][]byte{"b.pdf": []byte(pdfBytes + "b")}), 0o644)

	items, err := List([]string{dir}, Limits{MaxBytes: 1 << 20})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]Item{}
	for _, it := range items {
		got[strings.TrimPrefix(it.Name(), dir+"/")] = it
	}
	want := map[string]struct {
		typ string
		err error
	}{
		"a.pdf":                            {"pdf", nil},
		"empty.pdf":                        {"empty", nil},
		"big.pdf":                          {"", ErrTooLarge},
		"notes.md":                         {"", ErrNotDocumentName},
		"page.pdf":                         {"html", nil},
		"sub/x.zip!/部门预算.pdf":              {"pdf", nil},
		"sub/x.zip!/../evil.pdf":           {"", ErrUnsafePath},
		"sub/x.zip!//abs.pdf":              {"", ErrUnsafePath},
		"sub/x.zip!/bomb.pdf":              {"", ErrTooLarge},
		"sub/x.zip!/inner.tgz!/deep/c.pdf": {"pdf", nil},
		"t.tar.gz!/b.pdf":                  {"pdf", nil},
	}
	if len(got) != len(want) {
		t.Errorf("%d items, want %d: %v", len(got), len(want), keys(got))
	}
	for name, w := range want {
		it, ok := got[name]
		if !ok {
			t.Errorf("no item %s (have %v)", name, keys(got))
			continue
		}
		if w.err != nil {
			if !errors.Is(it.Err, w.err) {
				t.Errorf("%s: error %v, want %v", name, it.Err, w.err)
			}
			continue
		}
		if it.Err != nil || it.Type != w.typ || (it.Type != "empty" && len(it.SHA256) != 64) {
			t.Errorf("%s: type %q sha %q err %v, want type %q", name, it.Type, it.SHA256, it.Err, w.typ)
		}
		data, err := Read(it, Limits{MaxBytes: 1 << 20})
		if err != nil || int64(len(data)) != it.Size {
			t.Errorf("%s: read again: %d bytes, %v (listed %d)", name, len(data), err, it.Size)
		}
		// The hash taken while listing (streamed for a file, from the
		// content for a member) is the hash of what is read again.
		if sum := sha256.Sum256(data); it.SHA256 != hex.EncodeToString(sum[:]) {
			t.Errorf("%s: listed SHA-256 %s is not that of its content", name, it.SHA256)
		}
	}
	// Sorted by path, then member.
	for i := 1; i < len(items); i++ {
		a, b := items[i-1], items[i]
		if a.Path > b.Path || a.Path == b.Path && a.Member > b.Member {
			t.Errorf("items out of order: %s before %s", a.Name(), b.Name())
		}
	}
}

func keys(m map[string]Item) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

func TestDetect(t *testing.T) {
	for in, want := range map[string]string{
		"":                      "empty",
		"%PDF-1.7\n":            "pdf",
		"junk\n%PDF-1.4":        "pdf",
		"PK\x03\x04rest":        "zip",
		"\x1f\x8b\x08":          "gzip",
		"<!DOCTYPE html><html>": "html",
		"  <html><head>":        "html",
		"\xd0\xcf\x11\xe0\xa1":  "office",
		"\x89PNG\r\n":           "image",
		"部门\t预算\t2024\t元\n":     "text",
		"README\n":              "plaintext",
		"\x00\x01\x02\xff\xfe":  "binary",
	} {
		if got := Detect([]byte(in)); got != want {
			t.Errorf("Detect(%q) = %q, want %q", in, got, want)
		}
	}
}

// FuzzList: archives of any content never crash the walk.
func FuzzList(f *testing.F) {
	f.Add([]byte("PK\x03\x04"))
	f.Add(tarGzBytes())
	f.Fuzz(func(t *testing.T, data []byte) {
		dir := t.TempDir()
		p := filepath.Join(dir, "in.zip")
		os.WriteFile(p, data, 0o644)
		items, err := List([]string{p}, Limits{MaxBytes: 1 << 20})
		if err != nil {
			t.Fatal(err)
		}
		if len(items) == 0 {
			t.Fatal("an input with no item")
		}
	})
}

func tarGzBytes() []byte {
	var buf bytes.Buffer
	gw := gzip.NewWriter(&buf)
	tw := tar.NewWriter(gw)
	tw.WriteHeader(&tar.Header{Name: "a.pdf", Mode: 0o644, Size: 4, Typeflag: tar.TypeReg})
	tw.Write([]byte("%PDF"))
	tw.Close()
	gw.Close()
	return buf.Bytes()
}

// TestListOddInputs checks the inputs that once lost documents or blocked
// a run: the same file given twice or inside a folder also given, links
// to files and folders (and a loop of them), a FIFO, two members of one
// name, a stored zip of PDFs, and archives nested past the limit.
func TestListOddInputs(t *testing.T) {
	dir := t.TempDir()
	docs := filepath.Join(dir, "docs")
	os.Mkdir(docs, 0o755)
	a := filepath.Join(docs, "a.pdf")
	os.WriteFile(a, []byte(pdfBytes), 0o644)
	other := filepath.Join(dir, "elsewhere")
	os.Mkdir(other, 0o755)
	os.WriteFile(filepath.Join(other, "b.pdf"), []byte(pdfBytes+"b"), 0o644)
	if err := os.Symlink(filepath.Join(other, "b.pdf"), filepath.Join(docs, "link.pdf")); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	os.Symlink(other, filepath.Join(docs, "linked-folder"))
	os.Symlink(docs, filepath.Join(docs, "loop")) // docs/loop -> docs
	// Two members of one name, and a zip that stores PDFs.
	var zb bytes.Buffer
	zw := zip.NewWriter(&zb)
	for i, body := range []string{"one", "two"} {
		w, _ := zw.CreateHeader(&zip.FileHeader{Name: "same.pdf", Method: zip.Store})
		w.Write([]byte(pdfBytes + body + string(rune('0'+i))))
	}
	zw.Close()
	os.WriteFile(filepath.Join(docs, "stored.zip"), zb.Bytes(), 0o644)
	// A zip in a zip in a zip in a zip.
	nested := []byte(pdfBytes)
	for range 4 {
		var b bytes.Buffer
		zw := zip.NewWriter(&b)
		w, _ := zw.Create("inner.zip")
		w.Write(nested)
		zw.Close()
		nested = b.Bytes()
	}
	os.WriteFile(filepath.Join(docs, "deep.zip"), nested, 0o644)

	items, err := List([]string{docs, a, a}, Limits{MaxBytes: 1 << 20})
	if err != nil {
		t.Fatal(err)
	}
	names := map[string]Item{}
	for _, it := range items {
		if _, dup := names[it.Name()]; dup {
			t.Errorf("%s listed twice", it.Name())
		}
		names[it.Name()] = it
	}
	for _, want := range []string{
		a,
		filepath.Join(docs, "link.pdf"),
		filepath.Join(docs, "linked-folder", "b.pdf"),
		filepath.Join(docs, "stored.zip") + "!/same.pdf",
		filepath.Join(docs, "stored.zip") + "!/same.pdf#2",
	} {
		it, ok := names[want]
		if !ok || it.Err != nil || it.Type != "pdf" {
			t.Errorf("%s: %+v (listed: %v)", want, it, itemNames(names))
		}
	}
	if names[filepath.Join(docs, "stored.zip")+"!/same.pdf"].SHA256 == names[filepath.Join(docs, "stored.zip")+"!/same.pdf#2"].SHA256 {
		t.Error("the two members of one name read the same")
	}
	deep := false
	for name, it := range names {
		if strings.HasPrefix(name, filepath.Join(docs, "deep.zip")) {
			deep = errors.Is(it.Err, ErrTooDeep) && strings.Contains(name, "inner.zip")
		}
		if strings.Contains(name, filepath.Join("loop", "loop")) {
			t.Errorf("the link loop was followed: %s", name)
		}
	}
	if !deep {
		t.Errorf("the archive nested too deep is not reported: %v", itemNames(names))
	}
	// Visit reads the members under the same names.
	var visited []string
	Visit(filepath.Join(docs, "stored.zip"), Limits{}, func(it Item, _ []byte) bool {
		visited = append(visited, it.Member)
		return true
	})
	if strings.Join(visited, ",") != "same.pdf,same.pdf#2" {
		t.Errorf("visited %v", visited)
	}
	if data, err := Read(Item{Path: filepath.Join(docs, "stored.zip"), Member: "same.pdf#2"}, Limits{}); err != nil || !bytes.HasSuffix(data, []byte("two1")) {
		t.Errorf("read the second member: %q %v", data, err)
	}
}

// TestListFIFO checks that a FIFO given as input is refused at once.
func TestListFIFO(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "pipe.pdf")
	if err := mkfifo(fifo); err != nil {
		t.Skip("no FIFOs here:", err)
	}
	done := make(chan []Item, 1)
	go func() {
		items, _ := List([]string{fifo, filepath.Dir(fifo)}, Limits{})
		done <- items
	}()
	select {
	case items := <-done:
		if len(items) != 1 || !errors.Is(items[0].Err, ErrNotRegular) {
			t.Errorf("%+v", items)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("List blocked on a FIFO")
	}
}

func itemNames(m map[string]Item) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}
