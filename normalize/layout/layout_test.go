package layout

import (
	"strings"
	"testing"

	"github.com/cnbudget/cnbudget/extract"
)

func run(text string, x0, y0, x1, y1 float64) extract.Run {
	return extract.Run{Text: text, Box: extract.Box{X0: x0, Y0: y0, X1: x1, Y1: y1}, Size: 10}
}

func hr(x0, x1, y float64) extract.Rule {
	return extract.Rule{Box: extract.Box{X0: x0, Y0: y - 0.25, X1: x1, Y1: y + 0.25}}
}

func vr(x, y0, y1 float64) extract.Rule {
	return extract.Rule{Box: extract.Box{X0: x - 0.25, Y0: y0, X1: x + 0.25, Y1: y1}}
}

func line(runs ...extract.Run) extract.Line {
	l := extract.Line{Runs: runs, Box: runs[0].Box}
	for _, r := range runs[1:] {
		l.Box = l.Box.Union(r.Box)
	}
	return l
}

// A ruled table of three columns whose first row merges columns 1 and 2
// (the rule between them stops at the second row), and whose second row
// holds a name wrapped over two lines.
func TestGridMergedAndWrapped(t *testing.T) {
	p := &extract.Page{Number: 1, Width: 300, Height: 200}
	p.Rules = []extract.Rule{
		hr(10, 210, 10), hr(10, 210, 30), hr(10, 210, 70),
		vr(10, 10, 70), vr(70, 10, 70), vr(140, 30, 70), vr(210, 10, 70),
	}
	p.Lines = []extract.Line{
		line(run("项目", 20, 14, 40, 26), run("本年收入", 110, 14, 150, 26)),
		line(run("其他人力资源和", 12, 34, 68, 46), run("6.00", 110, 40, 138, 52), run("1,264,602", 150, 34, 208, 46)),
		line(run("社会保障支出", 12, 50, 60, 62), run(".38", 180, 50, 208, 62)),
		line(run("注：单位万元", 10, 80, 60, 92)),
	}
	rows := Page(p)
	if len(rows) != 3 {
		t.Fatalf("got %d rows, want 2 grid rows and 1 plain line", len(rows))
	}
	h := rows[0]
	if !h.IsGrid() || len(h.Cells) != 2 || h.Cells[1].Col != 1 || h.Cells[1].Span != 2 || h.Cells[1].Text != "本年收入" {
		t.Errorf("header row cells = %+v", h.Cells)
	}
	b := rows[1]
	want := []string{"其他人力资源和社会保障支出", "6.00", "1,264,602.38"}
	if len(b.Cells) != 3 {
		t.Fatalf("body row cells = %+v", b.Cells)
	}
	for i, c := range b.Cells {
		if c.Text != want[i] {
			t.Errorf("cell %d = %q, want %q", i, c.Text, want[i])
		}
	}
	if b.Lines != 2 {
		t.Errorf("body row has %d lines, want 2", b.Lines)
	}
	if rows[2].IsGrid() || rows[2].Text() != "注：单位万元" {
		t.Errorf("plain line = %+v", rows[2])
	}
}

// A run that crosses a drawn column boundary is cut at it.
func TestGridSplitsRunAtRule(t *testing.T) {
	p := &extract.Page{Number: 1}
	p.Rules = []extract.Rule{hr(0, 200, 0), hr(0, 200, 20), vr(0, 0, 20), vr(100, 0, 20), vr(200, 0, 20)}
	r := run("208 社会保障", 10, 4, 130, 16)
	r.Glyphs = []extract.Glyph{
		{Text: "2", Box: extract.Box{X0: 10, X1: 15, Y0: 4, Y1: 16}},
		{Text: "0", Box: extract.Box{X0: 15, X1: 20, Y0: 4, Y1: 16}},
		{Text: "8", Box: extract.Box{X0: 20, X1: 25, Y0: 4, Y1: 16}},
		{Text: "社", Box: extract.Box{X0: 100, X1: 110, Y0: 4, Y1: 16}},
		{Text: "会", Box: extract.Box{X0: 110, X1: 120, Y0: 4, Y1: 16}},
	}
	p.Lines = []extract.Line{{Box: r.Box, Runs: []extract.Run{r}}}
	rows := Page(p)
	if len(rows) != 1 || len(rows[0].Cells) != 2 || rows[0].Cells[0].Text != "208" || rows[0].Cells[1].Text != "社会" {
		t.Errorf("rows = %+v", rows)
	}
}

// A table drawn without its outer vertical borders: the horizontal rules
// run past the first and last vertical rules, and the columns at the
// sides are read as columns.
func TestGridOpenSides(t *testing.T) {
	p := &extract.Page{Number: 1, Width: 300, Height: 100}
	p.Rules = []extract.Rule{
		hr(10, 280, 10), hr(10, 280, 30), hr(10, 280, 50), hr(10, 280, 70),
		vr(70, 10, 70), vr(160, 10, 70),
	}
	p.Lines = []extract.Line{
		line(run("科目编码", 20, 14, 60, 26), run("科目名称", 90, 14, 130, 26), run("金额", 200, 14, 220, 26)),
		line(run("30101", 12, 34, 40, 46), run("基本工资", 80, 34, 120, 46), run("1,186.73", 240, 34, 278, 46)),
		line(run("30102", 12, 54, 40, 66), run("津贴补贴", 80, 54, 120, 66), run("2,752.80", 240, 54, 278, 66)),
	}
	rows := Page(p)
	if len(rows) != 3 {
		t.Fatalf("got %d rows, want 3 grid rows: %+v", len(rows), rows)
	}
	want := [][]string{{"科目编码", "科目名称", "金额"}, {"30101", "基本工资", "1,186.73"}, {"30102", "津贴补贴", "2,752.80"}}
	for i, r := range rows {
		var got []string
		for _, c := range r.Cells {
			got = append(got, c.Text)
		}
		if !r.IsGrid() || strings.Join(got, "|") != strings.Join(want[i], "|") {
			t.Errorf("row %d = %q, want %q", i, got, want[i])
		}
	}
}

func TestCleanText(t *testing.T) {
	for in, want := range map[string]string{
		"合   计":            "合计",
		"3、单价在 20 万元以上的设备": "3、单价在 20 万元以上的设备",
		" 预算规模及 资金用途 ":     "预算规模及资金用途",
		"Hello   world":    "Hello world",
	} {
		if got := CleanText(in); got != want {
			t.Errorf("CleanText(%q) = %q, want %q", in, got, want)
		}
	}
}

// FuzzJoinClean checks that JoinClean of clean texts is CleanText of the
// texts joined by spaces.
func FuzzJoinClean(f *testing.F) {
	f.Add("合计", "1,234.00", "x y")
	f.Add("一般公共 预算", "", "支出")
	f.Fuzz(func(t *testing.T, a, b, c string) {
		parts := []string{CleanText(a), CleanText(b), CleanText(c)}
		if got, want := JoinClean(parts), CleanText(strings.Join(parts, " ")); got != want {
			t.Fatalf("JoinClean(%q) = %q, want %q", parts, got, want)
		}
	})
}
