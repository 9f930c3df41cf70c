package normalize_test

import (
	"path/filepath"
	"testing"

	"github.com/cnbudget/cnbudget/extract"
	"github.com/cnbudget/cnbudget/normalize"
	"github.com/cnbudget/cnbudget/schema"
)

// minUnruledShare is the share of the real corpus's amounts that must come
// out the same when its files are read without their ruling lines. It was
// 80.2% before 2026-12-07's work on unruled tables and is 91.5% now; it
// only goes up.
const minUnruledShare = 0.91

// TestRealCorpusWithoutRules reads every real PDF that draws ruling lines
// twice, as printed and with its rules removed (the way the same tables
// printed without borders would be read), and counts the amounts of the
// first reading — by table kind, code, name and value — that the second
// finds too. Unruled tables are read from the columns their text makes;
// held-out documents printed without borders are judged the same way.
func TestRealCorpusWithoutRules(t *testing.T) {
	if testing.Short() {
		t.Skip("reads the real corpus twice")
	}
	corpus := sharedCorpus(t)
	files, err := filepath.Glob(filepath.Join(corpus, "real", "*.pdf"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no real PDFs in %s", corpus)
	}
	r := defaultRules(t)
	opt := normalize.Options{ToolVersion: "test"}
	amounts := func(d *schema.Document) map[string]int {
		m := map[string]int{}
		for _, tb := range d.Tables {
			for _, rec := range tb.Records {
				for _, a := range rec.Amounts {
					m[tb.Kind+"|"+rec.Code+"|"+rec.Name+"|"+a.Value]++
				}
			}
		}
		return m
	}
	all, kept, files2 := 0, 0, 0
	for _, f := range files {
		ruled, err := extract.Open(f, extract.Options{})
		if err != nil {
			continue // a file without a text layer; TestRealCorpus covers it
		}
		unruled, _ := extract.Open(f, extract.Options{})
		n := 0
		for i := range unruled.Pages {
			n += len(unruled.Pages[i].Rules)
			unruled.Pages[i].Rules = nil
		}
		if n == 0 {
			continue
		}
		a, err := normalize.Document(ruled, r, opt)
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		b, err := normalize.Document(unruled, r, opt)
		if err != nil {
			t.Fatalf("%s without rules: %v", f, err)
		}
		ma, mb := amounts(a), amounts(b)
		same, total := 0, 0
		for k, v := range ma {
			total += v
			same += min(v, mb[k])
		}
		all += total
		kept += same
		files2++
		if total > 0 {
			t.Logf("%-60s %5d/%5d", filepath.Base(f), same, total)
		}
	}
	if all == 0 {
		t.Fatal("no amounts in the real corpus")
	}
	share := float64(kept) / float64(all)
	t.Logf("%d ruled files: %d of %d amounts kept without rules (%.1f%%)", files2, kept, all, 100*share)
	if share < minUnruledShare {
		t.Errorf("read without rules, the real files keep %.1f%% of their amounts, want at least %.1f%%", 100*share, 100*minUnruledShare)
	}
}
