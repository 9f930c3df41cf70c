package extract_test

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/cnbudget/cnbudget/extract"
)

// sharedDir returns ../shared relative to the module root, or skips.
func sharedDir(t testing.TB) string {
	t.Helper()
	dir := filepath.Join("..", "..", "shared")
	if _, err := os.Stat(filepath.Join(dir, "corpus")); err != nil {
		t.Skipf("skipping: the shared corpus is not at %s (it sits beside the project in CI)", dir)
	}
	return dir
}

// charCounts counts the non-space characters of s after NFKC.
func charCounts(s string) map[rune]int {
	m := map[rune]int{}
	for _, r := range norm.NFKC.String(s) {
		if !unicode.IsSpace(r) {
			m[r]++
		}
	}
	return m
}

// f1 is the F1 score of two character multisets.
func f1(got, want map[rune]int) (f, recall, precision float64) {
	var inter, ng, nw int
	for r, n := range got {
		ng += n
		inter += min(n, want[r])
	}
	for _, n := range want {
		nw += n
	}
	if ng == 0 || nw == 0 {
		if ng == nw {
			return 1, 1, 1
		}
		return 0, 0, 0
	}
	recall = float64(inter) / float64(nw)
	precision = float64(inter) / float64(ng)
	if inter == 0 {
		return 0, recall, precision
	}
	return 2 * recall * precision / (recall + precision), recall, precision
}

func docText(d *extract.Document) string {
	var b strings.Builder
	for i := range d.Pages {
		b.WriteString(d.Pages[i].Text())
		b.WriteByte('\n')
	}
	return b.String()
}

// inventory reads INVENTORY.tsv: local name → column → value.
func inventory(t testing.TB, path string) map[string]map[string]string {
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	var header []string
	out := map[string]map[string]string{}
	for sc.Scan() {
		fields := strings.Split(sc.Text(), "\t")
		if header == nil {
			header = fields
			continue
		}
		row := map[string]string{}
		for i, h := range header {
			if i < len(fields) {
				row[h] = fields[i]
			}
		}
		out[fields[0]] = row
	}
	return out
}

// TestRealCorpusTextMatchesPoppler reads every real PDF and compares its
// text with poppler's dump beside it.
func TestRealCorpusTextMatchesPoppler(t *testing.T) {
	shared := sharedDir(t)
	dir := filepath.Join(shared, "corpus", "real")
	inv := inventory(t, filepath.Join(dir, "INVENTORY.tsv"))
	pdfs, _ := filepath.Glob(filepath.Join(dir, "*.pdf"))
	sort.Strings(pdfs)
	var sum float64
	var n, pages int
	start := time.Now()
	for _, p := range pdfs {
		name := filepath.Base(p)
		row := inv[name]
		doc, err := extract.Open(p, extract.Options{})
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		pages += len(doc.Pages)
		for _, pg := range doc.Pages {
			if pg.Err != "" {
				t.Logf("%s: page %d: %s", name, pg.Number, pg.Err)
			}
		}
		if row["has_text_layer"] == "no" {
			if doc.Verdict != extract.VerdictNoTextLayer {
				t.Errorf("%s: verdict %s, want no_text_layer", name, doc.Verdict)
			}
			continue
		}
		if row["has_text_layer"] == "partial" {
			noText := doc.PagesWithVerdict(extract.VerdictNoTextLayer)
			if len(noText) != 1 {
				t.Errorf("%s: image-only pages %v, want exactly the one chart page", name, noText)
			}
		}
		want, err := os.ReadFile(strings.TrimSuffix(p, ".pdf") + ".txt")
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		f, r, pr := f1(charCounts(docText(doc)), charCounts(string(want)))
		sum += f
		n++
		if f < 0.995 {
			t.Errorf("%s: character F1 %.4f (recall %.4f, precision %.4f) < 0.995", name, f, r, pr)
		} else if testing.Verbose() {
			t.Logf("%s: F1 %.4f", name, f)
		}
		if doc.Verdict != extract.VerdictOK && row["has_text_layer"] == "yes" {
			t.Errorf("%s: verdict %s, want ok", name, doc.Verdict)
		}
	}
	if n > 0 {
		t.Logf("real corpus: %d text-layer documents, mean character F1 %.5f; %d pages in %v", n, sum/float64(n), pages, time.Since(start).Round(time.Millisecond))
	}
}

// manifestEntry is one PDF of a synthetic set's manifest.json.
type manifestEntry struct {
	PDF    string   `json:"pdf"`
	Truth  string   `json:"truth"`
	Tables []string `json:"tables"`
}

// truthCells returns the body cells of the listed tables of a truth file.
func truthCells(t testing.TB, path string, ids []string) map[rune]int {
	var truth struct {
		Tables []struct {
			ID         string     `json:"id"`
			Rows       [][]string `json:"rows"`
			Indicators [][]string `json:"indicators"`
		} `json:"tables"`
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, &truth); err != nil {
		t.Fatal(err)
	}
	want := map[string]bool{}
	for _, id := range ids {
		want[id] = true
	}
	var b strings.Builder
	for _, tt := range truth.Tables {
		if !want[tt.ID] {
			continue
		}
		for _, r := range tt.Rows {
			b.WriteString(strings.Join(r, ""))
		}
	}
	return charCounts(b.String())
}

// recallOf is the share of want's characters that got holds.
func recallOf(got, want map[rune]int) float64 {
	var inter, nw int
	for r, n := range want {
		nw += n
		inter += min(n, got[r])
	}
	if nw == 0 {
		return 1
	}
	return float64(inter) / float64(nw)
}

// TestSyntheticTextHoldsTruthCells checks that every producer's text layer
// is read completely: the text holds every character of the truth's body
// cells of the tables each PDF contains.
func TestSyntheticTextHoldsTruthCells(t *testing.T) {
	shared := sharedDir(t)
	for _, set := range []string{"seed-yongqing", "departments"} {
		dir := filepath.Join(shared, "corpus", "synthetic", set)
		data, err := os.ReadFile(filepath.Join(dir, "manifest.json"))
		if err != nil {
			t.Fatal(err)
		}
		var entries []manifestEntry
		if err := json.Unmarshal(data, &entries); err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			truth := e.Truth
			if truth == "" {
				truth = "truth/yongqing_rsj_2024.json"
			}
			doc, err := extract.Open(filepath.Join(dir, e.PDF), extract.Options{})
			if err != nil {
				t.Errorf("%s: %v", e.PDF, err)
				continue
			}
			r := recallOf(charCounts(docText(doc)), truthCells(t, filepath.Join(dir, truth), e.Tables))
			switch {
			case doc.Verdict == extract.VerdictTextUnreliable:
				t.Logf("%s: text_unreliable (recall %.4f)", e.PDF, r)
				if !strings.Contains(e.PDF, "post_gs_pdfwrite") {
					t.Errorf("%s: text_unreliable, want ok", e.PDF)
				}
			case r < 0.999:
				t.Errorf("%s: recall of truth cell characters %.4f < 0.999 (verdict %s)", e.PDF, r, doc.Verdict)
			default:
				t.Logf("%s: recall %.4f, verdict %s", e.PDF, r, doc.Verdict)
			}
		}
	}
}
