package export

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"

	"github.com/parquet-go/parquet-go"

	"github.com/cnbudget/cnbudget/schema"
)

func doc() *schema.Document {
	return &schema.Document{
		Sources:  []schema.Source{{File: "a.pdf", SHA256: "ab"}},
		Document: schema.Meta{Department: "永清县人力资源和社会保障局", Year: 2024, Stage: "budget", Region: schema.Region{County: "永清县"}},
		Tables: []schema.Table{{
			ID: "t01", Kind: "expenditure", Title: "支出总表", Unit: "万元", Pages: []int{3, 4},
			Rows: [][]string{{"208", "社会保障和就业支出", "1,330.63", "号"}},
			Columns: []schema.Column{
				{Index: 0, Key: "code", Role: "code"}, {Index: 1, Key: "name", Role: "name"},
				{Index: 2, Header: "合计", Key: "total", Role: "amount"}, {Index: 3, Role: "text"},
			},
			Records: []schema.Record{{Row: 0, Page: 3, Code: "208", Level: 1, Name: "社会保障和就业支出",
				Amounts: []schema.Amount{{Column: 2, Key: "total", Measure: "budget", Printed: "1,330.63", Value: "1330.63", Unit: "万元", Yuan: "13306300"}}}},
		}},
		Checks: []schema.Check{{Tables: []string{"t01"}, Status: "pass"}, {Tables: []string{"t01"}, Status: "fail"}},
	}
}

func TestRows(t *testing.T) {
	facts, tables := Rows("2024_x.json", doc())
	if len(facts) != 1 || len(tables) != 1 {
		t.Fatalf("%d facts, %d tables", len(facts), len(tables))
	}
	f := facts[0]
	if f.Yuan != "13306300" || f.YuanNum != 13306300 || f.ColumnKey != "total" || f.Measure != "budget" || f.County != "永清县" || f.Page != 3 || f.SourceSHA256 != "ab" {
		t.Errorf("fact %+v", f)
	}
	if tb := tables[0]; tb.Pages != "3,4" || tb.ChecksPassed != 1 || tb.ChecksFailed != 1 || tb.Amounts != 1 {
		t.Errorf("table %+v", tb)
	}
}

func TestWrite(t *testing.T) {
	facts, _ := Rows("2024_x.json", doc())
	var c bytes.Buffer
	if err := Write(&c, "csv", facts); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(&c).ReadAll()
	if err != nil || len(recs) != 2 || recs[0][0] != "province" || recs[1][len(recs[1])-5] != "13306300" {
		t.Errorf("csv %v %v", recs, err)
	}
	var j bytes.Buffer
	if err := Write(&j, "jsonl", facts); err != nil || !strings.Contains(j.String(), `"yuan":"13306300"`) {
		t.Errorf("jsonl %q %v", j.String(), err)
	}
	var p bytes.Buffer
	if err := Write(&p, "parquet", facts); err != nil {
		t.Fatal(err)
	}
	back, err := parquet.Read[Fact](bytes.NewReader(p.Bytes()), int64(p.Len()))
	if err != nil || len(back) != 1 || back[0] != facts[0] {
		t.Errorf("parquet read back: %+v, %v", back, err)
	}
	if err := Write(&p, "xlsx", facts); err == nil {
		t.Error("an unknown format was written")
	}
}
