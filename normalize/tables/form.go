package tables

import (
	"math"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/cnbudget/cnbudget/extract"
	"github.com/cnbudget/cnbudget/normalize/layout"
	"github.com/cnbudget/cnbudget/normalize/rules"
)

// A performance self-evaluation form (绩效自评表) of a final account is a
// form, not a grid: a head of labelled fields (项目名称, 主管部门, 实施单位),
// a funds grid (项目资金（万元）: 年初预算数 | 全年预算数 | 全年执行数 | 分值 |
// 执行率 | 得分, for 年度资金总额 and its 其中 rows), the year's goals (预期目标
// | 实际完成情况) and a table of indicators ending in a 总分 row. Regions
// print it differently (the national template, Xi'an's, county templates;
// ruled or not, labels merged over several rows, cells wrapped), so it is
// read by its labels and by the geometry of its cells, never by position:
// a label row names the columns of what follows, and every cell goes to
// the column it stands under.
//
// Rows arrive one at a time. Grid rows (a ruled form) are rows of cells
// already; the plain lines of a form printed without rules are grouped
// into rows by their spacing (the lines of one cell sit closer together
// than rows do) and the pieces of successive lines that stand under each
// other are joined into one cell.

// formCell is one cell of a form row: its text and where it is printed (the
// grid cell of a ruled form, the text of an unruled one).
type formCell struct {
	text string
	extract.Box
}

// formRow is one row of a form.
type formRow struct {
	page  int
	cells []formCell
	grid  bool
	// split marks a row parted from a band of lines without space
	// between its rows (figureRows).
	split bool
	extract.Box
}

// formCol is a column of the funds grid or of the indicator table.
type formCol struct {
	key    string // role of a funds column, field of an indicator column
	header string // as printed
	x0, x1 float64
}

// Stages of a form.
const (
	formHead = iota
	formFunds
	formGoals
	formIndicators
	formDone
)

// formBuilder reads the self-evaluation forms under one or more titles in
// a row: a title printed again may open the next form or head a
// continuation page of the same one; what follows it decides.
type formBuilder struct {
	ev    *Evaluation
	forms []*Evaluation
	stage int
	// sec is the funds grid or indicator table being read.
	sec *section
	// goalLeft and goalSplit are where the 预期目标 and the 实际完成情况
	// halves of the goals begin.
	goalLeft, goalSplit float64
	// label holds the 一级 and 二级指标 of a row of their own: merged labels
	// printed between the rows they span, for the next row.
	label EvalIndicator
	// pending holds the plain lines of the row being read; held a band of
	// text alone in one column of the indicator table, which may begin
	// the next band's row (see endBand).
	pending, held []layout.Row
	// titled is set when a title was printed again: the next row tells
	// whether it opens a new form.
	titled *Evaluation
	page   int
	// block gathers the pieces of a funds block's label merged over rows
	// parted by figureRows.
	block string
	// labelY is where the level-1 label of label is printed; marks are
	// where the indicator rows of the section being read stand.
	labelY float64
	marks  []rowMark
}

func newForm(kind, title string, page int) *formBuilder {
	return &formBuilder{ev: &Evaluation{Kind: kind, Title: title, Pages: []int{page}}, page: page}
}

// isFormKind reports whether a table kind is a self-evaluation form.
func isFormKind(kind string) bool {
	return kind == "project_self_evaluation" || kind == "dept_self_evaluation"
}

// title takes a further form title: another kind opens a new form at once;
// the same kind waits for what follows.
func (b *formBuilder) title(a *assembler, kind, text string) {
	b.flush(a)
	next := &Evaluation{Kind: kind, Title: text, Pages: []int{a.pageNo}}
	if kind != b.ev.Kind || b.empty() || b.stage == formDone {
		b.startForm(a, next)
		return
	}
	b.titled = next
}

func (b *formBuilder) empty() bool {
	ev := b.ev
	return len(ev.Fields) == 0 && len(ev.Funds) == 0 && len(ev.Indicators) == 0 && ev.GoalExpected == "" && ev.GoalActual == ""
}

// startForm ends the form being read and opens next.
func (b *formBuilder) startForm(a *assembler, next *Evaluation) {
	b.closeSection(a)
	if !b.empty() {
		b.forms = append(b.forms, b.ev)
	}
	b.ev, b.titled = next, nil
	b.block = ""
	b.stage = formHead
	b.goalSplit = 0
}

func (b *formBuilder) newPage(page int) {
	b.page = page
}

// add takes one row of the page; it returns false when the row is not part
// of the form (the text after a finished form), and the form is then done.
func (b *formBuilder) add(a *assembler, row *layout.Row) bool {
	if row.IsGrid() {
		b.flush(a)
		if b.stage == formDone {
			return false
		}
		u := formRow{page: row.Page, grid: true, Box: row.Box}
		for _, c := range row.Cells {
			if c.Text != "" {
				u.cells = append(u.cells, formCell{c.Text, c.Box})
			}
		}
		b.unit(a, u)
		return true
	}
	if n := len(b.pending); n > 0 {
		// Lines of a band need not come top to bottom (a label wrapped
		// beside figures): a row begins below the lowest of the lines
		// above in its columns (a label merged over rows, printed in a
		// column of its own, neither parts nor joins them); below the
		// lowest of all when none is in its columns.
		last := b.pending[n-1]
		bottom, all := math.Inf(-1), math.Inf(-1)
		for _, l := range b.pending {
			all = max(all, l.Y1)
			if min(l.X1, row.X1)-max(l.X0, row.X0) > 0 {
				bottom = max(bottom, l.Y1)
			}
		}
		if math.IsInf(bottom, -1) {
			bottom = all
		}
		h := max(min(row.H(), last.H()), 1)
		switch {
		case row.Page != last.Page:
			b.flush(a)
		case row.Y0-bottom > 0.5*h:
			b.endBand(a)
		}
	}
	if b.stage == formDone && len(b.pending) == 0 {
		return false
	}
	if b.stage >= formIndicators && len(b.pending) == 0 && b.endsForm(a, row) {
		b.flush(a) // a band held back
		b.stage = formDone
		return false
	}
	b.pending = append(b.pending, *row)
	return true
}

// endsForm reports whether a plain line after the head of a form is text
// that follows it: a numbered heading, or a line running across the
// indicator columns without a number.
func (b *formBuilder) endsForm(a *assembler, row *layout.Row) bool {
	text := row.Text()
	if a.r.IsSectionHeading(text) && !lineHasNumber(row) {
		return true
	}
	if b.stage == formIndicators && b.sec != nil && len(b.sec.cols) >= 4 && !lineHasNumber(row) {
		for _, r := range row.Runs {
			n := 0
			for _, c := range b.sec.cols {
				if r.X1 > c.x0+1 && r.X0 < c.x1-1 {
					n++
				}
			}
			if n >= 4 {
				return true
			}
		}
	}
	return false
}

// endBand ends the band of lines in pending, the next row being apart
// from it. A band of text without figures in one column of the indicator
// table is held back: lines need not come top to bottom, and a cell's text wrapped on
// many lines and centred on its row (偏差原因分析 of six lines) may begin
// above the row's band with a line of that band still to come, no
// further below it than half a line. flush then reads the two as one
// band, or the held one as before.
func (b *formBuilder) endBand(a *assembler) {
	heads := b.heads()
	if b.stage != formIndicators || b.sec == nil {
		b.flush(a)
		return
	}
	if _, _, ok := textColumn(b.pending, heads); !ok {
		b.flush(a)
		return
	}
	if b.held != nil {
		if continuesBand(b.held, b.pending, heads) {
			b.held, b.pending = append(b.held, b.pending...), nil
			return
		}
		next := b.pending
		b.pending = nil
		b.flush(a) // the band held before, alone
		b.pending = next
	}
	b.held, b.pending = b.pending, nil
}

// textColumn returns the span of the text of lines when they hold text
// without figures, all of it under one head (labels merged over rows,
// under the group and 一级指标 heads, may stand beside it anywhere).
func textColumn(lines []layout.Row, heads []formCol) (x0, x1 float64, ok bool) {
	x0, x1 = math.Inf(1), math.Inf(-1)
	under := -1
	for _, l := range lines {
		if lineHasNumber(&l) {
			return 0, 0, false
		}
		for _, r := range l.Runs {
			k := headOf(heads, r.X0, r.X1)
			if k >= 0 && (heads[k].key == "level1" || heads[k].key == "group") {
				continue
			}
			if k < 0 || under >= 0 && k != under {
				return 0, 0, false
			}
			under = k
			x0, x1 = min(x0, r.X0), max(x1, r.X1)
		}
	}
	return x0, x1, under >= 0
}

// continuesBand reports whether the text of held (in its column, see
// textColumn) goes on in next: a line of next in that column, on its
// page, begins no further below held's last line there than half a line.
func continuesBand(held, next []layout.Row, heads []formCol) bool {
	x0, x1, ok := textColumn(held, heads)
	if !ok {
		return false
	}
	bottom, last := math.Inf(-1), held[len(held)-1]
	for _, l := range held {
		if min(l.X1, x1)-max(l.X0, x0) > 0 && l.Y1 > bottom {
			bottom, last = l.Y1, l
		}
	}
	top := math.Inf(1)
	for _, l := range next {
		if l.Page == last.Page && min(l.X1, x1)-max(l.X0, x0) > 0 {
			top = min(top, l.Y0)
		}
	}
	return top-bottom <= 0.5*max(last.H(), 1) && top > last.Y0
}

// flush reads the plain lines held back as one row.
func (b *formBuilder) flush(a *assembler) {
	if held := b.held; held != nil {
		b.held = nil
		if len(b.pending) > 0 && continuesBand(held, b.pending, b.heads()) {
			a.log("join", b.ev.Kind, "text of one column goes on in the next band: "+held[0].Text())
			b.pending = append(held, b.pending...)
		} else {
			next := b.pending
			b.pending = held
			b.flush(a)
			b.pending = next
		}
	}
	if len(b.pending) == 0 {
		return
	}
	groups := [][]layout.Row{b.pending}
	if b.stage == formFunds || b.stage == formIndicators {
		groups = figureRows(b.pending)
	}
	b.pending = nil
	heads := b.heads()
	for _, g := range groups {
		u := linesRow(g, heads)
		u.split = len(groups) > 1
		b.unit(a, u)
	}
}

// figureRows parts the plain lines of one band of a funds grid or an
// indicator table printed without rules and without space between its
// rows into rows: each line with two figures or more is a row of its own, and every other line (a
// label wrapped above and below its figures, a piece of the block's label
// merged over the rows) goes with the figure line its middle is nearest.
func figureRows(lines []layout.Row) [][]layout.Row {
	var anchors []int
	for i, l := range lines {
		type piece struct {
			fig    bool
			x0, x1 float64
			size   float64
		}
		var ps []piece
		for _, r := range l.Runs {
			for _, pc := range runPieces(r) {
				if t := layout.CleanText(pc.text); t != "" {
					ps = append(ps, piece{figure(t), pc.X0, pc.X1, max(r.Size, 1)})
				}
			}
		}
		sort.SliceStable(ps, func(i, j int) bool { return ps[i].x0 < ps[j].x0 })
		n := 0
		for i, p := range ps {
			// Figures of cells, not a number inside a sentence (the
			// goals: 全年执行 84.25 万元): no text closer than a
			// character on either side.
			inline := i > 0 && !ps[i-1].fig && p.x0-ps[i-1].x1 < 0.65*p.size ||
				i+1 < len(ps) && !ps[i+1].fig && ps[i+1].x0-p.x1 < 0.65*p.size
			if p.fig && !inline {
				n++
			}
		}
		if n >= 2 {
			anchors = append(anchors, i)
		}
	}
	if len(anchors) < 2 {
		return [][]layout.Row{lines}
	}
	groups := make([][]layout.Row, len(anchors))
	for _, l := range lines {
		best, bestD := 0, math.Inf(1)
		for k, a := range anchors {
			if d := math.Abs(l.CY() - lines[a].CY()); d < bestD {
				best, bestD = k, d
			}
		}
		groups[best] = append(groups[best], l)
	}
	return groups
}

// finish returns the forms read.
func (b *formBuilder) finish(a *assembler) []*Evaluation {
	b.flush(a)
	b.startForm(a, nil)
	return b.forms
}

// heads returns the spans of the labels over the columns being read, when
// the form is unruled: those of the funds grid's or the indicator table's
// header, or the halves of the goals (预期目标 from its label on, 实际完成情况
// from its label on). Nil when none is known.
func (b *formBuilder) heads() []formCol {
	switch {
	case b.stage == formGoals && b.goalSplit > 0:
		return []formCol{{x0: b.goalLeft + 2, x1: b.goalSplit + 2}, {x0: b.goalSplit + 2, x1: math.Inf(1)}}
	case (b.stage == formFunds || b.stage == formIndicators) && b.sec != nil && !b.sec.grid:
		return b.sec.cols
	}
	return nil
}

// headOf returns the index of the head a piece lies under most, -1 for
// none.
func headOf(heads []formCol, x0, x1 float64) int {
	best, bestOv := -1, 0.0
	for i, h := range heads {
		if ov := min(x1, h.x1) - max(x0, h.x0); ov > bestOv {
			best, bestOv = i, ov
		}
	}
	return best
}

// linesRow joins the plain lines of one row of an unruled form into cells:
// pieces of one line closer than a character apart are one cell
// (justified text) unless they stand under different heads (labels of
// columns set close: 时效指标 | 完成时限; a block's label beside its first
// row: 年度总 | 免费向…), and a piece under a cell of the line above
// continues it (a wrapped cell).
func linesRow(lines []layout.Row, heads []formCol) formRow {
	u := formRow{page: lines[0].Page, Box: lines[0].Box}
	type cell struct {
		formCell
		line int
		// x0 is where the cell's first line begins.
		x0 float64
	}
	// Lines printed at one height are one line (a symbol set in another
	// font may make a line of its own).
	var merged []layout.Row
	for _, l := range lines {
		if n := len(merged); n > 0 {
			m := &merged[n-1]
			if min(m.Y1, l.Y1)-max(m.Y0, l.Y0) > 0.5*min(m.H(), l.H()) {
				m.Runs = append(append([]extract.Run(nil), m.Runs...), l.Runs...)
				m.Box = m.Box.Union(l.Box)
				continue
			}
		}
		merged = append(merged, l)
	}
	var cells []cell
	for li, l := range merged {
		u.Box = u.Box.Union(l.Box)
		type piece struct {
			formCell
			size float64
		}
		var raw []piece
		for _, r := range l.Runs {
			for _, pc := range runPieces(r) {
				for _, f := range figureFields(r, pc) {
					if t := layout.CleanText(f.text); t != "" {
						raw = append(raw, piece{formCell{t, f.Box}, max(r.Size, 1)})
					}
				}
			}
		}
		sort.SliceStable(raw, func(i, j int) bool { return raw[i].X0 < raw[j].X0 })
		var ps []formCell
		for _, pc := range raw {
			// Pieces closer than a character apart are one cell
			// (justified text), but numbers and dashes stand alone.
			if n := len(ps); n > 0 && pc.X0-ps[n-1].X1 < 0.65*pc.size && !figure(pc.text) && !figure(ps[n-1].text) &&
				(heads == nil || headOf(heads, ps[n-1].X0, ps[n-1].X1) == headOf(heads, pc.X0, pc.X1)) {
				ps[n-1].text = layout.JoinClean([]string{ps[n-1].text, pc.text})
				ps[n-1].Box = ps[n-1].Box.Union(pc.Box)
				continue
			}
			ps = append(ps, pc.formCell)
		}
		for _, p := range ps {
			best, bestOv := -1, 0.0
			for k := range cells {
				c := &cells[k]
				if c.line >= li {
					continue
				}
				if ov := min(c.X1, p.X1) - max(c.X0, p.X0); ov > bestOv {
					best, bestOv = k, ov
				}
			}
			if best >= 0 {
				c := &cells[best]
				c.text = layout.JoinText(c.text, p.text)
				c.Box = c.Box.Union(p.Box)
				c.line = li
				continue
			}
			cells = append(cells, cell{p, li, p.X0})
		}
	}
	sort.SliceStable(cells, func(i, j int) bool { return cells[i].x0 < cells[j].x0 })
	for _, c := range cells {
		u.cells = append(u.cells, c.formCell)
	}
	return u
}

// splitColumnLabels parts the cells of an unruled row without figures that
// are column labels of the funds grid or the indicator table set so close
// that they read as one piece (全年预算数全年执行数分值): each label becomes a
// cell, its width in proportion to its characters.
func splitColumnLabels(r *rules.Rules, cells []formCell) []formCell {
	known := func(s string) bool { return r.EvalFundsColumn(s) != "" || r.EvalIndicatorField(s) != "" }
	for _, c := range cells {
		if figure(c.text) {
			return cells
		}
	}
	var out []formCell
	for _, c := range cells {
		var parts []string
		if rs := []rune(c.text); len(rs) <= 40 {
			parts = segment(rs, known)
		}
		if len(parts) < 2 {
			out = append(out, c)
			continue
		}
		var at []int
		n := 0
		for _, p := range parts[:len(parts)-1] {
			n += utf8.RuneCountInString(p)
			at = append(at, n)
		}
		out = append(out, partCell(c, at)...)
	}
	return out
}

// segment parts rs into words that each satisfy known, longest first; nil
// when it cannot be parted so.
func segment(rs []rune, known func(string) bool) []string {
	if len(rs) == 0 {
		return []string{}
	}
	for n := min(len(rs), 16); n >= 2; n-- {
		if !known(string(rs[:n])) {
			continue
		}
		if rest := segment(rs[n:], known); rest != nil {
			return append([]string{string(rs[:n])}, rest...)
		}
	}
	return nil
}

// figureFields parts a piece of a run that holds figures set a space
// apart (9.99 10: a right-aligned amount and the next column's weight set
// close; 197.30 万元 10: a value with its unit, then the weight) into one
// piece per figure and the unit after it, each over its own glyphs; any
// other piece comes back whole.
func figureFields(r extract.Run, pc runPiece) []runPiece {
	fields := strings.Fields(pc.text)
	if len(fields) < 2 || !figure(fields[0]) {
		return []runPiece{pc}
	}
	var groups [][]string
	for _, f := range fields {
		switch {
		case figure(f):
			groups = append(groups, []string{f})
		case isUnitWord(f):
			groups[len(groups)-1] = append(groups[len(groups)-1], f)
		default:
			return []runPiece{pc}
		}
	}
	if len(groups) < 2 {
		return []runPiece{pc}
	}
	var gs []extract.Glyph
	for _, g := range r.Glyphs {
		if g.X0 >= pc.X0-0.01 && g.X1 <= pc.X1+0.01 && strings.TrimSpace(g.Text) != "" {
			gs = append(gs, g)
		}
	}
	out := make([]runPiece, 0, len(groups))
	for _, grp := range groups {
		n := 0
		for _, f := range grp {
			n += utf8.RuneCountInString(f)
		}
		if n == 0 || n > len(gs) {
			return []runPiece{pc} // glyphs and text disagree
		}
		b := gs[0].Box
		for _, g := range gs[1:n] {
			b = b.Union(g.Box)
		}
		gs = gs[n:]
		out = append(out, runPiece{strings.Join(grp, " "), b})
	}
	// A figure after a unit is another column's only when set further
	// than a word space (2024 年 12 is one date).
	for i := 1; i < len(out); i++ {
		if len(groups[i-1]) > 1 && out[i].X0-out[i-1].X1 < 0.35*max(r.Size, 1) {
			return []runPiece{pc}
		}
	}
	return out
}

// isUnitWord reports whether a word set after a figure is its unit of
// measure (万元, 人, 个): a few characters, no digit.
func isUnitWord(w string) bool {
	n := 0
	for _, c := range w {
		if c >= '0' && c <= '9' || c >= '０' && c <= '９' {
			return false
		}
		n++
	}
	return n > 0 && n <= 3
}

// unit reads one row of the form.
func (b *formBuilder) unit(a *assembler, u formRow) {
	if len(u.cells) == 0 {
		return
	}
	r := a.r
	if t := b.titled; t != nil {
		// The first row under a title printed again: the head of a new
		// form, or the rest of the one before.
		if b.opensForm(r, u) {
			b.startForm(a, t)
		} else {
			b.addPage(t.Pages[0])
			b.titled = nil
			a.log("repeat", b.ev.Kind, "repeated title of a form that goes on: "+t.Title)
		}
	}
	b.addPage(u.page)
	if !u.grid && b.stage < formIndicators {
		u.cells = splitLabels(r, u.cells)
	}
	if !u.grid {
		u.cells = splitColumnLabels(r, u.cells)
	}
	text := joinCells(u.cells)
	switch {
	case b.skipLine(a, u):
		a.log("meta", b.ev.Kind, text)
	case b.indicatorHeader(a, u):
		a.log("header", b.ev.Kind, "indicator header: "+text)
	case b.fundsHeader(a, u):
		a.log("header", b.ev.Kind, "funds header: "+text)
	case b.goalLabels(a, u):
		a.log("header", b.ev.Kind, "goals: "+text)
	case b.totalRow(a, u):
		a.log("body", b.ev.Kind, "total: "+text)
	case b.indicatorSubHeader(r, u):
		a.log("header", b.ev.Kind, "indicator header, second row: "+text)
	case b.fundsSubHeader(r, u):
		a.log("header", b.ev.Kind, "funds header, second row: "+text)
	case b.stage <= formFunds && b.headFields(r, u):
		a.log("meta", b.ev.Kind, "head: "+text)
	case b.stage == formFunds || b.stage == formIndicators:
		// Read once the section ends: its rows show where its columns
		// part.
		b.sec.rows = append(b.sec.rows, u)
	case b.stage == formGoals:
		b.goalText(r, u)
		a.log("body", b.ev.Kind, "goal: "+text)
	default:
		b.ev.Rows = append(b.ev.Rows, cellTexts(u.cells))
		a.log("body", b.ev.Kind, "row: "+text)
	}
}

// splitLabels parts the cells of an unruled row of a form's head or goals
// that begin with a field or goal label run together with their value
// (项目名称高龄老人津贴, 预期目标为80周岁以上…: a label set close to its value
// reads as one piece): the longest label the cell begins with becomes a
// cell of its own, its width in proportion to its characters.
func splitLabels(r *rules.Rules, cells []formCell) []formCell {
	var out []formCell
	for _, c := range cells {
		rs := []rune(c.text)
		cut := 0
		for n := min(len(rs)-1, 16); n >= 2; n-- {
			p := string(rs[:n])
			if g := r.EvalGoal(p); r.EvalField(p) != "" || g == "expected" || g == "actual" {
				cut = n
				break
			}
		}
		value := strings.TrimLeft(string(rs[cut:]), "：: ")
		if cut == 0 || value == "" {
			out = append(out, c)
			continue
		}
		parts := partCell(c, []int{cut})
		parts[1].text = value
		out = append(out, parts...)
	}
	return out
}

// partCell cuts a cell at the given rune offsets of its text, in order:
// each part as wide as its share of the characters.
func partCell(c formCell, at []int) []formCell {
	rs := []rune(c.text)
	out := make([]formCell, 0, len(at)+1)
	from, x := 0, c.X0
	for _, to := range append(at, len(rs)) {
		p := c
		p.text, p.X0, p.X1 = string(rs[from:to]), x, c.X0+(c.X1-c.X0)*float64(to)/float64(len(rs))
		out = append(out, p)
		from, x = to, p.X1
	}
	return out
}

func (b *formBuilder) addPage(p int) {
	if ev := b.ev; ev != nil && ev.Pages[len(ev.Pages)-1] < p {
		ev.Pages = append(ev.Pages, p)
	}
}

// opensForm reports whether a row is the head of a form: a field label, a
// funds header or the goals.
func (b *formBuilder) opensForm(r *rules.Rules, u formRow) bool {
	fields, funds := 0, 0
	for _, c := range u.cells {
		switch {
		case r.EvalField(c.text) != "":
			fields++
		case r.EvalFundsColumn(c.text) != "":
			funds++
		case r.EvalGoal(c.text) == "expected":
			return true
		}
	}
	return fields > 0 || funds >= 3
}

// skipLine reports whether a row is the subtitle or unit line of a form
// (（2021年度）, 单位：万元); a unit is kept.
func (b *formBuilder) skipLine(a *assembler, u formRow) bool {
	if len(u.cells) > 2 {
		return false
	}
	text := rules.Squeeze(joinCells(u.cells))
	if yearLine(text) {
		return true
	}
	if m, ok := a.metaText(text); ok {
		if m.Unit != "" && b.ev.Unit == "" {
			b.ev.Unit = m.Unit
		}
		return true
	}
	return false
}

// yearLine reports whether text is a year printed under a title:
// （2021年度）, 2021年度.
func yearLine(s string) bool {
	s = strings.Trim(s, "（）()")
	if !strings.HasSuffix(s, "年度") && !strings.HasSuffix(s, "年") {
		return false
	}
	s = strings.TrimSuffix(strings.TrimSuffix(s, "度"), "年")
	return len(s) == 4 && allDigitsStr(s)
}

func allDigitsStr(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// section is a part of a form read in columns: the funds grid or the
// indicator table, the header's labels and the rows under them. It is read
// when it ends, once its rows show where the columns of an unruled form
// part.
type section struct {
	stage int // formFunds or formIndicators
	cols  []formCol
	grid  bool
	rows  []formRow
	total *formRow
	// totalLabel is the index of the 总分 cell in total.
	totalLabel int
}

// columns returns the section's columns: a ruled header's cells span
// their columns; between two labels of an unruled header the columns part
// in the widest gap the cells of the rows leave there (labels may be
// centred over their cells or aligned left with numbers right-aligned
// under them, past their ends).
func (s *section) columns() []formCol {
	cols := append([]formCol(nil), s.cols...)
	sort.SliceStable(cols, func(i, j int) bool { return cols[i].x0 < cols[j].x0 })
	if s.grid || len(cols) == 0 {
		return cols
	}
	var cells []formCol
	for _, u := range s.rows {
		for _, c := range u.cells {
			cells = append(cells, formCol{header: c.text, x0: c.X0, x1: c.X1})
		}
	}
	bounds := make([]float64, len(cols)-1)
	left := leftAligned(cols, cells)
	for k := range bounds {
		if x := cols[k+1].x0 - 1; left && !straddled(x, cells) {
			// Labels aligned left as the text under them: a column ends
			// where the next one's label begins (unless a figure runs
			// across there: that label is centred over its cells, and
			// the columns are parted as below).
			bounds[k] = x
			continue
		}
		bounds[k] = partColumns(cols[k], cols[k+1], cells)
	}
	for k := range cols {
		cols[k].x0, cols[k].x1 = math.Inf(-1), math.Inf(1)
		if k > 0 {
			cols[k].x0 = bounds[k-1]
		}
		if k < len(bounds) {
			cols[k].x1 = bounds[k]
		}
	}
	return cols
}

// partColumns returns where two neighbouring columns of an unruled form
// part: in a gap the cells leave between their labels, the one under which
// the cells of each column line up best (their left edges, right edges or
// centres equal: names aligned left, numbers right), the widest on a tie.
func partColumns(left, right formCol, cells []formCol) float64 {
	lo, hi := left.x1, right.x0
	if hi <= lo {
		return (lo + hi) / 2
	}
	var iv []interval
	var near []formCol
	for _, c := range cells {
		if c.x1 > lo && c.x0 < hi {
			iv = append(iv, interval{max(c.x0, lo), min(c.x1, hi)})
		}
		if c.x1 > left.x0 && c.x0 < right.x1 {
			near = append(near, c)
		}
	}
	iv = mergeIntervals(iv)
	type gap struct{ mid, w float64 }
	var gaps []gap
	prev := lo
	for _, x := range append(iv, interval{hi, hi}) {
		if w := x.x0 - prev; w > 0 {
			gaps = append(gaps, gap{(prev + x.x0) / 2, w})
		}
		prev = max(prev, x.x1)
	}
	if len(gaps) == 0 {
		return (lo + hi) / 2
	}
	best, bestScore, bestW := gaps[0].mid, math.Inf(1), -1.0
	for _, g := range gaps {
		var l, r []formCol
		for _, c := range near {
			if (c.x0+c.x1)/2 < g.mid {
				l = append(l, c)
			} else {
				r = append(r, c)
			}
		}
		score := spread(l) + spread(r)
		if score < bestScore-0.5 || math.Abs(score-bestScore) <= 0.5 && g.w > bestW {
			best, bestScore, bestW = g.mid, score, g.w
		}
	}
	return best
}

// leftAligned reports whether the labels of a header stand at the left
// edge of their columns: in two columns or more a cell begins where the
// label does.
func leftAligned(labels, cells []formCol) bool {
	n := 0
	for _, l := range labels {
		if startsUnder(l, cells) {
			n++
		}
	}
	return n >= 2
}

// startsUnder reports whether a cell begins where a label does.
func startsUnder(label formCol, cells []formCol) bool {
	for _, c := range cells {
		if math.Abs(c.x0-label.x0) <= 1 {
			return true
		}
	}
	return false
}

// straddled reports whether a figure runs across x by more than a point
// on either side (text may run across columns: the goals of a form).
func straddled(x float64, cells []formCol) bool {
	for _, c := range cells {
		if c.x0 < x-1 && c.x1 > x+1 && figure(c.header) {
			return true
		}
	}
	return false
}

// spread is how far the cells of one column are from lining up: the least
// spread of their left edges, right edges and centres.
func spread(cells []formCol) float64 {
	if len(cells) < 2 {
		return 0
	}
	lo := [3]float64{math.Inf(1), math.Inf(1), math.Inf(1)}
	hi := [3]float64{math.Inf(-1), math.Inf(-1), math.Inf(-1)}
	for _, c := range cells {
		for i, x := range [3]float64{c.x0, c.x1, (c.x0 + c.x1) / 2} {
			lo[i], hi[i] = min(lo[i], x), max(hi[i], x)
		}
	}
	return min(hi[0]-lo[0], hi[1]-lo[1], hi[2]-lo[2])
}

// closeSection reads the rows of the section being read.
func (b *formBuilder) closeSection(a *assembler) {
	s := b.sec
	if s == nil {
		return
	}
	b.sec = nil
	cols := s.columns()
	from := len(b.ev.Indicators)
	b.marks = b.marks[:0]
	labelX := math.NaN()
	if s.stage == formFunds && !s.grid && len(s.cols) > 0 {
		labelX = rowLabelsLeft(s.cols[0].x0, s.rows)
	}
	for _, u := range s.rows {
		switch s.stage {
		case formFunds:
			b.fundsRow(a.r, cols, s.cols, u, labelX)
			a.log("body", b.ev.Kind, "funds: "+joinCells(u.cells))
		case formIndicators:
			b.indicatorRow(a, cols, u)
		}
	}
	if s.stage == formIndicators && !s.grid && from == 0 && len(b.marks) == len(b.ev.Indicators) {
		centreLevel1(b.ev.Indicators[from:], b.marks)
	}
	if s.total != nil {
		b.totals(cols, *s.total, s.totalLabel)
	}
}

// rowMark is where an indicator row of an unruled form stands, and where
// its 一级指标 is printed (NaN: not on the row, filled down).
type rowMark struct {
	page   int
	y0, y1 float64
	label  float64
}

// centreLevel1 gives each 一级指标 of an unruled indicator table its rows
// when the labels are printed in the middle of the rows they are merged
// over (the form's first row prints none): from the top of the first row not yet
// given one, a label's rows reach as far below it as that top is above
// it. Filling down would give the rows above a label the one before.
func centreLevel1(inds []EvalIndicator, marks []rowMark) {
	if len(marks) == 0 || !math.IsNaN(marks[0].label) {
		return
	}
	i := 0
	for k := 0; k < len(marks); k++ {
		m := marks[k]
		if math.IsNaN(m.label) {
			continue
		}
		if marks[i].page != m.page {
			return
		}
		bottom := 2*m.label - marks[i].y0
		j := i
		for ; j < len(marks) && marks[j].page == m.page && (j <= k || (marks[j].y0+marks[j].y1)/2 < bottom); j++ {
			if j > k && !math.IsNaN(marks[j].label) {
				break
			}
			inds[j].Level1 = inds[k].Level1
		}
		i = j
		if i >= len(marks) {
			return
		}
		k = max(k, i-1)
	}
}

// colAt returns the column a cell stands under: the one it overlaps most,
// -1 when it overlaps none.
func colAt(cols []formCol, c extract.Box) int {
	best, bestOv := -1, 0.0
	for i, col := range cols {
		ov := min(col.x1, c.X1) - max(col.x0, c.X0)
		if ov > bestOv {
			best, bestOv = i, ov
		}
	}
	return best
}

// indicatorHeader takes a row naming the indicator columns: the first
// level and at least two more fields.
func (b *formBuilder) indicatorHeader(a *assembler, u formRow) bool {
	r := a.r
	var cols []formCol
	seen := map[string]bool{}
	for _, c := range u.cells {
		// A label that names no field still heads a column (its cells
		// are not read), so that no cell is taken for its neighbour's.
		f := r.EvalIndicatorField(c.text)
		if f != "" {
			seen[f] = true
		}
		cols = append(cols, formCol{f, c.text, c.X0, c.X1})
	}
	if !seen["level1"] && !seen["level3"] || len(seen) < 3 || !(seen["weight"] || seen["target"] || seen["score"]) || len(seen)*2 < len(cols) {
		return false
	}
	b.closeSection(a)
	b.sec = &section{stage: formIndicators, cols: cols, grid: u.grid}
	b.stage = formIndicators
	return true
}

// fundsHeader takes a row naming at least three funds columns (年初预算数,
// 全年预算数, 全年执行数, 分值, 执行率, 得分); a header over two rows (全年
// 预算数 over 总额 | 财政拨款 …) names its leaves.
func (b *formBuilder) fundsHeader(a *assembler, u formRow) bool {
	r := a.r
	var cols []formCol
	n := 0
	for _, c := range u.cells {
		if r.IsEvalFundsBlock(c.text) {
			b.fundsUnit(c.text)
			continue
		}
		role := r.EvalFundsColumn(c.text)
		if role != "" {
			n++
		}
		cols = append(cols, formCol{role, c.text, c.X0, c.X1})
	}
	if n < 3 {
		return false
	}
	// Labels left of the first known column: the leftmost heads the
	// rows' labels (任务名称), the others are columns of their own (主要内容,
	// 完成情况).
	sort.SliceStable(cols, func(i, j int) bool { return cols[i].x0 < cols[j].x0 })
	first := -1
	for i, c := range cols {
		if c.key != "" {
			first = i
			break
		}
	}
	labelHead := ""
	kept := cols
	if first > 0 {
		labelHead, kept = cols[0].header, cols[1:]
	}
	b.closeSection(a)
	b.sec = &section{stage: formFunds, cols: kept, grid: u.grid}
	ev := b.ev
	ev.FundsHeader = []string{labelHead}
	ev.FundsRoles = []string{""}
	for _, c := range kept {
		ev.FundsHeader = append(ev.FundsHeader, c.header)
		ev.FundsRoles = append(ev.FundsRoles, c.key)
	}
	b.stage = formFunds
	return true
}

// indicatorSubHeader takes the rest of an indicator header whose labels
// wrapped into a band of their own (二级 | 年度 | 实际 over 指标 | 指标值 |
// 完成值): labels under the header's columns, before any indicator row,
// that each go on with a label into one that names a field.
func (b *formBuilder) indicatorSubHeader(r *rules.Rules, u formRow) bool {
	s := b.sec
	if b.stage != formIndicators || s == nil || len(s.rows) > 0 || len(u.cells) == 0 {
		return false
	}
	cols := append([]formCol(nil), s.cols...)
	touched := map[int]bool{}
	for _, c := range u.cells {
		if figure(c.text) {
			return false
		}
		k := -1
		for i, col := range cols {
			if min(col.x1, c.X1)-max(col.x0, c.X0) > 0 {
				k = i
				break
			}
		}
		if k < 0 {
			return false
		}
		cols[k].header = layout.JoinText(cols[k].header, c.text)
		touched[k] = true
	}
	// Every label the row goes on with still names a field (but the
	// group's label, 绩效指标 printed down its column, and labels that
	// named none).
	for k := range touched {
		if s.cols[k].key != "group" && s.cols[k].key != "" && r.EvalIndicatorField(cols[k].header) == "" {
			return false
		}
	}
	for i := range cols {
		if cols[i].key != "group" {
			cols[i].key = r.EvalIndicatorField(cols[i].header)
		}
	}
	s.cols = cols
	return true
}

// fundsSubHeader takes a second row of the funds header: labels under the
// columns of the first (总额 | 财政拨款 | 其他资金 under 全年预算数), before
// any row of figures. Each column with labels under it becomes as many
// columns, their headers the path (全年预算数（万元）/总额).
func (b *formBuilder) fundsSubHeader(r *rules.Rules, u formRow) bool {
	s := b.sec
	if b.stage != formFunds || s == nil || len(s.rows) > 0 || len(u.cells) < 2 {
		return false
	}
	under := make([][]formCol, len(s.cols))
	for _, c := range u.cells {
		if figure(c.text) || r.IsEvalTotal(c.text) {
			return false
		}
		k := -1
		for i, col := range s.cols {
			if c.CX() >= col.x0-1 && c.CX() <= col.x1+1 {
				k = i
			}
		}
		if k < 0 {
			return false
		}
		under[k] = append(under[k], formCol{s.cols[k].key, s.cols[k].header + "/" + c.text, c.X0, c.X1})
	}
	var cols []formCol
	for i, col := range s.cols {
		if len(under[i]) == 0 {
			cols = append(cols, col)
			continue
		}
		cols = append(cols, under[i]...)
	}
	s.cols = cols
	ev := b.ev
	ev.FundsHeader, ev.FundsRoles = ev.FundsHeader[:1], ev.FundsRoles[:1]
	for _, c := range cols {
		ev.FundsHeader = append(ev.FundsHeader, c.header)
		ev.FundsRoles = append(ev.FundsRoles, c.key)
	}
	return true
}

// fundsUnit reads the unit a funds block label names (项目资金（万元）).
func (b *formBuilder) fundsUnit(label string) {
	s := rules.Squeeze(label)
	switch {
	case strings.Contains(s, "万元"):
		b.ev.Unit = "万元"
	case strings.Contains(s, "（元）") || strings.Contains(s, "(元)"):
		b.ev.Unit = "元"
	}
}

// rowLabelsLeft returns where the rows' own labels begin in an unruled
// funds grid whose header's first label begins at left: the median, over
// the rows with figures, of the start of the last text left of the
// columns. Text wholly left of it is the block's label merged over the
// rows (年度预 | 算（万 | 元）), set in a column of its own. NaN when no row
// tells.
func rowLabelsLeft(left float64, rows []formRow) float64 {
	var xs []float64
	for _, u := range rows {
		x, figs := math.NaN(), 0
		for _, c := range u.cells {
			switch {
			case figure(c.text):
				figs++
			case c.CX() < left && (math.IsNaN(x) || c.X0 > x):
				x = c.X0
			}
		}
		if figs > 0 && !math.IsNaN(x) {
			xs = append(xs, x)
		}
	}
	if len(xs) < 2 {
		return math.NaN()
	}
	sort.Float64s(xs)
	return xs[(len(xs)-1)/2]
}

// fundsRow reads a row of the funds grid: its label (the text left of the
// columns, the block's own label left out), then a cell per column. labels
// are the header's labels: text left of the first is the row's label;
// text wholly left of labelX (rowLabelsLeft; NaN: not known) is the
// block's.
func (b *formBuilder) fundsRow(r *rules.Rules, cols, labels []formCol, u formRow, labelX float64) {
	if len(cols) == 0 {
		return
	}
	row := make([]string, len(cols)+1)
	left := labels[0].x0
	isLabel := func(c formCell) bool {
		k := colAt(cols, c.Box)
		return k < 0 || c.X1 <= left+1 || !figure(c.text) && c.CX() < left
	}
	// A row parted from a band without space between rows may hold a
	// piece of the block's label merged over the rows (项目资 | 金（万元）):
	// text left of the row's own label, wholly left of it.
	ownX := math.Inf(-1)
	if u.split {
		for _, c := range u.cells {
			if isLabel(c) && !figure(c.text) {
				ownX = max(ownX, c.X0)
			}
		}
	}
	for _, c := range u.cells {
		if r.IsEvalFundsBlock(c.text) {
			b.fundsUnit(c.text)
			continue
		}
		if isLabel(c) && (u.split && c.X1 < ownX || !figure(c.text) && c.X1 < labelX-1) {
			b.block = layout.JoinText(b.block, c.text)
			if r.IsEvalFundsBlock(b.block) {
				b.fundsUnit(b.block)
			}
			continue
		}
		k := colAt(cols, c.Box)
		if isLabel(c) {
			row[0] = layout.JoinText(row[0], c.text)
			continue
		}
		row[k+1] = layout.JoinText(row[k+1], c.text)
	}
	if row[0] == "" && len(b.ev.Funds) > 0 && allEmpty(row[1:]) {
		return
	}
	b.ev.Funds = append(b.ev.Funds, row)
}

func allEmpty(cells []string) bool {
	for _, c := range cells {
		if c != "" {
			return false
		}
	}
	return true
}

// goalLabels takes the row of labels over the year's goals (预期目标 |
// 实际完成情况).
func (b *formBuilder) goalLabels(a *assembler, u formRow) bool {
	r := a.r
	exp, act := -1, -1
	for i, c := range u.cells {
		switch r.EvalGoal(c.text) {
		case "expected":
			exp = i
		case "actual":
			act = i
		}
	}
	if exp < 0 || act < 0 {
		return false
	}
	b.closeSection(a)
	b.goalLeft, b.goalSplit = u.cells[exp].X0-2, u.cells[act].X0-2
	b.stage = formGoals
	// Text printed in the label row beyond the labels is already a goal.
	for i, c := range u.cells {
		if i == exp || i == act || r.EvalGoal(c.text) != "" {
			continue
		}
		b.goalCell(c)
	}
	return true
}

// goalText reads a row of the goals: left of the split the goal set, right
// of it what was achieved.
func (b *formBuilder) goalText(r *rules.Rules, u formRow) {
	for _, c := range u.cells {
		if r.EvalGoal(c.text) == "block" {
			continue
		}
		b.goalCell(c)
	}
}

func (b *formBuilder) goalCell(c formCell) {
	ev := b.ev
	if c.X0 >= b.goalSplit {
		ev.GoalActual = layout.JoinText(ev.GoalActual, c.text)
		return
	}
	if c.CX() < b.goalLeft {
		// The block's label (年度总体目标), wrapped or printed vertically.
		return
	}
	ev.GoalExpected = layout.JoinText(ev.GoalExpected, c.text)
}

// totalRow takes the 总分 row, the last of the indicator table. Its label
// need not come first: the last line of a label merged over the rows
// above may stand in the same band (（10分） of 满意度指标（10分）).
func (b *formBuilder) totalRow(a *assembler, u formRow) bool {
	if b.stage != formIndicators || b.sec == nil {
		return false
	}
	label := -1
	for i, c := range u.cells {
		if figure(c.text) {
			break
		}
		if a.r.IsEvalTotal(c.text) {
			label = i
			break
		}
	}
	if label < 0 {
		return false
	}
	b.sec.total = &u
	b.sec.totalLabel = label
	b.closeSection(a)
	b.stage = formDone
	return true
}

// totals reads the total weight and score of the 总分 row; text before its
// label goes on with the last indicator row.
func (b *formBuilder) totals(cols []formCol, u formRow, label int) {
	for i, c := range u.cells {
		k := colAt(cols, c.Box)
		if k < 0 || i == label {
			continue
		}
		if i < label {
			if n := len(b.ev.Indicators); n > 0 {
				if f := b.ev.Indicators[n-1].field(cols[k].key); f != nil {
					*f = layout.JoinText(*f, c.text)
				}
			}
			continue
		}
		switch cols[k].key {
		case "weight":
			b.ev.TotalWeight = c.text
		case "score":
			b.ev.TotalScore = c.text
		}
	}
}

// headFields reads the labelled fields of a form's head: each label's value
// is the text after it, up to the next label.
func (b *formBuilder) headFields(r *rules.Rules, u formRow) bool {
	found := false
	for i := 0; i < len(u.cells); i++ {
		key := r.EvalField(u.cells[i].text)
		if key == "" {
			continue
		}
		found = true
		value := ""
		j := i + 1
		for ; j < len(u.cells) && r.EvalField(u.cells[j].text) == ""; j++ {
			value = layout.JoinText(value, u.cells[j].text)
		}
		b.ev.Fields = append(b.ev.Fields, Field{Key: key, Label: u.cells[i].text, Value: value})
		i = j - 1
	}
	return found
}

// indicatorRow reads one indicator row. A row without weight, score,
// target or achieved value is the rest of the one above (a cell the page
// break cut, or wrapped lines set apart).
func (b *formBuilder) indicatorRow(a *assembler, cols []formCol, u formRow) {
	var ind EvalIndicator
	ind.Page = u.page
	var l1 extract.Box
	has1 := false
	for _, c := range u.cells {
		k := colAt(cols, c.Box)
		if k < 0 {
			continue
		}
		if f := ind.field(cols[k].key); f != nil {
			*f = layout.JoinText(*f, c.text)
			if cols[k].key == "level1" {
				if !has1 {
					l1 = c.Box
				}
				l1, has1 = l1.Union(c.Box), true
			}
		}
	}
	l1y := math.NaN()
	if has1 {
		l1y = l1.CY()
	}
	ev := b.ev
	if ind.Weight == "" && ind.Score == "" && ind.Target == "" && ind.Actual == "" {
		labelsOnly := ind.Level3 == "" && ind.Deviation == ""
		if labelsOnly && ind.Level1 == "" && ind.Level2 == "" {
			return
		}
		if n := len(ev.Indicators); n > 0 && (!labelsOnly || ev.Indicators[n-1].Page != u.page) {
			// The rest of the row above: wrapped lines set apart, or a
			// cell the page break cut.
			last := &ev.Indicators[n-1]
			if m := len(b.marks); m > 0 && last.Level1 == "" && has1 && b.marks[m-1].page == u.page {
				b.marks[m-1].label = l1y
			}
			for _, f := range []string{"level1", "level2", "level3", "deviation"} {
				if s := *ind.field(f); s != "" {
					*last.field(f) = layout.JoinText(*last.field(f), s)
				}
			}
			a.log("join", ev.Kind, "indicator row continued: "+joinCells(u.cells))
			return
		}
		if labelsOnly {
			// Labels merged over the rows under them, printed apart.
			b.label = ind
			b.labelY = l1y
			a.log("body", ev.Kind, "indicator labels: "+joinCells(u.cells))
			return
		}
	}
	if b.label.Level1 != "" && ind.Level1 == "" {
		l1y = b.labelY
	}
	if b.label.Level1 != "" || b.label.Level2 != "" {
		if ind.Level1 == "" && ind.Level2 == "" {
			ind.Level1, ind.Level2 = b.label.Level1, b.label.Level2
		} else if ind.Level1 == "" {
			ind.Level1 = b.label.Level1
		}
		b.label = EvalIndicator{}
	}
	if n := len(ev.Indicators); n > 0 && ind.Level1 == "" {
		prev := ev.Indicators[n-1]
		ind.Level1 = prev.Level1
		if ind.Level2 == "" {
			ind.Level2 = prev.Level2
		}
	}
	ev.Indicators = append(ev.Indicators, ind)
	b.marks = append(b.marks, rowMark{page: u.page, y0: u.Y0, y1: u.Y1, label: l1y})
	a.log("body", ev.Kind, "indicator: "+joinCells(u.cells))
}

func (ind *EvalIndicator) field(f string) *string {
	switch f {
	case "level1":
		return &ind.Level1
	case "level2":
		return &ind.Level2
	case "level3":
		return &ind.Level3
	case "target":
		return &ind.Target
	case "actual":
		return &ind.Actual
	case "weight":
		return &ind.Weight
	case "score":
		return &ind.Score
	case "deviation":
		return &ind.Deviation
	}
	return nil
}

// figure reports whether a piece of text is a number or a dash: a cell of
// its own.
func figure(s string) bool {
	s = rules.Squeeze(s)
	return IsNumber(s) || strings.Trim(s, "-－—–/／%") == ""
}

func joinCells(cells []formCell) string {
	return strings.Join(cellTexts(cells), " | ")
}

func cellTexts(cells []formCell) []string {
	out := make([]string, len(cells))
	for i, c := range cells {
		out[i] = c.text
	}
	return out
}
