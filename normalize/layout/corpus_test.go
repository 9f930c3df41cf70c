package layout_test

import (
	"os"
	"path/filepath"
	"testing"
	"unicode"

	"github.com/cnbudget/cnbudget/extract"
	"github.com/cnbudget/cnbudget/normalize/layout"
)

func countChars(s string) int {
	n := 0
	for _, r := range s {
		if !unicode.IsSpace(r) {
			n++
		}
	}
	return n
}

// TestLayoutKeepsAllText checks on every page of the corpus that turning
// lines into grid rows loses and duplicates no character.
func TestLayoutKeepsAllText(t *testing.T) {
	shared := filepath.Join("..", "..", "..", "shared", "corpus")
	if _, err := os.Stat(shared); err != nil {
		t.Skipf("skipping: the shared corpus is not at %s", shared)
	}
	var files []string
	for _, pat := range []string{"real/*.pdf", "synthetic/*/pdf/*.pdf"} {
		m, _ := filepath.Glob(filepath.Join(shared, pat))
		files = append(files, m...)
	}
	if testing.Short() {
		files = files[:min(len(files), 10)]
	}
	for _, f := range files {
		doc, err := extract.Open(f, extract.Options{})
		if err != nil {
			continue
		}
		for i := range doc.Pages {
			p := &doc.Pages[i]
			want := 0
			for _, l := range p.Lines {
				for _, r := range l.Runs {
					want += countChars(r.Text)
				}
			}
			got := 0
			for _, r := range layout.Page(p) {
				got += countChars(r.Text())
			}
			if got != want {
				t.Errorf("%s page %d: %d characters in the rows, %d on the page", filepath.Base(f), p.Number, got, want)
			}
		}
	}
}
