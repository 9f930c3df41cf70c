package batch

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// readHead reads a document's sources and metadata and stops there: what
// follows is not read (here it is not even JSON); a file that is no
// document says so.
func TestReadHead(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	good := write("good.json", `{"schema": "x", "tool": {"name": "cnbudget"},
		"sources": [{"file": "a.pdf", "sha256": "ab", "pages": 3}],
		"document": {"department": "永清县人力资源和社会保障局", "year": 2024, "stage": "budget"},
		"tables": [ this is never read`)
	h, err := readHead(good)
	if err != nil {
		t.Fatal(err)
	}
	if len(h.Sources) != 1 || h.Sources[0].SHA256 != "ab" || h.Document.Year != 2024 || h.Document.Department != "永清县人力资源和社会保障局" {
		t.Errorf("head %+v", h)
	}
	for name, text := range map[string]string{
		"none.json":    `{"schema": "x", "document": {"year": 2024}, "tables": []}`,
		"broken.json":  `{"sources": [{"file": `,
		"notjson.json": `%PDF-1.7`,
	} {
		if _, err := readHead(write(name, text)); err == nil || !strings.Contains(err.Error(), "not a cnbudget document") {
			t.Errorf("%s: error %v", name, err)
		}
	}
}
