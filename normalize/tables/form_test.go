package tables

import (
	"strings"
	"testing"

	"github.com/cnbudget/cnbudget/extract"
)

// formLine builds an unruled form row from (x0, x1, text) triples.
func formLine(cells ...any) formRow {
	var u formRow
	for i := 0; i+2 < len(cells); i += 3 {
		x0, x1 := float64(cells[i].(int)), float64(cells[i+1].(int))
		u.cells = append(u.cells, formCell{cells[i+2].(string), extract.Box{X0: x0, X1: x1, Y0: 0, Y1: 10}})
	}
	return u
}

// columnOf returns the header of the column a cell at x0..x1 goes to.
func columnOf(cols []formCol, x0, x1 int) string {
	k := colAt(cols, extract.Box{X0: float64(x0), X1: float64(x1)})
	if k < 0 {
		return ""
	}
	return cols[k].header
}

func TestUnruledFormColumns(t *testing.T) {
	for _, tc := range []struct {
		name   string
		header formRow
		rows   []formRow
		cells  map[[2]int]string // cell → header of its column
	}{{
		// Chromium, rules not drawn: the wide labels fill their cells
		// (text begins under them), the narrow ones are centred, and
		// the figures under those begin left of them.
		name: "centred narrow labels",
		header: formLine(80, 124, "一级指标", 131, 176, "二级指标", 183, 238, "三级指标", 257, 312, "年度指标值",
			320, 375, "实际完成值", 388, 410, "分值", 432, 454, "得分", 471, 548, "偏差原因分析及改进措施"),
		rows: []formRow{
			formLine(131, 175, "数量指标", 183, 248, "食品抽检批次", 257, 303, "≥4354批次", 319, 366, "4680批次", 382, 394, "20", 422, 434, "20", 470, 481, "无"),
			formLine(131, 175, "质量指标", 183, 248, "抽检任务完成率", 257, 290, "≥95%", 319, 347, "100%", 382, 393, "10", 422, 433, "10", 470, 481, "无"),
		},
		cells: map[[2]int]string{{382, 394}: "分值", {422, 434}: "得分", {257, 303}: "年度指标值", {470, 481}: "偏差原因分析及改进措施"},
	}, {
		// LibreOffice Writer: labels at the left of their cells, figures
		// right-aligned, ending before the next label; the goals' text
		// runs across the columns and parts nothing.
		name:   "left labels, right-aligned figures",
		header: formLine(194, 234, "年初预算数", 262, 302, "全年预算数", 321, 361, "全年执行数", 379, 395, "分值", 416, 440, "执行率", 461, 477, "得分"),
		rows: []formRow{
			formLine(98, 146, "年度资金总额", 233, 259, "117.15", 291, 317, "153.27", 349, 375, "153.27", 379, 388, "10", 416, 448, "100.00%", 516, 537, "10.00"),
			formLine(98, 146, "上年结转资金", 242, 259, "0.00", 300, 317, "0.00", 359, 375, "0.00", 379, 387, "—", 416, 424, "—", 461, 469, "—"),
			formLine(98, 314, "开展农村公益电影放映，丰富农民群众文化生活。预期完成放", 320, 522, "项目按计划实施，全年执行 153.27 万元"),
		},
		cells: map[[2]int]string{{242, 259}: "年初预算数", {300, 317}: "全年预算数", {359, 375}: "全年执行数", {416, 448}: "执行率", {516, 537}: "得分"},
	}} {
		t.Run(tc.name, func(t *testing.T) {
			s := &section{stage: formIndicators}
			for _, c := range tc.header.cells {
				s.cols = append(s.cols, formCol{header: c.text, x0: c.X0, x1: c.X1})
			}
			s.rows = tc.rows
			cols := s.columns()
			for at, want := range tc.cells {
				if got := columnOf(cols, at[0], at[1]); got != want {
					t.Errorf("cell at %d–%d goes under %q, want %q", at[0], at[1], got, want)
				}
			}
		})
	}
}

// TestSplitLabels: LibreOffice Calc sets a form's labels so close to their
// values, rules removed, that each line reads as one piece.
func TestSplitLabels(t *testing.T) {
	r := testRules(t)
	for _, tc := range []struct {
		in   formRow
		want []string
	}{
		{formLine(84, 168, "项目名称高龄老人津贴"), []string{"项目名称", "高龄老人津贴"}},
		{formLine(84, 184, "实施单位淅川县民政局本级"), []string{"实施单位", "淅川县民政局本级"}},
		{formLine(120, 312, "预期目标为80周岁以上老年人发放高龄津贴。", 323, 515, "实际完成情况项目按计划实施"),
			[]string{"预期目标", "为80周岁以上老年人发放高龄津贴。", "实际完成情况", "项目按计划实施"}},
		// A label alone, a value alone, a label with nothing after it.
		{formLine(84, 116, "项目名称", 120, 168, "高龄老人津贴"), []string{"项目名称", "高龄老人津贴"}},
		{formLine(84, 116, "主管部门："), []string{"主管部门："}},
		{formLine(120, 312, "发放津贴人数达到预期目标"), []string{"发放津贴人数达到预期目标"}},
	} {
		got := cellTexts(splitLabels(r, tc.in.cells))
		if strings.Join(got, "|") != strings.Join(tc.want, "|") {
			t.Errorf("%q: got %q, want %q", cellTexts(tc.in.cells), got, tc.want)
		}
	}
	// The value begins where the label ends, in proportion.
	cs := splitLabels(r, formLine(84, 184, "项目名称高龄老人津贴").cells)
	if len(cs) != 2 || cs[0].X1 != cs[1].X0 || cs[0].X1 != 124 {
		t.Errorf("boxes %+v", cs)
	}
}

// TestSplitColumnLabels: LibreOffice Writer, rules removed, sets the funds
// grid's labels so close that three read as one piece.
func TestSplitColumnLabels(t *testing.T) {
	r := testRules(t)
	row := formLine(196, 248, "年初预算数", 266, 406, "全年预算数全年执行数分值", 422, 454, "执行率", 468, 489, "得分")
	got := splitColumnLabels(r, row.cells)
	if want := "年初预算数|全年预算数|全年执行数|分值|执行率|得分"; strings.Join(cellTexts(got), "|") != want {
		t.Fatalf("cells %q, want %s", cellTexts(got), want)
	}
	if got[1].X0 != 266 || got[3].X1 != 406 || got[1].X1 != got[2].X0 || got[2].X1 != got[3].X0 {
		t.Errorf("boxes %+v", got[1:4])
	}
	// A row with figures, and text that is no run of labels, stay whole.
	for _, u := range []formRow{
		formLine(99, 162, "年度资金总额", 242, 263, "8.01"),
		formLine(99, 183, "其中：当年财政拨款全年"),
	} {
		if got := splitColumnLabels(r, u.cells); len(got) != len(u.cells) {
			t.Errorf("%q parted into %q", cellTexts(u.cells), cellTexts(got))
		}
	}
}

// TestFigureFields: figures of two columns set close enough to be one run
// (9.99 10; 197.30 万元 10) are one piece each, with their unit, over their
// own glyphs.
func TestFigureFields(t *testing.T) {
	g := func(s string, x0 float64) extract.Glyph {
		return extract.Glyph{Text: s, Box: extract.Box{X0: x0, X1: x0 + 5, Y0: 0, Y1: 10}}
	}
	r := extract.Run{Text: "9.99 10", Box: extract.Box{X0: 361, X1: 396, Y0: 0, Y1: 10},
		Glyphs: []extract.Glyph{g("9", 361), g(".", 366), g("9", 368), g("9", 373), g("1", 386), g("0", 391)}}
	got := figureFields(r, runPiece{r.Text, r.Box})
	if len(got) != 2 || got[0].text != "9.99" || got[1].text != "10" || got[0].X1 != 378 || got[1].X0 != 386 {
		t.Errorf("pieces %+v", got)
	}
	r.Text = "合计 10"
	if got := figureFields(r, runPiece{r.Text, r.Box}); len(got) != 1 {
		t.Errorf("text and a figure parted: %+v", got)
	}
	// A value with its unit, then the weight a column gap after it
	// (Writer, f1_d07): two pieces; a date whose words are a word space
	// apart stays one.
	w := func(s string, x0, x1 float64) extract.Glyph {
		return extract.Glyph{Text: s, Box: extract.Box{X0: x0, X1: x1, Y0: 0, Y1: 10}}
	}
	r = extract.Run{Text: "197.30 万元 10", Size: 10.5, Box: extract.Box{X0: 325, X1: 396.1, Y0: 0, Y1: 10},
		Glyphs: []extract.Glyph{w("1", 325.2, 331), w("9", 331, 336.8), w("7", 336.8, 342.6), w(".", 342.7, 345.6), w("3", 345.6, 351.4),
			w("0", 351.4, 357.2), w("万", 359.4, 369.9), w("元", 369.9, 380.4), w("1", 384.5, 390.3), w("0", 390.3, 396.1)}}
	got = figureFields(r, runPiece{r.Text, r.Box})
	if len(got) != 2 || got[0].text != "197.30 万元" || got[1].text != "10" || got[1].X0 != 384.5 {
		t.Errorf("pieces %+v", got)
	}
	r = extract.Run{Text: "2024 年 12", Size: 10.5, Box: extract.Box{X0: 266, X1: 315.6, Y0: 0, Y1: 10},
		Glyphs: []extract.Glyph{w("2", 266, 271.8), w("0", 271.8, 277.6), w("2", 277.6, 283.4), w("4", 283.5, 289.3),
			w("年", 291.4, 301.9), w("1", 304, 309.8), w("2", 309.8, 315.6)}}
	if got := figureFields(r, runPiece{r.Text, r.Box}); len(got) != 1 {
		t.Errorf("a date parted: %+v", got)
	}
}

// TestClippedDepartmentPart: a department line whose cell clipped the name
// (754 富顺县文化广电, Calc; or code and name as two runs) is a meta row
// beside its year and unit; a code and a name alone are no department (208
// 社会保障和就业支出 is a row).
func TestClippedDepartmentPart(t *testing.T) {
	a := &assembler{r: testRules(t), res: &Result{}, titles: map[string]titleMatch{}, metas: map[string]metaResult{}}
	ms, ok := a.metaParts([]string{"754 富顺县文化广电", "预算年度：2021", "单位：万元"})
	var year, unit string
	for _, m := range ms {
		year, unit = max(year, m.Year), max(unit, m.Unit)
	}
	if !ok || ms[0].DeptCode != "754" || ms[0].Dept != "富顺县文化广电" || year != "2021" || unit != "万元" {
		t.Errorf("meta parts %+v, %v", ms, ok)
	}
	// The code and the clipped name printed as two runs (316 | 永清县人力资源
	// 和社会保障, Chromium and qpdf renderings of the founding sample).
	ms, ok = a.metaParts([]string{"316", "永清县人力资源和社会保障", "预算年度：2024", "单位：万元"})
	if !ok || ms[0].DeptCode != "316" || ms[0].Dept != "永清县人力资源和社会保障" {
		t.Errorf("meta parts of two runs %+v, %v", ms, ok)
	}
	for _, parts := range [][]string{{"208 社会保障和就业支出"}, {"2080501 行政单位离退休", "18.61"}, {"208", "社会保障和就业支出"}, {"2", "208", "社会保障和就业支出", "单位：万元"}} {
		if ms, ok := a.metaParts(parts); ok {
			t.Errorf("%q read as meta: %+v", parts, ms)
		}
	}
}
