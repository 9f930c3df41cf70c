package tables

import (
	"cmp"
	"math"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/cnbudget/cnbudget/extract"
	"github.com/cnbudget/cnbudget/normalize/layout"
	"github.com/cnbudget/cnbudget/normalize/rules"
)

// Assemble rebuilds the tables, projects and narrative of doc.
func Assemble(doc *extract.Document, r *rules.Rules) *Result {
	a := &assembler{r: r, res: &Result{}, titles: map[string]titleMatch{}, metas: map[string]metaResult{},
		paged: doc.Format == extract.FormatPDF}
	a.running = a.runningLines(doc)
	for i := range doc.Pages {
		a.page(&doc.Pages[i])
	}
	a.closeAll()
	a.endParagraph()
	return a.res
}

type assembler struct {
	r     *rules.Rules
	res   *Result
	pageH float64
	pageW float64
	// textRight is where the lines of running text end on this page, 0
	// when it shows no such edge.
	textRight float64
	// skipNext is set by a row that took the row after it with it.
	skipNext bool
	tbl      *tableBuilder
	prj      *projectBuilder
	frm      *formBuilder
	pageNo   int
	// fresh is true until the current page has shown content of the open
	// table; a title repeated while fresh continues the table.
	fresh bool
	sec   *Section
	// para is the paragraph being built from plain lines.
	para     []string
	paraFull bool
	// Memos of the rule lookups: page headers, titles and column headers
	// repeat on every page.
	titles map[string]titleMatch
	metas  map[string]metaResult
	// coverDone is set once the cover (the lines before the first
	// heading, table or 目录) has been read.
	coverDone bool
	// at is the box of the row being decided on, for the log.
	at extract.Box
	// after are the rows after it on the page.
	after []layout.Row
	// paged is set for a PDF, whose pages break where printed; the text
	// form of a disclosure has no page breaks.
	paged bool
	// running are the keys of the document's running heads and feet (see
	// runningLines).
	running map[string]bool
}

// maxCoverLines bounds the lines read as the cover title.
const maxCoverLines = 6

type metaResult struct {
	m  rules.Meta
	ok bool
}

// titleMatch is the kind a line titles and the pattern that chose it.
type titleMatch struct{ kind, pattern string }

// titleKind is r.TitleKind, remembered per text.
func (a *assembler) titleKind(text string) string {
	return a.titleMatch(text).kind
}

// titleMatch is r.TitleMatch, remembered per text.
func (a *assembler) titleMatch(text string) titleMatch {
	if m, ok := a.titles[text]; ok {
		return m
	}
	k, p := a.r.TitleMatch(text)
	m := titleMatch{k, p}
	a.titles[text] = m
	return m
}

// metaText is r.MetaText, remembered per text.
func (a *assembler) metaText(text string) (rules.Meta, bool) {
	if m, ok := a.metas[text]; ok {
		return m.m, m.ok
	}
	m, ok := a.r.MetaText(text)
	a.metas[text] = metaResult{m, ok}
	return m, ok
}

func (a *assembler) log(action, kind, text string) {
	a.res.Events = append(a.res.Events, Event{Page: a.pageNo, Action: action, Table: kind, Text: text, Box: a.at})
}

func (a *assembler) page(p *extract.Page) {
	a.pageNo = p.Number
	a.pageH = p.Height
	a.pageW = p.Width
	a.fresh = true
	if a.tbl != nil {
		a.tbl.newPage(p.Number)
	}
	if a.prj != nil {
		a.prj.newPage(p.Number)
	}
	if a.frm != nil {
		a.frm.newPage(p.Number)
	}
	rows := a.joinMeta(a.joinTitles(layout.Page(p)))
	a.textRight = textRight(rows)
	for i := 0; i < len(rows); i++ {
		a.after = rows[i+1:]
		a.row(&rows[i])
		if a.skipNext {
			// The row took the next one with it (a heading's wrapped
			// end).
			a.skipNext = false
			i++
		}
	}
	a.after = nil
	a.flushStream()
	if a.frm != nil {
		a.frm.flush(a)
	}
	if a.prj != nil {
		if rest := a.prj.flush(a); len(rest) > 0 {
			a.closeAll()
			for i := range rest {
				a.row(&rest[i])
			}
		}
	}
}

// joinTitles joins a title that wrapped onto a second (or third) line: a
// plain line that is no title but, with the line under it, makes one.
func (a *assembler) joinTitles(rows []layout.Row) []layout.Row {
	out := make([]layout.Row, 0, len(rows))
	for i := 0; i < len(rows); i++ {
		r := rows[i]
		if !titleLike(r) || a.r.NeverTitle(r.Text()) || a.titleKind(r.Text()) != "" {
			out = append(out, r)
			continue
		}
		joined := r
		text := r.Text()
		k := i
		for n := 1; n <= 2 && k+1 < len(rows); n++ {
			next := rows[k+1]
			// A numbered line (四、单位预算编制说明, 1. 2026年…总表) starts
			// something of its own; it does not go on with the line above.
			if !titleLike(next) || !sameSize(joined.Runs[0].Size, next.Runs[0].Size) ||
				next.Y0-joined.Y1 > 0.8*next.H() || a.r.IsSectionHeading(next.Text()) || a.r.IsNumberedItem(next.Text()) {
				break
			}
			text += next.Text()
			if a.titleKind(text) == "" {
				joined.Box = joined.Box.Union(next.Box)
				k++
				continue
			}
			joined.Box = joined.Box.Union(next.Box)
			run := joined.Runs[0]
			run.Text, run.Box, run.Glyphs = text, joined.Box, nil
			joined.Runs = []extract.Run{run}
			joined.Lines = k + 2 - i
			out = append(out, joined)
			i = k + 1
			text = ""
			break
		}
		if text != "" {
			out = append(out, r)
		}
	}
	return out
}

// maxMetaLines bounds the lines of a meta block whose cells wrapped.
const maxMetaLines = 4

// joinMeta joins the lines of a meta block whose cells wrapped: under a
// title, a department name printed in a narrow cell goes on over two or
// three lines (316 永清县人力资 | 源和社会保障局), beside 预算年度 and 单位
// which may wrap too (预算年度： | 2023). Read line by line, no line is a
// meta line; read column by column (the runs stacked under one another
// joined top to bottom), every column is. Such a block becomes one row
// whose runs are its columns.
func (a *assembler) joinMeta(rows []layout.Row) []layout.Row {
	var out []layout.Row
	for i := 0; i < len(rows); i++ {
		if joined, n := a.metaBlock(rows[i:]); n > 0 {
			if out == nil {
				out = append(make([]layout.Row, 0, len(rows)), rows[:i]...)
			}
			out = append(out, joined)
			i += n - 1
			continue
		}
		if out != nil {
			out = append(out, rows[i])
		}
	}
	if out == nil {
		return rows
	}
	return out
}

// metaBlock returns the row a meta block at the top of rows makes, and
// the number of lines it joins (0 when there is none).
func (a *assembler) metaBlock(rows []layout.Row) (layout.Row, int) {
	short := func(r *layout.Row) bool {
		return shortLine(r) && a.titleKind(r.Text()) == ""
	}
	if len(rows) < 2 || rows[0].IsGrid() || rows[1].IsGrid() || rows[1].Y0-rows[0].Y1 >= 0.8*rows[1].H() ||
		!metaStart(&rows[0]) || !short(&rows[0]) {
		return layout.Row{}, 0
	}
	if _, ok := a.metaParts(texts(&rows[0])); ok && !sharesBand(rows) {
		// A meta line whole on its own; but one whose band a line
		// close under it shares (部门：…监督管理 beside 公开01表 |
		// 金额单位：万元, its last character 局 under it) may go on there.
		return layout.Row{}, 0
	}
	// The lines that follow closely, each short.
	n := 1
	for n < len(rows) && n < maxMetaLines && short(&rows[n]) && rows[n].Y0-rows[n-1].Y1 < 0.8*rows[n].H() {
		n++
	}
	for ; n >= 2; n-- {
		if cols, ok := a.metaColumns(rows[:n]); ok {
			joined := rows[0]
			for _, r := range rows[1:n] {
				joined.Box = joined.Box.Union(r.Box)
			}
			joined.Runs, joined.Lines = cols, n
			return joined, n
		}
	}
	return layout.Row{}, 0
}

// bandsWithAmounts reports whether one of the lines after row that begin
// inside the height of its label holds numbers, beside the label: row is
// the first line of a label wrapped around its amounts (一、一般公共预算 |
// 1 … 1421.89 | 财政拨款收入), not a heading, which stands apart from what
// follows it. The label may go on over more lines before its amounts
// (一、一般 | 公共预算 | the amounts | 财政拨款 | 收入: a narrow column,
// Writer); a line of text under it, less than a line below, goes on with
// it.
func bandsWithAmounts(row *layout.Row, after []layout.Row) bool {
	bottom := row.Y1
	for i := range after {
		l := &after[i]
		if l.IsGrid() || l.Page != row.Page || i >= 6 {
			return false
		}
		switch {
		case l.Y0 > row.Y0 && l.Y0 < bottom-0.2*row.H() && lineHasNumber(l) && (l.Y0 < row.Y1 || l.X0 > row.X1):
			return true
		case !lineHasNumber(l) && l.X0 < row.X1 && l.X1 > row.X0 && l.Y0 >= bottom && l.Y0-bottom < 0.8*row.H():
			bottom = l.Y1 // the label goes on
		case l.Y0 >= bottom:
			return false
		}
	}
	return false
}

// sharesBand reports whether one of the few lines after the first of rows
// begins inside the first's height (printed beside it, a little lower).
func sharesBand(rows []layout.Row) bool {
	for _, r := range rows[1:min(len(rows), maxMetaLines)] {
		if r.Y0 < rows[0].Y1 && r.Y0 > rows[0].Y0 {
			return true
		}
	}
	return false
}

// metaStart reports whether a line may begin a meta block: it holds a
// label (部门：, 单位：) or opens with a department code (316 永清县…).
func metaStart(r *layout.Row) bool {
	if len(r.Runs) == 0 {
		return false
	}
	digits := 0
	for _, c := range r.Runs[0].Text {
		if c < '0' || c > '9' {
			break
		}
		digits++
	}
	if digits >= 3 && digits < len(r.Runs[0].Text) {
		return true
	}
	if isCodeOnly(r.Runs[0].Text) && len(r.Runs) > 1 && closeRuns(r.Runs[0], r.Runs[1]) {
		// The code set apart from the name by a gap (859 | 滦平县交通).
		return true
	}
	for _, run := range r.Runs {
		if strings.ContainsAny(run.Text, "：:") {
			return true
		}
	}
	return false
}

// shortLine reports whether a row is a plain line of a few short runs, as
// the lines of a meta block are.
func shortLine(r *layout.Row) bool {
	if r.IsGrid() || len(r.Runs) == 0 || len(r.Runs) > maxMetaParts {
		return false
	}
	for _, run := range r.Runs {
		if utf8.RuneCountInString(run.Text) > 30 {
			return false
		}
	}
	return true
}

// metaColumns stacks the runs of lines into columns (runs whose spans
// overlap) and returns one run per column, left to right, when the
// columns read as meta texts (each alone or with the ones beside it) and
// one of them spans several lines.
func (a *assembler) metaColumns(lines []layout.Row) ([]extract.Run, bool) {
	var cols []extract.Run
	var depth []int
	for _, l := range lines {
		for _, run := range joinClose(l.Runs) {
			c := -1
			for j := range cols {
				if run.X0 < cols[j].X1 && cols[j].X0 < run.X1 {
					c = j
					break
				}
			}
			if c < 0 {
				run.Glyphs = nil
				cols = append(cols, run)
				depth = append(depth, 1)
				continue
			}
			col := &cols[c]
			if run.Y0 >= col.Y1-0.3*run.H() {
				col.Text = layout.JoinText(col.Text, run.Text) // the line below
				depth[c]++
			} else {
				col.Text += " " + run.Text // beside it on one line
			}
			col.Box = col.Box.Union(run.Box)
		}
	}
	if slices.Max(depth) < 2 {
		return nil, false
	}
	slices.SortFunc(cols, func(a, b extract.Run) int { return cmp.Compare(a.X0, b.X0) })
	// The columns read as meta texts, alone or with their neighbours (a
	// table number set apart from the department line: 部门：… | 公开01表).
	parts := make([]string, len(cols))
	for i, c := range cols {
		parts[i] = c.Text
	}
	if _, ok := a.metaParts(parts); !ok {
		return nil, false
	}
	return cols, true
}

// isCodeOnly reports whether a run is a department code alone (3 to 9
// digits).
func isCodeOnly(s string) bool {
	return len(s) >= 3 && len(s) <= 9 && allDigitsStr(s)
}

// closeRuns reports whether run b follows run a on its line closer than
// a character's width: pieces of one cell's text.
func closeRuns(a, b extract.Run) bool {
	return b.X0 > a.X1-0.5 && b.X0-a.X1 < 0.8*max(a.H(), b.H())
}

// joinClose joins a department code to the name that follows it closer
// than a character apart (859 | 滦平县交通: one cell's text).
func joinClose(runs []extract.Run) []extract.Run {
	out := make([]extract.Run, 0, len(runs))
	for _, r := range runs {
		if n := len(out); n > 0 && isCodeOnly(out[n-1].Text) && closeRuns(out[n-1], r) {
			out[n-1].Text += " " + r.Text
			out[n-1].Box = out[n-1].Box.Union(r.Box)
			out[n-1].Glyphs = nil
			continue
		}
		r.Glyphs = nil
		out = append(out, r)
	}
	return out
}

// titleLike reports whether a row may be part of a title: a plain line in
// one type size (a justified title is several runs: 公开 | 09 | 表：…).
func titleLike(r layout.Row) bool {
	if r.IsGrid() || len(r.Runs) == 0 {
		return false
	}
	for _, run := range r.Runs[1:] {
		if !sameSize(run.Size, r.Runs[0].Size) {
			return false
		}
	}
	return true
}

func sameSize(a, b float64) bool { return a > 0 && b > 0 && a/b < 1.1 && b/a < 1.1 }

// texts returns the texts of a row: the cells of a grid row by column, the
// runs of a plain line.
func texts(row *layout.Row) []string {
	if row.IsGrid() {
		out := make([]string, 0, len(row.Cells))
		for _, c := range row.Cells {
			if c.Text != "" {
				out = append(out, c.Text)
			}
		}
		return out
	}
	out := make([]string, 0, len(row.Runs))
	for _, r := range row.Runs {
		if t := layout.CleanText(r.Text); t != "" {
			out = append(out, t)
		}
	}
	return out
}

func (a *assembler) row(row *layout.Row) {
	a.at = row.Box
	parts := texts(row)
	if len(parts) == 0 {
		if row.IsGrid() && a.tbl != nil && a.prj == nil && a.frm == nil {
			a.tbl.blank(row)
		}
		return
	}
	text := layout.JoinClean(parts) // = CleanText(strings.Join(parts, " ")): parts are clean
	single := len(parts) == 1 || !row.IsGrid()
	if single && a.r.IsFurniture(text, a.r.InMargin(row.Y0, row.Y1, a.pageH)) {
		a.log("drop", "", "page furniture: "+text)
		return
	}
	if len(row.Runs) <= 1 && single && a.isRunning(text, row.Box) {
		a.log("drop", "", "running head or foot (the same line in this margin of many pages): "+text)
		return
	}
	kind := ""
	if single {
		kind = a.titleKind(text)
	}
	if kind != "" && a.tbl != nil && (a.tbl.inLaterColumn(row) || a.tbl.startsInside(row)) && !a.centred(row) {
		// The words of a cell that end as a title does (绩效、评审、政府
		// 采购 in an indicator's column of an unruled table, or a line of
		// its cells ending …记录表): a title is centred, not set inside
		// the table.
		kind = ""
	}
	if a.frm != nil && kind == "" {
		// A self-evaluation form takes every row up to its end.
		if a.frm.add(a, row) {
			a.fresh = false
			return
		}
		a.closeAll()
	}
	// A narrative heading (一、部门职责…) carries no amount and does not
	// line up with the rows of an unruled table above it (whose labels open
	// with 一、 too).
	// A numbered line that runs to the right edge of the page's text and
	// on to a line that opens no item of its own goes on there: a heading
	// wrapped (（九）关于…“三公”经费预算情 | 况说明), or, when the two make
	// more than a heading, a list item's paragraph (（一）拟订全市…和 |
	// 年度计划并组织实施；…).
	wrapped := ""
	if !row.IsGrid() && endsOpen(row) && reachesRight(row, a.textRight) && len(a.after) > 0 &&
		!a.after[0].IsGrid() && !a.r.IsNumberedItem(a.after[0].Text()) {
		wrapped = joinLines(text, layout.JoinClean(texts(&a.after[0])))
	}
	heading := !row.IsGrid() && !lineHasNumber(row) && a.r.IsSectionHeading(text) &&
		(wrapped == "" || a.r.IsSectionHeading(wrapped)) &&
		!(a.tbl != nil && (a.tbl.alignsWithStream(row) || a.tbl.awaitsBody(a.r.IsIndexLabel) || a.fresh && a.tbl.inLaterColumn(row) ||
			!a.tbl.ruled && (runsApart(row) || bandsWithAmounts(row, a.after))))
	// A plain line inside an open table that is neither a title nor a note
	// may be a row of a table printed without ruling lines.
	if kind == "" && a.tbl != nil && a.prj == nil && !row.IsGrid() && !a.r.IsNote(text) &&
		!heading && a.tbl.acceptsStream(row, a.fresh, a.after, a.r.IsIndexLabel) {
		if !a.metaRow(parts) {
			a.tbl.stream = append(a.tbl.stream, *row)
		}
		return
	}
	if row.IsGrid() && a.tbl != nil && len(a.tbl.stream) > 0 {
		if title, ok := a.untitledTable(row); ok {
			// Not the continuation: another table, under a heading no
			// title pattern knows.
			a.tbl.stream = nil
			a.closeAll()
			a.tbl = newTable("other", title, a.pageNo)
			a.log("title", "other", "a table of its own under a heading, not the continuation of the table before: "+title)
			a.tbl.add(a, row)
			a.fresh = false
			return
		}
	}
	if row.IsGrid() && a.tbl != nil && len(a.tbl.stream) > 0 && (a.tbl.ruled || len(a.tbl.t.Header)+len(a.tbl.t.Rows) == 0) {
		// Plain lines between a title (or the top of a page) and a ruled
		// table are not its rows.
		for _, l := range a.tbl.stream {
			a.log("drop", a.tbl.t.Kind, "text above the table: "+l.Text())
		}
		a.tbl.stream = nil
	}
	if t := a.tbl; kind != "" && t != nil && a.fresh && len(t.stream) > 0 && t.t.Kind == kind &&
		rules.Squeeze(t.t.Title) == rules.Squeeze(text) {
		// Lines held back at the top of a continuation page above its
		// repeated title (表 3, a running head) are not rows.
		for _, l := range t.stream {
			a.log("drop", t.t.Kind, "text above a repeated title: "+l.Text())
		}
		t.stream = nil
	}
	a.flushStream()
	if kind != "" {
		a.title(kind, text)
		return
	}
	if a.tbl != nil || a.prj != nil {
		if a.metaRow(parts) {
			return
		}
		if single && a.r.IsNote(text) {
			a.note(text)
			return
		}
	}
	if heading {
		if wrapped != "" {
			text, a.skipNext = wrapped, true
		}
		a.closeAll()
		a.heading(text)
		return
	}
	switch {
	case a.prj != nil && a.prj.isListHeader(a, row):
		// Not a form: a table listing projects.
		title, page, lines := a.prj.p.Title, a.prj.p.Pages[0], a.prj.lines
		a.prj = nil
		a.tbl = newTable("project_performance_list", title, page)
		a.log("title", "project_performance_list", "a table listing projects: "+title)
		if !row.IsGrid() {
			// Printed without rules: the lines above are the header's
			// upper parts (其中： over 财政资金 | 其他资金).
			a.tbl.stream = append(lines, *row)
			return
		}
		for _, l := range lines {
			a.log("drop", "project_performance", "text above the table: "+l.Text())
		}
		a.tbl.add(a, row)
		a.fresh = false
		return
	case a.prj != nil:
		if a.prj.add(a, row, parts) {
			a.fresh = false
			return
		}
		a.closeAll()
	case a.tbl != nil && row.IsGrid():
		a.tbl.add(a, row)
		a.fresh = false
		return
	case a.tbl != nil:
		a.closeAll()
	}
	if single && a.r.IsTableNumber(text) {
		if m, ok := a.metaText(text); ok && m == (rules.Meta{}) {
			// A table's number on a line of its own (表二, 公开 03 表)
			// over no table: no paragraph of the narrative.
			a.log("drop", "", "a line that declares nothing: "+text)
			return
		}
	}
	a.narrative(row, text)
}

// untitledTable reports whether the first ruled row of a page, under lines
// held back at the top of the page, opens a table of its own rather than
// continuing the open one: its grid has another number of columns and one
// of the lines above it reads as a heading (short, no amount, no meta,
// note or page furniture). It returns that heading.
func (a *assembler) untitledTable(row *layout.Row) (string, bool) {
	b := a.tbl
	if !a.fresh || !b.ruled || len(b.t.Rows) == 0 || b.cols == nil || row.Grid.NCols() == len(b.cols)-1 {
		return "", false
	}
	for _, l := range b.stream {
		text := l.Text()
		sq := rules.Squeeze(text)
		if n := utf8.RuneCountInString(sq); n < 4 || n > 40 || lineHasNumber(&l) || a.r.IsNote(text) ||
			a.r.IsFurniture(text, a.r.InMargin(l.Y0, l.Y1, a.pageH)) || strings.ContainsAny(sq, "，。；") {
			continue
		}
		if _, ok := a.metaParts(texts(&l)); ok {
			continue
		}
		return sq, true
	}
	return "", false
}

// metaRow consumes a department / year / unit row of the open table. The
// row's parts (cells or runs) are covered by meta texts, several adjacent
// parts making one text where needed ("316" + "永清县…局").
func (a *assembler) metaRow(parts []string) bool {
	if a.paged && a.tbl != nil && (a.tbl.phase == phaseBody && a.tbl.pageBody > 0 ||
		slices.ContainsFunc(a.tbl.stream, func(l layout.Row) bool { return len(l.Runs) >= 2 && lineHasNumber(&l) })) {
		// Below body rows of its page (or, in a table printed without
		// rules, below lines of cells with amounts), in a document with
		// real page breaks, a row is no department or unit line
		// (9687-丰台区气象台, a line of a project's name wrapped in its
		// cell).
		return false
	}
	ms, ok := a.metaParts(parts)
	if !ok {
		return false
	}
	if a.tbl != nil && !a.tbl.expectsMeta() {
		// Department / unit lines inside the body of a table are the page
		// header of a continuation page (the text form has no page
		// breaks): what follows is read like the top of a new page.
		a.tbl.newPage(a.pageNo)
	}
	if a.tbl == nil && a.prj != nil && len(a.prj.p.Indicators) > 0 && !a.fresh {
		return false
	}
	kind := ""
	for _, m := range ms {
		switch {
		case a.tbl != nil:
			kind = a.tbl.t.Kind
			a.tbl.meta(m)
		case a.prj != nil:
			kind = "project_performance"
			if m.Unit != "" && a.prj.p.Unit == "" {
				a.prj.p.Unit = m.Unit
			}
		}
		a.docMeta(m)
	}
	a.log("meta", kind, strings.Join(parts, " "))
	return true
}

// maxMetaParts is the most parts one meta text is printed over ("316" +
// "永清县…局", "编制单位：" + "…" + "单位：万元").
const maxMetaParts = 4

// metaParts covers parts with meta texts, longest first. A row with two
// numbers in cells of their own is not a meta line (it may hold one: the
// department code).
func (a *assembler) metaParts(parts []string) ([]rules.Meta, bool) {
	numbers := 0
	for _, p := range parts {
		if IsNumber(p) {
			numbers++
		}
	}
	if numbers >= 2 || !a.r.MayBeMeta(parts) {
		return nil, false
	}
	var ms []rules.Meta
	clipped := -1
	for i := 0; i < len(parts); {
		found := false
		for j := min(len(parts), i+maxMetaParts); j > i; j-- {
			if m, ok := a.metaText(strings.Join(parts[i:j], " ")); ok {
				ms = append(ms, m)
				i = j
				found = true
				break
			}
		}
		if !found && clipped < 0 {
			// A department whose cell clipped its name, beside
			// other meta parts (its code and name one part or two).
			for j := min(len(parts), i+2); j > i && !found; j-- {
				if m, ok := a.r.ClippedDepartment(strings.Join(parts[i:j], " ")); ok {
					clipped = len(ms)
					ms = append(ms, m)
					i = j
					found = true
				}
			}
		}
		if !found {
			return nil, false
		}
	}
	if clipped >= 0 && len(ms) < 2 {
		return nil, false
	}
	return ms, len(ms) > 0
}

func (a *assembler) docMeta(m rules.Meta) {
	dm := &a.res.Meta
	// A name clipped by its cell or wrapped onto a line of its own
	// (部门：齐河县交通 | 运输局) begins the name printed in full elsewhere:
	// the longer reading wins.
	if m.Dept != "" && (dm.Dept == "" || len(m.Dept) > len(dm.Dept) && strings.HasPrefix(m.Dept, dm.Dept)) {
		code := dm.DeptCode
		dm.Dept, dm.DeptCode = m.Dept, m.DeptCode
		if dm.DeptCode == "" {
			dm.DeptCode = code
		}
	}
	if dm.Year == "" {
		dm.Year = m.Year
	}
	if dm.Unit == "" {
		dm.Unit = m.Unit
	}
}

func (a *assembler) note(text string) {
	switch {
	case a.tbl != nil:
		a.tbl.t.Notes = append(a.tbl.t.Notes, text)
		a.log("note", a.tbl.t.Kind, text)
	case a.prj != nil:
		a.log("note", "project_performance", text)
	}
}

func (a *assembler) title(kind, text string) {
	a.endParagraph()
	a.coverDone = true
	if t := a.tbl; t != nil && kind == "project_performance" && t.t.Kind == "project_performance_list" &&
		rules.Squeeze(t.t.Title) == rules.Squeeze(text) && a.fresh {
		// A list of projects (read from a project form's title) goes on
		// over the next page under its repeated title.
		a.log("repeat", t.t.Kind, "repeated title: "+text)
		return
	}
	if kind == "project_performance" {
		var cont *projectBuilder
		if b := a.prj; b != nil && a.fresh && a.tbl == nil && rules.Squeeze(b.p.Title) == rules.Squeeze(text) {
			// At the top of a page, under the title of the form before:
			// a new form, or that one going on (see projectBuilder.cont).
			cont = b
			if b.cont != nil && b.empty() {
				cont = b.cont // the title printed twice
			}
		}
		a.closeAll()
		a.prj = newProject(text, a.pageNo)
		a.prj.cont = cont
		a.logTitle(kind, text)
		return
	}
	if isFormKind(kind) {
		a.logTitle(kind, text)
		if a.frm != nil {
			a.frm.title(a, kind, text)
			return
		}
		a.closeAll()
		a.frm = newForm(kind, text, a.pageNo)
		return
	}
	if t := a.tbl; t != nil && t.t.Kind == kind && rules.Squeeze(t.t.Title) == rules.Squeeze(text) && a.fresh {
		a.log("repeat", kind, "repeated title: "+text)
		t.underTitle = true
		return
	}
	a.closeAll()
	a.tbl = newTable(kind, text, a.pageNo)
	a.logTitle(kind, text)
}

// logTitle logs a title with the pattern that chose its kind.
func (a *assembler) logTitle(kind, text string) {
	a.res.Events = append(a.res.Events, Event{Page: a.pageNo, Action: "title", Table: kind, Text: text, Rule: a.titleMatch(text).pattern, Box: a.at})
}

func (a *assembler) closeAll() {
	if a.tbl != nil {
		a.flushStream()
		if t := a.tbl.finish(a); t != nil {
			a.res.Tables = append(a.res.Tables, t)
		}
		a.tbl = nil
	}
	if a.prj != nil {
		if p := a.prj.finish(a); p != nil {
			a.res.Projects = append(a.res.Projects, p)
		}
		a.prj = nil
	}
	if a.frm != nil {
		a.res.Evaluations = append(a.res.Evaluations, a.frm.finish(a)...)
		a.frm = nil
	}
}

// runsApart reports whether a line's runs stand far apart (more than three
// characters): cells of a row (一、部门预算 under each of a summary's
// parts), not a heading.
func runsApart(row *layout.Row) bool {
	for i := 1; i < len(row.Runs); i++ {
		if row.Runs[i].X0-row.Runs[i-1].X1 > 3*max(row.Runs[i].Size, 1) {
			return true
		}
	}
	return false
}

// flushStream turns the plain lines collected for an unruled table into
// rows.
func (a *assembler) flushStream() {
	if a.tbl == nil || len(a.tbl.stream) == 0 {
		return
	}
	lines := a.tbl.stream
	a.tbl.stream = nil
	var rows, rest []layout.Row
	if a.tbl.ruled {
		// Held back at the top of a page, and no ruled row followed: the
		// table has ended.
		rest = lines
	} else {
		var cols []interval
		spec := streamSpec{prev: a.tbl.streamCols, labels: -1, indexLabel: a.r.IsIndexLabel}
		if a.tbl.t.Kind == "project_performance_list" {
			spec.opens = a.opensIndicator
		}
		rows, rest, cols = readStream(lines, spec)
		if a.tbl.streamCols == nil && len(rows) > 0 {
			a.tbl.streamCols = cols
		}
		if a.tbl.streamCols != nil {
			a.tbl.noteStarts(lines[:len(lines)-len(rest)])
		}
		a.tbl.plain = append(a.tbl.plain, lines[:len(lines)-len(rest)]...)
		if a.tbl.t.Kind == "project_performance_list" {
			if from, body := a.indicatorColumns(rows); from > 0 && body < len(rows) {
				rows = append(rows[:body:body], spanRows(rows[body:], from)...)
			}
		}
	}
	for _, row := range rows {
		a.tbl.add(a, &row)
		a.fresh = false
	}
	if len(rest) > 0 {
		a.closeAll()
		for i := range rest {
			a.row(&rest[i])
		}
	}
}

// heading starts a narrative section.
func (a *assembler) heading(text string) {
	if text != "" {
		a.coverDone = true
	}
	a.endParagraph()
	a.res.Sections = append(a.res.Sections, Section{Heading: text, Pages: []int{a.pageNo}})
	a.sec = &a.res.Sections[len(a.res.Sections)-1]
}

// narrative adds a line of running text to the current section.
func (a *assembler) narrative(row *layout.Row, text string) {
	if !a.coverDone {
		switch {
		case a.pageNo > 2 || len(a.res.Cover) >= maxCoverLines || len(a.res.Tables) > 0 || a.tbl != nil || a.prj != nil:
			a.coverDone = true
		case rules.Squeeze(text) == "目录":
			a.coverDone = true
		default:
			a.res.Cover = append(a.res.Cover, text)
		}
	}
	a.maybeTitle(text)
	if a.sec == nil {
		a.heading("")
	}
	if n := len(a.sec.Pages); a.sec.Pages[n-1] != a.pageNo {
		a.sec.Pages = append(a.sec.Pages, a.pageNo)
	}
	// Lines of one paragraph: the previous line ran to the right margin,
	// and this one opens no numbered item of its own.
	if len(a.para) > 0 && (!a.paraFull || a.r.IsNumberedItem(text)) {
		a.endParagraph()
	}
	a.para = append(a.para, text)
	a.paraFull = row.IsGrid() == false && row.Lines == 1 && lineIsFull(row, a.textRight)
}

// maybeTitle takes a short line of the first pages that names a budget
// or final account as the document's title, if it has none yet.
func (a *assembler) maybeTitle(text string) {
	if a.res.Title == "" && a.pageNo <= 2 && runeLen(text) <= 60 &&
		(strings.Contains(text, "预算") || strings.Contains(text, "决算")) {
		a.res.Title = text
	}
}

// keepAsText puts the lines of a table that was not one (a table of
// contents, a title over running text) back into the narrative, so that
// no text is lost: the plain lines it was read from when it had no ruled
// rows (paragraphs rejoined as the narrative joins them), else its rows.
func (a *assembler) keepAsText(t *Table, plain []layout.Row) {
	a.endParagraph()
	if a.sec == nil {
		a.res.Sections = append(a.res.Sections, Section{Pages: []int{t.Pages[0]}})
		a.sec = &a.res.Sections[len(a.res.Sections)-1]
	}
	add := func(s string) {
		if s = strings.TrimSpace(s); s != "" {
			a.sec.Paragraphs = append(a.sec.Paragraphs, s)
		}
	}
	add(t.Title)
	a.maybeTitle(t.Title)
	if len(plain) > 0 {
		for i := range plain {
			if text := layout.JoinClean(texts(&plain[i])); text != "" {
				a.narrative(&plain[i], text)
			}
		}
		a.endParagraph()
		return
	}
	for _, rows := range [][][]string{t.Header, t.Rows} {
		for _, r := range rows {
			add(strings.Join(nonEmptyTexts(r), " "))
		}
	}
	for _, p := range t.Pages {
		if n := len(a.sec.Pages); a.sec.Pages[n-1] < p {
			a.sec.Pages = append(a.sec.Pages, p)
		}
	}
}

func (a *assembler) endParagraph() {
	if len(a.para) == 0 || a.sec == nil {
		a.para = nil
		return
	}
	p := a.para[0]
	for _, s := range a.para[1:] {
		p = joinLines(p, s)
	}
	a.sec.Paragraphs = append(a.sec.Paragraphs, p)
	a.para = nil
}

// lineIsFull guesses whether a plain line was broken by the right margin
// rather than ended by the writer: it is long and does not end a sentence.
func lineIsFull(row *layout.Row, right float64) bool {
	return endsOpen(row) && (runeLen(row.Text()) >= 30 || reachesRight(row, right))
}

// endsOpen reports whether a line ends without closing a sentence or
// opening a list (。：；！？).
func endsOpen(row *layout.Row) bool {
	if len(row.Runs) == 0 {
		return false
	}
	last := strings.TrimSpace(row.Runs[len(row.Runs)-1].Text)
	if last == "" {
		return false
	}
	for _, end := range []string{"。", "：", ":", "；", "！", "？"} {
		if strings.HasSuffix(last, end) {
			return false
		}
	}
	return true
}

// reachesRight reports whether a line ends where the page's running text
// ends (right, 0 for unknown): it was wrapped, however few characters it
// holds (an indented first line with figures in it: 本部门 2026 年度没有
// 使用…安排的支 | 出。).
func reachesRight(row *layout.Row, right float64) bool {
	if right <= 0 || len(row.Runs) == 0 {
		return false
	}
	return math.Abs(row.X1-right) <= 1.2*max(row.Runs[len(row.Runs)-1].Size, 1)
}

// centred reports whether a line stands about the middle of the page (a
// tenth of its width either way).
func (a *assembler) centred(row *layout.Row) bool {
	return a.pageW <= 0 || math.Abs((row.X0+row.X1)/2-a.pageW/2) <= a.pageW/10
}

// textRight returns where the lines of running text end on a page: the
// right-most edge that three plain lines of a dozen characters or more
// share (the justified lines of its paragraphs), 0 when none is.
func textRight(rows []layout.Row) float64 {
	count := map[int]int{}
	for i := range rows {
		if r := &rows[i]; !r.IsGrid() && r.Lines == 1 && runeLen(r.Text()) >= 12 {
			count[int(r.X1/2)]++
		}
	}
	best := -1
	for k, c := range count {
		// Neighbouring buckets count with it: an edge may straddle two.
		if c+count[k-1]+count[k+1] >= 3 && k > best {
			best = k
		}
	}
	if best < 0 {
		return 0
	}
	return float64(2*best + 2)
}

func joinLines(a, b string) string {
	if a == "" {
		return b
	}
	return a + b
}
