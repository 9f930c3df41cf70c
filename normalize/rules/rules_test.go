package rules_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/cnbudget/cnbudget"
	"github.com/cnbudget/cnbudget/normalize/rules"
)

func mustRules(t *testing.T) *rules.Rules {
	t.Helper()
	r, err := rules.Parse(cnbudget.DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestTitleKind(t *testing.T) {
	r := mustRules(t)
	for _, c := range []struct{ line, kind string }{
		{"部门预算收支总表", "budget_summary"},
		{"2026年部门财务收支预算总表", "budget_summary"},
		{"收支总体情况表", "budget_summary"},
		{"部门预算收入总表", "revenue"},
		{"2026年度收入预算总表", "revenue"},
		{"收入总表", "revenue"},
		{"部门预算支出总表", "expenditure"},
		{"支出决算表", "expenditure"},
		{"部门预算财政拨款收支总表", "appropriation_summary"},
		{"财政拨款收入支出决算总表", "appropriation_summary"},
		{"部门预算一般公共预算财政拨款支出表", "general_budget_expenditure"},
		{"2026年部门一般公共预算支出功能分类预算表", "general_budget_expenditure"},
		{"一般公共预算支出预算表（功能科目）", "general_budget_expenditure"},
		{"部门预算一般公共预算财政拨款基本支出表", "basic_expenditure"},
		{"2026年部门一般公共预算基本支出部门预算经济分类预算表", "basic_expenditure"},
		{"一般公共预算支出表（按经济分类）", "general_budget_expenditure_econ"},
		{"2026年度一般公共预算支出经济分类情况表", "general_budget_expenditure_econ"},
		{"部门预算政府性基金预算财政拨款支出表", "gov_fund_expenditure"},
		{"部门预算国有资本经营预算财政拨款支出表", "state_capital_expenditure"},
		{"部门预算财政拨款“三公”经费支出表", "three_public"},
		{"2026年部门“三公”经费和机关运行经费预算表", "three_public"},
		{"财政拨款支出预算表（功能科目）", "appropriation_expenditure_func"},
		{"财政拨款基本支出预算表（经济科目）", "appropriation_basic_econ"},
		{"基本支出总表", "basic_expenditure_summary"},
		{"项目支出总表", "project_expenditure_summary"},
		{"1、廊财金【2022】34号关于提前下达中央2023年普惠金融发展专项资金预算的通知绩效目标表", "project_performance"},
		{"部门政府采购预算", "procurement"},
		{"部门固定资产占用情况表", "fixed_assets"},
		{"部门机构设置情况", "institutions"},
		// The specification's annexes.
		{"项目支出绩效目标表", "project_performance"},
		// Changchun calls every table 预算表 N, this one twice a 表.
		{"长春市信访局 2026 年项目支出绩效目标表预算表（预算表 11）", "project_performance"},
		{"部门整体支出绩效目标表", "dept_performance"},
		{"政府采购预算明细表", "gov_procurement"},
		{"政府采购预算表", "gov_procurement"},
		// Numbered as every table of the document is (Jiangsu): its title,
		// whatever the number.
		{"十二、2017 年江苏省高级人民法院部门政府采购预算表", "gov_procurement"},
		{"十二、政府采购支出预算表", "gov_procurement"},
		{"政府购买服务预算财政拨款明细表", "gov_purchase_services"},
		{"项目支出表", "project_expenditure"},
		// Xi'an's tables by economic class, its basic one by class apart.
		{"2022 年部门综合预算一般公共预算支出明细表（按经济分类科目分）", "general_budget_expenditure_econ"},
		{"2021年部门综合预算一般公共预算支出明细表（按支出经济分类科目-不含上年结转）", "general_budget_expenditure_econ"},
		{"2021年部门综合预算一般公共预算基本支出明细表（按支出经济分类科目-不含上年结转）", "basic_expenditure"},
		{"2022 年部门综合预算一般公共预算支出明细表（按功能科目分）", "general_budget_expenditure"},
		{"一般公共预算项目支出情况表（按经济分类科目）", "general_budget_expenditure"},
		// Jiangsu's titles with the department's name before them.
		{"五、2017 年度江苏省高级人民法院部门财政拨款支出预算表", "appropriation_expenditure_func"},
		{"六、2018 年度江苏省高级人民法院财政拨款基本支出预算表", "appropriation_basic_econ"},
		// Guangdong's template (Guangzhou, Zhuhai), as Shenzhen's 基本支出总表 and
		// 项目支出总表: by unit, class or project, and source.
		{"部门预算基本支出预算表", "basic_expenditure_summary"},
		{"部门预算项目支出及其他支出预算表", "project_expenditure_summary"},
		// Xi'an: one row per project.
		{"2022 年部门综合预算专项业务经费支出表", "project_expenditure"},
		{"2021年部门综合预算专项业务经费支出表(不含上年结转)", "project_expenditure"},
		{"2021年度基本支出决算表", "basic_expenditure"},
		{"部门一般公共预算拨款表", "general_budget_expenditure"},
		{"基本支出预算总表", "basic_expenditure_summary"},
		{"基本支出预算情况表", "basic_expenditure_by_source"},
		// Not titles.
		{"七、政府采购预算情况", ""},
		{"一、部门职责及机构设置情况", ""},
		{"收支预算总表支出栏、基本支出表、项目支出表按经济分类和支出功能分类科目编制，反映永清县人力资源和社会保障局年度部门预算中支出预算的总体情况。", ""},
		{"部门预算收支总表..........1", ""},
		{"收支预算总表支出栏、基本支出表、项目支出表按经济分类和支出功能分类科目编制", ""},
		{"2026年部门收入预算总表（单位：万元）", "revenue"},
		{"一般公共预算支出表（按经济分类）", "general_budget_expenditure_econ"},
	} {
		if got := r.TitleKind(c.line); got != c.kind {
			t.Errorf("TitleKind(%q) = %q, want %q", c.line, got, c.kind)
		}
	}
}

func TestMeta(t *testing.T) {
	r := mustRules(t)
	for _, c := range []struct {
		text string
		want rules.Meta
	}{
		{"单位：万元", rules.Meta{Unit: "万元"}},
		{"编制部门：上海市普陀区司法局        单位：元", rules.Meta{Dept: "上海市普陀区司法局", Unit: "元"}},
		{"预算年度：2024", rules.Meta{Year: "2024"}},
		{"316 永清县人力资源和社会保障局", rules.Meta{Dept: "永清县人力资源和社会保障局", DeptCode: "316"}},
		{"截止时间：2023-12-31", rules.Meta{AsOf: true}},
		// The name ends at a table number, a year or a unit wrapped from
		// the line above.
		{"部门：淅川县民政局 公开01表 金额单位：万元", rules.Meta{Dept: "淅川县民政局", Unit: "万元"}},
		{"编制单位：滦平县应急管理局 2021 年度 金额单位：万元", rules.Meta{Dept: "滦平县应急管理局", Year: "2021", Unit: "万元"}},
		{"编制部门：某某县财政局 附表3", rules.Meta{Dept: "某某县财政局"}},
		{"部门名称：江苏省高级人民法院 元", rules.Meta{Dept: "江苏省高级人民法院"}},
		// Yantai labels its department line 部门（单位）.
		{"部门（单位）：烟台市民政局 单位：万元", rules.Meta{Dept: "烟台市民政局", Unit: "万元"}},
		{"部门(单位)：烟台市统计局", rules.Meta{Dept: "烟台市统计局"}},
		// The table's number on a line of its own declares nothing but
		// is a meta line, never a row.
		{"公开 03 表", rules.Meta{}},
		{"表6", rules.Meta{}},
		{"附表14-2", rules.Meta{}},
		{"预算01表", rules.Meta{}},
		{"表十二", rules.Meta{}},
		{"公开表9", rules.Meta{}},
		// A year part clipped at both ends by its cell declares no year.
		{"算年度：20", rules.Meta{}},
	} {
		got, ok := r.MetaText(c.text)
		if !ok || got != c.want {
			t.Errorf("MetaText(%q) = %+v %v, want %+v", c.text, got, ok, c.want)
		}
	}
	for _, s := range []string{"价值（金额单位：万元）", "合计", "208 社会保障和就业支出 24901.46", "3", "表3 部门支出总表", "2021年"} {
		if m, ok := r.MetaText(s); ok {
			t.Errorf("MetaText(%q) = %+v, want no match", s, m)
		}
	}
	if !r.IsFurniture("第 3 页", false) || !r.IsFurniture("- 12 -", false) || r.IsFurniture("合计", true) {
		t.Error("IsFurniture")
	}
	if r.IsFurniture("24", false) || !r.IsFurniture("24", true) {
		t.Error("a bare number is furniture only in the margins")
	}
	if !r.IsNote("注：无政府基金预算财政拨款预算，空表列示。") {
		t.Error("IsNote")
	}
	if k := r.ColumnKey("项目金额"); k != "total" {
		t.Errorf("ColumnKey(项目金额) = %q, want total (Xi'an's one row per project)", k)
	}
	if k := r.ColumnKey("基本 支出"); k != "basic" {
		t.Errorf("ColumnKey = %q", k)
	}
}

func TestIndicatorTarget(t *testing.T) {
	r := mustRules(t)
	for _, tc := range []struct {
		in   string
		want rules.Target
		ok   bool
	}{
		{"≥300人", rules.Target{Comparator: ">=", Number: "300", Unit: "人"}, true},
		{"≥95%", rules.Target{Comparator: ">=", Number: "95", Unit: "%"}, true},
		{"≥95 百分比", rules.Target{Comparator: ">=", Number: "95", Unit: "%"}, true},
		{"＞92%", rules.Target{Comparator: ">", Number: "92", Unit: "%"}, true},
		{"=100%", rules.Target{Comparator: "=", Number: "100", Unit: "%"}, true},
		{"≤147.14万元", rules.Target{Comparator: "<=", Number: "147.14", Unit: "万元"}, true},
		{"≤9001084元", rules.Target{Comparator: "<=", Number: "9001084", Unit: "元"}, true},
		{"≤207.36 万元", rules.Target{Comparator: "<=", Number: "207.36", Unit: "万元"}, true},
		{"不低于90%", rules.Target{Comparator: ">=", Number: "90", Unit: "%"}, true},
		{"100%", rules.Target{Number: "100", Unit: "%"}, true},
		{"1,200份", rules.Target{Number: "1200", Unit: "份"}, true},
		{"12月底", rules.Target{Month: 12}, true},
		{"12 月底", rules.Target{Month: 12}, true},
		{"2024年6月30日前", rules.Target{Month: 6}, true},
		{"保障", rules.Target{}, false},
		{"按照规定时间内完成", rules.Target{}, false},
		{"≥95%以上的群众满意度水平", rules.Target{}, false},
		{"", rules.Target{}, false},
	} {
		got, ok := r.IndicatorTarget(tc.in)
		if ok != tc.ok || got != tc.want {
			t.Errorf("IndicatorTarget(%q) = %+v, %v; want %+v, %v", tc.in, got, ok, tc.want, tc.ok)
		}
	}
}

// TestTitleKindQualifier: a greedy title pattern that runs past the
// title into a bracketed qualifier holding 表 still matches the title.
func TestTitleKindQualifier(t *testing.T) {
	r := mustRules(t)
	for in, want := range map[string]string{
		"本年一般公共预算支出表（预算表 5）":       "general_budget_expenditure",
		"本年一般公共预算基本支出表(预算表 6)":     "basic_expenditure",
		"本年一般公共预算“三公”经费支出表(预算表 7)": "three_public",
		"本年政府性基金预算支出表(预算表 8)":      "gov_fund_expenditure",
	} {
		if got := r.TitleKind(in); got != want {
			t.Errorf("TitleKind(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestParagraphIndicators(t *testing.T) {
	r, err := rules.Parse(cnbudget.DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	got := r.ParagraphIndicators("1、1-产出指标；11-数量指标；会议活动保障次数；实施周期指标值:每年≥20场；年度指标值:每年≥20场。2、1-产出指标；12 -质量指标；咨询事项一次性解答率.；实施周期指标值:≥85%；年度指标值:≥85%。")
	want := []rules.ParagraphIndicator{
		{Level1: "产出指标", Level2: "数量指标", Level3: "会议活动保障次数", Description: "实施周期指标值:每年≥20场", Value: "每年≥20场"},
		{Level1: "产出指标", Level2: "质量指标", Level3: "咨询事项一次性解答率.", Description: "实施周期指标值:≥85%", Value: "≥85%"},
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("got  %+v\nwant %+v", got, want)
	}
	if !r.IsIndicatorParagraphColumn("绩效指标") || r.IsIndicatorParagraphColumn("绩效目标") {
		t.Error("column")
	}
}

// TestTitleKindSpecAliases reads the title aliases of the team's table
// specification (../shared/specs/table_specs.json) and wants each typed as
// the kind it names: a region's name for a standard table is never
// `other`, nor another table's kind.
func TestTitleKindSpecAliases(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join("..", "..", "..", "shared", "specs", "table_specs.json"))
	if err != nil {
		t.Skip("../shared/specs/table_specs.json not found: the specification's aliases are not checked")
	}
	var spec map[string]json.RawMessage
	if err := json.Unmarshal(raw, &spec); err != nil {
		t.Fatal(err)
	}
	// The specification's table ids (B1 … B9 of a budget, F1 … F9 of a
	// final account) and ours.
	kinds := map[string]string{
		"1": "budget_summary", "2": "revenue", "3": "expenditure", "4": "appropriation_summary",
		"5": "general_budget_expenditure", "6": "basic_expenditure", "7": "three_public",
		"8": "gov_fund_expenditure", "9": "state_capital_expenditure",
	}
	r := mustRules(t)
	n := 0
	for _, part := range []string{"budget", "final"} {
		var tables map[string]json.RawMessage
		if err := json.Unmarshal(spec[part], &tables); err != nil {
			t.Fatal(err)
		}
		for id, body := range tables {
			var tb struct {
				Aliases []string `json:"aliases"`
			}
			if json.Unmarshal(body, &tb) != nil || len(id) < 2 {
				continue // a list of annexes, not a table
			}
			want, ok := kinds[id[1:2]]
			if !ok {
				t.Errorf("%s: table id not known to this test", id)
				continue
			}
			for _, a := range tb.Aliases {
				n++
				if got := r.TitleKind(a); got != want {
					t.Errorf("%s alias %q: kind %q, want %q", id, a, got, want)
				}
			}
		}
	}
	if n < 40 {
		t.Errorf("only %d aliases read from the specification", n)
	}
}

// The values of the first indicator level, as the configuration gives
// them, open an indicator's row; other indicator words do not.
func TestLevel1Value(t *testing.T) {
	r := mustRules(t)
	for s, want := range map[string]bool{
		"产出指标": true, "效益指标": true, "满意度指标": true, "成本指标": true, " 产出 指标": true,
		"一级指标": false, "数量指标": false, "社会效益指标": false, "产出指标完成率": false,
	} {
		if got := r.IsLevel1Value(s); got != want {
			t.Errorf("IsLevel1Value(%q) = %v, want %v", s, got, want)
		}
	}
}

// TestProjectField: a preamble label is read without the colon and the
// unit printed after it, in the national template's wording and the
// regions' (Yantai 年度预算资金总额, Xi'an 实施期资金总额, Shanghai 年度资金申
// 请总额, 主管部门及代码).
func TestProjectField(t *testing.T) {
	r := mustRules(t)
	for s, want := range map[string]string{
		"项目名称":        "name",
		"年度资金总额：":     "amount",
		"年度资金总额：（万元）": "amount",
		"年度预算资金总额：":   "amount",
		"实施期资金总额：":    "amount",
		"年度资金申请总额":    "amount",
		"其中：财政拨款（万元）": "fiscal",
		"其中：当年财政拨款":   "fiscal",
		"财政拨款：":       "fiscal",
		"其他资金（万元）":    "other",
		"上年结转资金":      "carryover",
		"主管部门及代码":     "department",
		"项目类别":        "category",
		"计划开始日期":      "start",
		"计划完成日期":      "end",
		"实施期限":        "period",
		"资金金额（万元）":    "amount",
		"：":           "",
		"执行率分值（10）":   "execution_weight",
		"资金用途":        "",
	} {
		if got := r.ProjectField(s); got != want {
			t.Errorf("ProjectField(%q) = %q, want %q", s, got, want)
		}
	}
}

// TestProjectBlock: the labels of a form's free-text blocks, the goal's
// as the regions print it (项目实施期目标, Quanzhou; 实施期总目标, Xi'an).
func TestProjectBlock(t *testing.T) {
	r := mustRules(t)
	for s, want := range map[string]string{
		"年度绩效目标": "goal", "总体目标": "goal", "项目实施期目标": "goal", "实施期总目标": "goal",
		"资金用途": "purpose", "项目概况": "purpose",
		"实施期资金总额": "", "一级指标": "",
	} {
		if got := r.ProjectBlock(s); got != want {
			t.Errorf("ProjectBlock(%q) = %q, want %q", s, got, want)
		}
	}
}
