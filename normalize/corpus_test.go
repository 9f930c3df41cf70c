package normalize_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cnbudget/cnbudget/extract"
	"github.com/cnbudget/cnbudget/normalize"
	"github.com/cnbudget/cnbudget/schema/score"
)

// sharedCorpus returns ../shared/corpus, or skips the test.
func sharedCorpus(t testing.TB) string {
	t.Helper()
	dir := filepath.Join("..", "..", "shared", "corpus")
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("skipping: the shared corpus is not at %s (it sits beside the project in CI)", dir)
	}
	return dir
}

type manifestEntry struct {
	PDF    string   `json:"pdf"`
	Truth  string   `json:"truth"`
	Tables []string `json:"tables"`
}

// TestSyntheticPDFsScorePerfectly converts every synthetic PDF and requires
// cell accuracy, row recall and row precision 1.0 on every table its
// manifest lists, project tables included — or, for a PDF whose text layer
// is damaged, the verdict text_unreliable.
func TestSyntheticPDFsScorePerfectly(t *testing.T) {
	corpus := sharedCorpus(t)
	r := defaultRules(t)
	for _, set := range []string{"seed-yongqing", "departments"} {
		dir := filepath.Join(corpus, "synthetic", set)
		data, err := os.ReadFile(filepath.Join(dir, "manifest.json"))
		if err != nil {
			t.Fatal(err)
		}
		var entries []manifestEntry
		if err := json.Unmarshal(data, &entries); err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			e := e
			t.Run(filepath.Base(e.PDF), func(t *testing.T) {
				truthPath := e.Truth
				if truthPath == "" {
					truthPath = "truth/yongqing_rsj_2024.json"
				}
				tdata, err := os.ReadFile(filepath.Join(dir, truthPath))
				if err != nil {
					t.Fatal(err)
				}
				truth, err := score.ParseTruth(bytes.NewReader(tdata))
				if err != nil {
					t.Fatal(err)
				}
				truth.Keep(e.Tables)
				doc, err := extract.Open(filepath.Join(dir, e.PDF), extract.Options{})
				if err != nil {
					t.Fatal(err)
				}
				if doc.Verdict == extract.VerdictTextUnreliable {
					t.Logf("text layer reported unreliable")
					return
				}
				out, err := normalize.Document(doc, r, normalize.Options{ToolVersion: "test"})
				if err != nil {
					t.Fatal(err)
				}
				rep := score.Compare(truth, out)
				for _, k := range rep.Kinds {
					if k.Recall() != 1 || k.Precision() != 1 || k.CellAccuracy() != 1 {
						t.Errorf("%s: recall %.4f precision %.4f cells %.4f; misses %q",
							k.Kind, k.Recall(), k.Precision(), k.CellAccuracy(), k.Misses)
					}
				}
				p := rep.Projects
				if p.Matched != p.TruthProjects || p.NamesEqual != p.TruthProjects || p.AmountsEqual != p.TruthProjects {
					t.Errorf("projects: %d truth, %d matched, %d names, %d amounts; missing %q",
						p.TruthProjects, p.Matched, p.NamesEqual, p.AmountsEqual, p.Missing)
				}
				if c := p.Indicators; c.Recall() != 1 || c.Precision() != 1 || c.CellAccuracy() != 1 {
					t.Errorf("project indicators: %+v; misses %q", c, p.Misses)
				}
			})
		}
	}
}

// TestRealTruth scores the hand-verified real documents: cell accuracy at
// least 0.99 and row recall at least 0.98 over all their tables.
func TestRealTruth(t *testing.T) {
	corpus := sharedCorpus(t)
	r := defaultRules(t)
	truths, _ := filepath.Glob(filepath.Join(corpus, "realtruth", "*.json"))
	if len(truths) == 0 {
		t.Fatal("no truth files in realtruth/")
	}
	for _, tp := range truths {
		name := strings.TrimSuffix(filepath.Base(tp), ".json")
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(tp)
			if err != nil {
				t.Fatal(err)
			}
			truth, err := score.ParseTruth(bytes.NewReader(data))
			if err != nil {
				t.Fatal(err)
			}
			doc, err := extract.Open(filepath.Join(corpus, "real", name+".pdf"), extract.Options{})
			if err != nil {
				t.Fatal(err)
			}
			out, err := normalize.Document(doc, r, normalize.Options{ToolVersion: "test"})
			if err != nil {
				t.Fatal(err)
			}
			rep := score.Compare(truth, out)
			c := rep.Tables
			t.Logf("%s: %d truth rows, recall %.4f, precision %.4f, cells %.4f", name, c.TruthRows, c.Recall(), c.Precision(), c.CellAccuracy())
			if c.CellAccuracy() < 0.99 || c.Recall() < 0.98 {
				for _, k := range rep.Kinds {
					if k.Recall() < 1 || k.CellAccuracy() < 1 {
						t.Logf("  %s: recall %.4f cells %.4f misses %q", k.Kind, k.Recall(), k.CellAccuracy(), k.Misses)
					}
				}
				t.Errorf("%s: cell accuracy %.4f (want ≥ 0.99), row recall %.4f (want ≥ 0.98)", name, c.CellAccuracy(), c.Recall())
			}
		})
	}
}
