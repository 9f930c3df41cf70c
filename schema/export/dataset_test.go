package export

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/parquet-go/parquet-go"

	"github.com/cnbudget/cnbudget/schema"
)

// goldenDocs are documents as convert writes them: the founding sample,
// and the same under other years and provinces (one with none), so that
// the dataset spans several partitions.
func goldenDocs(t *testing.T) map[string]*schema.Document {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", "normalize", "testdata", "golden", "yongqing_rsj_2024.json"))
	if err != nil {
		t.Fatal(err)
	}
	docs := map[string]*schema.Document{}
	for i, v := range []struct {
		year     int
		province string
	}{{2024, "河北省"}, {2025, "河北省"}, {2025, "江苏省"}, {2026, ""}} {
		var d schema.Document
		if err := json.Unmarshal(data, &d); err != nil {
			t.Fatal(err)
		}
		d.Document.Year, d.Document.Region.Province = v.year, v.province
		d.Evaluations = []schema.Evaluation{{ID: "e01", Kind: "project_self_evaluation", ProjectName: "项目" + fmt.Sprint(i),
			FundsValues: []schema.EvaluationFunds{{Label: "年度资金总额", Cells: []schema.EvaluationNum{
				{Role: "adjusted_budget", Value: "10", Yuan: "100000"}, {Role: "actual", Value: "9", Yuan: "90000"}, {Role: "rate", Value: "90"}}}},
			Indicators: []schema.EvalIndicator{{Level1: "产出指标", Target: "≥10人", TargetValue: &schema.Target{Comparator: ">=", Number: "10", Unit: "人"}, WeightValue: "20"}}}}
		docs[fmt.Sprintf("doc%d.json", i)] = &d
	}
	return docs
}

// TestPartitionedRoundTrip writes a hive-partitioned dataset and reads it
// back: every amount of the documents is there once, under the partition
// its year and province name, equal to the JSON; forms and indicators too.
func TestPartitionedRoundTrip(t *testing.T) {
	docs := goldenDocs(t)
	var ds Dataset
	names := make([]string, 0, len(docs))
	for n := range docs {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		ds.Add(n, docs[n])
	}
	dir := t.TempDir()
	files, err := ds.WritePartitioned(dir, []string{"year", "province"})
	if err != nil {
		t.Fatal(err)
	}
	// The amounts in the JSON, by where they come from.
	want := map[string]string{}
	for n, d := range docs {
		for _, tb := range d.Tables {
			for _, rec := range tb.Records {
				for _, a := range rec.Amounts {
					if tb.Columns[a.Column].Role == "amount" {
						want[fmt.Sprintf("%s %s %d %d", n, tb.ID, rec.Row, a.Column)] = a.Yuan + "|" + a.Value + "|" + a.Measure
					}
				}
			}
		}
	}
	got := map[string]string{}
	forms, inds := 0, 0
	for _, f := range files {
		rel, _ := filepath.Rel(dir, f)
		segs := strings.Split(filepath.ToSlash(rel), "/")
		if len(segs) != 4 || !strings.HasPrefix(segs[1], "year=") || !strings.HasPrefix(segs[2], "province=") {
			t.Fatalf("path %s", rel)
		}
		year, province := strings.TrimPrefix(segs[1], "year="), strings.TrimPrefix(segs[2], "province=")
		if province == "__HIVE_DEFAULT_PARTITION__" {
			province = ""
		}
		switch segs[0] {
		case "amounts":
			rows, err := parquet.ReadFile[Fact](f)
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range rows {
				if fmt.Sprint(r.Year) != year || r.Province != province {
					t.Errorf("%s holds a row of %d %q", rel, r.Year, r.Province)
				}
				key := fmt.Sprintf("%s %s %d %d", r.Document, r.TableID, r.Row, r.Column)
				if _, dup := got[key]; dup {
					t.Errorf("%s twice", key)
				}
				got[key] = r.Yuan + "|" + r.Value + "|" + r.Measure
			}
		case "forms":
			rows, err := parquet.ReadFile[Form](f)
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range rows {
				forms++
				if r.AdjustedYuan != 100000 || r.ActualYuan != 90000 || r.Rate != 90 {
					t.Errorf("form %+v", r)
				}
			}
		case "indicators":
			rows, err := parquet.ReadFile[Indicator](f)
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range rows {
				inds++
				if r.TargetComparator != ">=" || r.TargetNumber != "10" || r.Weight != 20 {
					t.Errorf("indicator %+v", r)
				}
			}
		}
	}
	if len(want) == 0 || len(got) != len(want) {
		t.Fatalf("%d amounts read back, %d written", len(got), len(want))
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s: read %q, want %q", k, got[k], v)
		}
	}
	if forms != 4 || inds != 4 {
		t.Errorf("%d forms, %d indicators read back", forms, inds)
	}
	if _, err := ds.WritePartitioned(t.TempDir(), []string{"department"}); err == nil {
		t.Error("partitioned by a column not every table has")
	}
}
