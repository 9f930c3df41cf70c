package tables

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/cnbudget/cnbudget/extract"
	"github.com/cnbudget/cnbudget/normalize/layout"
)

func TestListItem(t *testing.T) {
	for _, c := range []struct {
		in    string
		style string
		n     int
	}{
		{"十五、商业服务业等支出", "chinese、", 15},
		{"一、一般公共服务支出", "chinese、", 1},
		{"二十一、国有资本经营预算支出", "chinese、", 21},
		{"九十九、x", "chinese、", 99},
		{"（三）机关运行经费", "chinese（）", 3},
		{"(3)项目", "arabic()", 3},
		{"4、完成", "arabic、", 4},
		{"12.培训", "arabic.", 12},
		{"1.5万元", "", 0},
		{"2024年", "", 0},
		{"十分重要", "", 0},
		{"一般公共预算", "", 0},
		{"（三", "", 0},
		{"3）", "", 0},
		{"123、", "", 0},
		{"", "", 0},
	} {
		style, n, ok := listItem(c.in)
		if style != c.style || n != c.n || ok != (c.n > 0) {
			t.Errorf("listItem(%q) = %q %d %v, want %q %d", c.in, style, n, ok, c.style, c.n)
		}
	}
}

// TestIndexColumnsFromEvenSpacing: LibreOffice Calc, rules removed, an
// index row 栏次 1 … 7 over columns of one width, the last ones empty
// (f1_d06 of the synthetic finals, 收入决算表). Chained from the edge of
// the text, whose last label ends short of its column, the edges put the
// amounts of 本年收入合计 and 财政拨款收入 under one number; halfway
// between the numbers they stand one under each.
func TestIndexColumnsFromEvenSpacing(t *testing.T) {
	box := func(x0, x1 float64) extract.Box { return extract.Box{X0: x0, X1: x1, Y0: 0, Y1: 8} }
	tokens := []extract.Box{box(84, 100), box(270, 275), box(351, 356), box(432, 437), box(511, 516), box(588, 593), box(667, 672), box(746, 751)}
	body := []interval{{75, 109}, {132, 229}, {285, 312}, {366, 392}}
	lines := []layout.Row{{Box: box(55, 766)}}
	cols := labelColumns(lines, tokens, body, nil, true)
	in := func(b interval) int {
		for k, c := range cols {
			if b.x0 >= c.x0 && b.x1 <= c.x1 {
				return k
			}
		}
		return -1
	}
	if a, b := in(body[2]), in(body[3]); a != 1 || b != 2 {
		t.Errorf("the amounts at 285–312 and 366–392 stand in columns %d and %d, want 1 and 2 (columns %v)", a, b, cols)
	}
	if k := in(body[1]); k != 0 {
		t.Errorf("the names stand in column %d, want 0 (under 栏次)", k)
	}
	// Without an index row numbering the columns, the chain stands.
	if c := labelColumns(lines, tokens, body, nil, false); len(c) != len(tokens) {
		t.Errorf("%d columns for %d labels", len(c), len(tokens))
	}
}

// TestIndexChainsComparedSettled: Calc, rules removed: an index row over a
// narrow 序号 column, a wide name column and amount columns of other
// widths (s1_d04's 三公 table). Chained from the left, the columns run off
// from the third on and put two columns of figures under one number;
// chained from the right, one edge cuts the names until it settles into
// the gap beside them. Compared once settled, the right chain wins.
func TestIndexChainsComparedSettled(t *testing.T) {
	box := func(x0, x1 float64) extract.Box { return extract.Box{X0: x0, X1: x1, Y0: 0, Y1: 8} }
	tokens := []extract.Box{box(78, 94), box(198, 203), box(315, 320), box(434, 438), box(581, 585), box(729, 733)}
	body := []interval{{84, 89}, {129, 266}, {345, 361}, {492, 508}}
	lines := []layout.Row{{Box: box(78, 803)}}
	cols := labelColumns(lines, tokens, body, nil, true)
	in := func(b interval) int {
		for k, c := range cols {
			if b.x0 >= c.x0-0.5 && b.x1 <= c.x1+0.5 {
				return k
			}
		}
		return -1
	}
	for i, want := range []int{0, 1, 2, 3} {
		if got := in(body[i]); got != want {
			t.Errorf("body %v in column %d, want %d (columns %v)", body[i], got, want, cols)
		}
	}
}

// TestFusedAmounts: right-aligned figures of two columns that touch are
// one run (Chongqing: 168,441.81154,304.22); with separators and two
// decimals they part without doubt, each over its own glyphs.
func TestFusedAmounts(t *testing.T) {
	run := func(s string) extract.Run {
		r := extract.Run{Text: s}
		for i, c := range []rune(s) {
			x := 290 + 5*float64(i)
			g := extract.Glyph{Text: string(c), Box: extract.Box{X0: x, X1: x + 5, Y0: 0, Y1: 10}}
			r.Glyphs = append(r.Glyphs, g)
			r.Box = r.Box.Union(g.Box)
		}
		return r
	}
	got := fusedAmounts(run("168,441.81154,304.22"))
	if len(got) != 2 || got[0].text != "168,441.81" || got[1].text != "154,304.22" || got[0].X1 != got[1].X0 || got[0].X0 != 290 {
		t.Errorf("parts %+v", got)
	}
	for _, s := range []string{"168,441.81", "168441.81154304.22", "5,183.00 万元", "2021.12.31"} {
		if got := fusedAmounts(run(s)); got != nil {
			t.Errorf("%q parted into %+v", s, got)
		}
	}
}

// Two columns of right-aligned amounts whose widest figures touch leave
// the projection no gap; where a fused run's amounts meet, the columns
// part.
func TestProjectionPartsAtFusedAmounts(t *testing.T) {
	run := func(x, y float64, s string) extract.Run {
		n := float64(len([]rune(s)))
		r := extract.Run{Text: s, Size: 10, Box: extract.Box{X0: x, Y0: y, X1: x + 5*n, Y1: y + 10}}
		for i, c := range []rune(s) {
			r.Glyphs = append(r.Glyphs, extract.Glyph{Text: string(c), Box: extract.Box{X0: x + 5*float64(i), X1: x + 5*float64(i+1), Y0: y, Y1: y + 10}})
		}
		return r
	}
	line := func(runs ...extract.Run) layout.Row {
		r := layout.Row{Runs: runs, Box: runs[0].Box}
		for _, q := range runs {
			r.Box = r.Box.Union(q.Box)
		}
		return r
	}
	lines := []layout.Row{
		line(run(100, 10, "合计"), run(290, 10, "168,441.81154,304.22")),
		line(run(100, 30, "一般公共服务支出"), run(300, 30, "5,183.00"), run(350, 30, "5,183.00")),
		line(run(100, 50, "科学技术支出"), run(295, 50, "15,500.00"), run(340, 50, "147,502.38")),
		line(run(100, 70, "教育支出"), run(320, 70, "7.09"), run(370, 70, "7.09")),
	}
	anchor := []bool{true, true, true, true}
	cols := bodyProjection(lines, anchor)
	var cut bool
	for i := 1; i < len(cols); i++ {
		if cols[i-1].x1 <= 340.5 && cols[i].x0 >= 339.5 && cols[i-1].x0 < 300 && cols[i].x1 > 380 {
			cut = true
		}
	}
	if !cut {
		t.Errorf("columns %v: the amounts' columns are not parted at 340", cols)
	}
}

// TestCentredNames: names centred on their rows show as a row line empty
// in a column between two name lines, or as two rows whose line holds the
// middle of a three-line name that opens a list item on the line above;
// one such row alone is a top-aligned table's heading row over a row
// that wraps (一、基本支出 | 工资福利 100 | 支出), not centring.
func TestCentredNames(t *testing.T) {
	l := func(texts ...string) layout.Row {
		var r layout.Row
		for k, s := range texts {
			if s != "" {
				r.Runs = append(r.Runs, extract.Run{Text: s, Box: extract.Box{X0: float64(100 * k), X1: float64(100*k + 60)}})
			}
		}
		return r
	}
	cases := []struct {
		name  string
		lines []layout.Row
		want  bool
	}{
		{"empty row line between name lines", []layout.Row{l("一般公"), l("", "1.00"), l("共服务"), l("二、外交", "2.00")}, true},
		{"two items begun above their rows", []layout.Row{
			l("一、一般公"), l("共预算财政", "1.00"), l("拨款"),
			l("二、政府性"), l("基金预算财", "2.00"), l("政拨款"), l("四、收入", "3.00")}, true},
		{"one heading over a wrapped row", []layout.Row{
			l("一、基本支出"), l("工资福利", "100.00"), l("支出"), l("商品和服务支出", "20.00")}, false},
	}
	for _, c := range cases {
		anchor := make([]bool, len(c.lines))
		used := make([]map[int]bool, len(c.lines))
		for i := range c.lines {
			anchor[i] = lineHasNumber(&c.lines[i])
			used[i] = lineCols(&c.lines[i], []interval{{0, 90}, {90, 190}})
		}
		if got := centredNames(c.lines, anchor, 0, used); got != c.want {
			t.Errorf("%s: centred = %v, want %v", c.name, got, c.want)
		}
	}
}

// A code and a name wrapped in narrow columns over their row's line (2620
// | 西安市节能监察 over 03 | 支队 and the amounts) are that row's top; a
// code that is whole on a line without amounts (309 over 310) is a row of
// its own.
func TestCodeWrappedOverItsRow(t *testing.T) {
	line := func(y float64, cells ...any) layout.Row {
		var r layout.Row
		for k := 0; k+2 < len(cells); k += 3 {
			x0, x1 := cells[k].(float64), cells[k+1].(float64)
			r.Runs = append(r.Runs, extract.Run{Text: cells[k+2].(string), Size: 9, Box: extract.Box{X0: x0, Y0: y, X1: x1, Y1: y + 9}})
		}
		r.Box = r.Runs[0].Box
		for _, run := range r.Runs {
			r.Box = r.Box.Union(run.Box)
		}
		return r
	}
	amounts := func(y float64, total, a, b string) []any {
		return []any{250.0, 268.0, total, 320.0, 335.0, a, 400.0, 418.0, b}
	}
	row := func(y float64, lead []any, total, a, b string) layout.Row {
		return line(y, append(lead, amounts(y, total, a, b)...)...)
	}

	lines := []layout.Row{
		row(130, []any{40.0, 45.0, "1", 110.0, 128.0, "合计"}, "150", "50", "100"),
		line(160, 110.0, 173.0, "西安市工业和信"),
		row(175, []any{40.0, 45.0, "2", 60.0, 74.0, "262", 110.0, 137.0, "息化局"}, "150", "50", "100"),
		line(205, 60.0, 78.0, "2620", 110.0, 173.0, "西安市节能监察"),
		row(220, []any{40.0, 45.0, "3", 60.0, 69.0, "03", 110.0, 128.0, "支队"}, "100", "0", "100"),
	}
	rows, rest, _ := streamRows(lines, nil, nil)
	got := rowTexts(rows)
	want := []string{"1|合计|150|50|100", "2|262|西安市工业和信息化局|150|50|100", "3|262003|西安市节能监察支队|100|0|100"}
	if len(rest) > 0 || !slices.Equal(got, want) {
		t.Errorf("wrapped codes: rows\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}

	lines = []layout.Row{
		row(120, []any{60.0, 74.0, "301", 110.0, 164.0, "工资福利支出"}, "150", "50", "100"),
		line(145, 60.0, 74.0, "309", 110.0, 209.0, "资本性支出（基本建设）"),
		row(160, []any{60.0, 74.0, "310", 110.0, 155.0, "资本性支出"}, "6.30", "0", "6.30"),
	}
	rows, _, _ = streamRows(lines, nil, nil)
	got = rowTexts(rows)
	if !slices.Contains(got, "309|资本性支出（基本建设）") || !slices.Contains(got, "310|资本性支出|6.30|0|6.30") {
		t.Errorf("whole codes: rows\n%s\nwant 309 and 310 apart", strings.Join(got, "\n"))
	}
}

// A continuation page whose codes stand at two indents (303 and 30302) in
// the code column of the table's first page is read in that page's
// columns: its own reading, as many columns, would part the code column
// in two and shift every cell after it.
func TestContinuationKeepsIndentedCodesInOneColumn(t *testing.T) {
	run := func(y, x0, x1 float64, s string) extract.Run {
		return extract.Run{Text: s, Size: 9, Box: extract.Box{X0: x0, Y0: y, X1: x1, Y1: y + 9}}
	}
	line := func(y float64, code string, indent bool, name, gcode, gname, total, pers, pub string) layout.Row {
		x := 104.0
		if indent {
			x = 118
		}
		var r layout.Row
		r.Runs = append(r.Runs, run(y, x, x+3.7*float64(len(code)), code), run(y, 160, 160+9*float64(len([]rune(name))), name))
		if gcode != "" {
			r.Runs = append(r.Runs, run(y, 270, 295, gcode), run(y, 305, 305+9*float64(len([]rune(gname))), gname))
		}
		r.Runs = append(r.Runs, run(y, 440-5*float64(len(total)), 440, total), run(y, 500-5*float64(len(pers)), 500, pers), run(y, 560-5*float64(len(pub)), 560, pub))
		r.Box = r.Runs[0].Box
		for _, q := range r.Runs {
			r.Box = r.Box.Union(q.Box)
		}
		return r
	}
	// The first page's columns: code, name, 政府经济 code and name, three
	// amounts and 备注.
	prev := []interval{{100, 155}, {155, 265}, {265, 300}, {300, 395}, {395, 445}, {445, 505}, {505, 565}, {565, 620}}
	lines := []layout.Row{
		line(50, "30217", true, "公务接待费", "50206", "公务接待费", "10000", "0", "10000"),
		line(66, "30224", true, "被装购置费", "50204", "专用材料购置费", "0", "0", "0"),
		line(82, "303", false, "对个人和家庭的补助", "", "", "176340", "176340", "0"),
		line(98, "30302", true, "退休费", "50905", "离退休费", "1884", "1884", "0"),
		line(114, "30399", true, "其他对个人和家庭的补助", "50999", "其他对个人和家庭补助", "174456", "174456", "0"),
		line(130, "310", false, "资本性支出", "", "", "0", "0", "0"),
		line(146, "31002", true, "办公设备购置", "50306", "设备购置", "0", "0", "0"),
		line(162, "313", false, "对社会保障基金补助", "", "", "0", "0", "0"),
		line(178, "31302", true, "对社会保险基金补助", "51002", "对社会保险基金补助", "0", "0", "0"),
	}
	rows, _, cols := streamRows(lines, prev, nil)
	if len(cols) != len(prev) {
		t.Fatalf("%d columns, want the first page's %d", len(cols), len(prev))
	}
	for _, r := range rows {
		if len(r.Cells) == 0 || r.Cells[0].Col != 0 || !IsCode(r.Cells[0].Text) {
			t.Errorf("row %v: its code is not in the first column", r.Cells)
		}
	}
}

// A continuation page whose own reading finds one column more than its
// first page's, only because the end of a wrapped unit name stands out
// left of the names (深圳市人事人才公共服务中 | 心, the tail at the cell's
// edge, the names indented), is read in the first page's columns: read in
// its own, the tail went to a column of its own and, the columns mapped
// back, came before the name (心深圳市…).
func TestContinuationKeepsColumnsAgainstAWrappedTail(t *testing.T) {
	run := func(y, x0, x1 float64, s string) extract.Run { return textRun(x0, y, x1, 10, s) }
	row := rowOf
	amounts := func(y float64, a, b string) []extract.Run {
		return []extract.Run{run(y, 450-5*float64(len(a)), 450, a), run(y, 530-5*float64(len(b)), 530, b)}
	}
	// The first page's columns: unit, code, name, two amounts.
	prev := []interval{{25, 190}, {190, 265}, {265, 395}, {395, 455}, {455, 535}}
	lines := []layout.Row{
		row(append([]extract.Run{run(50, 194, 229, "2210201"), run(50, 271, 321, "住房公积金")}, amounts(50, "183.44", "183.44")...)...),
		row(append([]extract.Run{run(72, 194, 229, "2210203"), run(72, 271, 311, "购房补贴")}, amounts(72, "301.17", "301.17")...)...),
		row(run(91, 49.5, 169.5, "深圳市人事人才公共服务中")),
		row(amounts(99, "188,425.85", "1,350.41")...),
		row(run(107, 29.5, 39.5, "心")),
		row(append([]extract.Run{run(126, 194, 209, "206"), run(126, 271, 331, "科学技术支出")}, amounts(126, "183,817.45", "0.00")...)...),
	}
	rows, _, cols := streamRows(lines, prev, nil)
	if len(cols) != len(prev) {
		t.Fatalf("%d columns, want the first page's %d", len(cols), len(prev))
	}
	var names []string
	for _, r := range rows {
		for _, c := range r.Cells {
			if c.Col == 0 {
				names = append(names, c.Text)
			}
		}
	}
	if !slices.Equal(names, []string{"深圳市人事人才公共服务中心"}) {
		t.Errorf("unit names %q, want the one name whole", names)
	}
}

// A name set on its cell's last line, wrapped upwards from the line of its
// row's amounts (1、人员经费和公用经 over 费支出 | 46.51), goes to that row;
// a line over one whose text opens an item of its own (2、…) stays a row.
func TestNameWrappedOntoItsRowLine(t *testing.T) {
	run := func(y, x0, x1 float64, s string) extract.Run { return textRun(x0, y, x1, 10, s) }
	row := rowOf
	cols := []interval{{0, 20}, {20, 130}, {130, 205}}
	names := func(below string) []string {
		lines := []layout.Row{
			row(run(50, 5, 12, "1"), run(50, 22, 82, "一、财政拨款"), run(50, 160, 200, "1,053.43")),
			row(run(66, 22, 122, "1、人员经费和公用经")),
			row(run(76, 5, 12, "2"), run(76, 22, 22+10*float64(len([]rune(below))), below), run(76, 175, 200, "46.51")),
			row(run(92, 5, 12, "3"), run(92, 22, 82, "二、项目支出"), run(92, 175, 200, "10.00")),
		}
		rows, _, _ := streamRows(lines, cols, nil)
		var out []string
		for _, r := range rows {
			for _, c := range r.Cells {
				if c.Col == 1 {
					out = append(out, c.Text)
				}
			}
		}
		return out
	}
	if got, want := names("费支出"), []string{"一、财政拨款", "1、人员经费和公用经费支出", "二、项目支出"}; !slices.Equal(got, want) {
		t.Errorf("names %q, want %q", got, want)
	}
	if got, want := names("2、其他"), []string{"一、财政拨款", "1、人员经费和公用经", "2、其他", "二、项目支出"}; !slices.Equal(got, want) {
		t.Errorf("names %q, want %q", got, want)
	}
}

// A label right of a column that has a label of its own over its text
// (预算金额 over the amounts, 说明 beside it, no remark printed) names an
// empty column of its own: read as the amounts' label centred over a
// column reaching past it, it merged 预算金额 and 说明 into one column and
// the amounts lost their key (Xi'an's 政府采购预算表, its header stacked
// over several lines).
func TestLabelBesideALabelledColumn(t *testing.T) {
	run := func(y, x0, x1 float64, s string) extract.Run { return textRun(x0, y, x1, 7, s) }
	row := rowOf
	lines := []layout.Row{
		row(run(20, 20, 49, "采购项目"), run(20, 90, 119, "数量"), run(20, 150, 179, "预算金额"), run(20, 195, 210, "说明")),
		row(run(40, 20, 60, "工装费"), run(40, 105, 112, "65"), run(40, 156, 181, "195000")),
		row(run(56, 20, 60, "两定机构核查费"), run(56, 108, 112, "1"), run(56, 156, 181, "235500")),
	}
	anchor := []bool{false, true, true}
	body := []interval{{20, 60}, {105, 112}, {156, 181}}
	cols := withHeaderColumns(body, lines, anchor)
	if want := append(body, interval{195, 210}); !slices.Equal(cols, want) {
		t.Errorf("columns %v, want %v (说明 apart)", cols, want)
	}
	// A label alone beside a column without a label of its own is that
	// column's, centred over it (its text set at the column's left edge).
	lines[0] = row(run(20, 20, 49, "采购项目"), run(20, 90, 119, "数量"), run(20, 183, 195, "金额"))
	if cols := withHeaderColumns(body, lines, anchor); !slices.Equal(cols, body) {
		t.Errorf("columns %v, want %v", cols, body)
	}
}

// An amount with decimals and the text of the next column printed against
// it (0.00等工作…) part at the column's edge; a year and its 年 do not.
func TestCutRunPartsAmountFromText(t *testing.T) {
	run := func(x float64, s string) extract.Run {
		r := extract.Run{Text: s, Size: 10}
		for _, c := range s {
			w := 5.0
			if layout.IsWide(c) {
				w = 10
			}
			r.Glyphs = append(r.Glyphs, extract.Glyph{Text: string(c), Box: extract.Box{X0: x, X1: x + w, Y1: 10}})
			x += w
		}
		r.Box = extract.Box{X0: r.Glyphs[0].X0, X1: x, Y1: 10}
		return r
	}
	cols := []interval{{500, 548.5}, {548.5, 800}}
	pieces := func(r extract.Run) []string {
		var out []string
		for _, p := range cutRun(r, cols) {
			out = append(out, fmt.Sprintf("%d:%s", p.col, p.text))
		}
		return out
	}
	if got := pieces(run(528, "0.00等工作，能为")); !slices.Equal(got, []string{"0:0.00", "1:等工作，能为"}) {
		t.Errorf("amount against text: %q", got)
	}
	if got := pieces(run(528, "2024年机关运行经")); len(got) != 1 {
		t.Errorf("a year and 年: %q, want one piece", got)
	}
}

// A name centred on its row's amounts, two lines above them and two
// below, between rows whose narrative cells interleave with it in another
// column, and over a row whose one-line name stands on its own line: the
// lines below go with the name above, not with the nearer row under them.
func TestCentredNameBesideNarrative(t *testing.T) {
	run := func(y, x0 float64, s string) extract.Run {
		w := 10.0
		if !layout.IsWide(firstRune(s)) {
			w = 5
		}
		return extract.Run{Text: s, Size: 10, Box: extract.Box{X0: x0, Y0: y, X1: x0 + w*float64(utf8.RuneCountInString(s)), Y1: y + 10}}
	}
	line := func(y float64, texts ...any) layout.Row {
		var r layout.Row
		for k := 0; k+1 < len(texts); k += 2 {
			r.Runs = append(r.Runs, run(y, texts[k].(float64), texts[k+1].(string)))
		}
		r.Box = r.Runs[0].Box
		for _, q := range r.Runs {
			r.Box = r.Box.Union(q.Box)
		}
		return r
	}
	lines := []layout.Row{
		line(100, 40.0, "口岸现场电话费", 200.0, "28.00", 300.0, "28.00", 400.0, "0.00", 600.0, "保障口岸现场通讯"),
		line(132, 600.0, "通过出口信用保险等支持措"),
		line(140, 40.0, "经贸发展专项资金（加快"),
		line(147, 600.0, "施有效降低全市外贸企业"),
		line(155, 40.0, "港珠澳大桥经贸新通道"),
		line(170, 190.0, "1,000.00", 290.0, "1,000.00", 400.0, "0.00", 600.0, "经营风险，支持企业发展"),
		line(185, 40.0, "建设促进现代物流业高"),
		line(192, 600.0, "发展，稳住外贸基本盘。"),
		line(200, 40.0, "质量发展事项）"),
		line(215, 40.0, "安全生产经费", 205.0, "37.80", 305.0, "37.80", 400.0, "0.00", 600.0, "落实安全生产责任"),
		line(245, 40.0, "拱北口岸监管场所", 205.0, "49.00", 305.0, "49.00", 400.0, "0.00", 600.0, "保障口岸监管场所运行"),
	}
	rows, _, _ := streamRows(lines, nil, nil)
	var names []string
	for _, r := range rows {
		if len(r.Cells) > 0 && r.Cells[0].Col == 0 {
			names = append(names, r.Cells[0].Text)
		}
	}
	want := "经贸发展专项资金（加快港珠澳大桥经贸新通道建设促进现代物流业高质量发展事项）"
	if !slices.Contains(names, want) || !slices.Contains(names, "安全生产经费") {
		t.Errorf("names %q, want %s whole and 安全生产经费 alone", names, want)
	}
}

// A row printed on two baselines a few points apart (its label and last
// amount, and a little lower its other amounts) is one row.
func TestRowOnTwoBaselines(t *testing.T) {
	run := func(y, x0, x1 float64, s string) extract.Run { return textRun(x0, y, x1, 9, s) }
	var lines []layout.Row
	for k, row := range [][]string{
		{"1", "2080501", "行政单位离退休", "0.00", "0.00", "0.00"},
		{"2", "2080505", "机关事业单位基本养老保险缴费支出", "989034.30", "989034.30", "0.00"},
		{"3", "2080506", "机关事业单位职业年金缴费支出", "494517.18", "494517.18", "0.00"},
		{"4", "2101101", "行政单位医疗", "449329.16", "449329.16", "0.00"},
	} {
		y := 100 + 17*float64(k)
		lines = append(lines,
			rowOf(run(y, 75, 80, row[0]), run(y, 100, 132, row[1]), run(y, 160, 160+9*float64(len([]rune(row[2]))), row[2]), run(y, 560, 578, row[5])),
			rowOf(run(y+4.3, 440-5*float64(len(row[3])), 440, row[3]), run(y+4.3, 520-5*float64(len(row[4])), 520, row[4])))
	}
	rows, _, _ := streamRows(lines, nil, nil)
	got := rowTexts(rows)
	want := []string{
		"1|2080501|行政单位离退休|0.00|0.00|0.00",
		"2|2080505|机关事业单位基本养老保险缴费支出|989034.30|989034.30|0.00",
		"3|2080506|机关事业单位职业年金缴费支出|494517.18|494517.18|0.00",
		"4|2101101|行政单位医疗|449329.16|449329.16|0.00",
	}
	equalRows(t, got, want)
}

// Amounts wrapped in narrow columns (1378.4 over 1), centred on the line
// of the row's other cells, are read whole on that row.
func TestWrappedAmounts(t *testing.T) {
	line := func(y float64, cells ...any) layout.Row {
		var runs []extract.Run
		for k := 0; k+2 < len(cells); k += 3 {
			runs = append(runs, textRun(cells[k].(float64), y, cells[k+1].(float64), 7.5, cells[k+2].(string)))
		}
		return rowOf(runs...)
	}
	var lines []layout.Row
	for k, row := range [][]string{
		{"201", "一般公共服务支出", "1378.4", "1", "903.85", "692.85"},
		{"20140", "信访事务", "1378.4", "1", "903.85", "692.85"},
		{"2014001", "行政运行", "903.8", "5", "903.85", "692.85"},
		{"2080501", "行政单位离退休", "12.0", "6", "12.06", "0.00"},
	} {
		y := 230 + 26.7*float64(k)
		lines = append(lines,
			line(y, 5.0, 30.0, row[0], 40.0, 40+7.5*float64(len([]rune(row[1]))), row[1], 305.0, 327.0, row[4], 345.0, 367.0, row[5]),
			line(y-4.8, 194.6, 217.0, row[2], 230.0, 252.0, row[2]),
			line(y+4.8, 194.6, 198.3, row[3], 230.0, 233.7, row[3]))
	}
	// A name wrapped in its narrow column on the same lines as the
	// amounts (深圳市人力资源和社会保 435,216.1 | the other amounts | 障局 7).
	y := 230 + 26.7*4
	lines = append(lines,
		line(y-4.8, 40.0, 122.5, "深圳市人力资源和社会保", 160.0, 197.0, "435,216.1"),
		line(y, 5.0, 30.0, "2080599", 305.0, 327.0, "903.85", 345.0, 367.0, "692.85"),
		line(y+4.8, 40.0, 55.0, "障局", 160.0, 163.7, "7"))
	rows, _, _ := streamRows(lines, nil, nil)
	got := rowTexts(rows)
	want := []string{
		"201|一般公共服务支出|1378.41|1378.41|903.85|692.85",
		"20140|信访事务|1378.41|1378.41|903.85|692.85",
		"2014001|行政运行|903.85|903.85|903.85|692.85",
		"2080501|行政单位离退休|12.06|12.06|12.06|0.00",
		"2080599|深圳市人力资源和社会保障局|435,216.17|903.85|692.85",
	}
	equalRows(t, got, want)
}

// rowTexts gives each row's cells' texts joined by |.
func rowTexts(rows []layout.Row) []string {
	var out []string
	for _, r := range rows {
		var parts []string
		for _, c := range r.Cells {
			parts = append(parts, c.Text)
		}
		out = append(out, strings.Join(parts, "|"))
	}
	return out
}

// equalRows reports the rows read when they are not those wanted.
func equalRows(t *testing.T, got, want []string) {
	t.Helper()
	if !slices.Equal(got, want) {
		t.Errorf("rows\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// textRun is a run of text from x0 to x1 on the line at y.
func textRun(x0, y, x1, size float64, s string) extract.Run {
	return extract.Run{Text: s, Size: size, Box: extract.Box{X0: x0, Y0: y, X1: x1, Y1: y + size}}
}

// rowOf is a plain line of runs.
func rowOf(runs ...extract.Run) layout.Row {
	r := layout.Row{Runs: runs, Box: runs[0].Box}
	for _, q := range runs {
		r.Box = r.Box.Union(q.Box)
	}
	return r
}
