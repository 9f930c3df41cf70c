package checks_test

import (
	"testing"

	"github.com/cnbudget/cnbudget"
	"github.com/cnbudget/cnbudget/normalize/checks"
	"github.com/cnbudget/cnbudget/normalize/rules"
	"github.com/cnbudget/cnbudget/schema"
)

func amounts(vals ...string) []schema.Amount {
	var out []schema.Amount
	for i, v := range vals {
		if v != "" {
			out = append(out, schema.Amount{Column: i + 2, Printed: v, Value: v})
		}
	}
	return out
}

// table builds an expenditure table: code, name, 合计 = 基本支出 + 项目支出.
func table(recs ...schema.Record) schema.Table {
	return schema.Table{
		ID: "t01", Kind: "expenditure",
		Columns: []schema.Column{
			{Index: 0, Header: "科目编码", Key: "code", Role: "code"},
			{Index: 1, Header: "科目名称", Key: "name", Role: "name"},
			{Index: 2, Header: "合计", Key: "total", Role: "amount"},
			{Index: 3, Header: "基本支出", Key: "basic", Role: "amount"},
			{Index: 4, Header: "项目支出", Key: "project", Role: "amount"},
		},
		Records: recs,
	}
}

func run(t *testing.T, tb schema.Table) map[string][]string {
	t.Helper()
	r, err := rules.Parse(cnbudget.DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]string{}
	for _, c := range checks.Run(&schema.Document{Tables: []schema.Table{tb}}, r) {
		out[c.Rule] = append(out[c.Rule], c.Status)
	}
	return out
}

func TestRowTotalAndHierarchy(t *testing.T) {
	tb := table(
		schema.Record{Row: 0, Name: "合计", Total: true, Amounts: amounts("30.00", "10.00", "20.00")},
		schema.Record{Row: 1, Code: "208", Level: 1, Name: "社会保障和就业支出", Amounts: amounts("30.00", "10.00", "20.00")},
		schema.Record{Row: 2, Code: "20801", Level: 2, ParentCode: "208", Name: "x", Amounts: amounts("30.00", "10.00", "20.01")},
	)
	got := run(t, tb)
	// Rows 0 and 1 add up; row 2 is 0.01 off with two parts: within the
	// rounding tolerance of two printed amounts.
	if s := got["row_total"]; len(s) != 3 || s[0] != "pass" || s[2] != "pass" {
		t.Errorf("row_total %v", s)
	}
	if s := got["hierarchy"]; len(s) != 3 || s[2] != "pass" {
		t.Errorf("hierarchy %v", s)
	}
	if s := got["total_of_classes"]; len(s) != 3 {
		t.Errorf("total_of_classes %v", s)
	}
	// A real error is reported, not hidden.
	tb.Records[2].Amounts = amounts("30.00", "10.00", "25.00")
	got = run(t, tb)
	if s := got["row_total"]; s[2] != "fail" {
		t.Errorf("a row 5.00 off: %v", s)
	}
}

func TestMeasuresAreSummedApart(t *testing.T) {
	// 预算数 | 决算数 under 合计 and under 因公出国 and 公务接待费: one sum
	// per measure, never 预算数 = 决算数.
	tb := schema.Table{
		ID: "t01", Kind: "three_public",
		Columns: []schema.Column{
			{Index: 0, Header: "合计/预算数", Key: "total", Role: "amount"},
			{Index: 1, Header: "合计/决算数", Key: "total", Role: "amount"},
			{Index: 2, Header: "因公出国（境）费/预算数", Key: "outbound_travel", Role: "amount"},
			{Index: 3, Header: "因公出国（境）费/决算数", Key: "outbound_travel", Role: "amount"},
			{Index: 4, Header: "公务接待费/预算数", Key: "reception", Role: "amount"},
			{Index: 5, Header: "公务接待费/决算数", Key: "reception", Role: "amount"},
		},
	}
	var a []schema.Amount
	for i, v := range []string{"5.00", "4.00", "2.00", "1.00", "3.00", "3.00"} {
		a = append(a, schema.Amount{Column: i, Printed: v, Value: v})
	}
	tb.Records = []schema.Record{{Row: 0, Amounts: a}}
	got := run(t, tb)
	if s := got["row_total"]; len(s) != 2 || s[0] != "pass" || s[1] != "pass" {
		t.Errorf("row_total %v, want two passing sums", s)
	}
}
