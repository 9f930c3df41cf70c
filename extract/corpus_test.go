package extract_test

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
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
		// Poppler prints the text that clipping hides; stage one keeps it
		// apart (Page.Hidden).
		text := docText(doc)
		for _, pg := range doc.Pages {
			text += pg.Hidden
		}
		f, r, pr := f1(charCounts(text), charCounts(string(want)))
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

// TestRightAlignedNumbers: amounts right-aligned in a table column end at
// the same x whatever their digits, which holds only if every glyph
// advances by its real width. Checked on real files whose fonts are CID
// fonts with /W (Shanghai, Shenzhen) and a Word file (Jiangsu): runs that
// are amounts are grouped by right edge (within 2 pt) and by vertical
// proximity (two tables on one page stay apart), and every group of five
// or more spans at most 0.5 pt.
func TestRightAlignedNumbers(t *testing.T) {
	dir := filepath.Join(sharedDir(t), "corpus", "real")
	amount := regexp.MustCompile(`^-?[0-9,]+\.[0-9]{2}$`)
	for _, name := range []string{
		"r001_sh-putuo_justice_2026_dept-budget.pdf",
		"r034_shenzhen_ndrc_2026_dept-budget.pdf",
		"r096_jiangsu_high-court_2019_dept-budget.pdf",
	} {
		doc, err := extract.Open(filepath.Join(dir, name), extract.Options{})
		if err != nil {
			t.Fatal(err)
		}
		groups, lengths := 0, map[int]bool{}
		for _, p := range doc.Pages {
			type num struct {
				x1, y float64
				s     string
			}
			var nums []num
			for _, l := range p.Lines {
				for _, r := range l.Runs {
					if s := strings.TrimSpace(r.Text); amount.MatchString(s) {
						nums = append(nums, num{r.X1, r.Y0, s})
					}
				}
			}
			sort.Slice(nums, func(i, j int) bool { return nums[i].x1 < nums[j].x1 })
			for i := 0; i < len(nums); {
				j := i + 1
				for j < len(nums) && nums[j].x1-nums[j-1].x1 < 2 {
					j++
				}
				col := append([]num(nil), nums[i:j]...)
				i = j
				sort.Slice(col, func(a, b int) bool { return col[a].y < col[b].y })
				for a := 0; a < len(col); {
					b := a + 1
					for b < len(col) && col[b].y-col[b-1].y < 40 {
						b++
					}
					g := col[a:b]
					a = b
					if len(g) < 5 {
						continue
					}
					groups++
					lo, hi := g[0], g[0]
					for _, n := range g {
						lengths[len(n.s)] = true
						if n.x1 < lo.x1 {
							lo = n
						}
						if n.x1 > hi.x1 {
							hi = n
						}
					}
					if spread := hi.x1 - lo.x1; spread > 0.5 {
						t.Errorf("%s page %d: amounts right-aligned near x=%.1f end %.2f pt apart (%q … %q)",
							name, p.Number, lo.x1, spread, lo.s, hi.s)
					}
				}
			}
		}
		t.Logf("%s: %d right-aligned groups, amounts of %d different lengths", name, groups, len(lengths))
		if groups < 5 || len(lengths) < 3 {
			t.Errorf("%s: only %d groups of aligned amounts (%d lengths): nothing was tested", name, groups, len(lengths))
		}
	}
}
