package normalize_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/cnbudget/cnbudget"
	"github.com/cnbudget/cnbudget/extract"
	"github.com/cnbudget/cnbudget/normalize"
	"github.com/cnbudget/cnbudget/normalize/rules"
	"github.com/cnbudget/cnbudget/schema"
	"github.com/cnbudget/cnbudget/schema/score"
)

var update = flag.Bool("update", false, "rewrite the golden files")

func defaultRules(t testing.TB) *rules.Rules {
	t.Helper()
	r, err := rules.Parse(cnbudget.DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func convertFile(t testing.TB, path string) *schema.Document {
	t.Helper()
	doc, err := extract.Open(path, extract.Options{})
	if err != nil {
		t.Fatal(err)
	}
	out, err := normalize.Document(doc, defaultRules(t), normalize.Options{ToolVersion: "test"})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func readTruth(t testing.TB, path string) (*score.Truth, map[string]any) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	truth, err := score.ParseTruth(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	var raw map[string]any
	if err := json.Unmarshal(data, &raw); err != nil {
		t.Fatal(err)
	}
	return truth, raw
}

// TestSeedScores converts the founding sample and requires every truth
// table and project to be reproduced exactly.
func TestSeedScores(t *testing.T) {
	out := convertFile(t, "testdata/seed/yongqing_rsj_2024.txt")
	truth, _ := readTruth(t, "testdata/seed/yongqing_rsj_2024.truth.json")
	rep := score.Compare(truth, out)
	var buf bytes.Buffer
	rep.Write(&buf)
	t.Logf("\n%s", buf.String())
	if len(rep.Kinds) != 12 {
		t.Errorf("scored %d table kinds, want the 12 of the truth", len(rep.Kinds))
	}
	for _, k := range rep.Kinds {
		if k.Recall() != 1 || k.Precision() != 1 || k.CellAccuracy() != 1 || k.OutTables != k.TruthTables {
			t.Errorf("%s: %d/%d tables, recall %.4f precision %.4f cells %.4f; misses %q",
				k.Kind, k.OutTables, k.TruthTables, k.Recall(), k.Precision(), k.CellAccuracy(), k.Misses)
		}
	}
	p := rep.Projects
	if p.TruthProjects != 30 || p.Matched != 30 || p.OutProjects != 30 || p.NamesEqual != 30 || p.AmountsEqual != 30 {
		t.Errorf("projects: %+v", p)
	}
	if c := p.Indicators; c.Recall() != 1 || c.Precision() != 1 || c.CellAccuracy() != 1 {
		t.Errorf("project indicators: %+v, misses %q", c, p.Misses)
	}
}

// TestSeedProjectFields checks every field of every project table, one by
// one (the scorer compares text cells as one concatenation).
func TestSeedProjectFields(t *testing.T) {
	out := convertFile(t, "testdata/seed/yongqing_rsj_2024.txt")
	_, raw := readTruth(t, "testdata/seed/yongqing_rsj_2024.truth.json")
	byCode := map[string]schema.Project{}
	for _, p := range out.Projects {
		byCode[p.Code] = p
	}
	n := score.Norm
	for _, tt := range raw["tables"].([]any) {
		tt := tt.(map[string]any)
		if tt["kind"] != "project_performance" {
			continue
		}
		id := tt["id"].(string)
		p, ok := byCode[tt["project_code"].(string)]
		if !ok {
			t.Errorf("%s: project %s missing", id, tt["project_code"])
			continue
		}
		budget := tt["budget"].(map[string]any)
		for _, c := range []struct{ field, got, want string }{
			{"name", p.Name, tt["project_name"].(string)},
			{"amount", p.Amount, budget["预算数"].(string)},
			{"fiscal", p.Fiscal, budget["财政资金"].(string)},
			{"other", p.Other, budget["其他资金"].(string)},
			{"purpose", p.Purpose, tt["purpose"].(string)},
			{"goal", p.Goal, tt["goal"].(string)},
		} {
			if n(c.got) != n(c.want) {
				t.Errorf("%s %s = %q, want %q", id, c.field, c.got, c.want)
			}
		}
		plan := map[string]string{}
		for _, s := range p.Plan {
			plan[n(s.Label)] = s.Value
		}
		for _, step := range tt["spending_plan"].([]any) {
			step := step.([]any)
			label, want := n(step[0].(string)), step[1].(string)
			if n(plan[label]) != n(want) {
				t.Errorf("%s plan %s = %q, want %q", id, label, plan[label], want)
			}
		}
		inds := tt["indicators"].([]any)
		if len(inds) != len(p.Indicators) {
			t.Errorf("%s: %d indicators, want %d", id, len(p.Indicators), len(inds))
			continue
		}
		var l1, l2 string
		for i, row := range inds {
			row := row.([]any)
			want := make([]string, 6)
			for j := range want {
				want[j] = row[j].(string)
			}
			if want[0] == "" {
				want[0] = l1
				if want[1] == "" {
					want[1] = l2
				}
			}
			l1, l2 = want[0], want[1]
			ind := p.Indicators[i]
			got := []string{ind.Level1, ind.Level2, ind.Level3, ind.Description, ind.Value, ind.Basis}
			for j := range want {
				if n(got[j]) != n(want[j]) {
					t.Errorf("%s indicator %d field %d = %q, want %q", id, i, j, got[j], want[j])
				}
			}
		}
	}
}

// TestSeedMetadata checks the document metadata of the sample.
func TestSeedMetadata(t *testing.T) {
	out := convertFile(t, "testdata/seed/yongqing_rsj_2024.txt")
	m := out.Document
	if m.Department != "永清县人力资源和社会保障局" || m.DepartmentCode != "316" || m.Year != 2024 ||
		m.Unit != "万元" || m.Stage != "budget" || m.Region.County != "永清县" {
		t.Errorf("metadata = %+v", m)
	}
}

// TestSeedGolden compares the whole JSON document with a golden file; run
// with -update to rewrite it after an intended change.
func TestSeedGolden(t *testing.T) {
	out := convertFile(t, "testdata/seed/yongqing_rsj_2024.txt")
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(out); err != nil {
		t.Fatal(err)
	}
	golden := filepath.Join("testdata", "golden", "yongqing_rsj_2024.json")
	if *update {
		if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(golden, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test ./normalize -run Golden -update to create it)", err)
	}
	if !bytes.Equal(buf.Bytes(), want) {
		t.Errorf("JSON differs from %s; run with -update if the change is intended, then review the diff", golden)
	}
}
