package normalize

import (
	"fmt"
	"testing"

	"github.com/cnbudget/cnbudget"
	"github.com/cnbudget/cnbudget/normalize/codes"
	"github.com/cnbudget/cnbudget/normalize/rules"
	"github.com/cnbudget/cnbudget/normalize/tables"
	"github.com/cnbudget/cnbudget/schema"
)

// TestThreeCodeColumns checks that 类 | 款 | 项 columns join into the code,
// and that a 款 printed without its leading zero (a spreadsheet that stored
// 02 as the number 2) is read as 02.
func TestThreeCodeColumns(t *testing.T) {
	cols := []schema.Column{
		{Index: 0, Key: "code_class", Role: roleCode},
		{Index: 1, Key: "code_item", Role: roleCode},
		{Index: 2, Key: "name", Role: roleName},
		{Index: 3, Key: "total", Role: roleAmount},
	}
	tb := &tables.Table{Kind: "basic_expenditure", Rows: [][]string{
		{"301", "", "工资福利支出", "100"},
		{"301", "01", "基本工资", "60"},
		{"301", "2", "津贴补贴", "40"},
	}, RowPages: []int{1, 1, 1}}
	recs := records(tb, cols, "元")
	want := []struct{ code, parent, item string }{{"301", "", ""}, {"30101", "301", "01"}, {"30102", "301", "02"}}
	if len(recs) != len(want) {
		t.Fatalf("got %d records", len(recs))
	}
	for i, w := range want {
		if recs[i].Code != w.code || recs[i].ParentCode != w.parent || recs[i].Item != w.item {
			t.Errorf("record %d: code %q parent %q item %q, want %+v", i, recs[i].Code, recs[i].ParentCode, recs[i].Item, w)
		}
	}
	if got := tb.Rows[2][1]; got != "2" {
		t.Errorf("the printed cell changed to %q", got)
	}
}

func TestFileYear(t *testing.T) {
	for _, tc := range []struct {
		path string
		want int
	}{
		{"/data/2026年北京市气象局部门预算.pdf", 2026},
		{"r030_beijing_meteorology_2026_dept-budget-tables.pdf", 2026},
		{"archive.zip!/西安/2019年部门综合预算.pdf", 2019},
		{"2025年预算执行情况和2026年预算.pdf", 0}, // two years
		{"c8a2019f.pdf", 0}, // inside a hash
		{"部门预算.pdf", 0},
		{"2026-2026.pdf", 2026},
		{"files/12345.pdf", 0},
	} {
		if got, _ := fileYear(tc.path); got != tc.want {
			t.Errorf("fileYear(%q) = %d, want %d", tc.path, got, tc.want)
		}
	}
}

// TestSidesSkipEmptyTextColumns: an unruled summary table whose group
// label is letter-spaced (收 入) gains columns that hold nothing in any
// row; they do not open the expenditure side, so the income amount stays
// with the income item.
func TestSidesSkipEmptyTextColumns(t *testing.T) {
	cols := []schema.Column{
		{Index: 0, Header: "项目", Key: "name", Role: roleName},
		{Index: 1, Header: "收", Role: roleText},
		{Index: 2, Header: "入", Role: roleText},
		{Index: 3, Header: "预算数", Key: "total", Role: roleAmount},
		{Index: 4, Header: "项目", Key: "name", Role: roleName},
		{Index: 5, Header: "支出", Role: roleText},
		{Index: 6, Header: "预算数", Key: "total", Role: roleAmount},
	}
	tb := &tables.Table{Kind: "budget_summary", Rows: [][]string{
		{"一、一般公共预算拨款收入", "", "", "17,921.44", "一、一般公共服务支出", "", ""},
		{"", "", "", "", "十一、城乡社区支出", "", "4,256.00"},
	}, RowPages: []int{1, 1}}
	assignSides(tb, cols)
	for _, c := range cols {
		want := "income"
		if c.Index >= 4 {
			want = "expenditure"
		}
		if c.Side != want {
			t.Errorf("column %d %s: side %q, want %q", c.Index, c.Header, c.Side, want)
		}
	}
	got := map[string]string{}
	for _, r := range records(tb, cols, "万元") {
		for _, a := range r.Amounts {
			got[r.Side+" "+r.Name] = a.Value
		}
	}
	want := map[string]string{"income 一、一般公共预算拨款收入": "17921.44", "expenditure 十一、城乡社区支出": "4256.00"}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("amounts %v, want %v", got, want)
	}
}

// TestYearIsNoCode: a name that opens with a year (2025 年…资金, a
// project) keeps it; a code fused with its name is still split off.
func TestYearIsNoCode(t *testing.T) {
	cols := []schema.Column{
		{Index: 0, Key: "name", Role: roleName},
		{Index: 1, Key: "total", Role: roleAmount},
	}
	tb := &tables.Table{Kind: "expenditure", Rows: [][]string{
		{"2025 年超长期特别国债支持地方消费品以旧换新资金", "19.10"},
		{"2011301 行政运行", "4,967.40"},
		{"2026高质量发展行动——租赁和商务服务业项目", "400.00"},
	}, RowPages: []int{1, 1, 1}}
	recs := records(tb, cols, "万元")
	var got []string
	for _, r := range recs {
		got = append(got, r.Code+"|"+r.Name)
	}
	want := []string{"|2025年超长期特别国债支持地方消费品以旧换新资金", "2011301|行政运行", "|2026高质量发展行动——租赁和商务服务业项目"}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("got %q, want %q", got, want)
	}
}

// TestTotalUnderCodeGroup: a 合计 column read under the 科目编码 label
// (an unruled header whose group label sits on a line of its own) holds
// the totals; in an empty table, where 合计 is the total row's label read
// into the header, the column stays the code column.
func TestTotalUnderCodeGroup(t *testing.T) {
	r, err := rules.Parse(cnbudget.DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	header := [][]string{
		{"", "科目编码", "", "", "", ""},
		{"", "", "", "科目名称", "合计", "基本支出"},
		{"类", "款", "项", "", "", ""},
	}
	full := &tables.Table{Kind: "expenditure", Header: header, Rows: [][]string{{"205", "", "", "教育支出", "16.00", "1.50"}}, RowPages: []int{1}}
	if cols := columns(full, r, "budget", 2026); cols[4].Key != "total" || cols[4].Role != roleAmount {
		t.Errorf("合计 over amounts (%s): key %q role %q, want total amount", cols[4].Header, cols[4].Key, cols[4].Role)
	}
	empty := &tables.Table{Kind: "gov_fund_expenditure", Header: [][]string{{"功能分类科目编码", "科目名称", "本年支出"}, {"合计", "", "合计"}}}
	if cols := columns(empty, r, "final_account", 2024); cols[0].Key != "code" {
		t.Errorf("合计 under 功能分类科目编码 in an empty table: key %q, want code", cols[0].Key)
	}
}

// TestUnitIsNoCodeLabel: an indicator whose unit of measure is 类 (33
// categories) or 项 does not make its column a 类/款/项 code column; a
// header row read as body that names 类 and 款 does.
func TestUnitIsNoCodeLabel(t *testing.T) {
	r, err := rules.Parse(cnbudget.DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	list := &tables.Table{Kind: "project_performance_list",
		Header: [][]string{{"项目名称", "三级指标", "本年绩效指标值", "绩效度量单位"}},
		Rows:   [][]string{{"食品安全抽检", "抽检样本数量", "70000", "批次"}, {"", "抽检食品品种", "33", "类"}}, RowPages: []int{1, 1}}
	if cols := columns(list, r, "budget", 2026); cols[3].Key != "" || cols[3].Role == roleCode {
		t.Errorf("unit column: key %q role %q, want no key and no code", cols[3].Key, cols[3].Role)
	}
	codes := &tables.Table{Kind: "expenditure",
		Header: [][]string{{"科目编码", "", "科目名称", "合计"}},
		Rows:   [][]string{{"类", "款", "", ""}, {"208", "01", "人力资源事务", "10.00"}}, RowPages: []int{1, 1}}
	if cols := columns(codes, r, "budget", 2026); cols[0].Key != "code_class" || cols[1].Key != "code_item" {
		t.Errorf("类 | 款 read as body: keys %q %q, want code_class code_item", cols[0].Key, cols[1].Key)
	}
}

// TestIndicatorValuesAreNoMoney: a performance list's target values
// (70000 批次, 100 %) are counts in their row's own unit: no 万元, no yuan.
func TestIndicatorValuesAreNoMoney(t *testing.T) {
	r, err := rules.Parse(cnbudget.DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	tb := &tables.Table{Kind: "project_performance_list", Unit: "万元",
		Header: [][]string{{"项目名称", "项目总额", "三级指标", "本年绩效指标值", "绩效度量单位"}},
		Rows: [][]string{
			{"食品安全抽检监测服务", "11,700.000000", "抽检样本数量", "70000", "批次"},
			{"", "", "任务完成率", "100", "%"},
		}, RowPages: []int{1, 1}}
	cols := columns(tb, r, "budget", 2026)
	if cols[3].Key != "indicator_value" || cols[3].Role != roleCount {
		t.Fatalf("indicator column: key %q role %q, want indicator_value count", cols[3].Key, cols[3].Role)
	}
	if cols[1].Role != roleAmount {
		t.Errorf("项目总额: role %q, want amount", cols[1].Role)
	}
	recs := records(tb, cols, "万元")
	for _, a := range recs[0].Amounts {
		if a.Column == 3 && (a.Unit != "" || a.Yuan != "") {
			t.Errorf("target 70000 批次 read as money: %+v", a)
		}
		if a.Column == 1 && a.Yuan != "117000000" {
			t.Errorf("项目总额: %+v, want 117000000 yuan", a)
		}
	}
}

// The names beside classification codes are compared with the reference
// list; the codes of a table listing the department's units (部门代码 302)
// are no classification codes and are not.
func TestCodeWarningsSkipUnitCodes(t *testing.T) {
	r, err := rules.Parse(cnbudget.DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	list, err := codes.Default()
	if err != nil {
		t.Fatal(err)
	}
	table := func(header string) schema.Table {
		return schema.Table{ID: "t02", Kind: "revenue",
			Columns: []schema.Column{{Index: 0, Header: header, Role: roleCode}, {Index: 1, Header: "部门名称", Role: roleName}},
			Records: []schema.Record{{Row: 1, Code: "302", Name: "无锡市发展和改革委员会"}}}
	}
	if w := codeWarnings([]schema.Table{table("科目编码")}, list, r); len(w) != 1 {
		t.Errorf("a classification code named otherwise: warnings %q, want one", w)
	}
	for _, h := range []string{"部门代码", "单位编码", "预算单位代码"} {
		if w := codeWarnings([]schema.Table{table(h)}, list, r); len(w) != 0 {
			t.Errorf("%s: warnings %q, want none", h, w)
		}
	}
}
