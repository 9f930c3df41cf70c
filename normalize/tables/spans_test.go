package tables

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/cnbudget/cnbudget/extract"
	"github.com/cnbudget/cnbudget/normalize/layout"
)

// A project's name, amounts and goal, centred on the rows of its
// indicators and read without rules line by line, go to its first
// indicator row, as a ruled reading gives them.
func TestSpanRows(t *testing.T) {
	row := func(y float64, cells ...any) layout.Row {
		r := layout.Row{Box: extract.Box{X0: 40, Y0: y, X1: 800, Y1: y + 10}}
		for k := 0; k+1 < len(cells); k += 2 {
			r.Cells = append(r.Cells, layout.Cell{Col: cells[k].(int), Span: 1, Text: cells[k+1].(string), Box: r.Box})
		}
		return r
	}
	rows := []layout.Row{
		row(100, 3, "产出指标", 4, "10"),
		row(115, 0, "11000021T0001-", 3, "产出指标", 4, "20"),
		row(130, 0, "项目甲", 1, "52.00", 2, "目标甲", 3, "效益指标", 4, "30"),
		row(145, 0, "运行经费", 3, "满意度指标", 4, "90"),
		row(160, 3, "成本指标", 4, "5"),
		row(175, 3, "产出指标", 4, "1"),
		row(190, 0, "11000021T0002-项目乙", 3, "产出指标", 4, "2"),
		row(197, 1, "64.00", 2, "目标乙"),
		row(205, 0, "维持费", 3, "效益指标", 4, "3"),
		row(220, 3, "满意度指标", 4, "95"),
	}
	// Lines come in the text's order, not always the page's: a line a
	// little higher than the one before it in the text.
	rows[1], rows[2] = rows[2], rows[1]
	var got []string
	for _, r := range spanRows(rows, 3) {
		var parts []string
		for _, c := range r.Cells {
			parts = append(parts, fmt.Sprintf("%d:%s", c.Col, c.Text))
		}
		got = append(got, strings.Join(parts, " "))
	}
	want := []string{
		"0:11000021T0001-项目甲运行经费 1:52.00 2:目标甲 3:产出指标 4:10",
		"3:产出指标 4:20",
		"3:效益指标 4:30",
		"3:满意度指标 4:90",
		"3:成本指标 4:5",
		"0:11000021T0002-项目乙维持费 1:64.00 2:目标乙 3:产出指标 4:1",
		"3:产出指标 4:2",
		"3:效益指标 4:3",
		"3:满意度指标 4:95",
	}
	equalRows(t, got, want)
	// A page without a project's amounts (a project's last indicators
	// after a page break) is left as it is.
	plain := []layout.Row{rows[0], rows[2], rows[3], rows[4]} // the rows of y 100, 115, 145, 160
	if got := spanRows(plain, 3); !slices.EqualFunc(got, plain, func(a, b layout.Row) bool { return slices.Equal(a.Cells, b.Cells) }) {
		t.Errorf("a page without amounts: %v", got)
	}
}

// In a list of projects printed without rules, an indicator whose value is
// a word (定性 | 按照标准) opens a row of its own, however near the
// indicator above it, when the reader is told the lines that open rows.
func TestIndicatorWithWordValue(t *testing.T) {
	ind := func(y float64, l1, l2, l3, op, v string) layout.Row {
		return rowOf(textRun(300, y, 340, 10, l1), textRun(360, y, 400, 10, l2), textRun(420, y, 520, 10, l3),
			textRun(540, y, 550, 10, op), textRun(580, y, 620, 10, v))
	}
	lines := []layout.Row{
		ind(90, "成本指标", "经济成本指标", "项目成本", "≤", "100"),
		rowOf(textRun(40, 100, 120, 10, "商品比较")),
		ind(110, "产出指标", "数量指标", "样品的数量", "≥", "555"),
		rowOf(textRun(40, 120, 100, 10, "试验项目")),
		ind(130, "产出指标", "质量指标", "达到的标准", "定性", "按照标准"),
		ind(150, "成本指标", "经济成本指标", "试验成本", "≤", "185"),
	}
	opens := func(l *layout.Row) bool {
		return slices.ContainsFunc(l.Runs, func(r extract.Run) bool { return strings.HasSuffix(r.Text, "指标") && len([]rune(r.Text)) == 4 })
	}
	rows, _, _ := readStream(lines, streamSpec{labels: -1, opens: opens})
	got := rowTexts(rows)
	if !slices.Contains(got, "产出指标|质量指标|达到的标准|定性|按照标准") {
		t.Errorf("rows\n%s\nwant the 定性 indicator a row of its own", strings.Join(got, "\n"))
	}
}
