package normalize_test

import (
	"path/filepath"
	"testing"

	"github.com/cnbudget/cnbudget/extract"
	"github.com/cnbudget/cnbudget/normalize"
	"github.com/cnbudget/cnbudget/schema"
	"github.com/cnbudget/cnbudget/schema/score"
)

// minUnruledShare is the share of the real corpus's amounts that must come
// out the same when its files are read without their ruling lines. It was
// 80.2% before 2026-12-07's work on unruled tables, 92.3% after it, and
// 92.7% once spread labels (收   入), a table's number on its own line and
// headers repeated with other letter spacing were read (92.6% once the
// ruled reading counted Chongqing's project lists too), 94.2% once a list
// of projects and their indicators was known as a list without its rules
// and a cell's line inside it was no title (2026-12-08), 94.6% once a line
// of its cells starting inside it was no title either and codes wrapped in
// a narrow column over their row's line were read, 94.9% once a
// continuation page was read in its first page's columns when its own
// reading found as many but parted one of them, 95.1% once amounts fused
// across two columns parted the projection too, 95.2% once centred names
// were parted column by column and a row printed on two baselines was one,
// 96.2% once a project's cells spanning its indicators' rows went to the
// first of them and a line under amounts was no unit line, 96.4% once
// amounts wrapped in narrow columns were read whole and a continuation
// page opening with the end of a wrapped name went on with its table,
// 96.9% once a project list's blocks were chosen together and an
// indicator whose value is a word opened its own row, 97.1% once a line a
// document repeats in the same margin of many pages was page furniture
// (2026-12-08, later), 97.3% once a continuation page whose own reading
// found more columns than its first page, its rows in the first page's
// all the same, was read in those, and a name set on its cell's last line
// wrapped upwards from it, and a label beside a column with its own label
// was told from that column's (97.5%, 2026-12-08, night); it only goes up.
const minUnruledShare = 0.974

// minUnruledSynthetic is the share of the truth rows of the ruled synthetic
// renderings read exactly when their rules are removed, all sets and the
// final accounts alone. They were 84.8% and 81.2% before 2026-12-07's
// work on unruled self-evaluation forms, centred names, index rows,
// wrapped meta lines and first labels and totals over merged cells, 95.4%
// and 97.5% after it, 96.1% and 99.0% once the cells of close columns
// of an unruled form were kept apart, a funds block's label wrapped
// between set-apart rows left out of theirs and text centred on an
// indicator row above its band given to it, 96.7% and 99.1% once
// centred names were parted between rows at the cells' padding, and 96.9%
// and 99.5% once names at a page's top and first labels wrapped over
// several lines were read, 97.2% and 99.6% once the rest of a row cut by
// a page break and a first name begun above a header's end were told
// from the next row's name, 97.4% and 99.7% once columns were chained
// from amounts set flush right, 97.5% once rows at a page's foot and
// repeated headers with stacked labels were read, 97.6% and 99.8% once
// one cell between rows and names centred on their middle line were;
// they only go up.
const (
	minUnruledSynthetic       = 0.973
	minUnruledSyntheticFinals = 0.997
)

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

// TestSyntheticWithoutRules reads every synthetic rendering that draws
// ruling lines with its rules removed and scores it against its truth:
// the exact rows of its tables and forms (funds rows and indicator rows
// included). Producers that print the same tables and forms without
// borders (Chromium's and LibreOffice's cell padding, centred labels
// merged over rows) are judged this way.
func TestSyntheticWithoutRules(t *testing.T) {
	if testing.Short() {
		t.Skip("reads every synthetic rendering again")
	}
	corpus := sharedCorpus(t)
	r := defaultRules(t)
	opt := normalize.Options{ToolVersion: "test"}
	var exact, rows, finalExact, finalRows int
	for _, set := range []string{"seed-yongqing", "departments", "finals"} {
		dir := filepath.Join(corpus, "synthetic", set)
		for _, e := range readManifest(t, dir) {
			truth, _ := entryTruth(t, dir, e)
			doc, err := extract.Open(filepath.Join(dir, e.PDF), extract.Options{})
			if err != nil {
				t.Fatalf("%s: %v", e.PDF, err)
			}
			n := 0
			for i := range doc.Pages {
				n += len(doc.Pages[i].Rules)
				doc.Pages[i].Rules = nil
			}
			if n == 0 {
				continue // printed without rules: TestSyntheticPDFsScorePerfectly
			}
			d, err := normalize.Document(doc, r, opt)
			if err != nil {
				t.Fatalf("%s without rules: %v", e.PDF, err)
			}
			rep := score.Compare(truth, d)
			x, all := 0, 0
			for _, k := range rep.Kinds {
				x += k.ExactRows
				all += k.TruthRows
			}
			t.Logf("%-60s %4d/%4d", filepath.Base(e.PDF), x, all)
			exact, rows = exact+x, rows+all
			if set == "finals" {
				finalExact, finalRows = finalExact+x, finalRows+all
			}
		}
	}
	if rows == 0 || finalRows == 0 {
		t.Fatal("no ruled synthetic renderings")
	}
	share, finals := float64(exact)/float64(rows), float64(finalExact)/float64(finalRows)
	t.Logf("read without rules: %d of %d truth rows exact (%.1f%%), final accounts %d of %d (%.1f%%)",
		exact, rows, 100*share, finalExact, finalRows, 100*finals)
	if share < minUnruledSynthetic {
		t.Errorf("read without rules, %.1f%% of the synthetic rows are exact, want at least %.1f%%", 100*share, 100*minUnruledSynthetic)
	}
	if finals < minUnruledSyntheticFinals {
		t.Errorf("read without rules, %.1f%% of the final accounts' rows are exact, want at least %.1f%%", 100*finals, 100*minUnruledSyntheticFinals)
	}
}
