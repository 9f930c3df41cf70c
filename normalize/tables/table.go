package tables

import (
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/cnbudget/cnbudget/extract"
	"github.com/cnbudget/cnbudget/normalize/decimal"
	"github.com/cnbudget/cnbudget/normalize/layout"
	"github.com/cnbudget/cnbudget/normalize/rules"
)

const (
	phaseHeader = iota
	phaseBody
)

type tableBuilder struct {
	t     *Table
	phase int
	// cols are the column boundaries of the first grid of the table; later
	// grids are mapped onto them.
	cols []float64
	// pageBody counts the body rows added on the current page.
	pageBody int
	// lastFull marks, per column, whether the last body row's cell reached
	// the right edge of its cell (its text may go on).
	lastFull []bool
	// stream holds the plain lines of an unruled table on this page.
	stream []layout.Row
	// ruled is set once a row came from ruling lines: plain lines then end
	// the table instead of joining it.
	ruled bool
	// streamCols are the columns of an unruled table's first page.
	streamCols []interval
	// underTitle: the table's title was just repeated at the top of this
	// page.
	underTitle bool
	// plain are the lines read as the rows of an unruled table, given back
	// as running text if it turns out to be none.
	plain []layout.Row
	// streamStarts are where its runs started (at most a few hundred:
	// labels share their column's left edge).
	streamStarts []cellStart
	// headerWords are the texts of the header cells, for recognising
	// repeated header rows on continuation pages.
	headerWords map[string]bool
	// blanks counts the blank grid rows under the header before any body
	// row.
	blanks int
}

// blank takes a ruled row with nothing printed in it.
func (b *tableBuilder) blank(row *layout.Row) {
	if len(b.t.Rows) == 0 && len(b.t.Header) > 0 && b.ruled {
		b.blanks++
	}
}

func newTable(kind, title string, page int) *tableBuilder {
	return &tableBuilder{t: &Table{Kind: kind, Title: title, Pages: []int{page}}, headerWords: map[string]bool{}}
}

func (b *tableBuilder) newPage(page int) {
	b.pageBody = 0
	b.underTitle = false
	_ = page
}

// expectsMeta reports whether department / unit lines can still come: before
// the body, or at the top of a continuation page.
func (b *tableBuilder) expectsMeta() bool {
	return b.phase == phaseHeader || b.pageBody == 0
}

func (b *tableBuilder) meta(m rules.Meta) {
	t := b.t
	if t.Unit == "" {
		t.Unit = m.Unit
	}
	if t.Dept == "" {
		t.Dept, t.DeptCode = m.Dept, m.DeptCode
	}
	if t.Year == "" {
		t.Year = m.Year
	}
}

// acceptsStream reports whether a plain line may belong to the table as a
// row printed without ruling lines. At the top of a page (pageTop) a ruled
// table also holds plain lines back: a page header it repeats, or the text
// that follows the table; the next row decides.
func (b *tableBuilder) acceptsStream(row *layout.Row, pageTop bool, next []layout.Row, indexLabel func(string) bool) bool {
	if b.ruled {
		return pageTop
	}
	if len(b.t.Header) == 0 && len(b.t.Rows) == 0 {
		// Between the title and the table anything may come (a wrapped
		// department line, a subtitle); decide when the table shows.
		return true
	}
	if b.underTitle && len(b.stream) == 0 {
		// The first line under the title repeated on a continuation page:
		// its repeated header (序 of a 序号 printed on two lines), or rows.
		return true
	}
	if pageTop && len(b.stream) == 0 && b.headerWords[rules.Squeeze(row.Text())] {
		// A continuation page's repeated header starts with a line of
		// one label (项目 over its columns).
		return true
	}
	return len(row.Runs) >= 2 || len(b.stream) > 0 || b.awaitsBody(indexLabel) || pageTop && (b.inLaterColumn(row) || b.inColumn(row) && slices.ContainsFunc(next[:min(len(next), 3)], func(l layout.Row) bool { return len(l.Runs) >= 2 }))
}

// inLaterColumn reports whether a plain line of one run starts where
// rows of the unruled table started a cell in one of its columns but the
// first, and stays in that column: at the top of a continuation page, the
// label of a row in the second half of a table printed in two halves
// (二十二、… under 支出), not text after the table, which starts at the
// margin.
func (b *tableBuilder) inLaterColumn(row *layout.Row) bool { return b.inColumnFrom(row, 1, 0) }

// inColumn is inLaterColumn in any column, the first too: at the top of
// a continuation page with a line of cells just under it, the end of a
// name wrapped in its cell (治安分局）, the rest of a row cut by the page
// break), not a paragraph after the table, which runs across it.
func (b *tableBuilder) inColumn(row *layout.Row) bool { return b.inColumnFrom(row, 0, 1) }

// inColumnFrom reports whether a plain line of one run starts where rows
// of the unruled table started a cell in a column from the first'th on,
// and ends inside that column (slack points past its edge allowed).
func (b *tableBuilder) inColumnFrom(row *layout.Row, first int, slack float64) bool {
	if b.ruled || len(row.Runs) != 1 {
		return false
	}
	r := row.Runs[0]
	return slices.ContainsFunc(b.streamStarts, func(st cellStart) bool {
		return st.col >= first && st.col < len(b.streamCols) && math.Abs(r.X0-st.x) <= 1.5 && r.X1 <= b.streamCols[st.col].x1+slack
	})
}

// startsInside reports whether a plain line starts where rows of the
// unruled table started a cell, other than at the table's left edge: a
// line of the table's body (an indicator's fields, 产出指标 数量指标 ＝
// 336 份 …记录表, however its text ends).
func (b *tableBuilder) startsInside(row *layout.Row) bool {
	if b.ruled || len(row.Runs) == 0 || len(b.streamStarts) == 0 {
		return false
	}
	left := b.streamStarts[0].x
	for _, st := range b.streamStarts {
		left = min(left, st.x)
	}
	x := row.Runs[0].X0
	return x > left+1.5 && slices.ContainsFunc(b.streamStarts, func(st cellStart) bool { return math.Abs(x-st.x) <= 1.5 })
}

// noteStarts records where the runs of an unruled table's lines start, by
// column (see inLaterColumn).
func (b *tableBuilder) noteStarts(lines []layout.Row) {
	for _, l := range lines {
		for _, r := range l.Runs {
			if len(b.streamStarts) >= maxStarts {
				return
			}
			st := cellStart{colOf(b.streamCols, r.X0), r.X0}
			if !slices.ContainsFunc(b.streamStarts, func(o cellStart) bool { return o.col == st.col && math.Abs(o.x-st.x) <= 0.5 }) {
				b.streamStarts = append(b.streamStarts, st)
			}
		}
	}
}

// plainLines returns the lines an unruled table was read from, nil when
// ruled rows are part of it too.
func (b *tableBuilder) plainLines() []layout.Row {
	if b.ruled {
		return nil
	}
	return b.plain
}

// maxStarts bounds the cell starts an unruled table records.
const maxStarts = 200

// cellStart is where a run of an unruled table starts, and its column.
type cellStart struct {
	col int
	x   float64
}

// awaitsBody reports whether an unruled table has read its 栏次 row (or
// holds it among the lines not yet read) but no body row: the next lines
// are its body, whatever they look like (a first row 一、… whose amounts
// stand on the line under it, centred on a wrapped name).
func (b *tableBuilder) awaitsBody(indexLabel func(string) bool) bool {
	if b.ruled || len(b.t.Rows) > 0 {
		return false
	}
	if b.t.IndexRow != nil {
		return true
	}
	for i := range b.stream {
		if indexLine(&b.stream[i], indexLabel) {
			return true
		}
	}
	return false
}

// alignsWithStream reports whether a plain line starts where a run of the
// unruled table's lines starts, in the same font size: a row of the table.
func (b *tableBuilder) alignsWithStream(row *layout.Row) bool {
	if len(row.Runs) == 0 {
		return false
	}
	r0 := row.Runs[0]
	for _, l := range b.stream {
		for _, r := range l.Runs {
			if math.Abs(r.X0-r0.X0) <= 1.5 && math.Abs(r.Size-r0.Size) <= 0.5 {
				return true
			}
		}
	}
	return false
}

// cells maps the cells of a grid row onto the table's columns.
func (b *tableBuilder) cells(row *layout.Row) (texts []string, full []bool) {
	g := row.Grid
	switch {
	case b.cols == nil:
		b.cols = g.Cols
	case len(b.t.Rows) == 0 && g.NCols() > len(b.cols)-1 && refines(g.Cols, b.cols):
		// Only header rows so far, on a grid coarser than this one (a
		// header whose merged cells ended the page): the finer grid gives
		// the columns, and the header's cells stand in the first column
		// of their span.
		b.refine(g.Cols)
	}
	n := len(b.cols) - 1
	texts = make([]string, n)
	full = make([]bool, n)
	same := g.NCols() == n
	for _, c := range row.Cells {
		if c.Text == "" {
			continue
		}
		col := c.Col
		if !same {
			col = b.nearestCol(c)
		}
		for col >= len(texts) {
			texts = append(texts, "")
			full = append(full, false)
		}
		if texts[col] != "" {
			texts[col] = layout.CleanText(texts[col] + " " + c.Text)
		} else {
			texts[col] = c.Text
		}
		full[col] = c.Full
	}
	return texts, full
}

// boundaryTol is how far apart two grids' boundaries may be and still be
// one.
const boundaryTol = 3.0

// refines reports whether every boundary of coarse is one of fine.
func refines(fine, coarse []float64) bool {
	for _, x := range coarse {
		if boundaryAt(fine, x) < 0 {
			return false
		}
	}
	return true
}

// boundaryAt returns the index of the boundary of cols at x, or -1.
func boundaryAt(cols []float64, x float64) int {
	for i, c := range cols {
		if c-x <= boundaryTol && x-c <= boundaryTol {
			return i
		}
	}
	return -1
}

// refine moves the table onto the finer column boundaries fine: the text
// of each header cell goes to the first fine column of its span.
func (b *tableBuilder) refine(fine []float64) {
	remap := func(row []string) []string {
		out := make([]string, len(fine)-1)
		for j, c := range row {
			if c == "" || j+1 >= len(b.cols) {
				continue
			}
			if k := boundaryAt(fine, b.cols[j]); k >= 0 && k < len(out) {
				out[k] = c
			}
		}
		return out
	}
	for i, h := range b.t.Header {
		b.t.Header[i] = remap(h)
	}
	if b.t.IndexRow != nil {
		b.t.IndexRow = remap(b.t.IndexRow)
	}
	b.cols = fine
}

// nearestCol finds the column of the first grid that overlaps a cell most.
func (b *tableBuilder) nearestCol(c layout.Cell) int {
	best, bestOv := c.Col, 0.0
	for j := 0; j+1 < len(b.cols); j++ {
		ov := min(b.cols[j+1], c.X1) - max(b.cols[j], c.X0)
		if ov > bestOv {
			best, bestOv = j, ov
		}
	}
	return best
}

func (b *tableBuilder) add(a *assembler, row *layout.Row) {
	a.at = row.Box
	t := b.t
	if row.Grid.Ruled() {
		t.Ruled, b.ruled = true, true
	}
	cells, full := b.cells(row)
	text := strings.Join(cells, " | ")
	if t.Pages[len(t.Pages)-1] != row.Page {
		t.Pages = append(t.Pages, row.Page)
	}
	if b.phase == phaseHeader {
		switch {
		case isIndexRow(a.r, cells):
			t.IndexRow = cells
			b.phase = phaseBody
			a.log("index", t.Kind, text)
			return
		case !isDataRow(a.r, cells):
			t.Header = append(t.Header, cells)
			t.HeaderBoxes = append(t.HeaderBoxes, row.Box)
			for i, c := range cells {
				if c != "" {
					b.headerWords[rules.Squeeze(c)] = true
					b.noteStacked(i)
				}
			}
			a.log("header", t.Kind, text)
			return
		}
		b.phase = phaseBody
	}
	if isIndexRow(a.r, cells) {
		a.log("repeat", t.Kind, "repeated index row: "+text)
		return
	}
	for _, h := range t.Header {
		if sameCells(h, cells) || sameText(h, cells) {
			a.log("repeat", t.Kind, "repeated header row: "+text)
			return
		}
	}
	if b.pageBody == 0 && len(t.Rows) > 0 && b.repeatsTotal(cells) {
		// A total row printed again at the top of a continuation page,
		// as part of the repeated header: page furniture.
		a.log("repeat", t.Kind, "repeated total row: "+text)
		return
	}
	if b.pageBody == 0 && len(t.Rows) > 0 && !isDataRow(a.r, cells) && b.allHeaderWords(cells) {
		a.log("repeat", t.Kind, "repeated header row (variant): "+text)
		return
	}
	if b.pageBody == 0 && len(t.Rows) > 0 && b.continues(a.r, cells) {
		last := t.Rows[len(t.Rows)-1]
		for i, c := range cells {
			if c == "" {
				continue
			}
			for i >= len(last) {
				last = append(last, "")
			}
			last[i] = layout.JoinText(last[i], c)
			for i >= len(b.lastFull) {
				b.lastFull = append(b.lastFull, false)
			}
			b.lastFull[i] = i < len(full) && full[i]
		}
		t.Rows[len(t.Rows)-1] = last
		b.pageBody++
		a.log("join", t.Kind, "row cut by the page break joined: "+text)
		return
	}
	t.Rows = append(t.Rows, cells)
	t.RowBoxes = append(t.RowBoxes, row.Box)
	t.RowPages = append(t.RowPages, row.Page)
	a.log("body", t.Kind, text)
	b.lastFull = full
	b.pageBody++
}

// repeatsTotal reports whether a row is a total row (合计, 总计) the table
// already holds, cell for cell.
func (b *tableBuilder) repeatsTotal(cells []string) bool {
	first := ""
	for _, c := range cells {
		if c != "" {
			first = rules.Squeeze(c)
			break
		}
	}
	if !totalLabel.MatchString(first) {
		return false
	}
	for _, row := range b.t.Rows {
		if sameCells(row, cells) {
			return true
		}
	}
	return false
}

// totalLabel matches the label of a table's total row.
var totalLabel = regexp.MustCompile(`^(?:合计|总计|本年收入合计|本年支出合计|收入总计|支出总计)$`)

// allHeaderWords reports whether every cell of a row is a header text of
// the table.
// noteStacked adds to the header words the labels of column col stacked
// over header rows (财政拨款收 | 入): a continuation page may print them on
// one line, or wrap them elsewhere.
func (b *tableBuilder) noteStacked(col int) {
	var parts []string
	for _, h := range b.t.Header {
		if col < len(h) && h[col] != "" {
			parts = append(parts, rules.Squeeze(h[col]))
		}
	}
	for k := max(len(parts)-maxStacked, 0); k+1 < len(parts); k++ {
		b.headerWords[strings.Join(parts[k:], "")] = true
	}
}

// maxStacked bounds the header rows whose labels are joined.
const maxStacked = 6

func (b *tableBuilder) allHeaderWords(cells []string) bool {
	n := 0
	for _, c := range cells {
		if c == "" {
			continue
		}
		if !b.headerWords[rules.Squeeze(c)] {
			return false
		}
		n++
	}
	return n > 0
}

// continues reports whether the first row of a continuation page is the
// rest of the previous page's last row: the two complement each other, and
// at least one text cell goes on from a cell that was full. A row that
// opens with its own item number (十七、, (三), 3.), a classification code,
// or 合计 / 小计 / 其中 starts a row of its own.
func (b *tableBuilder) continues(r *rules.Rules, cells []string) bool {
	for _, c := range cells {
		if c == "" {
			continue
		}
		sq := rules.Squeeze(c)
		if r.IsNumberedItem(sq) || IsCode(sq) || r.IsBodyStart(sq) || strings.HasPrefix(sq, "其中") || strings.HasPrefix(sq, "小计") {
			return false
		}
		break
	}
	last := b.t.Rows[len(b.t.Rows)-1]
	goesOn := false
	for i, c := range cells {
		if c == "" {
			continue
		}
		prev := ""
		if i < len(last) {
			prev = last[i]
		}
		switch {
		case prev == "":
		case r.IsNumberedItem(rules.Squeeze(c)):
			// An item of its own under the one above (指标 3： under
			// 指标 2：…, the group label repeated beside it).
			return false
		case IsNumber(rules.Squeeze(prev)) && !IsNumber(rules.Squeeze(c)):
			// Text never goes on with an amount or a code, however far
			// right it reached: the header repeated on the next page,
			// read apart from its rules, is not the rest of the row.
			return false
		case i < len(b.lastFull) && b.lastFull[i] && !IsNumber(rules.Squeeze(c)):
			goesOn = true
		case b.completesNumber(i, prev, c):
			// A number the page break cut after a digit: 12,437.3 | 6.
		default:
			return false
		}
	}
	return goesOn
}

// completesNumber reports whether frag, a few digits, completes the number
// prev of column col: prev has fewer decimals than the column's numbers
// usually print, prev+frag has as many.
func (b *tableBuilder) completesNumber(col int, prev, frag string) bool {
	if len(frag) > 3 || strings.Trim(frag, "0123456789") != "" || !IsNumber(prev) || !IsNumber(prev+frag) {
		return false
	}
	counts := map[int]int{}
	for _, row := range b.t.Rows[:len(b.t.Rows)-1] {
		if col < len(row) && IsNumber(row[col]) {
			counts[decimals(row[col])]++
		}
	}
	want, n := -1, 0
	for d, k := range counts {
		if k > n || k == n && d > want {
			want, n = d, k
		}
	}
	return n >= 2 && decimals(prev) < want && decimals(prev+frag) == want
}

// decimals counts the digits after the decimal point of a printed number.
func decimals(s string) int {
	d, err := decimal.Parse(s)
	if err != nil {
		return 0
	}
	return d.Scale()
}

// finish closes the table; it returns nil for a title that had no table
// under it (a mention in the text, a table of contents entry).
func (b *tableBuilder) finish(a *assembler) *Table {
	t := b.t
	t.Cols = b.cols
	if b.phase == phaseHeader && len(t.Header) > 1 {
		empty := false
		for _, n := range t.Notes {
			if a.r.IsEmptyNote(n) {
				empty = true
			}
		}
		if !empty {
			// A table of text only: its first row is the header.
			t.Rows = t.Header[1:]
			t.Header = t.Header[:1]
			t.RowBoxes = t.HeaderBoxes[1:]
			t.HeaderBoxes = t.HeaderBoxes[:1]
			for range t.Rows {
				t.RowPages = append(t.RowPages, t.Pages[len(t.Pages)-1])
			}
		}
	}
	if len(t.Rows) == 0 && len(t.Notes) == 0 && b.blanks == 1 && b.amountsOnly(a.r) {
		// A table of amounts alone (the 三公 table of a final account:
		// 预算数 and 决算数 side by side, no row label) has one row; printed
		// blank, nothing was spent.
		t.Rows = [][]string{make([]string, t.NCols())}
		t.RowBoxes = []extract.Box{{}}
		t.RowPages = []int{t.Pages[len(t.Pages)-1]}
		a.log("body", t.Kind, "the one row of a table of amounts, printed blank")
	}
	if len(t.Header) == 0 && len(t.Rows) == 0 && len(t.Notes) == 0 && t.IndexRow == nil {
		a.log("drop", t.Kind, "title without a table: "+t.Title)
		a.keepAsText(t, b.plainLines())
		return nil
	}
	if b.isContents(a) {
		a.log("drop", t.Kind, "a table of contents: "+t.Title)
		a.keepAsText(t, b.plainLines())
		return nil
	}
	if t.IndexRow == nil && len(t.Notes) == 0 && !b.looksTabular(a.r) {
		// Lines under a title in a table of contents or a paragraph: no
		// known column, no amount.
		a.log("drop", t.Kind, "title without a table (no known column, no amount): "+t.Title)
		a.keepAsText(t, b.plainLines())
		return nil
	}
	n := t.NCols()
	pad := func(r []string) []string {
		for len(r) < n {
			r = append(r, "")
		}
		return r
	}
	for i := range t.Header {
		t.Header[i] = pad(t.Header[i])
	}
	if t.IndexRow != nil {
		t.IndexRow = pad(t.IndexRow)
	}
	for i := range t.Rows {
		t.Rows[i] = pad(t.Rows[i])
	}
	return t
}

// amountsOnly reports whether every column of a table's header names an
// amount: no row label, no code.
func (b *tableBuilder) amountsOnly(r *rules.Rules) bool {
	if len(b.t.Header) == 0 {
		return false
	}
	leaf := make([]string, b.t.NCols())
	for _, h := range b.t.Header {
		for j, c := range h {
			if c != "" && j < len(leaf) {
				leaf[j] = c
			}
		}
	}
	for _, c := range leaf {
		k := r.ColumnKey(c)
		if c == "" || k == "" || k == "name" || k == "code" || k == "seq" || strings.HasPrefix(k, "code_") {
			return false
		}
	}
	return true
}

// isContents reports whether a table lists tables: most of its rows open
// with the title of a table (部门预算收支总表 | 1), or with its number and
// title (表1 | 收入支出决算总表 | 否).
func (b *tableBuilder) isContents(a *assembler) bool {
	// Also counted: the lines ending with a page number, and those whose
	// page is no lower than the last one seen (the pages going up).
	n, titles, numbered, up, prev := 0, 0, 0, 0, -1
	for _, row := range b.t.Rows {
		cells := nonEmptyTexts(row)
		if len(cells) == 0 {
			continue
		}
		n++
		// The title in the first cell, or after the table's number (表1 |
		// 收入支出决算总表 | 否).
		for _, c := range cells[:min(2, len(cells))] {
			if a.titleKind(c) != "" {
				titles++
				break
			}
		}
		if last := rules.Squeeze(cells[len(cells)-1]); len(cells) >= 2 && len(last) <= 3 {
			if pg, err := strconv.Atoi(last); err == nil && pg >= 0 {
				numbered++
				if pg >= prev {
					up++
				}
				prev = pg
			}
		}
	}
	// Tables' titles for most lines, or among the narrative's headings (一、
	// 部门职责… | 18), nearly every line ending with its page, going up.
	return n >= 3 && (titles*2 > n || titles >= 2 && numbered*4 >= n*3 && up*5 >= numbered*4)
}

// looksTabular reports whether a table has a header cell naming a known
// column, or at least two rows holding a number: a line or two with a year
// or a count in them are a paragraph.
func (b *tableBuilder) looksTabular(r *rules.Rules) bool {
	for _, row := range b.t.Header {
		for _, c := range row {
			if s := rules.Squeeze(c); s != "" && r.ColumnKey(s) != "" {
				return true
			}
		}
	}
	n := 0
	for _, row := range b.t.Rows {
		for _, c := range row {
			if IsNumber(rules.Squeeze(c)) {
				n++
				break
			}
		}
	}
	return n >= 2
}

func nonEmptyTexts(cells []string) []string {
	out := make([]string, 0, len(cells))
	for _, c := range cells {
		if c != "" {
			out = append(out, c)
		}
	}
	return out
}
