package inputs

import (
	"archive/tar"
	"archive/zip"
	"bytes"
	"compress/gzip"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

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
