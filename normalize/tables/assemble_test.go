package tables_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/cnbudget/cnbudget"
	"github.com/cnbudget/cnbudget/extract"
	"github.com/cnbudget/cnbudget/normalize/layout"
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
	return gridPageCols(n, top, []float64{10, 110, 180, 250}, plain, rows)
}

// gridPageCols is gridPage with the column boundaries xs.
func gridPageCols(n int, top float64, xs []float64, plain []extract.Line, rows []extract.Line) extract.Page {
	p := extract.Page{Number: n, Width: 300, Height: 400, Lines: append(plain, rows...)}
	bottom := top + 20*float64(len(rows))
	for y := top; y <= bottom; y += 20 {
		p.Rules = append(p.Rules, extract.Rule{Box: extract.Box{X0: 10, Y0: y - 0.25, X1: 250, Y1: y + 0.25}})
	}
	for _, x := range xs {
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

// TestNumberedItemAfterPageBreakIsARow: a continuation page's first row
// whose text goes on from a full cell of the row above, filling the cells
// that row left blank, is the rest of that row, but not when the text
// opens an item of its own (指标 3： under 指标 2：…, beside the group label
// the page repeats): Xi'an's 部门整体支出绩效目标表 had its third indicator
// joined to its second.
func TestNumberedItemAfterPageBreakIsARow(t *testing.T) {
	r, err := rules.Parse(cnbudget.DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	title := line(run("部门整体支出绩效目标表", 80, 20, 200))
	header := line(run("一级指标", 20, 64, 60), run("指标内容", 115, 64, 155), run("指标值", 185, 64, 215))
	body := func(y float64, l1, desc, value string) extract.Line {
		var runs []extract.Run
		if l1 != "" {
			runs = append(runs, run(l1, 12, y, 12+10*float64(len([]rune(l1)))))
		}
		runs = append(runs, run(desc, 112, y, 178))
		if value != "" {
			runs = append(runs, run(value, 185, y, 185+6*float64(len(value))))
		}
		return line(runs...)
	}
	rows := func(item string) []string {
		p1 := gridPage(1, 60, []extract.Line{title}, []extract.Line{
			header,
			body(84, "产出指标", "指标 1：人员工资支付率", "100%"),
			body(104, "", "指标 2：编制诚信建设报告和区县政务", ""),
		})
		p2 := gridPage(2, 60, nil, []extract.Line{
			body(64, "年度绩效指标", item, "≥700 户"),
		})
		doc := &extract.Document{Path: "test.pdf", Format: extract.FormatPDF, Pages: []extract.Page{p1, p2}}
		res := tables.Assemble(doc, r)
		if len(res.Tables) != 1 {
			t.Fatalf("got %d tables, want 1", len(res.Tables))
		}
		var got []string
		for _, row := range res.Tables[0].Rows {
			got = append(got, strings.Join(row, "|"))
		}
		return got
	}
	if got, want := rows("指标 3：审计专项资金户数"), []string{"产出指标|指标 1：人员工资支付率|100%", "|指标 2：编制诚信建设报告和区县政务|", "年度绩效指标|指标 3：审计专项资金户数|≥700 户"}; !slices.Equal(got, want) {
		t.Errorf("rows\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// The rest of the cell goes on with it.
	if got, want := rows("诚信评估报告"), []string{"产出指标|指标 1：人员工资支付率|100%", "年度绩效指标|指标 2：编制诚信建设报告和区县政务诚信评估报告|≥700 户"}; !slices.Equal(got, want) {
		t.Errorf("rows\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestJustifiedTitleOverTwoLines checks that a title justified into several
// runs (公开 | 09 | 表：…) and wrapped with wide line spacing is joined with
// its second line, and that a numbered line never continues a title.
func TestJustifiedTitleOverTwoLines(t *testing.T) {
	r, err := rules.Parse(cnbudget.DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	big := func(text string, x0, y0, x1 float64) extract.Run {
		return extract.Run{Text: text, Box: extract.Box{X0: x0, Y0: y0, X1: x1, Y1: y0 + 16}, Size: 16}
	}
	title1 := line(big("公开", 10, 0, 42), big("09", 50, 0, 66), big("表：一般公共预算“三公”经费、会议费、培训费", 74, 0, 280))
	title2 := line(big("支出预算表", 10, 27.6, 90)) // 11.6 below: 0.73 of the type size
	unit := line(run("单位：万元", 200, 48, 250))
	header := line(run("合计", 20, 64, 40), run("因公出国（境）费", 115, 64, 175), run("公务接待费", 185, 64, 235))
	body := line(run("3.00", 80, 84, 108), run("1.00", 150, 84, 178), run("2.00", 220, 84, 248))
	p := gridPage(1, 60, []extract.Line{title1, title2, unit}, []extract.Line{header, body})
	doc := &extract.Document{Path: "test.pdf", Format: extract.FormatPDF, Pages: []extract.Page{p}}
	res := tables.Assemble(doc, r)
	if len(res.Tables) != 1 || res.Tables[0].Kind != "three_public" {
		var kinds []string
		for _, tb := range res.Tables {
			kinds = append(kinds, tb.Kind+" "+tb.Title)
		}
		t.Fatalf("tables %q, want one three_public", kinds)
	}
	if got := res.Tables[0].Title; got != "公开 09 表：一般公共预算“三公”经费、会议费、培训费支出预算表" {
		t.Errorf("title %q", got)
	}
	// A table of contents: 五、单位预算表 above 1. 2026年…收支总表 are two
	// entries, not one title.
	toc1 := line(big("五、单位预算表", 10, 0, 120))
	toc2 := line(big("1.", 10, 20, 20), big("2026年预算单位财务收支预算总表", 26, 20, 260))
	p = extract.Page{Number: 1, Width: 300, Height: 400, Lines: []extract.Line{toc1, toc2}}
	res = tables.Assemble(&extract.Document{Path: "toc.pdf", Format: extract.FormatPDF, Pages: []extract.Page{p}}, r)
	for _, e := range res.Events {
		if e.Action == "title" && e.Text != "1. 2026年预算单位财务收支预算总表" {
			t.Errorf("title event %q: the numbered line was joined to the line above", e.Text)
		}
	}
}

// TestContentsWithHeadings: a table of contents listing the tables and the
// narrative's headings (一、部门职责及机构设置情况 | 18), each line ending
// with its page, is text, not a table, though fewer than half its lines
// are tables' titles.
func TestContentsWithHeadings(t *testing.T) {
	entries := []struct {
		text string
		page string
	}{
		{"部门预算收支总表", "1"}, {"部门预算收入总表", "3"}, {"部门预算支出总表", "6"},
		{"部门预算信息公开情况说明", ""},
		{"一、部门职责及机构设置情况", "18"}, {"二、部门预算安排的总体情况", "19"},
		{"三、机关运行经费安排情况", "20"}, {"四、政府采购预算情况", "21"},
		{"五、国有资产信息", "22"}, {"六、名词解释", "22"},
	}
	lines := []extract.Line{line(run("部门预算公开表", 80, 20, 200))}
	for i, e := range entries {
		y := 50 + 20*float64(i)
		runs := []extract.Run{run(e.text, 20, y, 20+10*float64(len([]rune(e.text))))}
		if e.page != "" {
			runs = append(runs, run(e.page, 270, y, 280))
		}
		lines = append(lines, line(runs...))
	}
	res := assemble(t, extract.Page{Number: 1, Width: 300, Height: 400, Lines: lines})
	for _, tb := range res.Tables {
		t.Errorf("table %s %q with %d rows: the contents are text", tb.Kind, tb.Title, len(tb.Rows))
	}
	var text []string
	for _, sec := range res.Sections {
		text = append(text, sec.Paragraphs...)
	}
	if !slices.Contains(text, "一、部门职责及机构设置情况 18") {
		t.Errorf("narrative %q: the contents' lines are lost", text)
	}
}

// TestHeaderOnCoarserGrid checks a table whose first page holds only the
// top header row, its cells merged over two columns each (收入 | 支出), and
// whose next page goes on with the finer grid: the columns are the finer
// grid's, and the merged cells' texts stand in the first column of their
// span.
func TestHeaderOnCoarserGrid(t *testing.T) {
	r, err := rules.Parse(cnbudget.DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	title := line(run("财政拨款收支总表", 80, 20, 200))
	unit := line(run("单位：万元", 200, 40, 250))
	p1 := gridPageCols(1, 60, []float64{10, 130, 250}, []extract.Line{title, unit}, []extract.Line{
		line(run("收入", 60, 64, 80), run("支出", 180, 64, 200)),
	})
	fine := []float64{10, 80, 130, 200, 250}
	p2 := gridPageCols(2, 60, fine, nil, []extract.Line{
		line(run("项目名称", 20, 64, 60), run("金额", 90, 64, 110), run("项目名称", 140, 64, 180), run("金额", 210, 64, 230)),
		line(run("一般公共预算", 12, 84, 72), run("33.15", 100, 84, 128), run("基本支出", 132, 84, 172), run("33.15", 220, 84, 248)),
	})
	res := tables.Assemble(&extract.Document{Path: "t.pdf", Format: extract.FormatPDF, Pages: []extract.Page{p1, p2}}, r)
	if len(res.Tables) != 1 {
		t.Fatalf("got %d tables", len(res.Tables))
	}
	tb := res.Tables[0]
	wantHeader := [][]string{{"收入", "", "支出", ""}, {"项目名称", "金额", "项目名称", "金额"}}
	if fmt.Sprint(tb.Header) != fmt.Sprint(wantHeader) {
		t.Errorf("header %q, want %q", tb.Header, wantHeader)
	}
	if want := [][]string{{"一般公共预算", "33.15", "基本支出", "33.15"}}; fmt.Sprint(tb.Rows) != fmt.Sprint(want) {
		t.Errorf("rows %q, want %q", tb.Rows, want)
	}
}

// TestRepeatedTotalRow checks that a 合计 row printed again at the top of a
// continuation page, under the repeated header, is dropped as page
// furniture, while a total row that differs stays.
func TestRepeatedTotalRow(t *testing.T) {
	r, err := rules.Parse(cnbudget.DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	title := line(run("部门收入总表", 80, 20, 200))
	unit := line(run("单位：万元", 200, 40, 250))
	header := line(run("单位名称", 20, 64, 60), run("合计", 120, 64, 140), run("事业收入", 185, 64, 225))
	body := func(y float64, name, total, income string) extract.Line {
		return line(run(name, 12, y, 12+10*float64(len([]rune(name)))), run(total, 130, y, 178), run(income, 200, y, 248))
	}
	p1 := gridPage(1, 60, []extract.Line{title, unit}, []extract.Line{
		header,
		body(84, "合计", "1,300.00", "1,300.00"),
		body(104, "甲单位", "1,000.00", "1,000.00"),
	})
	p2 := gridPage(2, 60, []extract.Line{title, unit}, []extract.Line{
		header,
		body(84, "合计", "1,300.00", "1,300.00"),
		body(104, "乙单位", "300.00", "300.00"),
	})
	doc := &extract.Document{Path: "test.pdf", Format: extract.FormatPDF, Pages: []extract.Page{p1, p2}}
	res := tables.Assemble(doc, r)
	if len(res.Tables) != 1 {
		t.Fatalf("got %d tables, want 1", len(res.Tables))
	}
	if got := fmt.Sprint(res.Tables[0].Rows); got != "[[合计 1,300.00 1,300.00] [甲单位 1,000.00 1,000.00] [乙单位 300.00 300.00]]" {
		t.Errorf("rows %s", got)
	}
}

// TestNumberedRowNeverContinues checks that the first row of a page that
// opens with its own item number (十七、) is a row of its own, even when
// the last row of the page before filled its cell and has no amount.
func TestNumberedRowNeverContinues(t *testing.T) {
	r, err := rules.Parse(cnbudget.DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	title := line(run("部门收支总表", 80, 20, 200))
	header := line(run("项目", 20, 64, 60), run("合计", 120, 64, 140), run("一般公共预算", 185, 64, 245))
	body := func(y float64, name, total, gb string, full bool) extract.Line {
		x1 := 12 + 10*float64(len([]rune(name)))
		if full {
			x1 = 108
		}
		runs := []extract.Run{run(name, 12, y, x1)}
		if total != "" {
			runs = append(runs, run(total, 130, y, 178), run(gb, 200, y, 248))
		}
		return line(runs...)
	}
	p1 := gridPage(1, 60, []extract.Line{title}, []extract.Line{
		header,
		body(84, "十五、金融支出", "10.00", "10.00", false),
		body(104, "十六、自然资源海洋气象等支出", "", "", true),
	})
	p2 := gridPage(2, 60, nil, []extract.Line{
		body(64, "十七、住房保障支出", "416.75", "416.75", false),
	})
	doc := &extract.Document{Path: "test.pdf", Format: extract.FormatPDF, Pages: []extract.Page{p1, p2}}
	res := tables.Assemble(doc, r)
	if len(res.Tables) != 1 {
		t.Fatalf("got %d tables, want 1", len(res.Tables))
	}
	if got := len(res.Tables[0].Rows); got != 3 {
		t.Errorf("rows %q, want 3 rows", res.Tables[0].Rows)
	}
}

// TestWrappedMetaBlock checks that a department name wrapped in a narrow
// cell under the title (316 永清县人力资 | 源和社会保障局), beside a year
// that wrapped too, is read whole, and that the longest reading of the
// department's name wins over a clipped one on another page.
func TestWrappedMetaBlock(t *testing.T) {
	r, err := rules.Parse(cnbudget.DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	title := line(run("部门收入总表", 80, 10, 200))
	header := line(run("单位名称", 20, 64, 60), run("合计", 120, 64, 140), run("事业收入", 185, 64, 225))
	body := line(run("甲单位", 12, 84, 42), run("1,000.00", 130, 84, 178), run("1,000.00", 200, 84, 248))
	p1 := gridPage(1, 60, []extract.Line{
		title,
		line(run("316 永清县人力资", 10, 24, 90), run("预算年度：", 100, 24, 150), run("单位：万元", 200, 24, 250)),
		line(run("源和社会保障局", 10, 36, 80), run("2024", 110, 36, 130)),
	}, []extract.Line{header, body})
	p2 := gridPage(2, 60, []extract.Line{title, line(run("部门：永清县人力", 10, 24, 90), run("单位：万元", 200, 24, 250))},
		[]extract.Line{header, body})
	doc := &extract.Document{Path: "test.pdf", Format: extract.FormatPDF, Pages: []extract.Page{p2, p1}}
	res := tables.Assemble(doc, r)
	if m := res.Meta; m.Dept != "永清县人力资源和社会保障局" || m.DeptCode != "316" || m.Year != "2024" || m.Unit != "万元" {
		t.Errorf("meta %+v", m)
	}
	for _, e := range res.Events {
		if e.Action == "drop" {
			t.Errorf("page %d: dropped %q", e.Page, e.Text)
		}
	}
}

// TestTableDoesNotRunOn checks that a ruled table ends where the next page
// prints, under a heading no title pattern knows, a grid of another number
// of columns; and that a continuation page, whose grid has the table's
// columns, goes on with the table even under a line of its own.
func TestTableDoesNotRunOn(t *testing.T) {
	r, err := rules.Parse(cnbudget.DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	title := line(run("部门收入总表", 80, 20, 200))
	header := line(run("单位名称", 20, 64, 60), run("合计", 120, 64, 140), run("事业收入", 185, 64, 225))
	body := func(y float64, name, total, income string) extract.Line {
		return line(run(name, 12, y, 12+10*float64(len([]rune(name)))), run(total, 130, y, 178), run(income, 200, y, 248))
	}
	p1 := gridPage(1, 60, []extract.Line{title}, []extract.Line{header, body(84, "甲单位", "1,000.00", "1,000.00")})
	// Page 2: a continuation under a running line, same three columns.
	p2 := gridPage(2, 60, []extract.Line{line(run("（续）部门收入情况", 80, 30, 200))},
		[]extract.Line{body(64, "乙单位", "300.00", "300.00")})
	// Page 3: a heading and a grid of two columns: another table.
	other := line(run("部门绩效目标完成情况汇总", 60, 30, 220))
	p3 := gridPageCols(3, 60, []float64{10, 150, 250}, []extract.Line{other}, []extract.Line{
		line(run("目标", 20, 64, 60), run("完成情况", 160, 64, 220)),
		line(run("培训人次", 20, 84, 60), run("120.00", 160, 84, 190)),
		line(run("会议次数", 20, 104, 60), run("12.00", 160, 104, 190)),
	})
	doc := &extract.Document{Path: "test.pdf", Format: extract.FormatPDF, Pages: []extract.Page{p1, p2, p3}}
	res := tables.Assemble(doc, r)
	if len(res.Tables) != 2 {
		for _, e := range res.Events {
			t.Logf("%d %s %s %s", e.Page, e.Action, e.Table, e.Text)
		}
		t.Fatalf("got %d tables, want 2", len(res.Tables))
	}
	if got := fmt.Sprint(res.Tables[0].Rows); got != "[[甲单位 1,000.00 1,000.00] [乙单位 300.00 300.00]]" {
		t.Errorf("first table rows %s", got)
	}
	if tb := res.Tables[1]; tb.Kind != "other" || tb.Title != "部门绩效目标完成情况汇总" || fmt.Sprint(tb.Pages) != "[3]" {
		t.Errorf("second table %s %q pages %v", tb.Kind, tb.Title, tb.Pages)
	}
}

// TestStreamContinuationColumns: an unruled table's continuation page
// whose last row is a total with its label spanning the code and name
// columns keeps the columns of the page before; read alone, the label
// would merge the two columns on that page.
func TestStreamContinuationColumns(t *testing.T) {
	title := line(run("部门收入总表", 80, 20, 200))
	unit := line(run("单位：万元", 200, 40, 250))
	header := line(run("科目编码", 20, 64, 60), run("科目名称", 100, 64, 140), run("金额", 230, 64, 250))
	body := func(y float64, code, name, amount string) extract.Line {
		var runs []extract.Run
		if code != "" {
			runs = append(runs, run(code, 20, y, 20+5*float64(len(code))))
		}
		runs = append(runs, run(name, 80, y, 80+10*float64(len([]rune(name)))))
		return line(append(runs, run(amount, 256-6*float64(len(amount)), y, 256))...)
	}
	page := func(n int, rows ...extract.Line) extract.Page {
		return extract.Page{Number: n, Width: 300, Height: 400, Lines: append([]extract.Line{title, unit, header}, rows...)}
	}
	p1 := page(1,
		body(84, "30101", "基本工资", "139.51"),
		body(104, "30102", "津贴补贴", "148.15"),
		body(124, "30103", "奖金", "28.20"),
		body(144, "30106", "伙食补助费", "1.00"),
	)
	total := line(run("人员经费合计", 20, 164, 100), run("317.86", 220, 164, 256))
	p2 := page(2,
		body(84, "30107", "绩效工资", "0.50"),
		body(104, "30108", "职业年金缴费", "0.30"),
		body(124, "30199", "其他工资福利支出", "0.20"),
		total,
	)
	want := [][]string{
		{"30101", "基本工资", "139.51"},
		{"30102", "津贴补贴", "148.15"},
		{"30103", "奖金", "28.20"},
		{"30106", "伙食补助费", "1.00"},
		{"30107", "绩效工资", "0.50"},
		{"30108", "职业年金缴费", "0.30"},
		{"30199", "其他工资福利支出", "0.20"},
		{"人员经费合计", "", "317.86"},
	}
	checkRows(t, streamTable(t, p1, p2), want)
}

// TestStreamFirstRowAmountsBelow: in a table printed without rules, the
// first row under the 栏次 row wraps its name over two lines and prints its
// amounts between them (centred); it opens with 一、 like a narrative
// heading, yet it is the table's first row.
func TestStreamFirstRowAmountsBelow(t *testing.T) {
	page := extract.Page{Number: 1, Width: 300, Height: 400, Lines: []extract.Line{
		line(run("收入支出决算总表", 80, 20, 200)),
		line(run("单位：万元", 200, 40, 250)),
		line(run("项目", 40, 60, 60), run("行次", 120, 60, 140), run("金额", 200, 60, 220)),
		line(run("栏次", 40, 74, 60), run("1", 215, 74, 220)),
		line(run("一、一般公共预算财政", 20, 88, 120)),
		line(run("1", 128, 98, 133), run("843.31", 184, 98, 220)),
		line(run("拨款收入", 20, 108, 60)),
		line(run("二、政府性基金", 20, 124, 90), run("2", 128, 124, 133), run("21.01", 190, 124, 220)),
		line(run("三、其他收入", 20, 140, 80), run("3", 128, 140, 133), run("5.00", 196, 140, 220)),
	}}
	got := streamTable(t, page)
	want := [][]string{
		{"一、一般公共预算财政拨款收入", "1", "843.31"},
		{"二、政府性基金", "2", "21.01"},
		{"三、其他收入", "3", "5.00"},
	}
	checkRows(t, got, want)
}

// TestStreamCodeColumnsUnderIndexLabel: in a table printed without rules,
// the 栏次 label spans the 类 | 款 | 项 | 科目名称 columns, which the 栏次
// row does not number: the body's gaps tell them apart.
func TestStreamCodeColumnsUnderIndexLabel(t *testing.T) {
	body := func(y float64, cls, item, sub, name, total, basic string) extract.Line {
		var runs []extract.Run
		for _, c := range []struct {
			text   string
			x0, x1 float64
		}{{cls, 12, 27}, {item, 34, 44}, {sub, 52, 62}, {name, 80, 80 + 10*float64(len([]rune(name)))},
			{total, 240 - 6*float64(len(total)), 240}, {basic, 290 - 6*float64(len(basic)), 290}} {
			if c.text != "" {
				runs = append(runs, run(c.text, c.x0, y, c.x1))
			}
		}
		return line(runs...)
	}
	page := extract.Page{Number: 1, Width: 300, Height: 400, Lines: []extract.Line{
		line(run("支出决算表", 100, 20, 150)),
		line(run("单位：万元", 240, 40, 290)),
		line(run("科目编码", 20, 60, 60), run("科目名称", 100, 60, 140), run("合计", 220, 60, 240), run("基本支出", 250, 60, 290)),
		line(run("类", 15, 72, 25), run("款", 35, 72, 45), run("项", 52, 72, 62)),
		line(run("栏次", 50, 86, 70), run("1", 232, 86, 237), run("2", 278, 86, 283)),
		body(100, "208", "", "", "社会保障和就业支出", "2,930.96", "471.62"),
		body(114, "208", "02", "", "民政管理事务", "675.52", "306.28"),
		body(128, "208", "02", "01", "行政运行", "248.63", "248.63"),
		body(142, "208", "02", "06", "社会组织管理", "180.36", "57.65"),
	}}
	got := streamTable(t, page)
	want := [][]string{
		{"208", "", "", "社会保障和就业支出", "2,930.96", "471.62"},
		{"208", "02", "", "民政管理事务", "675.52", "306.28"},
		{"208", "02", "01", "行政运行", "248.63", "248.63"},
		{"208", "02", "06", "社会组织管理", "180.36", "57.65"},
	}
	checkRows(t, got, want)
}

// TestStreamContinuationHeaderOfOneLabel: an unruled table's continuation
// page repeats the header, whose first line is one label (项目 over the
// code and name columns): the page goes on with the table.
func TestStreamContinuationHeaderOfOneLabel(t *testing.T) {
	header := []extract.Line{
		line(run("项目", 50, 60, 70)),
		line(run("科目编码", 20, 74, 60), run("科目名称", 80, 74, 120), run("合计", 220, 74, 240)),
	}
	body := func(y float64, code, name, amount string) extract.Line {
		return line(run(code, 20, y, 20+6*float64(len(code))), run(name, 80, y, 80+10*float64(len([]rune(name)))),
			run(amount, 240-6*float64(len(amount)), y, 240))
	}
	page := func(n int, rows ...extract.Line) extract.Page {
		lines := []extract.Line{line(run("收入决算表", 100, 20, 150)), line(run("单位：万元", 200, 40, 250))}
		lines = append(append(lines, header...), rows...)
		return extract.Page{Number: n, Width: 300, Height: 400, Lines: lines}
	}
	p1 := page(1, body(90, "2080501", "行政单位离退休", "695.20"), body(104, "2080502", "事业单位离退休", "13.50"),
		body(118, "2080505", "基本养老保险缴费", "120.85"))
	p2 := page(2, body(90, "2080506", "职业年金缴费", "56.20"), body(104, "2080599", "其他养老支出", "3.00"),
		body(118, "2081199", "其他残疾人事业支出", "1.10"))
	got := streamTable(t, p1, p2)
	want := [][]string{
		{"2080501", "行政单位离退休", "695.20"}, {"2080502", "事业单位离退休", "13.50"}, {"2080505", "基本养老保险缴费", "120.85"},
		{"2080506", "职业年金缴费", "56.20"}, {"2080599", "其他养老支出", "3.00"}, {"2081199", "其他残疾人事业支出", "1.10"},
	}
	checkRows(t, got, want)
}

// TestStreamRowNumberColumn: the 栏次 row of a two-sided table (whose
// header names only its two sides) numbers its amount columns only; the
// 行次 column beside each (not numbered) is told apart from the amounts by
// the body's gaps.
func TestStreamRowNumberColumn(t *testing.T) {
	lines := []extract.Line{
		line(run("收入支出决算总表", 140, 20, 260)),
		line(run("单位：万元", 340, 40, 390)),
		line(run("收入", 90, 60, 110), run("支出", 280, 60, 300)),
		line(run("栏次", 40, 74, 60), run("1", 170, 74, 175), run("栏次", 230, 74, 250), run("2", 370, 74, 375)),
	}
	rows := [][]string{
		{"一、财政拨款收入", "1", "843.31", "一、社会保障支出", "13", "81.95"},
		{"二、事业收入", "2", "21.01", "二、卫生健康支出", "14", "40.74"},
		{"三、经营收入", "3", "", "三、城乡社区支出", "15", "691.09"},
		{"四、其他收入", "4", "0.50", "四、农林水支出", "16", "19.28"},
	}
	for i, row := range rows {
		y := 90 + 14*float64(i)
		runs := []extract.Run{
			run(row[0], 10, y, 10+10*float64(len([]rune(row[0])))), run(row[1], 115, y, 120),
			run(row[3], 200, y, 200+10*float64(len([]rune(row[3])))), run(row[4], 302, y, 312), run(row[5], 390-6*float64(len(row[5])), y, 390),
		}
		if row[2] != "" {
			runs = append(runs, run(row[2], 190-6*float64(len(row[2])), y, 190))
		}
		lines = append(lines, line(runs...))
	}
	page := extract.Page{Number: 1, Width: 400, Height: 400, Lines: lines}
	got := streamTable(t, page)
	checkRows(t, got, rows)
}

// streamTable assembles the pages, which must hold one table, and returns
// its rows.
func streamTable(t *testing.T, pages ...extract.Page) [][]string {
	t.Helper()
	r, err := rules.Parse(cnbudget.DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	res := tables.Assemble(&extract.Document{Path: "test.pdf", Format: extract.FormatPDF, Pages: pages}, r)
	if len(res.Tables) != 1 {
		t.Fatalf("got %d tables, want 1", len(res.Tables))
	}
	return res.Tables[0].Rows
}

func checkRows(t *testing.T, got, want [][]string) {
	t.Helper()
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("rows\n%q\nwant\n%q", got, want)
	}
}

// TestStreamSummaryHalvesAcrossPages: an unruled summary table in two
// halves. The longest label of the expenditure half (it sets how far the
// column's text reaches) is followed by the next item (四、 under 三、),
// which is a row of its own, not the rest of a wrapped name; and the
// continuation page opens with a label of the expenditure half alone,
// which continues the table rather than starting a narrative section.
func TestStreamSummaryHalvesAcrossPages(t *testing.T) {
	half := func(y float64, left, la, right, ra string) extract.Line {
		var runs []extract.Run
		if left != "" {
			runs = append(runs, run(left, 20, y, 20+10*float64(len([]rune(left)))))
		}
		if la != "" {
			runs = append(runs, run(la, 170-5*float64(len(la)), y, 170))
		}
		if right != "" {
			runs = append(runs, run(right, 180, y, 180+10*float64(len([]rune(right)))))
		}
		if ra != "" {
			runs = append(runs, run(ra, 390-5*float64(len(ra)), y, 390))
		}
		return line(runs...)
	}
	p1 := extract.Page{Number: 1, Width: 400, Height: 400, Lines: []extract.Line{
		line(run("收支总表", 160, 20, 200)),
		line(run("单位：万元", 340, 40, 390)),
		line(run("收入", 80, 56, 100), run("支出", 270, 56, 290)),
		line(run("项目", 20, 70, 40), run("预算数", 140, 70, 170), run("项目", 180, 70, 200), run("预算数", 360, 70, 390)),
		half(86, "一、财政拨款收入", "100.00", "一、一般公共服务支出", "60.00"),
		half(100, "二、事业收入", "20.00", "二、教育支出", ""),
		half(114, "", "", "三、资源勘探工业信息等支出", ""),
		half(128, "", "", "四、商业服务业等支出", ""),
		half(142, "", "", "五、卫生健康支出", "60.00"),
	}}
	p2 := extract.Page{Number: 2, Width: 400, Height: 400, Lines: []extract.Line{
		half(40, "", "", "六、住房保障支出", ""),
		half(54, "本年收入合计", "120.00", "本年支出合计", "120.00"),
		half(68, "收入总计", "120.00", "支出总计", "120.00"),
	}}
	got := filledCells(streamTable(t, p1, p2))
	want := []string{
		"一、财政拨款收入|100.00|一、一般公共服务支出|60.00",
		"二、事业收入|20.00|二、教育支出",
		"三、资源勘探工业信息等支出",
		"四、商业服务业等支出",
		"五、卫生健康支出|60.00",
		"六、住房保障支出",
		"本年收入合计|120.00|本年支出合计|120.00",
		"收入总计|120.00|支出总计|120.00",
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("rows\n%q\nwant\n%q", got, want)
	}
}

// TestStreamOffsetCells: an unruled table whose cells align their text
// differently: the codes sit lower than the names and amounts of their
// rows, and a wrapped name's first line stands above the amounts, its
// second beside the code, even in the first row under the header. Each
// row is read whole.
func TestStreamOffsetCells(t *testing.T) {
	amounts := func(y float64, total, basic string) []extract.Run {
		return []extract.Run{run(total, 250-5*float64(len(total)), y, 250), run(basic, 320-5*float64(len(basic)), y, 320)}
	}
	page := extract.Page{Number: 1, Width: 340, Height: 400, Lines: []extract.Line{
		line(run("一般公共预算支出表", 100, 20, 190)),
		line(run("单位：元", 280, 40, 320)),
		line(run("科目编码", 20, 60, 60), run("科目名称", 100, 60, 140), run("合计", 220, 60, 240), run("基本支出", 280, 60, 320)),
		// First row: 机关事业单位 / amounts / 2080505 基本养老保险缴费支出.
		line(run("机关事业单位", 120, 80, 180)),
		line(amounts(85, "1,449,977.63", "1,449,977.63")...),
		line(run("2080505", 20, 91, 55), run("基本养老保险缴费支出", 80, 91, 180)),
		// A row whose code sits lower than its name and amounts.
		line(append([]extract.Run{run("行政运行", 120, 110, 160)}, amounts(110, "17,651.92", "16,411.61")...)...),
		line(run("2013301", 20, 117, 55)),
		// A row on one line.
		line(append([]extract.Run{run("205", 20, 134, 35), run("教育支出", 80, 134, 120)}, amounts(134, "1,096.00", "20.00")...)...),
	}}
	var got []string
	for _, row := range streamTable(t, page) {
		got = append(got, strings.Join(row, "|"))
	}
	want := []string{
		"2080505|机关事业单位基本养老保险缴费支出|1,449,977.63|1,449,977.63",
		"2013301|行政运行|17,651.92|16,411.61",
		"205|教育支出|1,096.00|20.00",
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("rows\n%q\nwant\n%q", got, want)
	}
}

// filledCells returns each row's cells joined by |, leaving out the empty
// ones and those equal to one of skip.
func filledCells(rows [][]string, skip ...string) []string {
	out := make([]string, 0, len(rows))
	for _, r := range rows {
		cells := slices.DeleteFunc(slices.Clone(r), func(c string) bool { return c == "" || slices.Contains(skip, c) })
		out = append(out, strings.Join(cells, "|"))
	}
	return out
}

// assemble reads pages with the default rules.
func assemble(t *testing.T, pages ...extract.Page) *tables.Result {
	t.Helper()
	r, err := rules.Parse(cnbudget.DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	return tables.Assemble(&extract.Document{Path: "test.pdf", Format: extract.FormatPDF, Pages: pages}, r)
}

// TestStreamHeaderYears: in an unruled table, a header line naming the
// years of its column groups (2021 年 … 2022 年) carries no amount: it is
// header, not the first body row.
func TestStreamHeaderYears(t *testing.T) {
	page := extract.Page{Number: 1, Width: 400, Height: 400, Lines: []extract.Line{
		line(run("“三公”经费支出预算表", 120, 20, 250)),
		line(run("单位：万元", 330, 40, 380)),
		// Each year centred over its two columns, in the gap between them.
		line(run("2021 年", 172.5, 56, 212.5), run("2022 年", 302.5, 56, 342.5)),
		line(run("项目", 20, 70, 40), run("合计", 140, 70, 160), run("公务接待费", 200, 70, 250),
			run("合计", 270, 70, 290), run("公务接待费", 330, 70, 380)),
		line(run("本部门", 20, 86, 50), run("12.00", 135, 86, 160), run("3.00", 230, 86, 250),
			run("10.00", 265, 86, 290), run("2.50", 360, 86, 380)),
	}}
	res := assemble(t, page)
	if len(res.Tables) != 1 {
		t.Fatalf("%d tables", len(res.Tables))
	}
	tb := res.Tables[0]
	want := [][]string{{"本部门", "12.00", "3.00", "10.00", "2.50"}}
	if len(tb.Header) != 2 || fmt.Sprint(tb.Rows) != fmt.Sprint(want) {
		t.Errorf("header %q\nrows %q\nwant the years line in the header, rows %q", tb.Header, tb.Rows, want)
	}
}

func TestLineHasNumber(t *testing.T) {
	for _, c := range []struct {
		runs []string
		want bool
	}{
		{[]string{"2021 年", "2022 年"}, false},
		{[]string{"二、2022 年度部门工作任务"}, false},
		{[]string{"2021 年", "12.00"}, true},
		{[]string{"2021"}, true}, // an amount of 2021
		{[]string{"合计", "1,096.00"}, true},
		{[]string{"3015 年"}, true},
	} {
		var runs []extract.Run
		for i, r := range c.runs {
			runs = append(runs, run(r, float64(20+100*i), 50, float64(80+100*i)))
		}
		row := layout.Page(&extract.Page{Number: 1, Width: 400, Height: 400, Lines: []extract.Line{line(runs...)}})
		if got := tables.LineHasNumber(&row[0]); got != c.want {
			t.Errorf("%q: %v, want %v", c.runs, got, c.want)
		}
	}
}

// TestStreamSpreadLabels: labels whose characters are spread over their
// cell (项 … 目, 收 … 入) name no column of their own: the summary keeps
// its four columns.
func TestStreamSpreadLabels(t *testing.T) {
	page := extract.Page{Number: 1, Width: 420, Height: 400, Lines: []extract.Line{
		line(run("收支预算总表", 160, 20, 220)),
		line(run("单位：万元", 350, 40, 400)),
		line(run("收", 60, 56, 70), run("入", 120, 56, 130), run("支", 260, 56, 270), run("出", 320, 56, 330)),
		line(run("项", 30, 70, 40), run("目", 90, 70, 100), run("预算数", 160, 70, 190),
			run("项", 230, 70, 240), run("目", 290, 70, 300), run("预算数", 370, 70, 400)),
		line(run("一、财政拨款", 20, 86, 80), run("100.00", 160, 86, 190), run("一般公共服务支出", 210, 86, 290), run("60.00", 375, 86, 400)),
		line(run("二、事业收入", 20, 100, 80), run("20.00", 165, 100, 190), run("教育支出", 210, 100, 250), run("60.00", 375, 100, 400)),
	}}
	res := assemble(t, page)
	if len(res.Tables) != 1 {
		t.Fatalf("%d tables", len(res.Tables))
	}
	tb := res.Tables[0]
	want := [][]string{{"一、财政拨款", "100.00", "一般公共服务支出", "60.00"}, {"二、事业收入", "20.00", "教育支出", "60.00"}}
	if tb.NCols() != 4 || fmt.Sprint(tb.Rows) != fmt.Sprint(want) {
		t.Errorf("%d columns, rows %q; want 4 columns, %q", tb.NCols(), tb.Rows, want)
	}
}

// TestTitleOverRunningText: a section heading that reads like a table's
// title (（二）机构设置情况) over paragraphs gives them back as the
// narrative printed them: lines of a paragraph joined, a heading line
// kept apart, nothing interleaved.
func TestTitleOverRunningText(t *testing.T) {
	page := extract.Page{Number: 3, Width: 400, Height: 500, Lines: []extract.Line{
		line(run("（二）机构设置情况", 40, 40, 130)),
		line(run("局机关内设办公室、计划财务处、创新体系建设处、高新技术处、科", 40, 70, 370)),
		line(run("技成果与校地合作处等 10 个处室。", 20, 100, 190)),
		line(run("二、2022 年度部门工作任务", 40, 130, 170)),
		line(run("2022 年是全面推进的关键之年，全市科技创新工作的总体思路是以", 40, 160, 370)),
		line(run("建设创新平台为统领。", 20, 190, 120)),
	}}
	res := assemble(t, page)
	if len(res.Tables) != 0 {
		t.Fatalf("%d tables, want none", len(res.Tables))
	}
	got := outline(res)
	want := []string{
		"（二）机构设置情况",
		"局机关内设办公室、计划财务处、创新体系建设处、高新技术处、科技成果与校地合作处等 10 个处室。",
		"二、2022 年度部门工作任务",
		"2022 年是全面推进的关键之年，全市科技创新工作的总体思路是以建设创新平台为统领。",
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("narrative\n%q\nwant\n%q", got, want)
	}
}

// TestStreamRowLikeHeading: the first row of an unruled summary names a
// group under each half (一、部门预算 | 一、部门预算), no amount: cells
// far apart, not a narrative heading that would end the table.
func TestStreamRowLikeHeading(t *testing.T) {
	page := extract.Page{Number: 1, Width: 420, Height: 400, Lines: []extract.Line{
		line(run("部门综合预算收支总表", 150, 20, 250)),
		line(run("单位：万元", 350, 40, 400)),
		// Header labels centred in their cells.
		line(run("项目", 50, 56, 70), run("预算数", 160, 56, 190), run("项目", 250, 56, 270), run("预算数", 370, 56, 400)),
		line(run("一、部门预算", 20, 72, 80), run("一、部门预算", 210, 72, 270)),
		line(run("1、财政拨款", 20, 86, 75), run("100.00", 160, 86, 190), run("1、一般公共服务", 210, 86, 285), run("60.00", 375, 86, 400)),
		line(run("2、事业收入", 20, 100, 75), run("20.00", 165, 100, 190), run("2、教育", 210, 100, 245), run("60.00", 375, 100, 400)),
	}}
	res := assemble(t, page)
	if len(res.Tables) != 1 {
		t.Fatalf("%d tables, want 1", len(res.Tables))
	}
	want := [][]string{
		{"一、部门预算", "", "一、部门预算", ""},
		{"1、财政拨款", "100.00", "1、一般公共服务", "60.00"},
		{"2、事业收入", "20.00", "2、教育", "60.00"},
	}
	if got := res.Tables[0].Rows; fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("rows %q, want %q", got, want)
	}
}

// TestStreamRepeatedTitleWrappedHeader: a continuation page repeats the
// title and a header whose 序号 is printed on two lines (序 above, 号
// below the other labels); its rows continue the table.
func TestStreamRepeatedTitleWrappedHeader(t *testing.T) {
	page := func(n int, rows ...extract.Line) extract.Page {
		return extract.Page{Number: n, Width: 400, Height: 400, Lines: append([]extract.Line{
			line(run("一般公共预算基本支出明细表", 120, 20, 250)),
			line(run("金额单位：元", 340, 40, 400)),
			line(run("序", 20, 52, 30)),
			line(run("科目编码", 40, 58, 80), run("科目名称", 120, 58, 160), run("合计", 300, 58, 320)),
			line(run("号", 20, 64, 30)),
		}, rows...)}
	}
	body := func(y float64, seq, code, name, amount string) extract.Line {
		return line(run(seq, 20, y, 30), run(code, 40, y, 40+6*float64(len(code))), run(name, 120, y, 120+10*float64(len([]rune(name)))),
			run(amount, 320-5*float64(len(amount)), y, 320))
	}
	p1 := page(1, body(80, "1", "301", "工资福利支出", "1000.00"), body(94, "2", "30101", "基本工资", "600.00"),
		body(108, "3", "30102", "津贴补贴", "400.00"))
	p2 := page(2, body(80, "4", "302", "商品和服务支出", "500.00"), body(94, "5", "30201", "办公费", "300.00"),
		body(108, "6", "30205", "水费", "200.00"))
	got := streamTable(t, p1, p2)
	if len(got) != 6 || got[5][len(got[5])-1] != "200.00" || got[3][0] != "4" {
		t.Errorf("rows %q, want the six rows of both pages", got)
	}
}

// TestStreamNamesAroundAmounts: an unruled table of units whose long
// names are printed on two lines, one above and one below the amounts of
// their row, none beside them (Shenzhen's 收入总表, its lines as stage one
// reads them): the names still make the first column, apart from the
// totals.
func TestStreamNamesAroundAmounts(t *testing.T) {
	page := extract.Page{Number: 1, Width: 1080, Height: 760, Lines: []extract.Line{
		line(run("收入总表", 513, 117, 561)),
		line(run("部门名称：深圳市人力资源和社会保障局", 29, 139, 209), run("单位：万元", 995, 139, 1045)),
		line(run("本年收入", 600, 161, 640)),
		line(run("财政拨款", 365, 183, 405), run("单位资金", 756, 183, 796), run("上年结余", 991, 180, 1031)),
		line(run("预算单位", 87, 188, 127), run("收入总计", 208, 188, 248)),
		line(run("财政专户管理", 511, 191, 571)),
		line(run("、结转", 996, 196, 1026)),
		line(run("一般公共预算", 276, 202, 336), run("政府性基金预算", 350, 202, 420), run("国有资本经营预", 428, 202, 498), run("事业单位经营", 668, 202, 728), run("附属单位上缴", 825, 202, 885)),
		line(run("资金", 531, 207, 551)),
		line(run("事业收入", 600, 210, 640), run("上级补助收入", 746, 210, 806), run("其他收入", 913, 210, 953)),
		line(run("拨款", 296, 218, 316), run("拨款", 375, 218, 395), run("算拨款", 448, 218, 478), run("收入", 688, 218, 708), run("收入", 845, 218, 865)),
		line(run("深圳市社会保险基金管理局", 49, 234, 169)),
		line(run("11,429.20", 220, 242, 265), run("11,209.62", 299, 242, 344), run("0.00", 402, 242, 422), run("0.00", 480, 242, 500), run("0.00", 559, 242, 579), run("0.00", 637, 242, 657), run("0.00", 715, 242, 735), run("0.00", 793, 242, 813), run("0.00", 872, 242, 892), run("0.00", 950, 242, 970), run("219.58", 1019, 242, 1049)),
		line(run("（本级）", 29, 250, 69)),
		line(run("深圳市社会保险基金管理局", 49, 266, 169)),
		line(run("2,688.17", 225, 274, 265), run("2,688.17", 304, 274, 344), run("0.00", 402, 274, 422), run("0.00", 480, 274, 500), run("0.00", 559, 274, 579), run("0.00", 637, 274, 657), run("0.00", 715, 274, 735), run("0.00", 793, 274, 813), run("0.00", 872, 274, 892), run("0.00", 950, 274, 970), run("0.00", 1029, 274, 1049)),
		line(run("直属分局", 29, 281, 69)),
		line(run("深圳市社会保险基金管理局", 49, 297, 169)),
		line(run("7,064.19", 225, 305, 265), run("6,664.19", 304, 305, 344), run("0.00", 402, 305, 422), run("0.00", 480, 305, 500), run("0.00", 559, 305, 579), run("0.00", 637, 305, 657), run("0.00", 715, 305, 735), run("0.00", 793, 305, 813), run("0.00", 872, 305, 892), run("400.00", 940, 305, 970), run("0.00", 1029, 305, 1049)),
		line(run("福田分局", 29, 313, 69)),
	}}
	var got []string
	for _, row := range streamTable(t, page) {
		if len(row) >= 2 && row[1] != "" {
			got = append(got, row[0]+"|"+row[1])
		}
	}
	want := []string{
		"深圳市社会保险基金管理局（本级）|11,429.20",
		"深圳市社会保险基金管理局直属分局|2,688.17",
		"深圳市社会保险基金管理局福田分局|7,064.19",
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("rows (name|total) %q, want %q", got, want)
	}
}

// TestStreamSpreadRowLabels: a summary printed without rules spreads its
// total rows' labels over the cell one character at a time (本 年 收 入
// 合 计, as Changsha's does) and its header's too (项 目): each stays one
// word in the label column, which they made a column per character of.
func TestStreamSpreadRowLabels(t *testing.T) {
	spread := func(word string, x0, y, step float64) []extract.Run {
		var runs []extract.Run
		for i, r := range []rune(word) {
			x := x0 + float64(i)*step
			runs = append(runs, run(string(r), x, y, x+10))
		}
		return runs
	}
	row := func(y float64, in, inAmt, out, outAmt string) extract.Line {
		var runs []extract.Run
		if in != "" {
			runs = append(runs, run(in, 35, y, 35+10*float64(len([]rune(in)))))
		}
		if inAmt != "" {
			runs = append(runs, run(inAmt, 423-5*float64(len(inAmt)), y, 423))
		}
		runs = append(runs, run(out, 426, y, 426+10*float64(len([]rune(out)))))
		if outAmt != "" {
			runs = append(runs, run(outAmt, 814-5*float64(len(outAmt)), y, 814))
		}
		return line(runs...)
	}
	page := extract.Page{Number: 1, Width: 842, Height: 595, Lines: []extract.Line{
		line(run("2026年部门收支总体情况表", 324, 42, 524)),
		line(run("部门名称：长沙市信访局", 35, 75, 143), run("单位：万元", 766, 76, 815)),
		line(append(append(spread("项目", 113, 128, 57), run("本年预算", 322, 128, 362)), append(spread("项目", 504, 128, 57), run("本年预算", 714, 128, 753))...)...),
		row(163, "一、本级财政拨款收入", "1,935.36", "一、基本支出", "1,517.95"),
		row(201, "二、财政专户管理事业收入", "", "二、项目支出", "417.41"),
		line(append(append(spread("本年收入合计", 106, 240, 14.6), run("1,935.36", 381, 240, 423)), append(spread("本年支出合计", 497, 240, 14.6), run("1,935.36", 772, 240, 814))...)...),
	}}
	res := assemble(t, page)
	if len(res.Tables) != 1 {
		t.Fatalf("%d tables", len(res.Tables))
	}
	got := filledCells(res.Tables[0].Rows)
	want := []string{
		"一、本级财政拨款收入|1,935.36|一、基本支出|1,517.95",
		"二、财政专户管理事业收入|二、项目支出|417.41",
		"本年收入合计|1,935.36|本年支出合计|1,935.36",
	}
	if n := res.Tables[0].NCols(); n > 5 || fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("%d columns, rows %q\nwant at most 5 columns, rows %q", n, got, want)
	}
}

// TestStreamNameCentredBelowFullName: a unit's name printed on two lines
// centred on its amounts (深圳市…宝安分 above them, 局 below) follows a
// row whose name ran to the column's edge: it opens the unit's row, much
// nearer its amounts than the row above, not the rest of that name
// (Shenzhen's 基本支出总表, its lines as stage one reads them).
func TestStreamNameCentredBelowFullName(t *testing.T) {
	page := extract.Page{Number: 1, Width: 1080, Height: 760, Lines: []extract.Line{
		line(run("基本支出总表", 501, 117, 573)),
		line(run("部门名称：深圳市人力资源和社会保障局", 29, 139, 209), run("单位：万元", 995, 139, 1045)),
		line(run("财政拨款", 403, 161, 443), run("单位资金", 786, 161, 826)),
		line(run("财政专户", 577, 169, 617), run("上年结余、", 991, 169, 1041)),
		line(run("支出项目类别", 89, 177, 149), run("总计", 239, 177, 259)),
		line(run("一般公共", 368, 180, 408), run("政府性基金", 433, 180, 483), run("国有资本经", 503, 180, 553), run("事业单位", 717, 180, 757), run("上级补助", 786, 180, 826), run("附属单位", 856, 180, 896)),
		line(run("管理资金", 577, 185, 617), run("结转", 1006, 185, 1026)),
		line(run("小计", 309, 188, 329), run("事业收入", 647, 188, 687), run("其他收入", 926, 188, 966)),
		line(run("预算拨款", 368, 196, 408), run("预算拨款", 438, 196, 478), run("营预算拨款", 503, 196, 553), run("经营收入", 717, 196, 757), run("收入", 796, 196, 816), run("上缴收入", 856, 196, 896)),
		line(run("其他对个人和家庭的补助", 89, 212, 199), run("0.01", 259, 212, 279), run("0.01", 328, 212, 348), run("0.01", 398, 212, 418), run("0.00", 467, 212, 487), run("0.00", 537, 212, 557), run("0.00", 607, 212, 627), run("0.00", 676, 212, 696), run("0.00", 746, 212, 766), run("0.00", 816, 212, 836), run("0.00", 885, 212, 905), run("0.00", 955, 212, 975), run("0.00", 1025, 212, 1045)),
		line(run("深圳市社会保险基金管理局宝安分", 49, 228, 199)),
		line(run("5,836.28", 239, 236, 279), run("5,836.28", 308, 236, 348), run("5,836.28", 378, 236, 418), run("0.00", 467, 236, 487), run("0.00", 537, 236, 557), run("0.00", 607, 236, 627), run("0.00", 676, 236, 696), run("0.00", 746, 236, 766), run("0.00", 816, 236, 836), run("0.00", 885, 236, 905), run("0.00", 955, 236, 975), run("0.00", 1025, 236, 1045)),
		line(run("局", 29, 244, 39)),
		line(run("工资福利支出", 69, 260, 129), run("4,785.60", 239, 260, 279), run("4,785.60", 308, 260, 348), run("4,785.60", 378, 260, 418), run("0.00", 467, 260, 487), run("0.00", 537, 260, 557), run("0.00", 607, 260, 627), run("0.00", 676, 260, 696), run("0.00", 746, 260, 766), run("0.00", 816, 260, 836), run("0.00", 885, 260, 905), run("0.00", 955, 260, 975), run("0.00", 1025, 260, 1045)),
		line(run("基本工资", 89, 276, 129), run("631.00", 249, 276, 279), run("631.00", 318, 276, 348), run("631.00", 388, 276, 418), run("0.00", 467, 276, 487), run("0.00", 537, 276, 557), run("0.00", 607, 276, 627), run("0.00", 676, 276, 696), run("0.00", 746, 276, 766), run("0.00", 816, 276, 836), run("0.00", 885, 276, 905), run("0.00", 955, 276, 975), run("0.00", 1025, 276, 1045)),
	}}
	// The unit's name, its last character a little left of the column
	// the items' names make, is one cell of one row with its amounts.
	got := filledCells(streamTable(t, page), "0.00")
	want := []string{
		"其他对个人和家庭的补助|0.01|0.01|0.01",
		"深圳市社会保险基金管理局宝安分局|5,836.28|5,836.28|5,836.28",
		"工资福利支出|4,785.60|4,785.60|4,785.60",
		"基本工资|631.00|631.00|631.00",
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("rows %q, want %q", got, want)
	}
}

// TestStreamCentredNames: LibreOffice Writer, rules removed, centres each
// name on its row's amounts in a narrow column, two to four lines, all
// lines evenly spaced: a name's first line stands as near the row above
// as its own, and ran to the column's edge (s1_d06 of the synthetic
// departments). Each line goes to the row line nearest it.
func TestStreamCentredNames(t *testing.T) {
	page := extract.Page{Number: 1, Width: 595, Height: 842, Lines: []extract.Line{
		line(run("部门预算一般公共预算财政拨款支出表", 140, 56, 446)),
		line(run("128 孟村回族自治县自然", 55, 92, 196), run("预算年度：2023", 226, 92, 320), run("单位：万元", 467, 92, 532)),
		line(run("资源和规划局", 55, 111, 133)),
		line(run("功能分类科目", 142, 133, 220)),
		line(run("序号", 67, 144, 93), run("合计", 289, 144, 315), run("基本支出", 368, 144, 420), run("项目支出", 460, 144, 512)),
		line(run("科目编码", 126, 155, 178), run("科目名称", 202, 155, 254)),
		line(run("栏次", 67, 178, 93), run("1", 149, 178, 155), run("2", 224, 178, 232), run("3", 298, 178, 306), run("4", 390, 178, 397), run("5", 483, 178, 490)),
		line(run("1", 77, 200, 83), run("合计", 200, 200, 226), run("9352.80", 298, 200, 345), run("2099.49", 390, 200, 438), run("7253.31", 485, 200, 531)),
		line(run("一般公共", 200, 223, 252)),
		line(run("2", 76, 232, 84), run("201", 142, 232, 163), run("565.98", 305, 232, 345), run("565.98", 491, 232, 531)),
		line(run("服务支出", 200, 242, 252)),
		line(run("其他一般", 200, 264, 252)),
		line(run("3", 76, 283, 84), run("20199", 135, 283, 170), run("公共服务", 200, 283, 252), run("565.98", 305, 283, 345), run("565.98", 491, 283, 531)),
		line(run("支出", 200, 302, 226)),
		line(run("其他一般", 200, 324, 252)),
		line(run("4", 76, 343, 84), run("2019999", 127, 343, 177), run("公共服务", 200, 343, 252), run("565.98", 305, 343, 345), run("565.98", 491, 343, 531)),
		line(run("支出", 200, 362, 226)),
		line(run("社会保障", 200, 384, 252)),
		line(run("5", 76, 403, 84), run("208", 142, 403, 163), run("和就业支", 200, 403, 252), run("379.42", 305, 403, 345), run("372.97", 398, 403, 438), run("6.45", 505, 403, 531)),
		line(run("出", 200, 422, 214)),
		line(run("行政事业", 200, 444, 252)),
		line(run("6", 76, 463, 84), run("20805", 134, 463, 170), run("单位养老", 200, 463, 252), run("367.55", 305, 463, 345), run("361.10", 400, 463, 438), run("6.45", 505, 463, 531)),
		line(run("支出", 200, 482, 226)),
		line(run("行政单位", 200, 504, 252)),
		line(run("7", 76, 514, 83), run("2080501", 128, 514, 177), run("18.61", 314, 514, 345), run("18.61", 407, 514, 438)),
		line(run("离退休", 200, 523, 240)),
		line(run("事业单位", 200, 546, 252)),
		line(run("8", 76, 555, 84), run("2080502", 127, 555, 178), run("15.38", 313, 555, 345), run("15.38", 406, 555, 438)),
	}}
	var got []string
	for _, row := range streamTable(t, page) {
		if cells := filledCells([][]string{row}); strings.HasPrefix(cells[0], "2|") || strings.Contains(cells[0], "|20") {
			got = append(got, cells[0])
		}
	}
	want := []string{
		"1|合计|9352.80|2099.49|7253.31",
		"2|201|一般公共服务支出|565.98|565.98",
		"3|20199|其他一般公共服务支出|565.98|565.98",
		"4|2019999|其他一般公共服务支出|565.98|565.98",
		"5|208|社会保障和就业支出|379.42|372.97|6.45",
		"6|20805|行政事业单位养老支出|367.55|361.10|6.45",
		"7|2080501|行政单位离退休|18.61|18.61",
		"8|2080502|事业单位|15.38|15.38", // its second line is not in this excerpt
	}
	wantRows(t, got, want, false)
}

// TestStreamSummaryWrappedFirstLabel: Chromium, rules removed, prints a
// summary whose department line wraps its last character under it, beside
// the table number and the unit (部门：…监督管理 | 公开01表 | 金额单位：万元,
// then 局), and whose first label wraps around its amounts (一、一般公共预算
// | 1 … 1421.89 | 财政拨款收入; f1_d04 of the synthetic finals). The meta
// lines are one block, and the label's first line, which looks like a
// narrative heading, is the first row's: the table is read, not dropped.
func TestStreamSummaryWrappedFirstLabel(t *testing.T) {
	page := extract.Page{Number: 1, Width: 595, Height: 842, Lines: []extract.Line{
		line(run("蒲江县市场监督管理局2024年度收入支出决算总表", 114, 46, 472)),
		line(run("部门：蒲江县市场监督管理", 34, 76.9, 166)),
		line(run("公开01表", 290, 84.4, 334), run("金额单位：万元", 476, 84.4, 552)),
		line(run("局", 34, 91.9, 45)),
		line(run("收入", 123, 111, 145), run("支出", 382, 111, 404)),
		line(run("项目", 74, 131, 96), run("行次", 142, 131, 164), run("金额", 192, 131, 214), run("项目", 333, 131, 355), run("行次", 460, 131, 482), run("金额", 510, 131, 532)),
		line(run("一、一般公共预算", 41, 151.2, 129)),
		line(run("1", 138, 158.7, 144), run("1421.89", 193, 158.7, 231), run("一、一般公共服务支出", 238, 158.7, 348), run("32", 456, 158.7, 469), run("1190.36", 511, 158.7, 549)),
		line(run("财政拨款收入", 52, 166, 118)),
		line(run("二、政府性基金预", 41, 186, 129)),
		line(run("2", 138, 194, 144), run("二、外交支出", 238, 194, 304), run("33", 456, 194, 469)),
		line(run("算财政拨款收入", 46, 201, 123)),
	}}
	res := assemble(t, page)
	if m := res.Meta; m.Dept != "蒲江县市场监督管理局" || m.Unit != "万元" {
		t.Errorf("meta %+v, want 蒲江县市场监督管理局 in 万元", m)
	}
	if len(res.Tables) != 1 {
		t.Fatalf("%d tables, want 1", len(res.Tables))
	}
	rows := filledCells(res.Tables[0].Rows)
	want := []string{
		"一、一般公共预算财政拨款收入|1|1421.89|一、一般公共服务支出|32|1190.36",
		"二、政府性基金预算财政拨款收入|2|二、外交支出|33",
	}
	wantRows(t, rows, want, true)
}

// TestStreamTotalOverMergedCell: LibreOffice Writer, rules removed, centres
// 合计 over the merged cell of 科目编码 | 科目名称 (f1_d00 of the synthetic
// finals): its text alone covers the gap between the codes and the names,
// which must stay two columns (and the names, centred on their amounts,
// go with their rows).
func TestStreamTotalOverMergedCell(t *testing.T) {
	page := extract.Page{Number: 1, Width: 842, Height: 595, Lines: []extract.Line{
		line(run("收入决算表", 380, 39, 470)),
		line(run("编制单位：滦平县应急管理局", 38, 73, 207), run("2021 年度", 387, 73, 444), run("金额单位：万元", 722, 73, 813)),
		line(run("项目", 98, 95, 124), run("附属单位上缴", 643, 97, 721)),
		line(run("本年收入合计", 194, 107, 272), run("财政拨款收入", 288, 107, 366), run("上级补助收入", 380, 107, 458), run("事业收入", 481, 107, 533), run("经营收入", 568, 107, 620), run("其他收入", 744, 107, 796)),
		line(run("科目编码", 54, 118, 106), run("科目名称", 129, 118, 181), run("收入", 669, 116, 695)),
		line(run("合计", 98, 141, 124), run("1,217.34", 229, 141, 278), run("1,217.34", 323, 141, 372), run("0.00", 437, 141, 463), run("0.00", 523, 141, 549), run("0.00", 609, 141, 635), run("0.00", 700, 141, 726), run("0.00", 786, 141, 812)),
		line(run("一般公共", 125, 163, 177)),
		line(run("201", 70, 173, 91), run("77.20", 245, 173, 278), run("77.20", 339, 173, 372), run("0.00", 437, 173, 463), run("0.00", 523, 173, 549), run("0.00", 609, 173, 635), run("0.00", 700, 173, 726), run("0.00", 786, 173, 812)),
		line(run("服务支出", 125, 182, 177)),
		line(run("其他一般", 125, 205, 177)),
		line(run("20199", 63, 223, 98), run("公共服务", 125, 223, 177), run("77.20", 245, 223, 278), run("77.20", 339, 223, 372), run("0.00", 437, 223, 463), run("0.00", 523, 223, 549), run("0.00", 609, 223, 635), run("0.00", 700, 223, 726), run("0.00", 786, 223, 812)),
		line(run("支出", 125, 242, 151)),
		line(run("其他一般", 125, 265, 177)),
		line(run("2019999", 55, 283, 105), run("公共服务", 125, 283, 177), run("77.20", 245, 283, 278), run("77.20", 339, 283, 372), run("0.00", 437, 283, 463), run("0.00", 523, 283, 549), run("0.00", 609, 283, 635), run("0.00", 700, 283, 726), run("0.00", 786, 283, 812)),
		line(run("支出", 125, 302, 151)),
		line(run("社会保障", 125, 325, 177)),
		line(run("208", 69, 343, 91), run("和就业支", 125, 343, 177), run("45.10", 246, 343, 278), run("45.10", 340, 343, 372), run("0.00", 437, 343, 463), run("0.00", 523, 343, 549), run("0.00", 609, 343, 635), run("0.00", 700, 343, 726), run("0.00", 786, 343, 812)),
		line(run("出", 125, 362, 138)),
	}}
	var got []string
	for _, row := range streamTable(t, page) {
		cells := filledCells([][]string{row})[0]
		if strings.HasPrefix(cells, "合计|") || strings.HasPrefix(cells, "20") {
			got = append(got, cells)
		}
	}
	want := []string{
		"合计|1,217.34|1,217.34|0.00|0.00|0.00|0.00|0.00",
		"201|一般公共服务支出|77.20|77.20|0.00|0.00|0.00|0.00|0.00",
		"20199|其他一般公共服务支出|77.20|77.20|0.00|0.00|0.00|0.00|0.00",
		"2019999|其他一般公共服务支出|77.20|77.20|0.00|0.00|0.00|0.00|0.00",
		"208|社会保障和就业支出|45.10|45.10|0.00|0.00|0.00|0.00|0.00",
	}
	wantRows(t, got, want, false)
}

// TestStreamCentredLabelsOfManyLines: Writer, rules removed, centres a
// summary's labels on their row in a column three characters wide, four
// and five lines each (s1_d06 of the synthetic departments): the outer
// lines stand more than two lines from their row line, and are still
// its, between the row lines around them.
func TestStreamCentredLabelsOfManyLines(t *testing.T) {
	page := extract.Page{Number: 1, Width: 595, Height: 842, Lines: []extract.Line{
		line(run("部门预算收支总表", 222, 56, 366)),
		line(run("128 孟村回族", 55, 90, 131), run("预算年度：", 145, 90, 210), run("单位：万元", 467, 90, 532)),
		line(run("自治县自然资", 55, 109, 133), run("2023", 163, 109, 192)),
		line(run("源和规划局", 55, 128, 120)),
		line(run("收入", 141, 150, 167), run("支出", 360, 150, 386)),
		line(run("序号", 62, 161, 88)),
		line(run("项 目", 104, 172, 133), run("预算数", 158, 172, 197), run("项 目", 322, 172, 352), run("预算数", 478, 172, 517)),
		line(run("栏次", 62, 195, 88), run("1", 115, 195, 121), run("2", 173, 195, 181), run("3", 334, 195, 341), run("4", 494, 195, 501)),
		line(run("一、一", 97, 218, 136)),
		line(run("般公共", 97, 236, 136)),
		line(run("1", 72, 246, 78), run("9043.13 一、一般公共服务支出", 164, 246, 344), run("565.98", 491, 246, 531)),
		line(run("预算拨", 97, 255, 136)),
		line(run("款收入", 97, 274, 136)),
		line(run("二、政", 97, 296, 136)),
		line(run("府性基", 97, 315, 136)),
		line(run("2", 71, 334, 78), run("金预算", 97, 334, 136), run("二、外交支出", 214, 334, 292)),
		line(run("拨款收", 97, 352, 136)),
		line(run("入", 97, 371, 110)),
		line(run("三、国", 97, 394, 136)),
		line(run("有资本", 97, 412, 136)),
		line(run("3", 71, 431, 78), run("经营预", 97, 431, 136), run("三、国防支出", 214, 431, 292)),
		line(run("算拨款", 97, 450, 136)),
		line(run("收入", 97, 469, 123)),
		line(run("四、财", 97, 491, 136)),
		line(run("政专户", 97, 510, 136)),
		line(run("4", 71, 519, 78), run("四、公共安全支出", 214, 519, 318)),
		line(run("管理资", 97, 529, 136)),
		line(run("金收入", 97, 547, 136)),
	}}
	var got []string
	for _, row := range streamTable(t, page) {
		got = append(got, filledCells([][]string{row})[0])
	}
	// (The first row is left out: these lines, set at one height
	// each, put the index row too close to it.)
	want := []string{
		"2|二、政府性基金预算拨款收入|二、外交支出",
		"3|三、国有资本经营预算拨款收入|三、国防支出",
	}
	var body []string
	for _, g := range got {
		if len(g) > 1 && g[0] >= '2' && g[0] <= '3' && g[1] == '|' {
			body = append(body, g)
		}
	}
	wantRows(t, body, want, false)
}

// TestStreamIndexRowOverLeftLabels: Writer, rules removed: labels centred
// in their cells, figures right-aligned, an index row numbering the
// amount columns (f1_d03 of the synthetic finals). The labels' own chain
// puts 合计's figures under 基本支出 beside its own; the index row's
// numbers, evenly spaced, part the columns as printed.
func TestStreamIndexRowOverLeftLabels(t *testing.T) {
	page := extract.Page{Number: 1, Width: 595, Height: 842, Lines: []extract.Line{
		line(run("一般公共预算财政拨款支出决算表", 200, 54, 395)),
		line(run("部门：平武县文化广电和旅游局", 55, 80, 167), run("公开 05 表", 280, 80, 317), run("金额单位：万元", 484, 80, 540)),
		line(run("项目", 145, 94, 161), run("本年支出", 380, 94, 412)),
		line(run("科目编码", 87, 109, 119), run("科目名称", 186, 109, 218), run("合计", 291, 109, 307), run("基本支出", 379, 109, 411), run("项目支出", 477, 109, 509)),
		line(run("栏次", 95, 123, 111), run("1", 296, 123, 301), run("2", 393, 123, 397), run("3", 490, 123, 495)),
		line(run("合计", 145, 138, 161), run("2048.45", 313, 138, 344), run("785.78", 416, 138, 442), run("1262.67", 509, 138, 540)),
		line(run("201", 96, 153, 110), run("一般公共服务支出", 153, 153, 217), run("24.77", 323, 153, 344), run("24.77", 518, 153, 540)),
		line(run("20199", 91, 168, 115), run("其他一般公共服务支出", 153, 168, 233), run("24.77", 323, 168, 344), run("24.77", 518, 168, 540)),
		line(run("2019999", 86, 182, 120), run("其他一般公共服务支出", 153, 182, 233), run("24.77", 323, 182, 344), run("24.77", 518, 182, 540)),
		line(run("206", 96, 197, 110), run("科学技术支出", 153, 197, 201), run("9.21", 328, 197, 344), run("9.21", 523, 197, 540)),
		line(run("20607", 91, 212, 115), run("科学技术普及", 153, 212, 201), run("9.21", 328, 212, 344), run("9.21", 523, 212, 540)),
		line(run("2060799", 86, 226, 120), run("其他科学技术普及支出", 153, 226, 233), run("9.21", 328, 226, 344), run("9.21", 523, 226, 540)),
		line(run("207", 96, 241, 110), run("文化旅游体育与传媒支出", 153, 241, 241), run("1377.12", 313, 241, 344), run("421.78", 416, 241, 442), run("955.34", 514, 241, 540)),
		line(run("20701", 91, 256, 115), run("文化和旅游", 153, 256, 193), run("911.02", 318, 256, 344), run("346.64", 416, 256, 442), run("564.38", 514, 256, 540)),
	}}
	var got []string
	for _, row := range streamTable(t, page) {
		if len(row) >= 5 && row[0]+row[1] != "" && row[len(row)-1] != "" && row[0] != "栏次" {
			got = append(got, strings.Join(row, "|"))
		}
	}
	want := []string{
		"|合计|2048.45|785.78|1262.67",
		"201|一般公共服务支出|24.77||24.77",
		"20199|其他一般公共服务支出|24.77||24.77",
	}
	wantRows(t, got, want, true)
}

// TestMetaCodeApartFromName: Chromium, rules removed, prints the
// department's code apart from its name, the name wrapped under both
// (859 | 滦平县交通 … 运输局) beside the year and unit (s1_d05 of the
// synthetic departments): one meta block, not the table's first rows.
func TestMetaCodeApartFromName(t *testing.T) {
	page := extract.Page{Number: 1, Width: 595, Height: 842, Lines: []extract.Line{
		line(run("部门预算一般公共预算财政拨款基本支出表", 122, 60, 464)),
		line(run("859", 48, 94, 67), run("滦平县交通", 74, 94, 139)),
		line(run("预算年度：2023", 233, 102, 324), run("单位：万元", 473, 102, 538)),
		line(run("运输局", 48, 111, 87)),
		line(run("支出部门经济分类科目", 155, 133, 285), run("一般公共预算基本支出", 382, 133, 512)),
		line(run("序号", 53, 144, 79)),
		line(run("科目编码", 90, 156, 142), run("科目名称", 226, 156, 278), run("合计", 369, 156, 395), run("人员经费", 416, 156, 468), run("公用经费", 480, 156, 532)),
		line(run("栏次", 53, 179, 79), run("1", 113, 179, 120), run("2", 249, 179, 255), run("3", 379, 179, 385), run("4", 438, 179, 445), run("5", 503, 179, 509)),
		line(run("1", 63, 202, 70), run("合计", 152, 202, 178), run("670.20", 367, 202, 406), run("631.14", 432, 202, 471), run("39.06", 502, 202, 535)),
		line(run("2", 63, 224, 70), run("301", 107, 224, 126), run("工资福利支出", 152, 224, 230), run("569.72", 367, 224, 406), run("569.72", 432, 224, 471)),
		line(run("3", 63, 247, 70), run("30101", 100, 247, 133), run("基本工资", 152, 247, 204), run("134.80", 367, 247, 406), run("134.80", 432, 247, 471)),
		line(run("4", 63, 270, 70), run("30102", 100, 270, 133), run("津贴补贴", 152, 270, 204), run("113.51", 367, 270, 406), run("113.51", 432, 270, 471)),
	}}
	res := assemble(t, page)
	if m := res.Meta; m.Dept != "滦平县交通运输局" || m.DeptCode != "859" || m.Year != "2023" || m.Unit != "万元" {
		t.Errorf("meta %+v", m)
	}
	if len(res.Tables) != 1 || len(res.Tables[0].Rows) == 0 || !strings.HasPrefix(strings.Join(filledCells(res.Tables[0].Rows[:1]), ""), "1|合计|670.20") {
		t.Errorf("tables %+v", res.Tables)
	}
}

// TestStreamTotalOverCodeColumns: Writer, rules removed, centres 合计 over
// the merged cell of 类 | 款 | 项 (f1_d07 of the synthetic finals), where
// no code stands: it makes no column of its own between the 项 codes and
// the names.
func TestStreamTotalOverCodeColumns(t *testing.T) {
	page := extract.Page{Number: 1, Width: 842, Height: 595, Lines: []extract.Line{
		line(run("2024 年度一般公共预算财政拨款支出决算表", 274, 56, 577)),
		line(run("部门：光山县卫生健康局", 55, 86, 171), run("公开 05 表", 336, 86, 383), run("金额单位：万元", 722, 86, 796)),
		line(run("项目", 219, 105, 240), run("本年支出", 580, 105, 622)),
		line(run("科目编码", 137, 124, 179)),
		line(run("科目名称", 312, 134, 354), run("合计", 453, 134, 474), run("基本支出", 570, 134, 612), run("项目支出", 707, 134, 749)),
		line(run("类", 88, 143, 99), run("款", 160, 143, 170), run("项", 224, 143, 235)),
		line(run("栏次", 83, 162, 104), run("1", 461, 162, 466), run("2", 588, 162, 593), run("3", 725, 162, 731)),
		line(run("合计", 219, 181, 240), run("186.24", 488, 181, 520), run("152.71", 626, 181, 658), run("33.53", 769, 181, 795)),
		line(run("210", 85, 200, 102), run("卫生健康支出", 263, 200, 326), run("186.24", 488, 200, 520), run("152.71", 626, 200, 658), run("33.53", 769, 200, 795)),
		line(run("210", 85, 220, 102), run("01", 134, 220, 146), run("卫生健康管理事务", 263, 220, 347), run("176.79", 488, 220, 520), run("143.26", 626, 220, 658), run("33.53", 769, 220, 795)),
		line(run("210", 85, 239, 102), run("01", 134, 239, 146), run("01", 199, 239, 210), run("行政运行", 263, 239, 305), run("131.53", 488, 239, 520), run("130.64", 626, 239, 658), run("0.89", 775, 239, 795)),
		line(run("210", 85, 258, 102), run("01", 134, 258, 146), run("02", 199, 258, 210), run("一般行政管理事务", 263, 258, 347), run("1.02", 500, 258, 520), run("1.02", 775, 258, 795)),
		line(run("210", 85, 277, 102), run("01", 134, 277, 146), run("03", 199, 277, 210), run("机关服务", 263, 277, 305), run("12.62", 494, 277, 520), run("12.62", 631, 277, 658)),
	}}
	rows := streamTable(t, page)
	var got []string
	for _, row := range rows {
		if strings.Join(row, "") != "" && (row[0] == "210" || strings.Contains(strings.Join(row, ""), "合计186")) {
			got = append(got, strings.Join(row, "|"))
		}
	}
	want := []string{
		"||合计||186.24|152.71|33.53",
		"210|||卫生健康支出|186.24|152.71|33.53",
		"210|01||卫生健康管理事务|176.79|143.26|33.53",
		"210|01|01|行政运行|131.53|130.64|0.89",
	}
	wantRows(t, got, want, true)
}

// wantRows compares rows joined cell by cell with want: all of them, or
// with first only the first len(want).
// run13 is run for 13-point text, as Writer and Chromium set a body.
func run13(text string, x0, y0, x1 float64) extract.Run {
	r := run(text, x0, y0, x1)
	r.Y1, r.Size = y0+13, 13
	return r
}

// cjk13 is a run of 13-point CJK text from x0, 13 points a character.
func cjk13(s string, x0, y0 float64) extract.Run {
	return run13(s, x0, y0, x0+13*float64(len([]rune(s))))
}

// lastRows reads pages as one table and compares its last rows, their
// filled cells joined by |, with want.
func lastRows(t *testing.T, want []string, pages ...extract.Page) {
	t.Helper()
	got := filledRows(t, pages...)
	wantRows(t, got[len(got)-min(len(got), len(want)):], want, false)
}

// firstRows is lastRows for the first rows of the table.
func firstRows(t *testing.T, want []string, pages ...extract.Page) {
	t.Helper()
	wantRows(t, filledRows(t, pages...), want, true)
}

// allRows is lastRows for all the rows of the table.
func allRows(t *testing.T, want []string, pages ...extract.Page) {
	t.Helper()
	wantRows(t, filledRows(t, pages...), want, false)
}

// filledRows reads pages as one table: its rows, filled cells joined by |.
func filledRows(t *testing.T, pages ...extract.Page) []string {
	t.Helper()
	var got []string
	for _, row := range streamTable(t, pages...) {
		got = append(got, filledCells([][]string{row})[0])
	}
	return got
}

func wantRows(t *testing.T, got, want []string, first bool) {
	t.Helper()
	cmp := got
	if first && len(got) >= len(want) {
		cmp = got[:len(want)]
	}
	if strings.Join(cmp, "\n") != strings.Join(want, "\n") {
		t.Errorf("rows\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestStreamNamesPartedAtPadding: names in a column two characters wide
// (Writer, s1_d06 printed without rules) run over four lines centred on
// their amounts; the first line of a name stands nearer the row above
// than its own (一般 under 合计). Between two rows the lines of one cell sit
// closer than the last of one cell and the first of the next: the widest
// gap is where the names part.
func TestStreamNamesPartedAtPadding(t *testing.T) {
	page := extract.Page{Number: 1, Width: 842, Height: 595, Lines: []extract.Line{
		line(run("部门预算收入总表", 345, 56, 489)),
		line(run("128 孟村回族自治县自然资源和", 55, 90, 235), run("预算年度：2023", 342, 90, 436), run("单位：万元", 714, 90, 778)),
		line(run("规划局", 55, 109, 94)),
		line(run("功能分类科目", 96, 131, 174), run("本年收入", 454, 131, 506)),
		line(run("序号", 58, 152, 84), run("科目", 151, 152, 177), run("合计", 198, 152, 224), run("财政拨款", 302, 152, 354), run("上年结转", 724, 152, 776)),
		line(run("科目编码", 90, 163, 142), run("小计", 256, 163, 282)),
		line(run("名称", 151, 172, 177), run("收入", 315, 172, 341)),
		line(run("栏次", 58, 195, 84), run("1", 113, 195, 120), run("2", 161, 195, 168), run("3", 208, 195, 215), run("4", 265, 195, 272), run("5", 324, 195, 331), run("6", 743, 195, 757)),
		line(run("1", 67, 218, 74), run("合计", 148, 218, 174), run("9358.66", 190, 218, 238), run("9048.99", 248, 218, 295), run("9043.13", 310, 218, 357), run("309.67", 738, 218, 778)),
		line(run("一般", 148, 237.6, 174)),
		line(run("公共", 148, 253.3, 174)),
		line(run("2", 67, 261.2, 74), run("201", 106, 261.2, 127), run("565.98", 198, 261.2, 238), run("301.46", 256, 261.2, 295), run("301.46", 318, 261.2, 357), run("264.52", 738, 261.2, 778)),
		line(run("服务", 148, 269, 174)),
		line(run("支出", 148, 284.7, 174)),
		line(run("其他", 148, 304.3, 174)),
		line(run("一般", 148, 320, 174)),
		line(run("3", 67, 335.7, 74), run("20199", 99, 335.7, 134), run("公共", 148, 335.7, 174), run("565.98", 198, 335.7, 238), run("301.46", 256, 335.7, 295), run("301.46", 318, 335.7, 357), run("264.52", 738, 335.7, 778)),
		line(run("服务", 148, 351.4, 174)),
		line(run("支出", 148, 367.1, 174)),
		line(run("社会", 148, 386.7, 174)),
		line(run("保障", 148, 402.4, 174)),
		line(run("4", 67, 410.3, 74), run("208", 106, 410.3, 127), run("379.42", 198, 410.3, 238), run("375.06", 255, 410.3, 295), run("375.06", 317, 410.3, 357), run("4.36", 752, 410.3, 778)),
		line(run("和就", 148, 418.1, 174)),
		line(run("业支出", 148, 433.8, 184)),
	}}
	firstRows(t, []string{
		"1|合计|9358.66|9048.99|9043.13|309.67",
		"2|201|一般公共服务支出|565.98|301.46|301.46|264.52",
		"3|20199|其他一般公共服务支出|565.98|301.46|301.46|264.52",
		"4|208|社会保障和就业支出|379.42|375.06|375.06|4.36",
	}, page)
}

// TestStreamNameAtPageTop: a continuation page (Writer, s1_d06 without
// rules) opens with a name of eight lines centred on its row's amounts,
// four above them: far above its row line, those lines are still its
// name, not a row of their own (later taken for the rest of the row the
// page break cut): as many lines stand above as below.
func TestStreamNameAtPageTop(t *testing.T) {
	page := extract.Page{Number: 1, Width: 842, Height: 595, Lines: []extract.Line{
		line(run("部门预算收入总表", 345, 56, 489)),
		line(run("128 孟村回族自治县自然资源和规划局", 55, 90, 280), run("预算年度：2023", 342, 90, 436), run("单位：万元", 714, 90, 778)),
		line(run("序号", 58, 152, 84), run("科目编码", 90, 152, 142), run("科目名称", 148, 152, 200), run("合计", 206, 152, 232), run("财政拨款", 302, 152, 354)),
		line(run("栏次", 58, 165, 84), run("1", 113, 165, 120), run("2", 161, 165, 168), run("3", 218, 165, 225), run("4", 324, 165, 331)),
		line(run("机关", 148, 183.4, 174)),
		line(run("事业", 148, 199.1, 174)),
		line(run("单位", 148, 214.8, 174)),
		line(run("基本", 148, 230.5, 174)),
		line(run("9", 67, 238.4, 74), run("2080505", 91, 238.4, 142), run("214.94", 199, 238.4, 238), run("214.94", 318, 238.4, 357)),
		line(run("养老", 148, 246.2, 174)),
		line(run("保险", 148, 261.9, 174)),
		line(run("缴费", 148, 277.6, 174)),
		line(run("支出", 148, 293.3, 174)),
		line(run("机关", 148, 312.9, 174)),
		line(run("事业", 148, 328.6, 174)),
		line(run("10", 65, 336.5, 76), run("2080506", 91, 336.5, 142), run("112.17", 199, 336.5, 238), run("112.17", 318, 336.5, 357)),
		line(run("单位", 148, 344.3, 174)),
		line(run("年金", 148, 360, 174)),
	}}
	firstRows(t, []string{
		"9|2080505|机关事业单位基本养老保险缴费支出|214.94|214.94",
		"10|2080506|机关事业单位年金|112.17|112.17",
	}, page)
}

// TestStreamFirstLabelOverManyLines: Writer prints a summary without rules
// whose labels wrap in a narrow column, centred on their amounts, the
// first over four lines (一、一般 | 公共预算 | the amounts | 财政拨款 |
// 收入; f1_d00 of the synthetic finals). Its first line opens a list like a
// narrative heading, two lines above the amounts: it is the first row's,
// and the table is read, not dropped.
func TestStreamFirstLabelOverManyLines(t *testing.T) {
	page := extract.Page{Number: 1, Width: 595, Height: 842, Lines: []extract.Line{
		line(run("收入支出决算总表", 230, 39, 374)),
		line(run("编制单位：滦平县应急管理局", 38, 74, 200), run("2021 年度", 257, 74, 314), run("金额单位：万元", 475, 74, 566)),
		line(run("收入", 106, 152, 132), run("支出", 371, 152, 397)),
		line(run("项目", 56, 174, 82), run("金额", 138, 174, 164), run("项目", 322, 174, 348), run("金额", 505, 174, 531)),
		line(run("一、一般", 44, 196.8, 96)),
		line(run("公共预算", 44, 212.5, 96)),
		line(run("1,217.34", 149, 220.4, 198), run("一、一般公共服务支出", 202, 220.4, 332), run("90.90", 532, 220.4, 565)),
		line(run("财政拨款", 44, 228.2, 96)),
		line(run("收入", 56, 243.9, 82)),
		line(run("二、政府", 44, 263.5, 96)),
		line(run("性基金预", 44, 279.2, 96)),
		line(run("0.00", 172, 287.1, 198), run("二、社会保障和就业支出", 202, 287.1, 345), run("45.10", 533, 287.1, 565)),
		line(run("算财政拨", 44, 294.9, 96)),
		line(run("款收入", 50, 310.6, 89)),
		line(run("三、国有", 44, 330.2, 96)),
		line(run("资本经营", 44, 345.9, 96)),
		line(run("0.00", 172, 353.8, 198), run("三、卫生健康支出", 202, 353.8, 306), run("13.00", 533, 353.8, 565)),
		line(run("预算财政", 44, 361.6, 96)),
		line(run("拨款收入", 44, 377.3, 96)),
	}}
	firstRows(t, []string{
		"一、一般公共预算财政拨款收入|1,217.34|一、一般公共服务支出|90.90",
		"二、政府性基金预算财政拨款收入|0.00|二、社会保障和就业支出|45.10",
		"三、国有资本经营预算财政拨款收入|0.00|三、卫生健康支出|13.00",
	}, page)
}

// TestStreamRowCutAtPageTop: Writer prints without rules a name wrapped in
// a column three characters wide, centred on its row's amounts; the page
// break cuts a row after its first line (机关事 | 10 … the amounts), and
// the next page begins with the rest of that name (业单位 | 职业年 | 金缴费
// | 支出), then the next row's name (其他行 | 政事业 | the amounts | 单位养 |
// 老支出). The cells' padding parts the two: the rest is one row, joined to
// the row the break cut, not shared out by distance (s1_d06 of the
// synthetic departments; a row line with no name, 9 | 2080505 | the
// amounts, tells that names are centred).
func TestStreamRowCutAtPageTop(t *testing.T) {
	head := func(n int) []extract.Line {
		var ls []extract.Line
		if n == 1 {
			ls = append(ls, line(run("部门支出总表", 360, 30, 470)))
		}
		return append(ls,
			line(run("128 孟村回族自治县自然资源和规划局", 55, 56, 280), run("预算年度：2023", 330, 56, 424), run("单位：万元", 714, 56, 778)),
			line(run("序号", 66, 117.5, 92), run("科目编码", 121, 117.5, 173), run("科目名称", 193, 117.5, 245), run("合计", 276, 117.5, 302),
				run("基本支出", 350, 117.5, 402), run("项目支出", 438, 117.5, 490)),
			line(run("栏次", 66, 160.8, 92), run("1", 144, 160.8, 150), run("2", 215, 160.8, 222), run("3", 285, 160.8, 293),
				run("4", 372, 160.8, 379), run("5", 460, 160.8, 467)))
	}
	p1 := extract.Page{Number: 1, Width: 842, Height: 595, Lines: append(head(1),
		line(run("行政单", 193, 262.1, 232)),
		line(run("7", 75, 280.8, 82), run("2080501", 122, 280.8, 172), run("位离退", 193, 280.8, 232), run("18.61", 299, 280.8, 330), run("18.61", 387, 280.8, 418)),
		line(run("休", 193, 299.5, 206)),
		line(run("事业单", 193, 322.1, 232)),
		line(run("8", 75, 340.8, 82), run("2080502", 122, 340.8, 172), run("位离退", 193, 340.8, 232), run("15.38", 298, 340.8, 330), run("15.38", 386, 340.8, 418)),
		line(run("休", 193, 359.5, 206)),
		line(run("机关事", 193, 382.1, 232)),
		line(run("业单位", 193, 400.8, 232)),
		line(run("基本养", 193, 419.5, 232)),
		line(run("9", 75, 428.8, 82), run("2080505", 122, 428.8, 172), run("214.94", 290, 428.8, 330), run("214.94", 378, 428.8, 418)),
		line(run("老保险", 193, 438.2, 232)),
		line(run("缴费支", 193, 456.9, 232)),
		line(run("出", 193, 475.6, 206)),
		line(run("10", 72, 498.2, 85), run("2080506", 122, 498.2, 172), run("机关事", 193, 498.2, 232), run("112.17", 293, 498.2, 330), run("112.17", 381, 498.2, 418)),
	)}
	p2 := extract.Page{Number: 2, Width: 842, Height: 595, Lines: append(head(2),
		line(run("业单位", 193, 183.4, 232)),
		line(run("职业年", 193, 202.1, 232)),
		line(run("金缴费", 193, 220.8, 232)),
		line(run("支出", 193, 239.5, 219)),
		line(run("其他行", 193, 262.1, 232)),
		line(run("政事业", 193, 280.8, 232)),
		line(run("11", 72, 290.1, 85), run("2080599", 122, 290.1, 173), run("6.45", 304, 290.1, 330), run("6.45", 480, 290.1, 506)),
		line(run("单位养", 193, 299.5, 232)),
		line(run("老支出", 193, 318.2, 232)),
		line(run("12", 72, 340.8, 85), run("20808", 129, 340.8, 165), run("抚恤", 193, 340.8, 219), run("11.87", 299, 340.8, 330), run("11.87", 387, 340.8, 418)),
	)}
	lastRows(t, []string{
		"7|2080501|行政单位离退休|18.61|18.61",
		"8|2080502|事业单位离退休|15.38|15.38",
		"9|2080505|机关事业单位基本养老保险缴费支出|214.94|214.94",
		"10|2080506|机关事业单位职业年金缴费支出|112.17|112.17",
		"11|2080599|其他行政事业单位养老支出|6.45|6.45",
		"12|20808|抚恤|11.87|11.87",
	}, p1, p2)
}

// TestStreamNameAboveFirstRow: a continuation page of a table printed
// without rules repeats the header but no index row (栏次), and its first
// row's name, centred on the row's amounts, begins two lines above them
// (机关事业 | 单位职业 | the amounts | 年金缴费 | 支出: Writer, f1_d00 of the
// synthetic finals). Those lines are the row's, not a wrapped header
// label, nor the rest of the previous page's last row.
func TestStreamNameAboveFirstRow(t *testing.T) {
	// Lines of 13-point text, as Writer set them.
	run := run13
	amounts := func(y float64, a string) []extract.Run {
		return []extract.Run{run(a, 278-6*float64(len(a)), y, 278), run(a, 372-6*float64(len(a)), y, 372), run("0.00", 437, y, 463)}
	}
	head := func(n int) []extract.Line {
		var ls []extract.Line
		if n == 1 {
			ls = append(ls, line(run("收入决算表", 380, 39.4, 470)),
				line(run("编制单位：滦平县应急管理局", 38, 73.5, 207), run("2021 年度", 387, 73.5, 444), run("金额单位：万元", 722, 73.5, 813)))
		}
		y := 95.5 - 55*float64(n-1)
		return append(ls,
			line(run("项目", 98, y, 124)),
			line(run("本年收入合计", 194, y+11.3, 272), run("财政拨款收入", 288, y+11.3, 366), run("上级补助收入", 380, y+11.3, 458)),
			line(run("科目编码", 54, y+20.7, 106), run("科目名称", 129, y+20.7, 181)))
	}
	row := func(y float64, code, name, a string) extract.Line {
		runs := []extract.Run{run(code, 55, y, 55+7*float64(len(code)))}
		if name != "" {
			runs = append(runs, run(name, 125, y, 177))
		}
		return line(append(runs, amounts(y, a)...)...)
	}
	p1 := extract.Page{Number: 1, Width: 842, Height: 595, Lines: append(head(1),
		line(run("一般公共", 125, 163.3, 177)),
		row(172.7, "201", "", "77.20"),
		line(run("服务支出", 125, 182.0, 177)),
		line(run("其他一般", 125, 204.6, 177)),
		row(223.3, "20199", "公共服务", "77.20"),
		line(run("支出", 125, 242.0, 151)),
		line(run("机关事业", 125, 444.6, 177)),
		line(run("单位基本", 125, 463.3, 177)),
		row(472.7, "2080505", "", "27.69"),
		line(run("养老保险", 125, 482.0, 177)),
		line(run("缴费支出", 125, 500.7, 177)),
	)}
	p2 := extract.Page{Number: 2, Width: 842, Height: 595, Lines: append(head(2),
		line(run("机关事业", 125, 85.4, 177)),
		line(run("单位职业", 125, 104.1, 177)),
		row(113.4, "2080506", "", "13.83"),
		line(run("年金缴费", 125, 122.8, 177)),
		line(run("支出", 125, 141.5, 151)),
		row(164.1, "20808", "抚恤", "3.58"),
		row(186.7, "2080801", "死亡抚恤", "3.58"),
	)}
	lastRows(t, []string{
		"201|一般公共服务支出|77.20|77.20|0.00",
		"20199|其他一般公共服务支出|77.20|77.20|0.00",
		"2080505|机关事业单位基本养老保险缴费支出|27.69|27.69|0.00",
		"2080506|机关事业单位职业年金缴费支出|13.83|13.83|0.00",
		"20808|抚恤|3.58|3.58|0.00",
		"2080801|死亡抚恤|3.58|3.58|0.00",
	}, p1, p2)
}

// TestStreamRowCutAfterItsNameLine: the page break cuts a row whose name
// starts on its amounts' line (2130504 | 农村基础设 | the amounts); the
// next page opens with the rest of the name (施建设) over a row whose
// name is one line on its own row line (2130505 | 生产发展), then rows
// whose names are centred on their amounts (住房保障支 | 221 … | 出).
// A name on its row line has no more lines above it than below: 施建设 is
// the cut row's, one gap alone measured against the body's leading
// (Writer, f1_d00 of the synthetic finals).
func TestStreamRowCutAfterItsNameLine(t *testing.T) {
	run := run13
	row := func(y float64, code, name string, a ...string) extract.Line {
		runs := []extract.Run{run(code, 91-3.5*float64(len(code)), y, 91+3.5*float64(len(code)))}
		if name != "" {
			runs = append(runs, cjk13(name, 147, y))
		}
		for k, x := range []float64{339, 448, 565} {
			runs = append(runs, run(a[k], x-6*float64(len(a[k])), y, x))
		}
		return line(runs...)
	}
	name := func(y float64, s string) extract.Line {
		return line(cjk13(s, 147, y))
	}
	head := func(y float64) []extract.Line {
		return []extract.Line{
			line(run("项目", 117, y, 143), run("本年支出", 369, y, 421)),
			line(run("科目编码", 65, y+22.6, 117), run("科目名称", 158, y+22.6, 210), run("合计", 269, y+22.6, 295),
				run("基本支出", 369, y+22.6, 421), run("项目支出", 482, y+22.6, 534)),
		}
	}
	p1 := extract.Page{Number: 1, Width: 595, Height: 842, Lines: append(append([]extract.Line{
		line(run("一般公共预算财政拨款支出决算表", 167, 39.4, 437)),
		line(run("编制单位：滦平县应急管理局", 38, 74.9, 207), run("2021 年度", 254, 74.9, 310), run("金额单位：万元", 475, 74.9, 566)),
	}, head(97)...),
		line(run("合计", 117, 142.2, 143), run("1,307.85", 289, 142.2, 339), run("277.70", 408, 142.2, 448), run("1,030.15", 516, 142.2, 565)),
		name(164.8, "一般公共服"),
		row(174.1, "201", "", "90.90", "0.00", "90.90"),
		name(183.5, "务支出"),
		name(206.1, "其他一般公"),
		row(215.4, "20199", "", "90.90", "0.00", "90.90"),
		name(224.8, "共服务支出"),
		row(247.4, "2130501", "行政运行", "27.81", "27.81", "0.00"),
		row(270.0, "2130504", "农村基础设", "409.02", "0.00", "409.02"),
	)}
	p2 := extract.Page{Number: 2, Width: 595, Height: 842, Lines: append(head(40.2),
		name(85.4, "施建设"),
		row(108.0, "2130505", "生产发展", "10.71", "0.00", "10.71"),
		name(130.6, "住房保障支"),
		row(139.9, "221", "", "19.99", "19.99", "0.00"),
		name(149.3, "出"),
		name(171.9, "住房改革支"),
		row(181.2, "22102", "", "19.99", "19.99", "0.00"),
		name(190.6, "出"),
		row(213.2, "2210201", "住房公积金", "19.99", "19.99", "0.00"),
	)}
	lastRows(t, []string{
		"2130501|行政运行|27.81|27.81|0.00",
		"2130504|农村基础设施建设|409.02|0.00|409.02",
		"2130505|生产发展|10.71|0.00|10.71",
		"221|住房保障支出|19.99|19.99|0.00",
		"22102|住房改革支出|19.99|19.99|0.00",
		"2210201|住房公积金|19.99|19.99|0.00",
	}, p1, p2)
}

// TestStreamAmountsFlushRight: Calc prints a table without rules whose
// index row (栏次 1 … 5) numbers columns of two widths, the last one empty
// under a label narrower than the column (国有资本经营预算财政拨款). A chain
// of centred labels from the text's right edge puts the 一般公共预算 amounts
// into the next column, in its left part; the amounts are set flush
// right, and a chain from their right edge puts every column where it is
// (s1_d04 of the synthetic departments, read without its rules).
func TestStreamAmountsFlushRight(t *testing.T) {
	run := func(text string, x0, y0, x1 float64) extract.Run {
		r := run(text, x0, y0, x1)
		r.Y1, r.Size = y0+8, 8
		return r
	}
	row := func(y float64, n, name string) extract.Line {
		return line(run(n, 85, y, 89), run(name, 130, y, 130+8*float64(len([]rune(name)))), run("0.00", 345, y, 361), run("0.00", 493, y, 508))
	}
	page := extract.Page{Number: 1, Width: 842, Height: 595, Lines: []extract.Line{
		line(run("部门预算财政拨款“三公”经费支出表", 306, 48.2, 544)),
		line(run("786 莒县住房和城乡建设局", 47, 69.7, 142), run("预算年度：2022", 363, 69.7, 421), run("单位：万元", 763, 69.7, 803)),
		line(run("资 金 性 质", 520, 86.1, 558)),
		line(run("序号", 79, 95, 95), run("项 目", 192, 95, 210)),
		line(run("合计", 310, 104, 326), run("一般公共预算财政拨款", 396, 104, 476), run("政府性基金预算拨款", 548, 104, 620), run("国有资本经营预算财政拨款", 683, 104, 779)),
		line(run("栏次", 79, 121.9, 95), run("1", 199, 121.9, 203), run("2", 316, 121.9, 320), run("3", 434, 121.9, 438), run("4", 581, 121.9, 586), run("5", 729, 121.9, 733)),
		row(139.8, "1", "合计"),
		row(157.6, "2", "“三公”经费小计"),
		row(175.5, "3", "一、因公出国（境）费"),
		row(199.4, "4", "其中：教学科研人员因公出国（境）费"),
		row(223.3, "5", "其他因公出国（境）费"),
	}}
	got := streamTable(t, page)
	for _, r := range got {
		if len(r) < 5 || r[2] != "0.00" || r[3] != "0.00" || strings.Join(r[4:], "") != "" {
			t.Errorf("row %q: want the amounts under 合计 and 一般公共预算财政拨款 (columns 3 and 4), nothing after", r)
		}
	}
	if len(got) != 5 {
		t.Errorf("%d rows, want 5", len(got))
	}
}

// TestTextNeverContinuesAnAmount: amounts set flush right fill their
// cells, as a name cut by the page break does; the first line of the
// next page, header words read apart (财政 | 拨款 over the amounts, as a
// table read without its rules repeats its header), is not the rest of
// the last row: an amount or a code is never continued by text.
func TestTextNeverContinuesAnAmount(t *testing.T) {
	title := line(run("部门收入总表", 80, 20, 200))
	unit := line(run("单位：万元", 200, 40, 250))
	header := line(run("单位名称", 20, 64, 60), run("合计", 120, 64, 140), run("财政拨款收入", 185, 64, 245))
	body := func(y float64, name, total, income string) extract.Line {
		return line(run(name, 12, y, 12+10*float64(len([]rune(name)))),
			run(total, 178-6*float64(len(total)), y, 178), run(income, 248-6*float64(len(income)), y, 248))
	}
	p1 := gridPage(1, 60, []extract.Line{title, unit}, []extract.Line{
		header,
		body(84, "甲单位", "1,200.00", "1,000.00"),
		body(104, "乙单位", "300.50", "300.50"),
	})
	p2 := gridPage(2, 60, []extract.Line{title, unit}, []extract.Line{
		line(run("财政", 150, 84, 170), run("拨款", 210, 84, 230)),
		body(104, "丙单位", "10.00", "10.00"),
	})
	r, err := rules.Parse(cnbudget.DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	res := tables.Assemble(&extract.Document{Path: "test.pdf", Format: extract.FormatPDF, Pages: []extract.Page{p1, p2}}, r)
	if len(res.Tables) != 1 {
		t.Fatalf("got %d tables, want 1", len(res.Tables))
	}
	for _, row := range res.Tables[0].Rows {
		if row[0] == "乙单位" && (row[1] != "300.50" || row[2] != "300.50") {
			t.Errorf("last row of the page %q: amounts continued by text", row)
		}
	}
}

// TestStreamRowCutAtPageFoot: Chromium prints a table without rules whose
// names wrap in a narrow column, centred on their amounts. At the foot of
// a page the last row's name begins on its row line and runs on under it
// (财政代缴 | 城乡居民 | 基本养老), the page break cuts it (保险费支 | 出 at
// the top of the next page), and the next page repeats the header with
// its stacked labels on other lines (财政拨款收 | 入 beside 序号 on the
// first page, under it on the next). Every line under the cut row is its
// own, the variant header is no row, and the rest joins the cut row
// (seed, chromium_std_pagehdr_narrow, read without its rules).
func TestStreamRowCutAtPageFoot(t *testing.T) {
	amounts := func(y float64, a ...string) []extract.Run {
		var rs []extract.Run
		for k, x := range []float64{250, 314, 377} {
			rs = append(rs, run(a[k], x-6*float64(len(a[k])), y, x))
		}
		if len(a) > 3 {
			rs = append(rs, run(a[3], 797-6*float64(len(a[3])), y, 797))
		}
		return rs
	}
	row := func(y float64, n, code, name string, a ...string) extract.Line {
		runs := []extract.Run{run(n, 60-3*float64(len(n)), y, 60+3*float64(len(n))), run(code, 106-3.5*float64(len(code)), y, 106+3.5*float64(len(code)))}
		if name != "" {
			runs = append(runs, run(name, 139, y, 139+10*float64(len([]rune(name)))))
		}
		return line(append(runs, amounts(y, a...)...)...)
	}
	name := func(y float64, s string) extract.Line {
		return line(run(s, 139, y, 139+10*float64(len([]rune(s)))))
	}
	index := func(y float64) extract.Line {
		return line(run("栏次", 50, y, 70), run("1", 103, y, 109), run("2", 160, y, 165), run("3", 218, y, 224), run("4", 282, y, 288),
			run("5", 346, y, 351), run("6", 409, y, 414), run("7", 765, y, 776))
	}
	p1 := extract.Page{Number: 1, Width: 842, Height: 595, Lines: []extract.Line{
		line(run("部门预算收入总表", 361, 45, 481)),
		line(run("316 永清县人力资源和社会保障局", 43, 74, 192), run("预算年度：2024", 370, 74, 442), run("单位：万元", 750, 74, 800)),
		line(run("功能分类科目", 103, 92, 163), run("本年收入", 477, 92, 517)),
		line(run("序号", 50, 108.5, 70), run("合计", 211, 108.5, 231), run("财政拨款收", 324, 108.5, 374), run("财政专户收", 386, 108.5, 436), run("上年结转", 750, 108.5, 790)),
		line(run("科目编码", 86, 117.5, 126), run("科目名称", 142, 117.5, 182), run("小计", 275, 117.5, 295)),
		line(run("入", 344, 124.3, 354), run("入", 406, 124.3, 416)),
		index(143),
		row(161.8, "1", "", "合计", "25332.93", "24487.92", "24487.92", "845.01"),
		name(388.9, "公益性岗"),
		row(395.7, "10", "2080705", "", "9.36", "9.36", "9.36"),
		name(402.4, "位补贴"),
		name(421.2, "就业见习"),
		row(427.9, "11", "2080711", "", "507.36", "507.36", "507.36"),
		name(434.7, "补贴"),
		name(453.5, "财政代缴"),
		row(467, "16", "20830", "社会保险", "27.30", "27.30", "27.30"),
		name(480.5, "费支出"),
		row(499.3, "17", "2083001", "财政代缴", "27.30", "27.30", "27.30"),
		name(512.8, "城乡居民"),
		name(526.3, "基本养老"),
	}}
	p2 := extract.Page{Number: 2, Width: 842, Height: 595, Lines: []extract.Line{
		line(run("316 永清县人力资源和社会保障局", 43, 45.5, 192), run("预算年度：2024", 370, 45.5, 442), run("单位：万元", 750, 45.5, 800)),
		line(run("功能分类科目", 103, 63.5, 163), run("本年收入", 477, 63.5, 517)),
		line(run("序号", 50, 79.3, 70), run("合计", 211, 79.3, 231), run("上年结转", 750, 79.3, 790)),
		line(run("财政拨款收", 324, 82.3, 374), run("财政专户收", 386, 82.3, 436)),
		line(run("科目编码", 86, 89, 126), run("科目名称", 142, 89, 182), run("小计", 275, 89, 295)),
		line(run("入", 344, 95.8, 354), run("入", 406, 95.8, 416)),
		index(114.5),
		name(130.3, "保险费支"),
		name(143.8, "出"),
		name(162.5, "农林水支"),
		row(169.3, "18", "213", "", "316.55", "228.71", "228.71", "87.84"),
		name(176, "出"),
	}}
	lastRows(t, []string{
		"10|2080705|公益性岗位补贴|9.36|9.36|9.36",
		"11|2080711|就业见习补贴|507.36|507.36|507.36",
		"16|20830|财政代缴社会保险费支出|27.30|27.30|27.30",
		"17|2083001|财政代缴城乡居民基本养老保险费支出|27.30|27.30|27.30",
		"18|213|农林水支出|316.55|228.71|228.71|87.84",
	}, p1, p2)
}

// TestStreamNameCentredAtPageFoot: the last row of a page prints its name
// centred on its amounts, two lines above and two below the row line, the
// last a line further than the nearest-row rule reaches (对机关事 | 业单位基
// | 8 … 本养老保 | 险基金的 | 补助): the lines under it are as many as those
// above, evenly spaced, and are its own.
func TestStreamNameCentredAtPageFoot(t *testing.T) {
	row := func(y float64, n, code, name, a string) extract.Line {
		runs := []extract.Run{run(n, 57, y, 63), run(code, 87, y, 125)}
		if name != "" {
			runs = append(runs, run(name, 139, y, 179))
		}
		return line(append(runs, run(a, 250-6*float64(len(a)), y, 250), run(a, 314-6*float64(len(a)), y, 314))...)
	}
	name := func(y float64, s string) extract.Line {
		return line(run(s, 139, y, 139+10*float64(len([]rune(s)))))
	}
	page := extract.Page{Number: 1, Width: 842, Height: 595, Lines: []extract.Line{
		line(run("部门预算收入总表", 361, 45, 481)),
		line(run("316 永清县人力资源和社会保障局", 43, 74, 192), run("预算年度：2024", 370, 74, 442), run("单位：万元", 750, 74, 800)),
		line(run("序号", 50, 108.5, 70), run("科目编码", 86, 108.5, 126), run("科目名称", 142, 108.5, 182), run("合计", 211, 108.5, 231), run("财政拨款", 274, 108.5, 314)),
		line(run("栏次", 50, 143, 70), run("1", 103, 143, 109), run("2", 160, 143, 165), run("3", 218, 143, 224), run("4", 282, 143, 288)),
		name(377, "行政事业"),
		row(390.5, "6", "20805", "单位养老", "7647.11"),
		name(404, "支出"),
		name(422.8, "机关事业"),
		name(436.3, "单位职业"),
		row(443, "7", "2080506", "", "900.11"),
		name(449.8, "年金缴费"),
		name(463.3, "支出"),
		name(482, "对机关事"),
		name(495.5, "业单位基"),
		row(509, "8", "2080507", "本养老保", "6747.00"),
		name(522.5, "险基金的"),
		name(536, "补助"),
	}}
	lastRows(t, []string{
		"6|20805|行政事业单位养老支出|7647.11|7647.11",
		"7|2080506|机关事业单位职业年金缴费支出|900.11|900.11",
		"8|2080507|对机关事业单位基本养老保险基金的补助|6747.00|6747.00",
	}, page)
}

// TestStreamShortLastPage: the last page of a table printed without rules
// holds one row: the rest of the name the page break cut (出), then the
// row's own name centred on its amounts (其他支 | 67 … | 出). Three name
// lines are enough to know the body's leading, and the padding above
// 其他支 parts the two (Writer, s1_d06 of the synthetic departments).
func TestStreamShortLastPage(t *testing.T) {
	run := run13
	head := func() []extract.Line {
		return []extract.Line{
			line(run("序号", 66, 117.5, 92), run("科目编码", 121, 117.5, 173), run("科目名称", 193, 117.5, 245), run("合计", 276, 117.5, 302),
				run("基本支出", 350, 117.5, 402), run("项目支出", 438, 117.5, 490)),
			line(run("栏次", 66, 160.8, 92), run("1", 144, 160.8, 150), run("2", 215, 160.8, 222), run("3", 285, 160.8, 293),
				run("4", 372, 160.8, 379), run("5", 460, 160.8, 467)),
		}
	}
	row := func(y float64, n, code, name, a string) extract.Line {
		runs := []extract.Run{run(n, 71, y, 86), run(code, 147-3.5*float64(len(code)), y, 147+3.5*float64(len(code)))}
		if name != "" {
			runs = append(runs, cjk13(name, 193, y))
		}
		return line(append(runs, run(a, 330-6*float64(len(a)), y, 330), run(a, 506-6*float64(len(a)), y, 506))...)
	}
	name := func(y float64, s string) extract.Line {
		return line(cjk13(s, 193, y))
	}
	p1 := extract.Page{Number: 1, Width: 842, Height: 595, Lines: append(append([]extract.Line{line(run("部门支出总表", 360, 30, 470))}, head()...),
		name(446, "其他支"),
		row(455.3, "65", "229", "", "1.43"),
		name(464.7, "出"),
		row(506, "66", "22999", "其他支", "1.43"),
	)}
	p2 := extract.Page{Number: 2, Width: 842, Height: 595, Lines: append(head(),
		name(183.4, "出"),
		name(206, "其他支"),
		row(215.3, "67", "2299999", "", "1.43"),
		name(224.7, "出"),
	)}
	lastRows(t, []string{
		"65|229|其他支出|1.43|1.43",
		"66|22999|其他支出|1.43|1.43",
		"67|2299999|其他支出|1.43|1.43",
	}, p1, p2)
}

// TestStreamNameEndsOverLabellessRow: a summary printed without rules
// wraps its left labels in a narrow column, centred on their rows (三、国 |
// 有资本 | 3 … | 经营预 | 算拨款); the row under it has no left label, and
// the label's last line stands nearer that row's line than its own. The
// lines under the row line, as many as above it and evenly spaced, are
// its own (Writer, s1_d06 of the synthetic departments).
func TestStreamNameEndsOverLabellessRow(t *testing.T) {
	run := run13
	name := func(y float64, s string) extract.Line {
		return line(cjk13(s, 98, y))
	}
	row := func(y float64, n, right string, amounts ...string) extract.Line {
		runs := []extract.Run{run(n, 75-3.5*float64(len(n)), y, 75+3.5*float64(len(n))), cjk13(right, 218, y)}
		for k, a := range amounts {
			x := []float64{542, 621}[k]
			runs = append(runs, run(a, x-6*float64(len(a)), y, x))
		}
		return line(runs...)
	}
	page := extract.Page{Number: 1, Width: 842, Height: 595, Lines: []extract.Line{
		line(run("部门预算财政拨款收支总表", 309, 56.4, 525)),
		line(run("收入", 143, 131.2, 169), run("支出", 485, 131.2, 511)),
		line(run("序号", 62, 161.2, 88), run("一般公共预算财政拨款", 550, 161.2, 615)),
		line(run("项目", 107, 172.5, 133), run("金额", 167, 172.5, 193), run("项目", 330, 172.5, 356), run("合计", 494, 172.5, 520)),
		line(run("栏次", 62, 213.8, 88), run("1", 117, 213.8, 123), run("2", 176, 213.8, 183), run("3", 340, 213.8, 347), run("4", 503, 213.8, 511), run("5", 579, 213.8, 586)),
		name(236.4, "一、一"),
		name(255.1, "般公共"),
		line(run("1", 72, 264.5, 78), run("9043.13", 168, 264.5, 210), run("一、一般公共服务支出", 218, 264.5, 348), run("565.98", 501, 264.5, 542), run("565.98", 580, 264.5, 621)),
		name(273.8, "预算拨"),
		name(292.5, "款"),
		name(315.1, "二、政"),
		name(333.8, "府性基"),
		row(343.2, "2", "二、外交支出"),
		name(352.5, "金预算"),
		name(371.2, "拨款"),
		name(393.8, "三、国"),
		name(412.5, "有资本"),
		row(421.9, "3", "三、国防支出"),
		name(431.2, "经营预"),
		name(449.9, "算拨款"),
		row(472.5, "4", "四、公共安全支出"),
		row(495.1, "5", "五、教育支出", "12.00", "12.00"),
	}}
	lastRows(t, []string{
		"1|一、一般公共预算拨款|9043.13|一、一般公共服务支出|565.98|565.98",
		"2|二、政府性基金预算拨款|二、外交支出",
		"3|三、国有资本经营预算拨款|三、国防支出",
		"4|四、公共安全支出",
		"5|五、教育支出|12.00|12.00",
	}, page)
}

// TestStreamNamesCentredOnTheirMiddleLine: Chromium centres a summary's
// left labels on their rows; a label of three lines prints its middle one
// on the row line (一、一般公 | 共预算财政 1 110.90 … | 拨款), so no row line
// stands empty between name lines. Rows whose label opens a list item on
// the line above (二、政府性 over 基金预算财 2 …) tell that names are
// centred: the first line is the row's, not a row of its own (f1_d01 of
// the synthetic finals, read without its rules).
func TestStreamNamesCentredOnTheirMiddleLine(t *testing.T) {
	run := run13
	name := func(y float64, s string) extract.Line {
		w := 13 * float64(len([]rune(s)))
		return line(run(s, 62.5-w/2, y, 62.5+w/2))
	}
	row := func(y float64, label, n, amount, right, rn string) extract.Line {
		var runs []extract.Run
		if label != "" {
			w := 13 * float64(len([]rune(label)))
			runs = append(runs, run(label, 62.5-w/2, y, 62.5+w/2))
		}
		runs = append(runs, run(n, 102, y, 109))
		if amount != "" {
			runs = append(runs, run(amount, 203-6*float64(len(amount)), y, 203))
		}
		return line(append(runs, cjk13(right, 209, y), run(rn, 466, y, 479))...)
	}
	page := extract.Page{Number: 1, Width: 842, Height: 595, Lines: []extract.Line{
		line(run("2021年度财政拨款收入支出决算总表", 273, 36.4, 561)),
		line(run("部门：齐河县交通运输局", 26, 70.7, 169), run("公开04表", 362, 70.7, 414), run("金额单位：万元", 717, 70.7, 808)),
		line(run("收入", 103, 92.5, 129), run("支出", 494, 92.5, 520)),
		line(run("项目", 50, 133, 76), run("行次", 107, 133, 133), run("金额", 161, 133, 187), run("项目", 321, 133, 347), run("行次", 471, 133, 497), run("合计", 524, 133, 550)),
		line(run("栏次", 50, 173.5, 76), run("1", 171, 173.5, 177), run("栏次", 321, 173.5, 347), run("2", 534, 173.5, 541)),
		name(196, "一、一般公"),
		row(213.2, "共预算财政", "1", "110.90", "一、一般公共服务支出", "34"),
		name(231.2, "拨款"),
		name(253.7, "二、政府性"),
		row(271.7, "基金预算财", "2", "", "二、外交支出", "35"),
		name(289, "政拨款"),
		name(311.5, "三、国有资"),
		row(329.5, "本经营预算", "3", "", "三、国防支出", "36"),
		name(346.7, "财政拨款"),
		row(370, "", "4", "", "四、公共安全支出", "37"),
	}}
	lastRows(t, []string{
		"一、一般公共预算财政拨款|1|110.90|一、一般公共服务支出|34",
		"二、政府性基金预算财政拨款|2|二、外交支出|35",
		"三、国有资本经营预算财政拨款|3|三、国防支出|36",
		"4|四、公共安全支出|37",
	}, page)
}

// TestStreamMiddleLineNameOverLabellessRow: as TestStreamNameEndsOverLabellessRow,
// the label's middle line on its row line (三、 | 国有 | 资本 | 经营 0.00 … |
// 预算 | 财政 | 拨款) over a row without a left label: three lines above,
// three below (Writer, f1_d00 of the synthetic finals).
func TestStreamMiddleLineNameOverLabellessRow(t *testing.T) {
	run := run13
	name := func(y float64, s string) extract.Line { return line(run(s, 45, y, 71)) }
	row := func(y float64, label, amount, right string, total string) extract.Line {
		var runs []extract.Run
		if label != "" {
			runs = append(runs, run(label, 45, y, 71))
		}
		if amount != "" {
			runs = append(runs, run(amount, 124-6*float64(len(amount)), y, 124))
		}
		return line(append(runs, cjk13(right, 145, y), run(total, 379-6*float64(len(total)), y, 379),
			run(total, 443-6*float64(len(total)), y, 443))...)
	}
	page := extract.Page{Number: 1, Width: 595, Height: 842, Lines: []extract.Line{
		line(run("财政拨款收入支出决算总表", 194, 39.4, 410)),
		line(run("编制单位：滦平县应急管理局", 38, 73.5, 200), run("2021 年度", 266, 73.5, 322), run("金额单位：万元", 475, 73.5, 566)),
		line(run("收入", 77, 114.2, 103), run("支出", 342, 114.2, 368)),
		line(run("一般公共", 387, 136.8, 439)),
		line(run("项目", 45, 155.5, 71), run("金额", 98, 155.5, 124), run("项目", 217, 155.5, 243), run("合计", 336, 155.5, 362), run("预算财政", 387, 155.5, 439)),
		line(run("拨款", 400, 174.2, 426)),
		name(196.8, "一、"), name(215.5, "一般"), name(234.2, "公共"),
		row(243.6, "", "1,217.34", "一、一般公共服务支出", "90.90"),
		name(252.9, "预算"), name(271.6, "财政"), name(290.3, "拨款"),
		name(312.9, "二、"), name(331.6, "政府"), name(350.3, "性基"),
		row(369, "金预", "0.00", "二、社会保障和就业支出", "45.10"),
		name(387.7, "算财"), name(406.4, "政拨"), name(425.1, "款"),
		name(447.7, "三、"), name(466.4, "国有"), name(485.1, "资本"),
		row(503.8, "经营", "0.00", "三、卫生健康支出", "13.00"),
		name(522.5, "预算"), name(541.2, "财政"), name(559.9, "拨款"),
		row(582.5, "", "", "四、农林水支出", "447.54"),
		row(605.1, "", "", "五、住房保障支出", "19.99"),
	}}
	lastRows(t, []string{
		"一、一般公共预算财政拨款|1,217.34|一、一般公共服务支出|90.90|90.90",
		"二、政府性基金预算财政拨款|0.00|二、社会保障和就业支出|45.10|45.10",
		"三、国有资本经营预算财政拨款|0.00|三、卫生健康支出|13.00|13.00",
		"四、农林水支出|447.54|447.54",
		"五、住房保障支出|19.99|19.99",
	}, page)
}

// TestStreamSpreadCharacters: Shenzhen spreads the characters of short labels
// over their cells (收      入, 项   目) and prints the table's number
// (表 1) above its title on every page. Read without rules, each spread
// label is one label (the table has four columns, not ten), the table's
// number is no row, and the next page, its title and header repeated,
// continues the table.
func TestStreamSpreadCharacters(t *testing.T) {
	top := func(y float64) []extract.Line {
		return []extract.Line{
			line(run("表 1", 29, y, 47)),
			line(run("收支总表", 513, y+20.6, 561)),
			line(run("部门名称：深圳市发展和改革委员会（本级）", 29, y+43.1, 229), run("单位：万元", 995, y+43.1, 1045)),
			line(run("收", 251, y+65.1, 261), run("入", 301, y+65.1, 311), run("支", 764, y+65.1, 774), run("出", 814, y+65.1, 824)),
			line(run("项", 132, y+87.2, 142), run("目", 162, y+87.2, 172), run("2026 年预算数", 378, y+87.2, 440),
				run("项", 646, y+87.2, 656), run("目", 676, y+87.2, 686), run("2026 年预算数", 891, y+87.2, 954)),
		}
	}
	row := func(y float64, left, la, right, ra string) extract.Line {
		var runs []extract.Run
		if left != "" {
			runs = append(runs, run(left, 29, y, 29+10*float64(len([]rune(left)))), run(la, 532-6*float64(len(la)), y, 532))
		}
		return line(append(runs, run(right, 543, y, 543+10*float64(len([]rune(right)))), run(ra, 1045-6*float64(len(ra)), y, 1045))...)
	}
	p1 := extract.Page{Number: 1, Width: 1190, Height: 842, Lines: append(top(144.3),
		row(253.5, "一、财政拨款", "1,272,354.58", "一、一般公共服务支出", "10,781.85"),
		row(275.6, "二、财政专户管理资金", "0.00", "发展与改革事务", "10,781.85"),
		row(297.6, "三、单位资金", "0.00", "行政运行", "5,342.72"),
	)}
	p2 := extract.Page{Number: 2, Width: 1190, Height: 842, Lines: append(top(81.9),
		row(191.1, "", "", "七、粮油物资储备支出", "110,000.00"),
		row(213.2, "本年收入合计", "1,272,354.58", "本年支出合计", "1,273,725.18"),
	)}
	got := streamTable(t, p1, p2)
	want := [][]string{
		{"一、财政拨款", "1,272,354.58", "一、一般公共服务支出", "10,781.85"},
		{"二、财政专户管理资金", "0.00", "发展与改革事务", "10,781.85"},
		{"三、单位资金", "0.00", "行政运行", "5,342.72"},
		{"", "", "七、粮油物资储备支出", "110,000.00"},
		{"本年收入合计", "1,272,354.58", "本年支出合计", "1,273,725.18"},
	}
	checkRows(t, got, want)
}

// TestStreamTableNumberLine: a final account prints its table's number on
// a line of its own between the title and the department line (公开 03 表,
// the national petitions bureau). Read without rules, it is no row: a
// number in it made it the table's first row, and the table was lost.
func TestStreamTableNumberLine(t *testing.T) {
	row := func(y float64, code, name string, a ...string) extract.Line {
		runs := []extract.Run{run(code, 46, y, 46+5*float64(len(code))), run(name, 100, y, 100+10*float64(len([]rune(name))))}
		for k, v := range a {
			x := []float64{391, 476, 554}[k]
			runs = append(runs, run(v, x-5*float64(len(v)), y, x))
		}
		return line(runs...)
	}
	page := extract.Page{Number: 1, Width: 842, Height: 595, Lines: []extract.Line{
		line(run("支出决算表", 380, 30.6, 450)),
		line(run("公开", 743, 57.2, 763), run("03", 768, 57.2, 778), run("表", 781, 57.2, 788)),
		line(run("部门：国家信访局", 46, 70.2, 126), run("金额单位：万元", 718, 70.2, 788)),
		line(run("项目", 166, 83.6, 186)),
		line(run("对附属单位补助", 716, 95.9, 786)),
		line(run("本年支出合计", 324, 102.4, 384), run("基本支出", 419, 102.4, 459), run("项目支出", 501, 102.4, 540),
			run("上缴上级支出", 568, 102.4, 628), run("经营支出", 653, 102.4, 693)),
		line(run("科目代码", 48, 108.8, 88), run("科目名称", 183, 108.8, 223), run("支出", 741, 108.8, 761)),
		line(run("栏次", 166, 134.6, 186), run("1", 351, 134.6, 356), run("2", 437, 134.6, 442), run("3", 518, 134.6, 523),
			run("4", 596, 134.6, 601), run("5", 670, 134.6, 675), run("6", 748, 134.6, 753)),
		line(run("合计", 166, 148.1, 186), run("14,572.53", 346, 148.1, 391), run("11,073.11", 431, 148.1, 476), run("3,499.42", 514, 148.1, 554)),
		row(161.5, "201", "一般公共服务支出", "10,685.56", "7,366.16", "3,319.39"),
		row(175.0, "20140", "信访事务", "10,685.56", "7,366.16", "3,319.39"),
		row(188.5, "2014001", "行政运行", "6,026.13", "6,026.13", ""),
	}}
	allRows(t, []string{
		"合计|14,572.53|11,073.11|3,499.42",
		"201|一般公共服务支出|10,685.56|7,366.16|3,319.39",
		"20140|信访事务|10,685.56|7,366.16|3,319.39",
		"2014001|行政运行|6,026.13|6,026.13",
	}, page)
}

// TestParagraphsToTheRightEdge: a line that ends where the page's running
// text ends was wrapped, however few characters it holds (an indented
// first line with figures: 本部门 2026 年度没有使用…安排的支 | 出。); a
// numbered line that runs to that edge and on is a list item's first line,
// not a heading (（一）拟订全市…和 | 年度计划…), unless the two lines make
// a heading (（九）关于…经费预算情 | 况说明: one heading, whole); a line
// that opens an item starts a paragraph of its own however full the line
// above; a table's number on a line of its own (表二) is no paragraph.
func TestParagraphsToTheRightEdge(t *testing.T) {
	page := extract.Page{Number: 3, Width: 595, Height: 842, Lines: []extract.Line{
		line(run("表二", 80, 70, 110)),
		line(run("三、政府性基金预算拨款支出情况", 80, 100, 320)),
		line(run("本部门 2026 年度没有使用政府性基金预算拨款安排的支", 115, 130, 516)),
		line(run("出。", 80, 160, 112)),
		line(run("四、主要职责", 80, 190, 200)),
		line(run("（一）拟订全市国民经济和社会发展战略、中长期规划和", 80, 220, 516)),
		line(run("年度计划并组织实施；统筹协调经济社会发展，负责起草国", 80, 250, 516)),
		line(run("民经济发展的目标和政策。", 80, 280, 290)),
		line(run("（二）贯彻落实西部大开发发展战略和政策规划，研究提出", 80, 310, 516)),
		line(run("实施意见并组织落实。", 80, 340, 260)),
		line(run("（九）关于 2026 年一般公共预算“三公”经费预算情", 80, 370, 516)),
		line(run("况说明", 80, 400, 128)),
		line(run("湖州市财政局 2026 年“三公”经费预算数为 9.30 万元。", 115, 430, 480)),
	}}
	res := assemble(t, page)
	got := outline(res)
	want := []string{
		"# 三、政府性基金预算拨款支出情况",
		"本部门 2026 年度没有使用政府性基金预算拨款安排的支出。",
		"# 四、主要职责",
		"（一）拟订全市国民经济和社会发展战略、中长期规划和年度计划并组织实施；统筹协调经济社会发展，负责起草国民经济发展的目标和政策。",
		"（二）贯彻落实西部大开发发展战略和政策规划，研究提出实施意见并组织落实。",
		"# （九）关于 2026 年一般公共预算“三公”经费预算情况说明",
		"湖州市财政局 2026 年“三公”经费预算数为 9.30 万元。",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("narrative\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestProjectIndicatorHeaderUnderABlockLabel: a project form whose
// indicator header row opens with the indicator block's label (绩效目标指标,
// Fuzhou; 绩效指标, the national template) and ends with the weight
// column (分值权重（90）) reads its indicators, weights too, and keeps them
// out of the year's goal (年度总体目标).
func TestProjectIndicatorHeaderUnderABlockLabel(t *testing.T) {
	cell := func(text string, col int, y float64) extract.Run {
		xs := []float64{10, 50, 90, 130, 170, 210, 250}
		return run(text, xs[col]+2, y, xs[col+1]-2)
	}
	title := line(run("信息化运行维护项目绩效目标表", 60, 20, 240))
	rows := []extract.Line{
		line(cell("项目名称", 0, 64), cell("信息化运行维护", 1, 64)),
		line(cell("年度总体目标", 0, 84), cell("加强信访信息系统应用。", 1, 84)),
		line(cell("绩效目标指标", 0, 104), cell("一级指标", 1, 104), cell("二级指标", 2, 104), cell("三级指标", 3, 104), cell("指标值", 4, 104), cell("分值权重（90）", 5, 104)),
		line(cell("成本指标", 1, 124), cell("经济成本指标", 2, 124), cell("项目总成本", 3, 124), cell("≤2134.87万元", 4, 124), cell("20", 5, 124)),
		line(cell("产出指标", 1, 144), cell("数量指标", 2, 144), cell("设备维护量", 3, 144), cell("≥330台", 4, 144), cell("8", 5, 144)),
		// The form's remark: no indicator (it was joined to the last one,
		// 满意度指标备注).
		line(cell("备注", 0, 164), cell("无", 1, 164)),
	}
	page := gridPageCols(1, 60, []float64{10, 50, 90, 130, 170, 210, 250}, []extract.Line{title}, rows)
	res := assemble(t, page)
	if len(res.Projects) != 1 {
		t.Fatalf("%d projects, want 1", len(res.Projects))
	}
	p := res.Projects[0]
	if p.Goal != "加强信访信息系统应用。" {
		t.Errorf("goal %q", p.Goal)
	}
	if p.Fields["note"] != "无" {
		t.Errorf("note %q, want 无", p.Fields["note"])
	}
	var got []string
	for _, in := range p.Indicators {
		got = append(got, strings.Join([]string{in.Level1, in.Level2, in.Level3, in.Value, in.Weight}, "|"))
	}
	want := []string{"成本指标|经济成本指标|项目总成本|≤2134.87万元|20", "产出指标|数量指标|设备维护量|≥330台|8"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("indicators\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// formXs are the columns of a form's ruled grid in the project tests, and
// formCell a cell of it.
var formXs = []float64{10, 50, 90, 130, 170, 210, 250}

func formCell(text string, col int, y float64) extract.Run {
	return run(text, formXs[col]+2, y, formXs[col+1]-2)
}

// indicatorsOf returns the indicators of the one project res holds, the
// fields of each joined by |.
func indicatorsOf(t *testing.T, res *tables.Result, fields func(tables.Indicator) []string) []string {
	t.Helper()
	if len(res.Projects) != 1 {
		t.Fatalf("%d projects, want 1", len(res.Projects))
	}
	var out []string
	for _, in := range res.Projects[0].Indicators {
		out = append(out, strings.Join(fields(in), "|"))
	}
	return out
}

// TestProjectFormGoesOnUnderItsRepeatedTitle: Yantai prints every form
// under one title (政策和项目预算绩效目标表), twice at the top of a page, and a
// form that runs over a page break goes on under it with its indicator rows
// alone: they belong to the form before. A form of its own under the same
// title (项目名称 …) is a project of its own.
func TestProjectFormGoesOnUnderItsRepeatedTitle(t *testing.T) {
	xs, cell := formXs, formCell
	const title = "政策和项目预算绩效目标表"
	form := func(n int, rows ...extract.Line) extract.Page {
		return gridPageCols(n, 60, xs, []extract.Line{line(run(title, 60, 10, 240)), line(run(title, 60, 24, 240)), line(run("(2026年度)", 100, 40, 200))}, rows)
	}
	p1 := form(1,
		line(cell("项目名称", 0, 64), cell("财政工作专项经费", 1, 64)),
		line(cell("绩效指标", 0, 84), cell("一级指标", 1, 84), cell("二级指标", 2, 84), cell("三级指标", 3, 84), cell("指标值", 4, 84)),
		line(cell("绩效指标", 0, 104), cell("成本指标", 1, 104), cell("经济成本", 2, 104), cell("人均会议成本", 3, 104), cell("≤400元/人天", 4, 104)),
	)
	p2 := form(2,
		line(cell("绩效指标", 0, 64), cell("满意度指标", 1, 64), cell("服务对象满意度", 2, 64), cell("职工满意度", 3, 64), cell("=100%", 4, 64)),
		line(cell("会议、培训对象满意度", 3, 84), cell("≥95%", 4, 84)),
	)
	p3 := form(3,
		line(cell("项目名称", 0, 64), cell("中介服务费", 1, 64)),
		line(cell("绩效指标", 0, 84), cell("一级指标", 1, 84), cell("二级指标", 2, 84), cell("三级指标", 3, 84), cell("指标值", 4, 84)),
		line(cell("绩效指标", 0, 104), cell("产出指标", 1, 104), cell("数量指标", 2, 104), cell("审查项目数", 3, 104), cell("≥20个", 4, 104)),
	)
	res := assemble(t, p1, p2, p3)
	var got []string
	for _, p := range res.Projects {
		var ind []string
		for _, in := range p.Indicators {
			ind = append(ind, in.Level1+"/"+in.Level3+" "+in.Value)
		}
		got = append(got, fmt.Sprintf("%s %v: %s", p.Name, p.Pages, strings.Join(ind, ", ")))
	}
	// 绩效指标, left of every header cell on each indicator row, is no
	// part of the first level.
	want := []string{
		"财政工作专项经费 [1 2]: 成本指标/人均会议成本 ≤400元/人天, 满意度指标/职工满意度 =100%, 满意度指标/会议、培训对象满意度 ≥95%",
		"中介服务费 [3]: 产出指标/审查项目数 ≥20个",
	}
	if !slices.Equal(got, want) {
		t.Errorf("projects\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestProjectLevelsWithoutIndicators: a form may print a level with no
// indicator under it (效益指标 | 经济效益指标 and nothing else): a row of
// its own, not the rest of the row above (which made 产出指标效益指标 and
// 成本指标经济效益指标 of Xi'an's forms).
func TestProjectLevelsWithoutIndicators(t *testing.T) {
	xs, cell := formXs, formCell
	page := gridPageCols(1, 60, xs, []extract.Line{line(run("2022年部门预算专项业务经费绩效目标表", 60, 20, 240))}, []extract.Line{
		line(cell("项目名称", 0, 64), cell("中国国际人才交流大会", 1, 64)),
		line(cell("年度绩效指标", 0, 84), cell("一级指标", 1, 84), cell("二级指标", 2, 84), cell("指标内容", 3, 84), cell("指标值", 4, 84), cell("备注", 5, 84)),
		line(cell("产出指标", 1, 104), cell("数量指标", 2, 104), cell("发布需求", 3, 104), cell("20项", 4, 104)),
		line(cell("成本指标", 2, 124), cell("专项召开大会经费", 3, 124), cell("22", 4, 124)),
		line(cell("效益指标", 1, 144), cell("经济效益指标", 2, 144)),
		line(cell("社会效益指标", 2, 164)),
		line(cell("可持续影响指标", 2, 184), cell("打牢基础", 3, 184), cell("奠定工作基础", 4, 184)),
	})
	got := indicatorsOf(t, assemble(t, page), func(in tables.Indicator) []string {
		return []string{in.Level1, in.Level2, in.Description, in.Value}
	})
	want := []string{
		"产出指标|数量指标|发布需求|20项",
		"产出指标|成本指标|专项召开大会经费|22",
		"效益指标|经济效益指标||",
		"效益指标|社会效益指标||",
		"效益指标|可持续影响指标|打牢基础|奠定工作基础",
	}
	if !slices.Equal(got, want) {
		t.Errorf("indicators\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestProjectLevelCutByPageBreak: a level's merged cell cut by the page
// break (效 at the foot of one page, 益指标 on the next page's first row,
// which has an indicator of its own) gives both pages' rows the whole name.
func TestProjectLevelCutByPageBreak(t *testing.T) {
	xs, cell := formXs, formCell
	p1 := gridPageCols(1, 60, xs, []extract.Line{line(run("2022年部门预算专项业务经费绩效目标表", 60, 20, 240))}, []extract.Line{
		line(cell("项目名称", 0, 64), cell("中小企业综合服务信息费", 1, 64)),
		line(cell("年度绩效指标", 0, 84), cell("一级指标", 1, 84), cell("二级指标", 2, 84), cell("指标内容", 3, 84), cell("指标值", 4, 84)),
		line(cell("产出指标", 1, 104), cell("成本指标", 2, 104), cell("网站建设", 3, 104), cell("7.2万元", 4, 104)),
		line(cell("效", 1, 124), cell("经济效益指标", 2, 124), cell("提高服务能力", 3, 124), cell("提升", 4, 124)),
	})
	p2 := gridPageCols(2, 20, xs, nil, []extract.Line{
		line(cell("益指标", 1, 24), cell("网站满意度", 3, 24), cell("提升", 4, 24)),
		line(cell("社会效益指标", 2, 44), cell("提高影响力", 3, 44), cell("提高", 4, 44)),
	})
	got := indicatorsOf(t, assemble(t, p1, p2), func(in tables.Indicator) []string {
		return []string{in.Level1, in.Level2, in.Description}
	})
	want := []string{"产出指标|成本指标|网站建设", "效益指标|经济效益指标|提高服务能力", "效益指标|经济效益指标|网站满意度", "效益指标|社会效益指标|提高影响力"}
	if !slices.Equal(got, want) {
		t.Errorf("indicators\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestProjectFormsXian: Xi'an's forms head their indicators 年度绩效指标 |
// 一级指标 | 二级指标 | 指标内容 | 指标值 | 备注 (a remark column, output as
// note); a form printed as the blank template (2022年专项资金总体绩效目标表:
// 实施期总目标, levels and no indicator of its own) is no project.
func TestProjectFormsXian(t *testing.T) {
	xs := []float64{10, 50, 90, 130, 170, 210, 250}
	cell := func(text string, col int, y float64) extract.Run { return run(text, xs[col]+2, y, xs[col+1]-2) }
	form := func(n int, title string, rows ...extract.Line) extract.Page {
		return gridPageCols(n, 60, xs, []extract.Line{line(run(title, 60, 20, 240))}, rows)
	}
	p1 := form(1, "2022年部门预算专项业务经费绩效目标表",
		line(cell("项目名称", 0, 64), cell("西凹里保障房专项利息", 1, 64)),
		line(cell("年度目标", 0, 84), cell("建成公租房户数", 1, 84)),
		line(cell("年度绩效指标", 0, 104), cell("一级指标", 1, 104), cell("二级指标", 2, 104), cell("指标内容", 3, 104), cell("指标值", 4, 104), cell("备注", 5, 104)),
		line(cell("产出指标", 1, 124), cell("数量指标", 2, 124), cell("建成公租房户数", 3, 124), cell("2210户", 4, 124), cell("已完工", 5, 124)),
	)
	p2 := form(2, "2022年专项资金总体绩效目标表",
		line(cell("实施期总目标", 0, 64)),
		line(cell("一级指标", 1, 84), cell("二级指标", 2, 84), cell("三级指标", 3, 84), cell("指标值", 4, 84)),
		line(cell("产出指标", 1, 104), cell("数量指标", 2, 104), cell("指标1：……", 3, 104)),
	)
	res := assemble(t, p1, p2)
	if len(res.Projects) != 1 {
		t.Fatalf("%d projects, want 1 (the blank template is none)", len(res.Projects))
	}
	p := res.Projects[0]
	if len(p.Indicators) != 1 {
		t.Fatalf("indicators %+v", p.Indicators)
	}
	in := p.Indicators[0]
	if got := strings.Join([]string{in.Level1, in.Level2, in.Description, in.Value, in.Note}, "|"); got != "产出指标|数量指标|建成公租房户数|2210户|已完工" {
		t.Errorf("indicator %q", got)
	}
}

// TestProjectFormChongqing: Chongqing names its indicators without levels
// and prints each value over three columns (指标名称 | 指标性质 ≥ | 指标值
// 7500 | 计量单位 吨 | 指标权重(%) | 是否核心): they make one value (≥7500吨),
// with its weight and whether it is a core indicator (note); the goal is
// 当年绩效目标.
func TestProjectFormChongqing(t *testing.T) {
	xs := []float64{10, 40, 90, 120, 150, 180, 215, 250}
	cell := func(text string, col int, y float64) extract.Run { return run(text, xs[col]+2, y, xs[col+1]-2) }
	page := gridPageCols(1, 60, xs, []extract.Line{line(run("市商务发展专项绩效目标表", 60, 20, 240))}, []extract.Line{
		line(cell("项目名称", 0, 64), cell("市商务发展专项", 1, 64)),
		line(cell("当年绩效目标", 0, 84), cell("全市商务经济发展稳中向好。", 1, 84)),
		line(cell("绩效指标", 0, 104), cell("指标名称", 1, 104), cell("指标性质", 2, 104), cell("指标值", 3, 104), cell("计量单位", 4, 104),
			cell("指标权重(%)", 5, 104), cell("是否核心", 6, 104)),
		line(cell("重要商品储备数量", 1, 124), cell("≥", 2, 124), cell("7500", 3, 124), cell("吨", 4, 124), cell("10", 5, 124), cell("是", 6, 124)),
	})
	res := assemble(t, page)
	if len(res.Projects) != 1 {
		t.Fatalf("%d projects, want 1", len(res.Projects))
	}
	p := res.Projects[0]
	if p.Goal != "全市商务经济发展稳中向好。" || len(p.Indicators) != 1 {
		t.Fatalf("goal %q, indicators %+v", p.Goal, p.Indicators)
	}
	in := p.Indicators[0]
	if got := strings.Join([]string{in.Level3, in.Value, in.Weight, in.Note}, "|"); got != "重要商品储备数量|≥7500吨|10|是" {
		t.Errorf("indicator %q", got)
	}
}

// TestStreamProjectList: a table listing projects and their indicators
// printed without rules (Beijing's 项目支出绩效目标表 read without its
// rules) is a project_performance_list whose header's upper parts (其中：
// over 财政资金 | 其他资金) stood above its main line, not a project form
// that reads nothing; a cell's line inside one of its columns is never a
// title, even one that ends as a title does.
func TestStreamProjectList(t *testing.T) {
	r := func(text string, x0, y, x1 float64) extract.Run {
		return extract.Run{Text: text, Box: extract.Box{X0: x0, Y0: y, X1: x1, Y1: y + 9}, Size: 9}
	}
	indicator := func(y float64, l1, l2, l3, op, v, unit string) extract.Line {
		return line(r(l1, 569, y, 605), r(l2, 637, y, 673), r(l3, 721, y, 784), r(op, 878, y, 887), r(v, 939, y, 948), r(unit, 1021, y, 1033))
	}
	page := extract.Page{Number: 1, Width: 1191, Height: 842, Lines: []extract.Line{
		line(r("项目支出绩效目标表", 520, 40, 680)),
		line(r("金额单位：万元", 1000, 62, 1080)),
		line(r("其中：", 316, 79, 346), r("绩效指标性", 882, 79, 932)),
		line(r("项目名称", 132, 86, 172), r("项目总额", 215, 86, 255), r("绩效目标", 461, 86, 501), r("一级指标", 581, 86, 621),
			r("二级指标", 657, 86, 697), r("三级指标", 778, 86, 818), r("本年绩效指标值", 944, 86, 1013), r("绩效度量单位", 1024, 86, 1084)),
		line(r("财政资金", 279, 93, 319), r("其他资金", 343, 93, 383), r("质", 902, 93, 912)),
		indicator(190, "产出指标", "质量指标", "租用互联网带宽", "≥", "60", "MB"),
		indicator(204, "产出指标", "数量指标", "租用专线", "＝", "1", "条"),
		indicator(218, "产出指标", "时效指标", "全天候提供网络专线", "＝", "12", "月"),
		indicator(233, "满意度指标", "服务对象满意度指标", "使用人员满意度", "≥", "90", "%"),
		// A line of a project's name wrapped in its cell that reads as a
		// unit's code and name: below lines with amounts, no unit line.
		line(r("9687-丰台区气象台", 60, 240, 130)),
		indicator(247, "效益指标", "可持续影响指标", "保障网络平稳运行", "≥", "95", "%"),
		// An indicator whose value is a word: a row of its own all the
		// same, not joined to the one above.
		line(r("效益指标", 569, 261, 605), r("社会效益指标", 637, 261, 697), r("服务群众满意", 721, 261, 781), r("定性", 878, 261, 898), r("优", 939, 261, 948)),
	}}
	// On the next page, a cell's line that ends as a title does (…政府采购)
	// stands inside the column of the third level, and a line of an
	// indicator's cells printed close together ends so (…记录表) starting
	// where the first level's cells start: no titles.
	next := extract.Page{Number: 2, Width: 1191, Height: 842, Lines: []extract.Line{
		indicator(60, "产出指标", "数量指标", "成本绩效分析项目", "≥", "1", "个"),
		line(r("绩效、评审、政府采购", 721, 80, 780)),
		indicator(94, "产出指标", "质量指标", "等工作验收合格率", "≥", "90", "%"),
		indicator(108, "产出指标", "时效指标", "按计划完成率", "＝", "100", "%"),
		line(r("产出指标数量指标 ＝ 336 份 机房环境设备巡检记录表", 569, 122, 1000)),
		indicator(136, "满意度指标", "服务对象满意度指标", "使用单位满意度", "≥", "95", "%"),
	}}
	res := assemble(t, page, next)
	if len(res.Tables) != 1 || res.Tables[0].Kind != "project_performance_list" {
		var kinds []string
		for _, tb := range res.Tables {
			kinds = append(kinds, tb.Kind)
		}
		t.Fatalf("tables %q, want one project_performance_list", kinds)
	}
	got := filledCells(res.Tables[0].Rows)
	for _, want := range []string{
		"产出指标|数量指标|租用专线|＝|1|条",
		"满意度指标|服务对象满意度指标|使用人员满意度|≥|90|%",
		"效益指标|可持续影响指标|保障网络平稳运行|≥|95|%",
		"效益指标|社会效益指标|服务群众满意|定性|优",
		"产出指标|时效指标|按计划完成率|＝|100|%",
		"满意度指标|服务对象满意度指标|使用单位满意度|≥|95|%",
	} {
		// (A row may begin with a cell of the project's name.)
		if !slices.ContainsFunc(got, func(g string) bool { return strings.HasSuffix(g, want) }) {
			t.Errorf("no row %s in\n%s", want, strings.Join(got, "\n"))
		}
	}
	if h := fmt.Sprint(res.Tables[0].Header); !strings.Contains(h, "其中") || !strings.Contains(h, "财政资金") {
		t.Errorf("header %s: its upper parts are lost", h)
	}
	for _, e := range res.Events {
		if e.Action == "meta" && strings.Contains(e.Text, "丰台区气象台") {
			t.Errorf("a line of a cell read as a unit line: %+v", e)
		}
	}
}

// TestStreamNameTailAtPageTop: a continuation page of an unruled table
// (Hangzhou's 项目支出表) opens with the end of a unit's name wrapped in
// its cell (治安分局）), alone on its line in the first column, rows under
// it: the table goes on, the line is the rest of the row the page break
// cut, not text after the table.
func TestStreamNameTailAtPageTop(t *testing.T) {
	row := func(y float64, unit, project, total, a string) extract.Line {
		return line(run(unit, 43.6, y, 43.6+10*float64(len([]rune(unit)))), run(project, 205, y, 205+10*float64(len([]rune(project)))),
			run(total, 460-6*float64(len(total)), y, 460), run(a, 540-6*float64(len(a)), y, 540))
	}
	p1 := extract.Page{Number: 1, Width: 842, Height: 595, Lines: []extract.Line{
		line(run("项目支出表", 380, 40, 460)),
		line(run("单位名称", 90, 80, 130), run("项目名称", 280, 80, 320), run("合计", 440, 80, 460), run("一般公共预算", 500, 80, 560)),
		row(100, "杭州市公安局刑事侦查支队", "执法办案", "1,149.24", "1,149.24"),
		row(116, "杭州市公安局刑事侦查支队", "刑侦保障与支撑", "394.63", "394.63"),
		row(132, "杭州市公安局交通治安分局（水上", "日常保障运行", "356.88", "356.88"),
	}}
	p2 := extract.Page{Number: 2, Width: 842, Height: 595, Lines: []extract.Line{
		line(run("治安分局）", 43.6, 40, 93.6)),
		row(60, "杭州市机动车驾驶员考试服务中心", "考试服务保障与支撑", "2,171.02", "2,171.02"),
		row(76, "杭州市机动车驾驶员考试服务中心", "机动车驾驶员考试服务", "9,357.02", "9,357.02"),
	}}
	lastRows(t, []string{
		"杭州市机动车驾驶员考试服务中心|考试服务保障与支撑|2,171.02|2,171.02",
		"杭州市机动车驾驶员考试服务中心|机动车驾驶员考试服务|9,357.02|9,357.02",
	}, p1, p2)
}

// outline lists a result's narrative: each section's heading after "# ",
// then its paragraphs.
func outline(res *tables.Result) []string {
	var out []string
	for _, s := range res.Sections {
		if s.Heading != "" {
			out = append(out, "# "+s.Heading)
		}
		out = append(out, s.Paragraphs...)
	}
	return out
}
