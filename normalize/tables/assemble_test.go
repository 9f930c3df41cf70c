package tables_test

import (
	"testing"

	"github.com/cnbudget/cnbudget"
	"github.com/cnbudget/cnbudget/extract"
	"github.com/cnbudget/cnbudget/normalize/rules"
	"github.com/cnbudget/cnbudget/normalize/tables"
)

func run(text string, x0, y0, x1 float64) extract.Run {
	return extract.Run{Text: text, Box: extract.Box{X0: x0, Y0: y0, X1: x1, Y1: y0 + 10}, Size: 10}
}

func line(runs ...extract.Run) extract.Line {
	l := extract.Line{Runs: runs, Box: runs[0].Box}
	for _, r := range runs[1:] {
		l.Box = l.Box.Union(r.Box)
	}
	return l
}

// gridPage returns a page whose lines stand in a ruled grid of three
// columns (x = 10 | 110 | 180 | 250), one band per line from y = top; the
// lines above top are plain text.
func gridPage(n int, top float64, plain []extract.Line, rows []extract.Line) extract.Page {
	p := extract.Page{Number: n, Width: 300, Height: 400, Lines: append(plain, rows...)}
	bottom := top + 20*float64(len(rows))
	for y := top; y <= bottom; y += 20 {
		p.Rules = append(p.Rules, extract.Rule{Box: extract.Box{X0: 10, Y0: y - 0.25, X1: 250, Y1: y + 0.25}})
	}
	for _, x := range []float64{10, 110, 180, 250} {
		p.Rules = append(p.Rules, extract.Rule{Box: extract.Box{X0: x - 0.25, Y0: top, X1: x + 0.25, Y1: bottom}})
	}
	return p
}

// TestNumberCutByPageBreak checks that a row whose name and whose amount
// the page break cut (杭州市机动 | 12,437.3 on one page, 车驾驶员考试服务中心
// | 6 on the next) is joined into one row.
func TestNumberCutByPageBreak(t *testing.T) {
	r, err := rules.Parse(cnbudget.DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	title := line(run("部门收入总表", 80, 20, 200))
	unit := line(run("单位：万元", 200, 40, 250))
	header := line(run("单位名称", 20, 64, 60), run("合计", 120, 64, 140), run("事业收入", 185, 64, 225))
	body := func(y float64, name, total, income string) extract.Line {
		var runs []extract.Run
		if name != "" {
			runs = append(runs, run(name, 12, y, 12+10*float64(len([]rune(name)))))
		}
		if total != "" {
			runs = append(runs, run(total, 170-6*float64(len(total)), y, 178))
		}
		if income != "" {
			runs = append(runs, run(income, 248-6*float64(len(income)), y, 248))
		}
		return line(runs...)
	}
	// The name fills its cell: it wraps, and the page break cut it.
	cut := body(124, "杭州市机动", "14,549.64", "12,437.3")
	cut.Runs[0].X1 = 108
	p1 := gridPage(1, 60, []extract.Line{title, unit}, []extract.Line{
		header,
		body(84, "甲单位", "1,200.00", "1,000.00"),
		body(104, "乙单位", "300.50", "300.50"),
		cut,
	})
	p2 := gridPage(2, 60, []extract.Line{title, unit}, []extract.Line{
		header,
		body(84, "车驾驶员考试服务中心", "", "6"),
		body(104, "丙单位", "10.00", "10.00"),
	})
	doc := &extract.Document{Path: "test.pdf", Format: extract.FormatPDF, Pages: []extract.Page{p1, p2}}
	res := tables.Assemble(doc, r)
	if len(res.Tables) != 1 {
		t.Fatalf("got %d tables, want 1", len(res.Tables))
	}
	tb := res.Tables[0]
	want := [][]string{
		{"甲单位", "1,200.00", "1,000.00"},
		{"乙单位", "300.50", "300.50"},
		{"杭州市机动车驾驶员考试服务中心", "14,549.64", "12,437.36"},
		{"丙单位", "10.00", "10.00"},
	}
	if len(tb.Rows) != len(want) {
		t.Fatalf("rows %q, want %q", tb.Rows, want)
	}
	for i := range want {
		for j := range want[i] {
			if tb.Rows[i][j] != want[i][j] {
				t.Errorf("row %d cell %d = %q, want %q", i, j, tb.Rows[i][j], want[i][j])
			}
		}
	}
}
