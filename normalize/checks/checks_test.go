package checks_test

import (
	"fmt"
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
	// per measure (as stage three names the columns), never 预算数 = 决算数.
	tb := schema.Table{
		ID: "t01", Kind: "three_public",
		Columns: []schema.Column{
			{Index: 0, Header: "合计/预算数", Measure: "budget", Key: "total", Role: "amount"},
			{Index: 1, Header: "合计/决算数", Measure: "actual", Key: "total", Role: "amount"},
			{Index: 2, Header: "因公出国（境）费/预算数", Measure: "budget", Key: "outbound_travel", Role: "amount"},
			{Index: 3, Header: "因公出国（境）费/决算数", Measure: "actual", Key: "outbound_travel", Role: "amount"},
			{Index: 4, Header: "公务接待费/预算数", Measure: "budget", Key: "reception", Role: "amount"},
			{Index: 5, Header: "公务接待费/决算数", Measure: "actual", Key: "reception", Role: "amount"},
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

// TestSummaryCarryOverOfWhich checks that a 其中 row under the carry-over
// of a summary table breaks it down and is not added again (Xi'an 2019:
// 上年结转 11.61, 其中：财政拨款资金结转 11.61).
func TestSummaryCarryOverOfWhich(t *testing.T) {
	tb := schema.Table{
		ID: "t01", Kind: "budget_summary",
		Columns: []schema.Column{
			{Index: 0, Header: "收入/项目", Key: "name", Role: "name", Side: "income"},
			{Index: 1, Header: "收入/预算数", Key: "total", Role: "amount", Side: "income"},
		},
	}
	rec := func(row int, name, v string) schema.Record {
		r := schema.Record{Row: row, Name: name, Side: "income"}
		if v != "" {
			r.Amounts = []schema.Amount{{Column: 1, Printed: v, Value: v}}
		}
		return r
	}
	tb.Records = []schema.Record{
		rec(0, "一、财政拨款", "3643.37"),
		rec(1, "本年收入合计", "3643.37"),
		rec(2, "上年实户资金余额", "40.93"),
		rec(3, "上年结转", "11.61"),
		rec(4, "其中：财政拨款资金结转", "11.61"),
		rec(5, "收入总计", "3695.91"),
	}
	if s := run(t, tb)["summary_total"]; len(s) != 1 || s[0] != "pass" {
		t.Errorf("summary_total %v, want one pass", s)
	}
	for _, tc := range []struct {
		name    string
		recs    []schema.Record
		outcome string
	}{
		{"numbered breakdown (Shenzhen)", []schema.Record{
			rec(0, "本年收入合计", "1272354.58"),
			rec(1, "上年结余、结转", "1370.60"),
			rec(2, "1.财政拨款结余、结转", "1370.60"),
			rec(3, "2.非财政拨款结余、结转", "0.00"),
			rec(4, "收入总计", "1273725.18"),
		}, "pass"},
		{"unnumbered breakdown (national)", []schema.Record{
			rec(0, "本年收入合计", "19572.91"),
			rec(1, "年初财政拨款结转和结余", "1154.62"),
			rec(2, "一般公共预算财政拨款", "1154.62"),
			rec(3, "政府性基金预算财政拨款", ""),
			rec(4, "总计", "20727.53"),
		}, "pass"},
		{"two carry-over rows that are both terms", []schema.Record{
			rec(0, "本年收入合计", "100.00"),
			rec(1, "上年结转", "10.00"),
			rec(2, "用事业基金弥补收支差额", "10.00"),
			rec(3, "收入总计", "120.00"),
		}, "pass"},
		{"an error stays an error", []schema.Record{
			rec(0, "本年收入合计", "100.00"),
			rec(1, "年初结转", "10.00"),
			rec(2, "一般公共预算财政拨款", "10.00"),
			rec(3, "收入总计", "125.00"),
		}, "fail"},
	} {
		tb.Records = tc.recs
		if s := run(t, tb)["summary_total"]; len(s) != 1 || s[0] != tc.outcome {
			t.Errorf("%s: summary_total %v, want %s", tc.name, s, tc.outcome)
		}
	}
}

// TestHierarchySkipsUnprintedParent checks that rows whose parent is not
// printed (3010201 and 3010202 without a 30102 row) count toward the
// nearest printed ancestor.
func TestHierarchySkipsUnprintedParent(t *testing.T) {
	tb := table(
		schema.Record{Row: 0, Code: "301", Level: 1, Name: "工资福利支出", Amounts: amounts("60.00", "60.00", "")},
		schema.Record{Row: 1, Code: "30101", Level: 2, ParentCode: "301", Name: "基本工资", Amounts: amounts("10.00", "10.00", "")},
		schema.Record{Row: 2, Code: "3010201", Level: 3, ParentCode: "30102", Name: "津贴补贴", Amounts: amounts("30.00", "30.00", "")},
		schema.Record{Row: 3, Code: "3010202", Level: 3, ParentCode: "30102", Name: "改革性补贴", Amounts: amounts("20.00", "20.00", "")},
	)
	got := run(t, tb)
	if s := got["hierarchy"]; len(s) == 0 || s[0] != "pass" {
		t.Errorf("hierarchy %v, want 301 = 30101 + 3010201 + 3010202 to pass", s)
	}
	tb.Records[3].Amounts = amounts("25.00", "25.00", "")
	if s := run(t, tb)["hierarchy"]; len(s) == 0 || s[0] != "fail" {
		t.Errorf("hierarchy %v, want a failure when the items do not add up", s)
	}
}

// TestSummaryBlankCarryOver: a summary whose amounts are all blank (a
// template) records no summary_total and does not fail.
func TestSummaryBlankCarryOver(t *testing.T) {
	tb := schema.Table{
		ID: "t01", Kind: "budget_summary",
		Columns: []schema.Column{
			{Index: 0, Header: "收入/项目", Key: "name", Role: "name", Side: "income"},
			{Index: 1, Header: "收入/预算数", Key: "total", Role: "amount", Side: "income"},
		},
		Records: []schema.Record{
			{Row: 0, Name: "本年收入合计", Side: "income"},
			{Row: 1, Name: "上年结转", Side: "income"},
			{Row: 2, Name: "收入总计", Side: "income"},
		},
	}
	if s := run(t, tb)["summary_total"]; len(s) != 0 {
		t.Errorf("summary_total %v on a blank template", s)
	}
}

// TestMixedPrecision checks the tolerance for an amount printed with fewer
// digits than the others: half a unit of its own last digit, no more.
func TestMixedPrecision(t *testing.T) {
	for _, tc := range []struct {
		total, basic, project, want string
	}{
		{"79189400.34", "79189400", "", "pass"},  // 79189400 is 79189400.34 rounded
		{"79189400.34", "79189399", "", "fail"},  // 1.34 off: no rounding explains it
		{"100.00", "99.97", "0.00", "fail"},      // same precision: 0.03 > 0.02
		{"100.00", "60.00", "40.01", "pass"},     // one unit per part
		{"14348853.34", "14348850", "1", "fail"}, // 2.34 off: more than 0.005 + 0.5 + 0.5
	} {
		tb := table(schema.Record{Row: 0, Name: "行政运行", Amounts: amounts(tc.total, tc.basic, tc.project)})
		if s := run(t, tb)["row_total"]; len(s) != 1 || s[0] != tc.want {
			t.Errorf("%s = %s + %s: %v, want %s", tc.total, tc.basic, tc.project, s, tc.want)
		}
	}
}

// TestFundBalance checks 年初 + 本年收入 − 本年支出 = 年末 on the rows of a
// fund table of a final account.
func TestFundBalance(t *testing.T) {
	tb := schema.Table{
		ID: "t07", Kind: "gov_fund_expenditure",
		Columns: []schema.Column{
			{Index: 0, Header: "科目名称", Key: "name", Role: "name"},
			{Index: 1, Header: "年初结转和结余", Key: "carryover", Role: "amount"},
			{Index: 2, Header: "本年收入", Key: "current_year_income", Role: "amount"},
			{Index: 3, Header: "本年支出/小计", Key: "total", Role: "amount"},
			{Index: 4, Header: "年末结转和结余", Key: "year_end_balance", Role: "amount"},
		},
	}
	row := func(i int, vals ...string) schema.Record {
		var a []schema.Amount
		for k, v := range vals {
			a = append(a, schema.Amount{Column: k + 1, Printed: v, Value: v})
		}
		return schema.Record{Row: i, Name: "合计", Amounts: a}
	}
	tb.Records = []schema.Record{row(0, "12.97", "21.01", "27.46", "6.52"), row(1, "12.97", "21.01", "27.46", "7.52")}
	if s := run(t, tb)["fund_balance"]; len(s) != 2 || s[0] != "pass" || s[1] != "fail" {
		t.Errorf("fund_balance %v, want pass then fail", s)
	}
}

// TestFormChecks checks a self-evaluation form: funds total, 执行率,
// scores against weights and the 总分 row (here without the funds grid's
// own score: the reading that holds is taken).
func TestFormChecks(t *testing.T) {
	num := func(role, printed, value string, placeholder bool) schema.EvaluationNum {
		return schema.EvaluationNum{Role: role, Printed: printed, Value: value, Placeholder: placeholder}
	}
	e := schema.Evaluation{
		ID: "e01", Kind: "project_self_evaluation", ProjectName: "p",
		FundsValues: []schema.EvaluationFunds{
			{Label: "年度资金总额", Cells: []schema.EvaluationNum{num("budget", "350.41", "350.41", false), num("adjusted_budget", "350.41", "350.41", false),
				num("actual", "326.55", "326.55", false), num("weight", "10", "10", false), num("rate", "93.19%", "93.19", false), num("score", "9.32", "9.32", false)}},
			{Label: "其中：当年财政拨款", Cells: []schema.EvaluationNum{num("budget", "300.41", "300.41", false), num("adjusted_budget", "300.41", "300.41", false),
				num("actual", "300.00", "300.00", false), num("weight", "—", "", true), num("rate", "0.0%", "", true), num("score", "—", "", true)}},
			{Label: "上年结转资金", Cells: []schema.EvaluationNum{num("budget", "50.00", "50.00", false), num("adjusted_budget", "50.00", "50.00", false),
				num("actual", "26.55", "26.55", false)}},
		},
		Indicators: []schema.EvalIndicator{
			{Level3: "a", WeightValue: "50", ScoreValue: "50"},
			{Level3: "b", WeightValue: "40", ScoreValue: "41"},
		},
		TotalWeight: "100", TotalScore: "100.32",
	}
	r, err := rules.Parse(cnbudget.DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	got := map[string][]string{}
	for _, c := range checks.Run(&schema.Document{Evaluations: []schema.Evaluation{e}}, r) {
		got[c.Rule] = append(got[c.Rule], c.Status)
	}
	want := map[string][]string{
		"form_funds_total":  {"pass", "pass", "pass"},
		"form_rate":         {"pass"},
		"form_score_weight": {"pass", "pass", "fail"},
		"form_total_weight": {"pass"},
		"form_total_score":  {"pass"},
		"form_weight_100":   {"pass"},
	}
	for rule, w := range want {
		if fmt.Sprint(got[rule]) != fmt.Sprint(w) {
			t.Errorf("%s: %v, want %v", rule, got[rule], w)
		}
	}
}
