package tables

import (
	"testing"

	"github.com/cnbudget/cnbudget"
	"github.com/cnbudget/cnbudget/normalize/rules"
)

func testRules(t *testing.T) *rules.Rules {
	t.Helper()
	r, err := rules.Parse(cnbudget.DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestIsNumber(t *testing.T) {
	for s, want := range map[string]bool{
		"24487.92": true, "14,348,853.34": true, "-58.69": true, "0.00": true, "3416": true, "95%": true,
		"": false, "-": false, "1.": false, ".5": false, "1,": false, "合计": false, "2080101 行政运行": false,
		"1.2.3": false, "12月底": false,
	} {
		if got := IsNumber(s); got != want {
			t.Errorf("IsNumber(%q) = %v", s, got)
		}
	}
}

func TestIndexRow(t *testing.T) {
	r := testRules(t)
	for _, c := range []struct {
		cells []string
		want  bool
	}{
		{[]string{"栏次", "1", "2", "3", "4"}, true},
		{[]string{"", "", "1", "2", "3"}, true},
		{[]string{"甲", "乙", "1", "2", "3"}, true},
		{[]string{"1", "208", "社会保障和就业支出", "24901.46"}, false},
		{[]string{"1", "2"}, false},
		{[]string{"1", "3", "2"}, false},
	} {
		if got := isIndexRow(r, c.cells); got != c.want {
			t.Errorf("isIndexRow(%q) = %v", c.cells, got)
		}
	}
}

func TestDataRow(t *testing.T) {
	r := testRules(t)
	for _, c := range []struct {
		cells []string
		want  bool
	}{
		{[]string{"", "", "合计", "一般公共预算财政拨款"}, false}, // a header row: 合计 names a column
		{[]string{"合计", "", ""}, true},
		{[]string{"", "一、一般公共服务支出", ""}, true},
		{[]string{"项目", "预算数"}, false},
		{[]string{"资产总额", "3416", "907.80"}, true},
		// A group label opening with a year, cut at a column edge when
		// read without rules: header.
		{[]string{"", "", "2026", "年政府采购项目", ""}, false},
		{[]string{"", "2026", "2026", "年"}, true},
		{[]string{"", "2026", "", ""}, true},
		{[]string{"第三部分", "2024", "年度部门决算"}, true}, // a year after text: not the header's case
	} {
		if got := isDataRow(r, c.cells); got != c.want {
			t.Errorf("isDataRow(%q) = %v", c.cells, got)
		}
	}
}

func TestSameCells(t *testing.T) {
	a := []string{"序号", "功能分类科目", "", "合计", "本年收入", "", "上年结转", ""}
	b := []string{"序号", "功能分类科目", "", "合计", "本年收入", "", "", "上年结转"}
	if !sameCells(a, b) {
		t.Error("swapped header not recognised")
	}
	if sameCells(a, []string{"序号", "功能分类科目"}) {
		t.Error("partial row taken for the header")
	}
}
