package tables

import (
	"maps"
	"math"
	"regexp"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/cnbudget/cnbudget/extract"
	"github.com/cnbudget/cnbudget/normalize/layout"
	"github.com/cnbudget/cnbudget/normalize/rules"
)

// streamRows rebuilds the rows of a table printed without ruling lines from
// the plain lines of one page. Columns are the x-intervals that body text
// occupies (numbers are right-aligned and names left-aligned inside their
// column, and text never crosses into the next column); header cells that
// fall between body columns add the columns that are empty in every body
// row. Lines that carry no number are joined to the row they belong to:
// wrapped header cells to the header line above them, wrapped names to the
// nearest row that carries numbers.
//
// It returns the rows, the lines from the first one that cannot be part of
// the table (a paragraph running across the columns) onwards, and the
// columns it used. prev are the columns of the table's previous page: a
// continuation page with too few body rows of its own to show its columns
// is read with those.
func streamRows(lines []layout.Row, prev []interval, indexLabel func(string) bool) (rows []layout.Row, rest []layout.Row, used []interval) {
	return readStream(lines, streamSpec{prev: prev, labels: -1, indexLabel: indexLabel})
}

// streamSpec tells readStream how a table opens its rows and names its
// columns.
type streamSpec struct {
	// prev are the columns of the table's previous page.
	prev []interval
	// labels is the index of a line whose labels each name one column and
	// are centred in it; -1 looks for an index row (栏次 1 2 3 …).
	labels int
	// anchor tells the lines that open a row; nil: lines with a number.
	anchor func(*layout.Row) bool
	// force reads the page with prev whatever it shows.
	force bool
	// opens, when set, tells a line that opens a row though it holds no
	// number (an indicator's row whose value is a word); with anchor nil.
	opens func(*layout.Row) bool
	// indexLabel tells the label of an index row (栏次).
	indexLabel func(string) bool
}

func readStream(lines []layout.Row, spec streamSpec) (rows []layout.Row, rest []layout.Row, used []interval) {
	prev := spec.prev
	if len(lines) == 0 {
		return nil, nil, nil
	}
	anchor := make([]bool, len(lines))
	firstAnchor := -1
	for i := range lines {
		if spec.anchor != nil {
			anchor[i] = i != spec.labels && spec.anchor(&lines[i])
		} else {
			anchor[i] = lineHasNumber(&lines[i]) && !indexLine(&lines[i], spec.indexLabel) || spec.opens != nil && spec.opens(&lines[i])
		}
	}
	// Code-only lines printed beside their row's line: joined to it.
	partner := map[int]int{}
	if spec.anchor == nil {
		for i := range lines {
			if j := codeBeside(lines, anchor, i); anchor[i] && j >= 0 {
				anchor[i] = false
				partner[i] = j
			}
		}
	}
	for i := range lines {
		if anchor[i] {
			firstAnchor = i
			break
		}
	}
	if firstAnchor < 0 {
		// No line carries a number: unless the lines are laid out in
		// columns, this is running text, not a table.
		multi := 0
		for i := range lines {
			if len(lines[i].Runs) >= 2 {
				multi++
			}
		}
		if multi*2 < len(lines) && prev == nil {
			return nil, lines, nil
		}
	}
	cols, hdr := streamColumns(lines, anchor, spec.labels, spec.indexLabel)
	if firstAnchor < 0 && len(lines) > 1 {
		// No line holds a number: a table of text (its first line heads
		// the columns the lines under it fill), or an empty table of
		// amounts (all its lines are header). The reading that finds more
		// columns is the one whose header was read whole.
		body := make([]bool, len(lines))
		for i := 1; i < len(lines); i++ {
			body[i] = true
		}
		if c, h := streamColumns(lines, body, spec.labels, spec.indexLabel); len(c) > len(cols) {
			cols, hdr = c, h
		}
	}
	if nBody := countTrue(anchor); prev != nil && (nBody < 3 || spec.force || keepColumns(lines, anchor, prev, cols)) {
		// A continuation page read with its previous page's columns:
		// when it has few rows, or its rows sit in those columns (see
		// keepColumns).
		cols = prev
	}
	spans := hdr.spans(cols)
	// The table ends at the first line that runs across several columns and
	// carries no number: running text after the table.
	end := len(lines)
	if len(cols) >= 3 && firstAnchor >= 0 {
		for i := range lines {
			if anchor[i] || i < firstAnchor || firstAnchor < 0 {
				continue
			}
			if crossesColumns(&lines[i], cols) {
				end = i
				break
			}
		}
	}
	rest = lines[end:]
	lines = lines[:end]
	anchor = anchor[:end]
	if len(lines) == 0 {
		return nil, rest, cols
	}
	if spec.anchor == nil {
		joinRowParts(lines, anchor, partner, firstAnchor)
	}
	cb := bounds(cols)
	g := layout.NewStreamGrid(lines[0].Page,
		extract.Box{X0: cb[0], Y0: lines[0].Y0, X1: cb[len(cb)-1], Y1: lines[len(lines)-1].Y1}, cb)

	// Group lines into rows.
	var groups [][]int
	if firstAnchor < 0 {
		firstAnchor = len(lines)
	}
	// The first row's lines printed just above its numbers (a code or a
	// name whose cell text sits higher) are body, not header.
	headEnd := firstAnchor
	for k := firstAnchor - 1; k >= 0 && firstAnchor < len(lines); k-- {
		if j, ok := partner[k]; !(ok && j == firstAnchor) && !besideFree(&lines[k], &lines[firstAnchor]) {
			break
		}
		headEnd = k
	}
	// So are the lines of a first label that opens a list (一、一般 |
	// 公共预算 | its amounts …, wrapped in a narrow column and centred on
	// its amounts): header labels never do. The lines from it down are one
	// column's text.
	for k := headEnd - 1; k >= 0 && firstAnchor < len(lines); k-- {
		if len(lines[k].Runs) != 1 || lineHasNumber(&lines[k]) || colOf(cols, lines[k].Runs[0].CX()) != colOf(cols, lines[headEnd].Runs[0].CX()) {
			break
		}
		if _, _, ok := listItem(leftText(lines[k])); ok {
			headEnd = k
			break
		}
	}
	// The columns each line has text in, read once.
	inCols := make([]map[int]bool, len(lines))
	for i := range lines {
		inCols[i] = lineCols(&lines[i], cols)
	}
	if spec.anchor == nil && firstAnchor < len(lines) {
		headEnd = nameAbove(lines, anchor, inCols, headEnd, firstAnchor, spec.indexLabel)
	}
	// Header lines: each a row, wrapped header fragments joined upwards.
	index := -1 // the group of the 栏次 row
	for i := 0; i < min(headEnd, len(lines)); i++ {
		if n := len(groups); n > 0 && wrapsUnder(&lines[i], lines[groups[n-1][len(groups[n-1])-1]], cols) {
			groups[n-1] = append(groups[n-1], i)
		} else {
			groups = append(groups, []int{i})
		}
		if indexLine(&lines[i], spec.indexLabel) {
			index = len(groups) - 1
		}
	}
	// The body starts at the first line with a number, or right after the
	// 栏次 row: a first row whose amounts stand on a line under its name
	// (centred on a wrapped name) begins above its numbers.
	bodyFrom := headEnd
	if index >= 0 && index+1 < len(groups) {
		bodyFrom = groups[index+1][0]
		groups = groups[:index+1]
	}
	// Body: every anchor starts a row; other lines join the nearest anchor
	// (the one above on a tie, as cells are usually top-aligned).
	owner := map[int]int{}
	// Where the text of each column ends at the most: a line that reaches
	// it there was wrapped, and the line under it goes on with it.
	colRight := make([]float64, len(cols))
	for i := max(firstAnchor, 0); i < len(lines); i++ {
		for _, r := range lines[i].Runs {
			for _, pc := range cutRun(r, cols) {
				colRight[pc.col] = max(colRight[pc.col], pc.X1)
			}
		}
	}
	// A line continues the line above when, in each of its columns, the
	// text above ran so far that this line's first character would not
	// have fitted after it: the text was wrapped there.
	continuesAbove := func(i int) bool {
		if i == 0 {
			return false
		}
		aboveRight := map[int]float64{}
		for _, r := range lines[i-1].Runs {
			for _, pc := range cutRun(r, cols) {
				aboveRight[pc.col] = max(aboveRight[pc.col], pc.X1)
			}
		}
		n := 0
		for _, r := range lines[i].Runs {
			for _, pc := range cutRun(r, cols) {
				x1, ok := aboveRight[pc.col]
				if !ok || x1+pc.firstW <= colRight[pc.col]+0.5 {
					return false
				}
				n++
			}
		}
		return n > 0 && !nextItem(lines, i)
	}
	if spec.anchor != nil {
		// Lines picked by their shape may still be the wrapped rest of
		// the row above.
		for i := firstAnchor + 1; i < len(lines); i++ {
			if anchor[i] && continuesAbove(i) {
				anchor[i] = false
			}
		}
	}
	// A line whose text, in each of its columns, wrapped onto the row
	// line just under it (a code and a name in narrow columns: 2620 |
	// 西安市工业交通 over 04 | 干部学校 and the amounts) is the top of that
	// row; its code is no row's number.
	wrapsOnto := func(i int) bool {
		j := i + 1
		if j >= len(lines) || !anchor[j] {
			return false
		}
		d := lines[j].CY() - lines[i].CY()
		if d > 3*max(lines[i].H(), lines[j].H(), 1) || i > 0 && lines[i].CY()-lines[i-1].CY() <= d {
			// Not the next line down, or nearer the line above.
			return false
		}
		belowFirst := map[int]float64{}
		for _, r := range lines[j].Runs {
			for _, pc := range cutRun(r, cols) {
				if _, ok := belowFirst[pc.col]; !ok {
					belowFirst[pc.col] = pc.firstW
				}
			}
		}
		n := 0
		for _, r := range lines[i].Runs {
			for _, pc := range cutRun(r, cols) {
				w, ok := belowFirst[pc.col]
				if !ok || pc.X1+w <= colRight[pc.col]+0.5 {
					return false
				}
				n++
			}
		}
		return n > 0
	}
	upward := false // the table wraps its cells so (see wrapsOnto)
	if spec.anchor == nil && firstAnchor >= 0 {
		for i := firstAnchor; i+1 < len(lines); i++ {
			if anchor[i] && codeLine(&lines[i]) && !codeLine(&lines[i+1]) && codeWrapped(&lines[i], &lines[i+1], cols) && wrapsOnto(i) {
				anchor[i] = false
				partner[i] = i + 1
				upward = true
			}
		}
	}
	var anchors []int
	for i := firstAnchor; i < len(lines); i++ {
		if anchor[i] {
			anchors = append(anchors, i)
		}
	}
	centred := centredNames(lines, anchor, bodyFrom, inCols)
	var parted map[int]int
	if centred {
		parted = partBetween(lines, anchor, anchors, inCols, bodyFrom)
	}
	for i := bodyFrom; i < len(lines); i++ {
		if anchor[i] {
			owner[i] = i
			continue
		}
		if j, ok := partner[i]; ok && anchor[j] {
			owner[i] = j
			continue
		}
		if a, ok := parted[i]; ok {
			owner[i] = a
			if a == i {
				// A row of its own (the rest of a row cut by the page
				// break).
				anchors = append(anchors, i)
				sort.Ints(anchors)
			}
			continue
		}
		if !centred && i > firstAnchor && continuesAbove(i) && !nearerBelow(lines, anchor, i) {
			owner[i] = owner[i-1]
			continue
		}
		if i >= firstAnchor && wrapsOnto(i) && (upward || spec.opens == nil && !opensItems(&lines[i+1], inCols[i], cols)) {
			// A name wrapped so in a table whose codes are (a line
			// without a number can as well be a row without amounts),
			// or whose text on the row's line opens no item of its own
			// (1、人员经费和公用经 over 费支出 and the amounts: names
			// set on their cells' last line).
			owner[i] = i + 1
			continue
		}
		// Otherwise the line belongs to the nearest row that has nothing in
		// its columns (a name centred on several lines around the numbers),
		// or stands as a row of its own (a row without amounts).
		mine := inCols[i]
		free := func(a int) bool {
			taken := inCols[a]
			for c := range mine {
				if taken[c] {
					return false
				}
			}
			return true
		}
		best, bestD := -1, math.MaxFloat64
		bestFree := false
		for _, a := range anchors {
			f := free(a)
			if !f && !centred {
				continue
			}
			d := math.Abs(lines[a].CY() - lines[i].CY())
			tie := math.Abs(d-bestD) <= 0.5
			if d < bestD-0.5 || tie && f && !bestFree || tie && f == bestFree && a < i && (best > i || best < 0) {
				best, bestD, bestFree = a, d, f
			}
		}
		if best >= 0 && bestD > 2.5*max(lines[i].H(), 1) && !(centred && between(anchors, i)) {
			// (Centred names of many lines reach further from their
			// row line: between two rows, a line is one of theirs.)
			best = -1
		}
		if best < 0 {
			// A row of its own.
			owner[i] = i
			anchors = append(anchors, i)
			sort.Ints(anchors)
			continue
		}
		owner[i] = best
	}
	byAnchor := map[int][]int{}
	for i := bodyFrom; i < len(lines); i++ {
		byAnchor[owner[i]] = append(byAnchor[owner[i]], i)
	}
	for _, a := range anchors {
		groups = append(groups, byAnchor[a])
	}
	for _, grp := range groups {
		rows = append(rows, streamRow(g, lines, grp, cols, spans))
	}
	return rows, rest, cols
}

// opensItems reports whether, in one of the columns in, the text of line
// l opens a row of its own: a list item (十七、, (三), 3.), a code, a
// total or 其中. A bare （一） is the end of a name (机关资本性支出 |
// （一）), no item.
func opensItems(l *layout.Row, in map[int]bool, cols []interval) bool {
	for _, r := range l.Runs {
		for _, pc := range cutRun(r, cols) {
			if !in[pc.col] {
				continue
			}
			sq := rules.Squeeze(pc.text)
			bare := utf8.RuneCountInString(sq) <= 4 && (strings.HasSuffix(sq, "）") || strings.HasSuffix(sq, ")"))
			if _, _, ok := listItem(sq); ok && !bare || IsCode(sq) || IsNumber(sq) || totalLike(sq) || strings.HasPrefix(sq, "其中") {
				return true
			}
		}
	}
	return false
}

// nextItem reports whether line i starts the list item that follows one
// started on a line just above it ("十五、…" under "十四、…" that ran to
// the edge of its column): a new row, however full the line above was.
func nextItem(lines []layout.Row, i int) bool {
	style, n, ok := listItem(leftText(lines[i]))
	if !ok {
		return false
	}
	for a := i - 1; a >= max(i-3, 0); a-- {
		if st, m, ok := listItem(leftText(lines[a])); ok {
			return st == style && m == n-1
		}
	}
	return false
}

// leftText is the text of a line's leftmost run.
func leftText(l layout.Row) string {
	if len(l.Runs) == 0 {
		return ""
	}
	first := l.Runs[0]
	for _, r := range l.Runs[1:] {
		if r.X0 < first.X0 {
			first = r
		}
	}
	return strings.TrimSpace(first.Text)
}

// listItem reads the number of a list item's label: "十五、", "（三）",
// "(3)", "4、", "4." or "4．" at the start of s, with its style (the
// numerals and punctuation used).
func listItem(s string) (style string, n int, ok bool) {
	open := ""
	for _, p := range []string{"（", "("} {
		if strings.HasPrefix(s, p) {
			open, s = p, s[len(p):]
			break
		}
	}
	num, rest, chinese := leadingNumber(s)
	if num == 0 {
		return "", 0, false
	}
	kind := "arabic"
	if chinese {
		kind = "chinese"
	}
	for _, close := range []string{"、", ".", "．", "）", ")"} {
		if !strings.HasPrefix(rest, close) {
			continue
		}
		paren := close == "）" || close == ")"
		if paren != (open != "") {
			return "", 0, false
		}
		if close == "." && kind == "arabic" && len(rest) > 1 && rest[1] >= '0' && rest[1] <= '9' {
			return "", 0, false // 1.5: a number
		}
		return kind + open + close, num, true
	}
	return "", 0, false
}

// leadingNumber reads a number of 1–99 at the start of s, in Arabic or
// Chinese numerals; 0 when there is none.
func leadingNumber(s string) (n int, rest string, chinese bool) {
	i := 0
	for i < len(s) && i < 2 && s[i] >= '0' && s[i] <= '9' {
		n = n*10 + int(s[i]-'0')
		i++
	}
	if i > 0 {
		if i < len(s) && s[i] >= '0' && s[i] <= '9' {
			return 0, s, false
		}
		return n, s[i:], false
	}
	const digits = "一二三四五六七八九"
	tens, units, seen := 0, 0, 0
	for _, r := range s {
		switch d := strings.IndexRune(digits, r); {
		case d >= 0 && units == 0 && seen < 3:
			units = d/len("一") + 1
		case r == '十' && tens == 0 && seen < 2:
			tens = max(units, 1)
			units = 0
		default:
			if seen == 0 {
				return 0, s, false
			}
			return tens*10 + units, s[i:], true
		}
		seen++
		i += len(string(r))
	}
	return 0, s, false
}

func countTrue(bs []bool) int {
	n := 0
	for _, b := range bs {
		if b {
			n++
		}
	}
	return n
}

// indexLine reports whether a line is the column numbering under a header
// (栏次 1 2 3 …): small integers counting up, after at most one label; or,
// when it opens with an index label (栏次), small integers counting up
// beside that label repeated (栏次 1 栏次 2: the two halves of a summary
// table).
func indexLine(l *layout.Row, indexLabel func(string) bool) bool {
	var toks []string
	for _, r := range l.Runs {
		toks = append(toks, strings.Fields(r.Text)...)
	}
	if len(toks) == 0 {
		return false
	}
	var nums []string
	labelled := indexLabel != nil && indexLabel(toks[0])
	for i, f := range toks {
		switch {
		case IsNumber(f):
			nums = append(nums, f)
		case i == 0:
		case labelled && f == toks[0]:
		default:
			return false
		}
	}
	if len(nums) < 3 && !(labelled && len(nums) >= 1) {
		return false
	}
	for i, f := range nums {
		n, ok := smallInt(f)
		if !ok || (i > 0 && n != prevInt(nums[i-1])+1) {
			return false
		}
	}
	return true
}

func prevInt(s string) int {
	n, _ := smallInt(s)
	return n
}

// lineHasNumber reports whether a line carries an amount or a code.
// codeBeside returns the line that line i, holding a classification code
// and no amount (30101, or 2013302 事务), belongs with: a line with amounts
// a little above or below it that has nothing where line i has text (cells
// whose text sits lower, or higher, than the amounts of their row); -1
// when there is none.
func codeBeside(lines []layout.Row, anchor []bool, i int) int {
	l := &lines[i]
	if !codeLine(l) {
		return -1
	}
	for _, j := range []int{i - 1, i + 1} {
		if j < 0 || j >= len(lines) || !anchor[j] || codeLine(&lines[j]) {
			continue
		}
		if besideFree(l, &lines[j]) {
			return j
		}
	}
	return -1
}

// joinRowParts joins the lines that print parts of one row line to it
// (anchor false, partner the row line), once the columns are known (both
// gave them their amounts): the ends of amounts wrapped in narrow columns
// (1682.7 | 6) to the line above; the two halves of a row printed on
// baselines a little apart (4 2080501 行政单位离退休 0.00, and a few points
// lower its other amounts), side by side and overlapping in height; and a
// row whose wrapped amounts stand a line above and below its other cells
// (1682.7 | 总计： 997.20 … | 6) to the line between. from is the first
// body line.
func joinRowParts(lines []layout.Row, anchor []bool, partner map[int]int, from int) {
	tails := map[int]int{} // upper line → the line of its amounts' ends
	for i := max(from, 1); i < len(lines); i++ {
		for _, j := range []int{i - 1, i - 2} {
			if j >= from && anchor[i] && anchor[j] && amountTails(&lines[i], &lines[j]) {
				anchor[i] = false
				partner[i] = j
				tails[j] = i
				break
			}
		}
	}
	for i := max(from, 1); i < len(lines); i++ {
		if l, o := &lines[i], &lines[i-1]; anchor[i-1] && anchor[i] && math.Abs(l.CY()-o.CY()) <= 0.5*min(l.H(), o.H()) && apart(l, o) {
			anchor[i] = false
			partner[i] = i - 1
		}
	}
	for _, u := range slices.Sorted(maps.Keys(tails)) {
		t := tails[u]
		for _, m := range []int{u - 1, u + 1, u + 2} {
			if m >= 0 && m < len(lines) && m != t && anchor[m] && anchor[u] &&
				lines[u].CY() < lines[m].CY() && lines[m].CY() < lines[t].CY() && apart(&lines[u], &lines[m]) && apart(&lines[t], &lines[m]) {
				anchor[u] = false
				partner[u], partner[t] = m, m
				break
			}
		}
	}
}

// codeWrapped reports whether the code on line l goes on on line o under
// it: o holds, in the column of l's code, a few digits that are no code
// of their own and make one with it (2620 | 04, not 309 | 310).
func codeWrapped(l, o *layout.Row, cols []interval) bool {
	for _, r := range l.Runs {
		for _, pc := range cutRun(r, cols) {
			if !isCode(pc.text) {
				continue
			}
			for _, q := range o.Runs {
				for _, qc := range cutRun(q, cols) {
					if qc.col == pc.col {
						return allDigitsStr(qc.text) && !isCode(qc.text) && isCode(pc.text+qc.text)
					}
				}
			}
			return false
		}
	}
	return false
}

// amountTails reports whether line l holds the wrapped ends of amounts of
// line o above it: each of its pieces with a digit a few digits under a
// number of o that, with them, makes an amount with two decimals (1682.7
// over 6, 1208.2 over 0); its other pieces are text wrapped as well (深圳市
// …和社会保 435,216.1 over 障局 7).
func amountTails(l, o *layout.Row) bool {
	if l.CY() <= o.CY() || l.CY()-o.CY() > 1.6*max(l.H(), o.H(), 1) {
		return false
	}
	var above []runPiece
	for _, r := range o.Runs {
		above = append(above, runPieces(r)...)
	}
	n := 0
	for _, r := range l.Runs {
		for _, p := range runPieces(r) {
			if !strings.ContainsAny(p.text, "0123456789") {
				continue // the rest of a name wrapped beside them (障局 | 7)
			}
			if len(p.text) > 2 || !allDigitsStr(p.text) {
				return false
			}
			k := slices.IndexFunc(above, func(q runPiece) bool { return p.X0 >= q.X0-1 && p.X1 <= q.X1+1 })
			if k < 0 {
				return false
			}
			q := above[k].text
			dot := strings.IndexByte(q, '.')
			if !IsNumber(q) || dot < 0 || len(q)-dot-1 >= 2 || len(q)-dot-1+len(p.text) != 2 {
				return false
			}
			n++
		}
	}
	return n > 0
}

// lineCols returns the columns a line has text in.
func lineCols(l *layout.Row, cols []interval) map[int]bool {
	m := map[int]bool{}
	for _, r := range l.Runs {
		for _, pc := range cutRun(r, cols) {
			m[pc.col] = true
		}
	}
	return m
}

// between reports whether line i lies between two of the row lines.
func between(anchors []int, i int) bool {
	return len(anchors) >= 2 && anchors[0] < i && i < anchors[len(anchors)-1]
}

// centredNames reports whether the body's names are centred on their
// rows' lines (a cell's text set in its middle): a row whose line has
// nothing in a column where the lines just above and just below, neither a
// row line, both have text (一般公共 | 201 … 565.98 | 服务支出). Cells
// whose text starts at their top never print so: a row's text begins on
// its line. So does a row whose line holds the middle of a name of three
// lines, the first opening a list item (二、政府性 | 基金预算财 … | 政拨款),
// when two rows do. A text line then belongs to the row line nearest it, however
// full the line above it ran: names wrap above and below their amounts
// alike.
// used holds the columns each line has text in.
func centredNames(lines []layout.Row, anchor []bool, from int, used []map[int]bool) bool {
	n, items := 0, 0
	for a := from + 1; a+1 < len(used); a++ {
		if !anchor[a] || anchor[a-1] || anchor[a+1] {
			continue
		}
		mine, up, down := used[a], used[a-1], used[a+1]
		for c := range up {
			if !down[c] {
				continue
			}
			if !mine[c] {
				n++
				break
			}
			if itemAbove(lines, a-1, a) {
				items++
				break
			}
		}
	}
	return n >= 1 || items >= 2
}

// itemAbove reports whether line above opens a list item (二、…) that
// the text of row line row, in the same column, goes on with.
func itemAbove(lines []layout.Row, above, row int) bool {
	if len(lines[above].Runs) != 1 {
		return false
	}
	r := lines[above].Runs[0]
	if _, _, ok := listItem(r.Text); !ok {
		return false
	}
	for _, o := range lines[row].Runs {
		if min(o.X1, r.X1)-max(o.X0, r.X0) > 0.5*min(o.W(), r.W()) {
			_, _, item := listItem(o.Text)
			return !item
		}
	}
	return false
}

// partBetween parts the lines of centred names of one column between two
// row lines where their cells part: the lines of one cell sit closer than
// the last line of one cell and the first of the next (the cells'
// padding), so the widest gap in the stretch (the row lines themselves
// counted when they hold text in that column) is the border, if it is
// wider than every other by a quarter of a line. The lines above it go to
// the upper row, the others to the lower (一般 | 公共 under 合计 are the
// start of 一般公共服务支出, centred on the next row's amounts, however
// near 合计 they stand). A stretch that shows no such border is one cell:
// the upper row's when its name began as far above it (see between), else
// left to the nearest row line. Above the first row line of a page and
// under the last, the lines are read by pageTop and pageFoot: a name
// centred on its row has as many lines above it as below, and what stands
// beyond is the rest of a row the page break cut. used holds the columns
// each line has text in; the body begins at line from. It returns the row
// line of each name line it decided (a line mapped to itself heads a row
// of its own).
func partBetween(lines []layout.Row, anchor []bool, anchors []int, used []map[int]bool, from int) map[int]int {
	p := &parting{lines: lines, anchor: anchor, anchors: anchors, used: used, from: from,
		lead: leading(lines, anchor, used, from), out: map[int]int{}, below: map[int]int{}}
	for k := 0; k+1 < len(anchors); k++ {
		if lines[anchors[k]].Page == lines[anchors[k+1]].Page {
			p.between(k)
		}
	}
	for k := range anchors {
		if k == 0 || lines[anchors[k-1]].Page != lines[anchors[k]].Page {
			p.pageTop(k)
		}
	}
	for k := range anchors {
		if p.next(k) < 0 {
			p.pageFoot(k)
		}
	}
	return p.out
}

// parting is what partBetween reads and what it has decided so far.
type parting struct {
	lines   []layout.Row
	anchor  []bool
	anchors []int
	used    []map[int]bool // the columns each line has text in
	from    int            // the body's first line
	lead    float64        // the leading inside a cell (see leading)
	out     map[int]int    // name line → its row line
	below   map[int]int    // row line → its name lines below it
}

// next returns the row line after anchors[k] on its page, -1 for none.
func (p *parting) next(k int) int {
	if k+1 < len(p.anchors) && p.lines[p.anchors[k+1]].Page == p.lines[p.anchors[k]].Page {
		return p.anchors[k+1]
	}
	return -1
}

// between parts the name lines between row lines anchors[k] and the next
// one, on one page, at the widest gap.
func (p *parting) between(k int) {
	lines, anchor, used := p.lines, p.anchor, p.used
	a1, a2 := p.anchors[k], p.anchors[k+1]
	// The lines between the two by their middles (a line may sort on
	// either side of a row line it overlaps).
	var seq []int
	for i := a1 - 2; i <= a2+2; i++ {
		if i >= 0 && i < len(lines) && !anchor[i] && lines[i].Page == lines[a1].Page &&
			lines[i].CY() > lines[a1].CY() && lines[i].CY() < lines[a2].CY() {
			seq = append(seq, i)
		}
	}
	if len(seq) == 0 {
		return
	}
	if _, ok := oneColumn(seq, used); ok {
		p.partStretch(k, seq)
		return
	}
	// Lines of several columns interleave (a name and a narrative cell,
	// each centred on its row): each column's lines are parted alone; a
	// line with text in several is left to the nearest row line.
	for _, grp := range columnGroups(seq, used) {
		p.partStretch(k, grp)
	}
}

// columnGroups groups the lines with text in one column by that column,
// in the order they come.
func columnGroups(seq []int, used []map[int]bool) [][]int {
	var groups [][]int
	for _, i := range seq {
		if len(used[i]) != 1 {
			continue
		}
		k := slices.IndexFunc(groups, func(g []int) bool { return sameColumns(used[g[0]], used[i]) })
		if k < 0 {
			groups = append(groups, []int{i})
			continue
		}
		groups[k] = append(groups[k], i)
	}
	return groups
}

// partStretch parts the name lines seq, all in the same columns, between
// row lines anchors[k] and the next one.
func (p *parting) partStretch(k int, seq []int) {
	lines, anchor, used := p.lines, p.anchor, p.used
	a1, a2 := p.anchors[k], p.anchors[k+1]
	cols, ok := oneColumn(seq, used)
	if !ok {
		return
	}
	stretch := seq
	seq = withRowLines(seq, a1, a2, cols, used)
	sortByY(lines, seq)
	wide, ok := border(lines, seq, p.lead)
	if !ok {
		// One cell: the rest of the upper row's name when that began
		// above its row line as far, and the lower row has no name line
		// under it, so none above either: its name, if any, stands on its
		// own line (三、国 | 有资本 | 3 … | 经营预 | 算拨款, or three lines
		// either side of 经营 0.00 …, over a row 4 without a label or over
		// 安全生产经费 37.80 …).
		if p.lead < math.Inf(1) &&
			namedAbove(lines, anchor, used, cols, p.out, a1) == len(stretch) && !namedBelow(lines, anchor, used, cols, a2, p.next(k+1)) {
			for _, i := range stretch {
				p.out[i] = a1
				p.below[a1]++
			}
		}
		return
	}
	for x, i := range seq {
		switch {
		case anchor[i]:
		case x <= wide:
			p.out[i] = a1
			p.below[a1]++
		default:
			p.out[i] = a2
		}
	}
}

// pageTop reads the name lines above a page's first row line anchors[k].
func (p *parting) pageTop(k int) {
	lines, anchor, used, from := p.lines, p.anchor, p.used, p.from
	a := p.anchors[k]
	var head []int
	for i := max(from, a-64); i < a+2 && i < len(lines); i++ {
		if !anchor[i] && lines[i].Page == lines[a].Page && lines[i].CY() < lines[a].CY() {
			head = append(head, i)
		}
	}
	cols, ok := oneColumn(head, used)
	if len(head) == 0 || !ok {
		return
	}
	// How many lines the row's name has under its row line: those parted
	// above, or none when no line of the column stands between it and
	// the next row line.
	n, known := p.below[a]
	if !known {
		known = !namedBelow(lines, anchor, used, cols, a, p.next(k))
	}
	// A name centred on its row line has as many lines above it as below,
	// one more when the row line holds none of it.
	limit := n + 1
	if shareColumn(used[a], cols) {
		limit = n
	}
	seq := withRowLines(head, -1, a, cols, used)
	// The row's own lines under its row line (parted above) show how the
	// lines of its cell are spaced.
	for i := max(from, a-64); i < len(lines) && i <= a+64; i++ {
		if o, ok := p.out[i]; ok && o == a && lines[i].CY() > lines[a].CY() && sameColumns(used[i], cols) {
			seq = append(seq, i)
		}
	}
	sortByY(lines, seq)
	start := 0
	if wide, ok := border(lines, seq, p.lead); ok && seq[wide] != a && lines[seq[wide]].CY() < lines[a].CY() {
		start = wide + 1
		// The lines above the border, evenly spaced, are one cell: the
		// rest of the row the page break cut, one row.
		if cut := seq[:start]; !slices.Contains(cut, a) {
			if _, ok := border(lines, cut, p.lead); !ok {
				for _, i := range cut {
					p.out[i] = cut[0]
				}
			}
		}
	}
	var mine []int
	for _, i := range seq[start:] {
		if !anchor[i] && lines[i].CY() < lines[a].CY() {
			mine = append(mine, i)
		}
	}
	if len(mine) > limit && known && start == 0 {
		// More lines above than the name can have: those above are the
		// rest of the row the page break cut.
		extra := mine[:len(mine)-limit]
		if _, ok := border(lines, extra, p.lead); ok {
			return
		}
		for _, i := range extra {
			p.out[i] = extra[0]
		}
		mine = mine[len(extra):]
	}
	if len(mine) <= max(limit, 1) {
		for _, i := range mine {
			p.out[i] = a
		}
	}
}

// pageFoot reads the name lines under a page's last row line
// anchors[k]: of one column and evenly spaced, they are its own when they
// are no more than its lines above (one more when the row line holds none
// of the name), the end of a name centred on its row however far below;
// all of them when the name begins on the row line (the row the page
// break cuts).
func (p *parting) pageFoot(k int) {
	lines, anchor, used, from := p.lines, p.anchor, p.used, p.from
	a := p.anchors[k]
	var tail []int
	above := 0
	for i := max(from, a-64); i < len(lines) && i <= a+64; i++ {
		switch {
		case anchor[i] || lines[i].Page != lines[a].Page:
		case lines[i].CY() > lines[a].CY():
			if _, taken := p.out[i]; !taken {
				tail = append(tail, i)
			}
		case p.out[i] == a:
			above++
		}
	}
	cols, ok := oneColumn(tail, used)
	if len(tail) == 0 || !ok {
		return
	}
	limit := above + 1
	switch onRow := shareColumn(used[a], cols); {
	case onRow && above == 0:
		// The name begins on its row line and runs down to the page's
		// foot: the row the page break cuts.
		limit = len(tail)
	case onRow:
		limit = above
	case above == 0:
		return
	}
	seq := withRowLines(tail, a, -1, cols, used)
	sortByY(lines, seq)
	end := len(seq)
	if wide, ok := border(lines, seq, p.lead); ok {
		end = wide + 1
	}
	var mine []int
	for _, i := range seq[:end] {
		if !anchor[i] {
			mine = append(mine, i)
		}
	}
	if len(mine) <= limit {
		for _, i := range mine {
			p.out[i] = a
		}
	}
}

// nameAbove returns where the header ends when the first row's name
// begins above it: at the top of a page whose header no index row (栏次)
// ends, the first lines of a name centred on its row line (机关事业 |
// 单位职业 | the amounts | 年金缴费 | 支出) look like a header's wrapped
// label. They are the row's when the cells' spacing says so, as
// partBetween reads it; a header label stands apart from the body, its
// cell's padding and the rule between them wider than a line's leading.
// used holds the columns each line has text in.
func nameAbove(lines []layout.Row, anchor []bool, used []map[int]bool, headEnd, firstAnchor int, indexLabel func(string) bool) int {
	for k := 0; k < headEnd; k++ {
		if indexLine(&lines[k], indexLabel) {
			return headEnd
		}
	}
	top := headEnd
	for k := headEnd - 1; k >= 0 && len(lines[k].Runs) == 1 && !lineHasNumber(&lines[k]); k-- {
		if top < headEnd && !sameColumns(used[k], used[top]) {
			break
		}
		top = k
	}
	if top == headEnd || !centredNames(lines, anchor, top, used) {
		return headEnd
	}
	var anchors []int
	for i := firstAnchor; i < len(lines); i++ {
		if anchor[i] {
			anchors = append(anchors, i)
		}
	}
	parted := partBetween(lines, anchor, anchors, used, top)
	for k := top; k < headEnd; k++ {
		if a, ok := parted[k]; ok && a == firstAnchor {
			return k
		}
	}
	return headEnd
}

// namedAbove counts the lines with text in cols given to row line a from
// above it.
func namedAbove(lines []layout.Row, anchor []bool, used []map[int]bool, cols map[int]bool, out map[int]int, a int) int {
	n := 0
	for i := max(a-64, 0); i < len(lines) && i <= a+2; i++ {
		if o, ok := out[i]; ok && o == a && !anchor[i] && lines[i].CY() < lines[a].CY() && sameColumns(used[i], cols) {
			n++
		}
	}
	return n
}

// namedBelow reports whether a line with text in cols stands under row
// line a, above the next row line (-1: none on the page).
func namedBelow(lines []layout.Row, anchor []bool, used []map[int]bool, cols map[int]bool, a, next int) bool {
	for i := a - 2; i < len(lines) && i <= a+64; i++ {
		if i < 0 || anchor[i] || lines[i].Page != lines[a].Page || lines[i].CY() <= lines[a].CY() {
			continue
		}
		if next >= 0 && lines[i].CY() >= lines[next].CY() {
			break
		}
		if shareColumn(used[i], cols) {
			return true
		}
	}
	return false
}

// oneColumn returns the columns the lines have text in when they all have
// it in the same ones: lines of several columns interleave, and their
// gaps tell nothing.
func oneColumn(seq []int, used []map[int]bool) (map[int]bool, bool) {
	if len(seq) == 0 || len(used[seq[0]]) == 0 {
		return nil, false
	}
	cols := used[seq[0]]
	for _, i := range seq[1:] {
		if !sameColumns(used[i], cols) {
			return nil, false
		}
	}
	return cols, true
}

// withRowLines adds to a stretch of name lines the row lines around it
// (-1: none) that hold text in their column.
func withRowLines(seq []int, a1, a2 int, cols map[int]bool, used []map[int]bool) []int {
	if a1 >= 0 && shareColumn(used[a1], cols) {
		seq = append([]int{a1}, seq...)
	}
	if a2 >= 0 && shareColumn(used[a2], cols) {
		seq = append(seq, a2)
	}
	return seq
}

func sortByY(lines []layout.Row, seq []int) {
	sort.SliceStable(seq, func(x, y int) bool { return lines[seq[x]].Y0 < lines[seq[y]].Y0 })
}

// leading returns the white space between two lines of one cell of the
// body from line from on: the lower quartile of the gaps between
// successive lines of one column that hold no row's amounts (most stand
// in one cell when names wrap; the cells' padding is wider); +Inf when
// there are too few.
func leading(lines []layout.Row, anchor []bool, used []map[int]bool, from int) float64 {
	var gaps []float64
	for i := from + 1; i < len(lines); i++ {
		if anchor[i] || len(used[i]) == 0 {
			continue
		}
		for p := i - 1; p >= max(from, i-3); p-- {
			if !anchor[p] && lines[p].Page == lines[i].Page && sameColumns(used[p], used[i]) {
				if g := lines[i].Y0 - lines[p].Y1; g >= 0 {
					gaps = append(gaps, g)
				}
				break
			}
		}
	}
	if len(gaps) < 2 {
		return math.Inf(1)
	}
	sort.Float64s(gaps)
	return gaps[len(gaps)/4]
}

// border returns the index in seq of the line above the widest gap of the
// stretch, when that gap is wider than every other by a quarter of a line
// (than the body's leading, when it is the only one).
func border(lines []layout.Row, seq []int, lead float64) (int, bool) {
	wide, widest, second := -1, math.Inf(-1), math.Inf(-1)
	for x := 0; x+1 < len(seq); x++ {
		g := lines[seq[x+1]].Y0 - lines[seq[x]].Y1
		switch {
		case g > widest:
			second, widest, wide = widest, g, x
		case g > second:
			second = g
		}
	}
	if wide < 0 {
		return -1, false
	}
	if math.IsInf(second, -1) {
		second = lead
	}
	if math.IsInf(second, 1) || widest < second+0.25*max(lines[seq[wide]].H(), 1) {
		return -1, false
	}
	return wide, true
}

// sameColumns reports whether two lines have text in the same columns.
func sameColumns(a, b map[int]bool) bool {
	if len(a) != len(b) {
		return false
	}
	for c := range a {
		if !b[c] {
			return false
		}
	}
	return true
}

// shareColumn reports whether a line with text in columns a has text in
// one of the columns b.
func shareColumn(a, b map[int]bool) bool {
	for c := range a {
		if b[c] {
			return true
		}
	}
	return false
}

// nearerBelow reports whether line i stands much nearer the row line under
// it, which has nothing where it has text, than the line above it: the
// first line of a name centred on its row's amounts (深圳市…宝安分 | the
// amounts | 局), not the rest of the name above, however full that was.
func nearerBelow(lines []layout.Row, anchor []bool, i int) bool {
	if i == 0 {
		return false
	}
	// The row line under it: the next line, or the one after when the
	// name's last line sorts between them.
	j := i + 1
	if j < len(lines) && !anchor[j] {
		j++
	}
	if j >= len(lines) || !anchor[j] {
		return false
	}
	// The white space between the lines: a wrapped name's lines sit
	// close, a row's lines sit apart.
	up := lines[i].Y0 - lines[i-1].Y1
	down := lines[j].Y0 - lines[i].Y1
	return down <= up-0.3*lines[i].H() && apart(&lines[i], &lines[j])
}

// besideFree reports whether line l stands a little above or below line o
// (their middles closer than most of a line's height) and has text only
// where o has none: the two are pieces of one row whose cells align their
// text differently.
func besideFree(l, o *layout.Row) bool {
	return math.Abs(o.CY()-l.CY()) <= 0.8*max(o.H(), l.H()) && apart(l, o)
}

// apart reports whether two lines have text in no common stretch of x.
func apart(l, o *layout.Row) bool {
	for _, r := range l.Runs {
		for _, q := range o.Runs {
			if q.X1 > r.X0 && q.X0 < r.X1 {
				return false
			}
		}
	}
	return true
}

// isCode reports whether s is a classification code of 3 to 7 digits
// (an integer of 8 or 9 is more likely an amount in 元).
func isCode(s string) bool { return len(s) <= 7 && IsCode(s) }

// codeLine reports whether a line holds a classification code and no
// other number: a code, perhaps with (the end of) a name.
func codeLine(l *layout.Row) bool {
	codes := 0
	for _, r := range l.Runs {
		for f := range strings.FieldsSeq(r.Text) {
			switch {
			case isCode(f):
				codes++
			case IsNumber(rules.Squeeze(f)):
				return false
			}
		}
	}
	return codes > 0
}

// lineHasNumber reports whether a line holds a number, a year aside (2021
// 年, a header's "2021 年 | 2022 年" spaced out).
func lineHasNumber(l *layout.Row) bool {
	for _, r := range l.Runs {
		fields := strings.Fields(r.Text)
		for i, f := range fields {
			if IsNumber(rules.Squeeze(f)) && !(i+1 < len(fields) && yearOf(f, fields[i+1])) {
				return true
			}
		}
	}
	return false
}

// IsYear reports whether s is a year of the disclosures' era (19xx, 20xx).
func IsYear(s string) bool {
	return len(s) == 4 && (strings.HasPrefix(s, "19") || strings.HasPrefix(s, "20")) && IsCode(s)
}

// yearOf reports whether num is a year the text after it goes on with
// (2021 | 年…): a label's, no amount.
func yearOf(num, after string) bool { return IsYear(num) && strings.HasPrefix(after, "年") }

type interval struct{ x0, x1 float64 }

func (iv interval) mid() float64 { return (iv.x0 + iv.x1) / 2 }

// streamColumns finds the columns of an unruled table. When the table prints
// an index row (栏次 1 2 3 …) it names every column, the empty ones too: the
// columns are then cut between its labels, in the widest gap the body text
// leaves there. Otherwise the projection of the text decides.
func streamColumns(lines []layout.Row, anchor []bool, labels int, indexLabel func(string) bool) ([]interval, *header) {
	body := withNameLines(bodyProjection(lines, anchor), lines, anchor)
	proj := withHeaderColumns(body, lines, anchor)
	nums := amountStretches(lines, anchor)
	var tokens []extract.Box
	var h *header
	numberedIndex := false // the index row is a label, then only numbers
	if labels >= 0 && labels < len(lines) {
		for _, r := range lines[labels].Runs {
			tokens = append(tokens, r.Box)
		}
	} else {
		for i := range lines {
			if !indexLine(&lines[i], indexLabel) {
				continue
			}
			for _, r := range lines[i].Runs {
				tokens = append(tokens, tokenBoxes(r)...)
			}
			numberedIndex = numbersAfterLabel(lines[i].Text())
			break
		}
		// The leaves of the header name every column, the empty ones too,
		// each label centred over its column: they decide when they name
		// more columns than the index row and the body text stays inside
		// the columns they make.
		h = readHeader(lines, anchor, body, indexLabel)
		if leaves := h.leaves(); len(leaves) >= 2 && len(leaves) > len(tokens) {
			// (Unless they put two stretches of body text under one
			// label where an index row numbers the columns: the labels
			// are then not centred over their figures.)
			if cols := labelColumns(lines, leaves, body, nums, false); fits(body, cols) && (len(tokens) < 3 || misfit(edges(cols), body) == 0) {
				return cols, h
			}
		}
	}
	if len(tokens) < 3 {
		return proj, h
	}
	cols := labelColumns(lines, tokens, body, nums, numberedIndex)
	numbered := 0
	for i := range lines {
		if anchor[i] && lineHasNumber(&lines[i]) {
			numbered++
		}
	}
	if labels < 0 && numbered >= 3 {
		// (A gap in one or two rows may be a label's letter spacing.)
		cols = splitByBody(cols, body)
	}
	return cols, h
}

// splitByBody cuts the columns of an index row (栏次 1 2 3 …) where the
// body leaves gaps inside one: the 栏次 label spans the columns before the
// numbered ones (类 | 款 | 项 | 科目名称), and a row-number column (行次)
// is not numbered; the body tells them apart when it has rows enough.
func splitByBody(cols, body []interval) []interval {
	out := make([]interval, 0, len(cols))
	for _, c := range cols {
		var in []interval
		for _, b := range body {
			if b.x0 >= c.x0-0.5 && b.x1 <= c.x1+0.5 {
				in = append(in, b)
			}
		}
		x0 := c.x0
		for i := 0; i+1 < len(in); i++ {
			cut := (in[i].x1 + in[i+1].x0) / 2
			out = append(out, interval{x0, cut})
			x0 = cut
		}
		out = append(out, interval{x0, c.x1})
	}
	return out
}

// chainBounds returns the column edges of labels centred in their
// columns, from one edge of the table: right = 2·centre − left (from the
// right: left = 2·centre − right); nil when an edge found so would cut a
// label.
func chainBounds(tokens []extract.Box, edge float64, fromRight bool) []float64 {
	n := len(tokens)
	b := make([]float64, n+1)
	if !fromRight {
		b[0] = edge
		for k := 0; k < n; k++ {
			b[k+1] = 2*tokens[k].CX() - b[k]
			if b[k+1] <= tokens[k].X1 || (k+1 < n && b[k+1] >= tokens[k+1].X0) {
				return nil
			}
		}
		return b
	}
	b[n] = edge
	for k := n - 1; k >= 0; k-- {
		b[k] = 2*tokens[k].CX() - b[k+1]
		if b[k] >= tokens[k].X0 || (k > 0 && b[k] <= tokens[k-1].X1) {
			return nil
		}
	}
	return b
}

// chainAt returns the column edges of labels centred in their columns
// from an inner edge: edge j (the left one of label j) at x; nil when an
// edge found so would cut a label.
func chainAt(tokens []extract.Box, j int, x float64) []float64 {
	n := len(tokens)
	b := make([]float64, n+1)
	b[j] = x
	for k := j; k < n; k++ {
		b[k+1] = 2*tokens[k].CX() - b[k]
	}
	for k := j - 1; k >= 0; k-- {
		b[k] = 2*tokens[k].CX() - b[k+1]
	}
	for k := range n {
		if b[k] >= tokens[k].X0 || b[k+1] <= tokens[k].X1 {
			return nil
		}
	}
	return b
}

// amountStretches returns the stretches of the body lines where amounts
// alone stand, left to right.
func amountStretches(lines []layout.Row, anchor []bool) []interval {
	var nums, text []interval
	for i := range lines {
		if !anchor[i] {
			continue
		}
		for _, r := range lines[i].Runs {
			iv := interval{r.X0, r.X1}
			if IsNumber(r.Text) {
				nums = append(nums, iv)
			} else {
				text = append(text, iv)
			}
		}
	}
	var out []interval
	for _, st := range mergeIntervals(nums) {
		mixed := false
		for _, t := range text {
			if t.x0 < st.x1 && t.x1 > st.x0 {
				mixed = true
				break
			}
		}
		if !mixed {
			out = append(out, st)
		}
	}
	return out
}

// crowded counts the stretches of amounts that share their column with
// other body text (a count beside its label, an amount beside its name).
func crowded(bounds []float64, body, nums []interval) int {
	n := 0
	for _, st := range nums {
		k := edgeCol(bounds, st.mid())
		if k < 0 {
			continue
		}
		for _, b := range body {
			if edgeCol(bounds, b.mid()) == k && (b.x1 <= st.x0 || b.x0 >= st.x1) {
				n++
				break
			}
		}
	}
	return n
}

// leftPlaced counts the stretches of amounts that stand in the left part
// of their column (amounts are set flush right or centred).
func leftPlaced(bounds []float64, nums []interval) int {
	n := 0
	for _, st := range nums {
		if k := edgeCol(bounds, st.mid()); k >= 0 && st.mid() < (bounds[k]+bounds[k+1])/2-0.25*(bounds[k+1]-bounds[k]) {
			n++
		}
	}
	return n
}

// edgeCol returns the column of edges bounds that holds x, -1 for none.
func edgeCol(bounds []float64, x float64) int {
	for k := 0; k+1 < len(bounds); k++ {
		if x >= bounds[k] && x < bounds[k+1] {
			return k
		}
	}
	return -1
}

// edges returns the edges of adjacent columns, left to right.
func edges(cols []interval) []float64 {
	b := make([]float64, 0, len(cols)+1)
	for i, c := range cols {
		if i == 0 {
			b = append(b, c.x0)
		}
		b = append(b, c.x1)
	}
	return b
}

// midBounds returns column edges halfway between the centres of labels
// set over columns of about one width; the first label's column begins
// at left, the second's as far left of its centre as it ends right of it.
func midBounds(tokens []extract.Box, left float64) []float64 {
	n := len(tokens)
	b := make([]float64, n+1)
	b[0] = left
	for k := 1; k < n; k++ {
		b[k] = (tokens[k-1].CX() + tokens[k].CX()) / 2
	}
	if n > 2 {
		if x := 2*tokens[1].CX() - b[2]; x > tokens[0].X1 && x < tokens[1].X0 {
			b[1] = x
		}
	}
	b[n] = 2*tokens[n-1].CX() - b[n-1]
	if n == 1 || b[n] <= tokens[n-1].X1 {
		b[n] = tokens[n-1].X1 + 1
	}
	return b
}

// numbersAfterLabel reports whether a line is one label followed by
// numbers only (栏次 1 2 3 …; not a summary's 栏次 1 栏次 2).
func numbersAfterLabel(s string) bool {
	f := strings.Fields(s)
	if len(f) < 3 {
		return false
	}
	for _, x := range f[1:] {
		if !allDigitsStr(x) {
			return false
		}
	}
	return true
}

// evenlySpaced reports whether three labels or more stand at about equal
// distances, centre to centre (an index row's 1 2 3 … over columns of one
// width).
func evenlySpaced(tokens []extract.Box) bool {
	if len(tokens) < 3 {
		return false
	}
	lo, hi := math.Inf(1), math.Inf(-1)
	for k := 1; k < len(tokens); k++ {
		d := tokens[k].CX() - tokens[k-1].CX()
		lo, hi = min(lo, d), max(hi, d)
	}
	return lo > 0 && hi <= 1.15*lo
}

// misfit counts what speaks against column edges: the stretches of body
// text they cut, and the columns but the first holding two stretches of
// body text or more (two columns under one label; the first label may
// stand over several, 栏次 over 科目编码 | 科目名称).
func misfit(bounds []float64, body []interval) int {
	n := straddles(bounds, body)
	for k := 1; k+1 < len(bounds); k++ {
		in := 0
		for _, b := range body {
			if b.x0 >= bounds[k]-0.5 && b.x1 <= bounds[k+1]+0.5 {
				in++
			}
		}
		if in >= 2 {
			n++
		}
	}
	return n
}

// straddles counts the stretches of body text an inner column edge cuts.
func straddles(bounds []float64, body []interval) int {
	n := 0
	for _, x := range bounds[1 : len(bounds)-1] {
		for _, b := range body {
			if x > b.x0+0.5 && x < b.x1-0.5 {
				n++
			}
		}
	}
	return n
}

// strayLines counts the body lines with a run that reaches into two of
// cols (a longer name that runs into the gap after its column is not).
func strayLines(lines []layout.Row, anchor []bool, cols []interval) int {
	n := 0
	for i := range lines {
		if !anchor[i] {
			continue
		}
		for _, r := range lines[i].Runs {
			in := 0
			for _, c := range cols {
				if min(r.X1, c.x1)-max(r.X0, c.x0) > 0.5 {
					in++
				}
			}
			if in >= 2 {
				n++
				break
			}
		}
	}
	return n
}

// keepColumns reports whether a continuation page, whose own reading
// found cols, is read in its previous page's columns instead: when it
// found fewer and its rows sit in the previous ones but for one (a total's
// label spanning two of them, which would merge them on this page alone),
// or as many or more, its rows sitting in the previous ones each cell in
// its own (its reading parted a column the first page's header held
// whole: codes at two indents, 303 and 30302, read as two columns; the
// end of a wrapped name standing out left of the indented names).
func keepColumns(lines []layout.Row, anchor []bool, prev, cols []interval) bool {
	switch {
	case len(prev) > len(cols):
		return strayLines(lines, anchor, prev) <= 1
	default:
		return strayLines(lines, anchor, prev) == 0 && !mergesColumns(lines, anchor, prev)
	}
}

// mergesColumns reports whether a line with a number has two runs in one
// of cols: cols merge two of its columns.
func mergesColumns(lines []layout.Row, anchor []bool, cols []interval) bool {
	for i := range lines {
		if !anchor[i] {
			continue
		}
		seen := map[int]bool{}
		for _, r := range lines[i].Runs {
			c := colOf(cols, r.CX())
			if seen[c] {
				return true
			}
			seen[c] = true
		}
	}
	return false
}

// fits reports whether every interval of body text lies inside one of cols.
func fits(body, cols []interval) bool {
	for _, b := range body {
		in := false
		for _, c := range cols {
			if b.x0 >= c.x0-0.5 && b.x1 <= c.x1+0.5 {
				in = true
				break
			}
		}
		if !in {
			return false
		}
	}
	return true
}

// labelColumns makes a column for each label, the labels centred in their
// columns: from the table's left edge the column edges follow one from the
// other (right = 2·centre − left). Each edge found so is then moved into
// the nearest gap the body text leaves around it.
// With even set (an index row numbering its columns after one label),
// edges halfway between the labels are tried too.
func labelColumns(lines []layout.Row, tokens []extract.Box, body, nums []interval, even bool) []interval {
	sort.Slice(tokens, func(i, j int) bool { return tokens[i].CX() < tokens[j].CX() })
	left, right := math.Inf(1), math.Inf(-1)
	for i := range lines {
		left, right = math.Min(left, lines[i].X0), math.Max(right, lines[i].X1)
	}
	n := len(tokens)
	// The gaps the body text leaves, the open ends included.
	gaps := []interval{{math.Inf(-1), math.Inf(1)}}
	if len(body) > 0 {
		gaps = []interval{{math.Inf(-1), body[0].x0}, {body[len(body)-1].x1, math.Inf(1)}}
		for k := 1; k < len(body); k++ {
			gaps = append(gaps, interval{body[k-1].x1, body[k].x0})
		}
	}
	// settle moves each inner edge into the nearest gap the body text
	// leaves around it.
	settle := func(b []float64) []float64 {
		b = slices.Clone(b)
		for k := 1; k < n; k++ {
			tol := 0.3 * math.Min(b[k]-b[k-1], b[k+1]-b[k])
			best, bestD := b[k], math.Inf(1)
			for _, g := range gaps {
				// The point of the gap nearest the estimate.
				x := math.Max(g.x0, math.Min(g.x1, b[k]))
				if d := math.Abs(x - b[k]); d <= tol && d < bestD && x > tokens[k-1].CX() && x < tokens[k].CX() {
					best, bestD = x, d
				}
			}
			b[k] = best
		}
		return b
	}
	// The chain starts from the table's left edge, or from its right one
	// (the left-most text may be a label centred in its column, the
	// right-most a number at the end of its own): of the two, the one
	// whose edges cut the fewest stretches of body text. Columns numbered
	// by an index row are one label each: two stretches of body text
	// under one of them speak against the edges too, counted once the
	// edges have settled into the body's gaps.
	worse := func(a, b []float64) bool {
		if even {
			return misfit(settle(b), body) < misfit(settle(a), body)
		}
		return straddles(b, body) < straddles(a, body)
	}
	bounds := chainBounds(tokens, left-1, false)
	if rb := chainBounds(tokens, right+1, true); rb != nil && (bounds == nil || worse(bounds, rb)) {
		bounds = rb
	}
	// Amounts set flush right mark their column's right edge: a chain
	// from there holds where one from the text's edges is off (an empty
	// last column whose label is narrower than it, a first label over
	// several columns), and of chains the body text fits alike, the one
	// that leaves no column's amounts in its left part.
	primary := func(b []float64) int {
		if even {
			return misfit(settle(b), body)
		}
		return straddles(b, body)
	}
	for _, st := range nums {
		k := 0
		for j := range tokens {
			if math.Abs(tokens[j].CX()-st.mid()) < math.Abs(tokens[k].CX()-st.mid()) {
				k = j
			}
		}
		if tokens[k].CX() >= st.x1 {
			continue
		}
		ab := chainAt(tokens, k+1, st.x1+1)
		if ab == nil || crowded(settle(ab), body, nums) > 0 {
			continue
		}
		if bounds == nil {
			bounds = ab
			continue
		}
		if pa, pb := primary(ab), primary(bounds); pa < pb || pa == pb && leftPlaced(settle(ab), nums) < leftPlaced(settle(bounds), nums) {
			bounds = ab
		}
	}
	// A chain from an edge the text does not reach (an empty last column
	// whose label is shorter than it) is off by that much in every
	// column: the edges halfway between the labels' centres, the first
	// column's left edge mirrored from its right one (a label over the
	// leading columns, 栏次 over 科目编码 | 科目名称, is no measure), may
	// fit the body better.
	if bounds == nil {
		bounds = make([]float64, n+1)
		bounds[0] = left - 1
		for k := 1; k < n; k++ {
			bounds[k] = (tokens[k-1].X1 + tokens[k].X0) / 2
		}
		bounds[n] = tokens[n-1].X1 + (tokens[n-1].X1 - bounds[n-1])
	} else if mb := midBounds(tokens, left-1); even && evenlySpaced(tokens[1:]) && misfit(mb, body) == 0 && worse(bounds, mb) {
		bounds = mb
	}
	bounds = settle(bounds)
	if len(body) > 0 {
		bounds[n] = math.Max(bounds[n], body[len(body)-1].x1+1)
		bounds[0] = math.Min(bounds[0], body[0].x0-1)
	}
	cols := make([]interval, 0, n)
	for k := 0; k < n; k++ {
		cols = append(cols, interval{bounds[k], bounds[k+1]})
	}
	return cols
}

// header is the header of a table printed without rules: its labels, in
// lines from the top, and which of them are groups over others.
type header struct {
	labels []extract.Box
	lines  [][]int // indexes into labels, each line ordered by x
	group  []bool
}

// readHeader reads the header of an unruled table: the labels above the
// first body line or the index row. A label wrapped over two lines of its
// cell, or printed spaced out (项   目), is one label; a group label (本年支出
// over 小计 | 基本支出 | 项目支出) is centred over its columns' labels.
func readHeader(lines []layout.Row, anchor []bool, body []interval, indexLabel func(string) bool) *header {
	var labels []extract.Box
	for i := range lines {
		// The header ends at the first body line, or at its index row.
		if anchor[i] || indexLine(&lines[i], indexLabel) {
			break
		}
		var line []extract.Box
		var single []bool // the label is one character
		for _, r := range lines[i].Runs {
			for _, pc := range runPieces(r) {
				if pc.text == "" {
					continue
				}
				one := utf8.RuneCountInString(pc.text) == 1
				// Pieces of one line closer than a character apart are
				// one label, printed spaced out (项   目); so are single
				// characters spread over a cell (收      入), which do not
				// each stand over body text of their own, as the 类 | 款 |
				// 项 of code columns do.
				if n := len(line); n > 0 && pc.X0 >= line[n-1].X0 &&
					(pc.X0-line[n-1].X1 < 0.65*max(r.Size, 1) || one && single[n-1] && !apartInBody(line[n-1], pc.Box, body) &&
						!stacked(lines, i, line[n-1]) && !stacked(lines, i, pc.Box)) {
					line[n-1] = line[n-1].Union(pc.Box)
					single[n-1] = false
					continue
				}
				line = append(line, pc.Box)
				single = append(single, one)
			}
		}
		for _, pc := range line {
			// A piece right under a label, overlapping it, closer than
			// rows are apart, is the label's wrapped rest.
			merged := false
			for k := range labels {
				lb := &labels[k]
				if pc.Y0 > lb.Y1-0.5 && pc.Y0-lb.Y1 < 0.5*max(pc.H(), 1) &&
					min(lb.X1, pc.X1)-max(lb.X0, pc.X0) > 0 {
					*lb = lb.Union(pc)
					merged = true
					break
				}
			}
			if !merged {
				labels = append(labels, pc)
			}
		}
	}
	// Labels at one height are a header line; each label of a line may
	// be a group over a run of labels of the line under it.
	sort.SliceStable(labels, func(i, j int) bool { return labels[i].Y0 < labels[j].Y0 })
	h := &header{labels: labels, group: make([]bool, len(labels))}
	for i, l := range labels {
		if n := len(h.lines); n > 0 {
			first := labels[h.lines[n-1][0]]
			if min(first.Y1, l.Y1)-max(first.Y0, l.Y0) > 0.3*min(first.H(), l.H()) {
				h.lines[n-1] = append(h.lines[n-1], i)
				continue
			}
		}
		h.lines = append(h.lines, []int{i})
	}
	for _, ln := range h.lines {
		sort.Slice(ln, func(a, b int) bool { return labels[ln[a]].CX() < labels[ln[b]].CX() })
	}
	for k := 0; k+1 < len(h.lines); k++ {
		up, low := h.lines[k], h.lines[k+1]
		for i, run := range groupsOver(h.boxes(up, nil), h.boxes(low, nil)) {
			if run[0] >= 0 {
				h.group[up[i]] = true
			}
		}
	}
	return h
}

// stacked reports whether a label on line i has text right above or
// below it, on other lines: it is a piece of a label wrapped over several
// lines (一般公共预算 | 财 | 政拨款), not a character spread over its cell.
func stacked(lines []layout.Row, i int, b extract.Box) bool {
	for j := range lines {
		if j == i || math.Abs(lines[j].CY()-lines[i].CY()) > 3*max(b.H(), 1) {
			continue
		}
		for _, r := range lines[j].Runs {
			gap := max(r.Y0-b.Y1, b.Y0-r.Y1)
			if min(r.X1, b.X1)-max(r.X0, b.X0) > 0 && gap < max(b.H(), 1) {
				return true
			}
		}
	}
	return false
}

// apartInBody reports whether two header pieces, a left of b, stand over
// stretches of body text of their own, or body text stands between them.
func apartInBody(a, b extract.Box, body []interval) bool {
	for _, iv := range body {
		if iv.x0 >= a.X1 && iv.x1 <= b.X0 {
			return true
		}
	}
	under := func(x extract.Box) int {
		for k, iv := range body {
			if min(iv.x1, x.X1)-max(iv.x0, x.X0) > 0 {
				return k
			}
		}
		return -1
	}
	ka, kb := under(a), under(b)
	return ka >= 0 && kb >= 0 && ka != kb
}

// boxes returns the boxes of the labels ix; with spans, the extent of the
// columns each stands over.
func (h *header) boxes(ix []int, spans map[int][2]float64) []extract.Box {
	out := make([]extract.Box, len(ix))
	for i, j := range ix {
		out[i] = h.labels[j]
		if sp, ok := spans[j]; ok {
			out[i].X0, out[i].X1 = sp[0], sp[1]
		}
	}
	return out
}

// leaves returns the labels that name one column each, ordered by x, or
// nil when two of them stand over one another (a label and a note beside
// it, not two columns).
func (h *header) leaves() []extract.Box {
	var leaves []extract.Box
	for i, l := range h.labels {
		if !h.group[i] {
			leaves = append(leaves, l)
		}
	}
	sort.Slice(leaves, func(i, j int) bool { return leaves[i].CX() < leaves[j].CX() })
	for i := 1; i < len(leaves); i++ {
		if leaves[i].X0 < leaves[i-1].X1 {
			return nil
		}
	}
	return leaves
}

// groupSpan is a group label of an unruled header and the extent of the
// columns under it.
type groupSpan struct {
	label  extract.Box
	x0, x1 float64
}

// spans returns the columns each group label stands over, now that the
// columns are known: from the bottom line up, each label stands for the
// columns under it, and each line shares the one under it out again.
func (h *header) spans(cols []interval) []groupSpan {
	if h == nil || len(cols) == 0 {
		return nil
	}
	span := map[int][2]float64{}
	for i, l := range h.labels {
		if !h.group[i] {
			c := cols[colOf(cols, l.CX())]
			span[i] = [2]float64{c.x0, c.x1}
		}
	}
	var out []groupSpan
	for k := len(h.lines) - 2; k >= 0; k-- {
		up, low := h.lines[k], h.lines[k+1]
		runs := groupsOver(h.boxes(up, nil), h.boxes(low, nil), h.boxes(low, span))
		for i, j := range up {
			if !h.group[j] {
				continue
			}
			if run := runs[i]; run[0] >= 0 {
				span[j] = [2]float64{span[low[run[0]]][0], span[low[run[1]]][1]}
			} else {
				c := cols[colOf(cols, h.labels[j].CX())]
				span[j] = [2]float64{c.x0, c.x1}
			}
			out = append(out, groupSpan{h.labels[j], span[j][0], span[j][1]})
		}
	}
	return out
}

// groupsOver tells which labels of a header line are groups over labels
// of the line under it, and over which (the first and last index of the
// run, -1 for a label that is no group): a group is centred over a run of them (its centre
// inside the run and no other's, within a quarter of the run's width of
// the run's centre), runs are disjoint and in order. Of the ways to share the lower
// labels out it takes the one that centres best and leaves the fewest
// without a group (a label under no group cannot stand under a line of
// labels, so leaving one costs more than any fit).
func groupsOver(up, low []extract.Box, cols ...[]extract.Box) [][2]int {
	const unowned = 0.5
	m, n := len(up), len(low)
	inf := math.Inf(1)
	// cost[i][j]: best cost of the first i upper labels owning runs of
	// the first j lower ones; from[i][j] the start of upper i's run, -1
	// for none, -2 when lower j-1 is left without a group.
	cost := make([][]float64, m+1)
	from := make([][]int, m+1)
	for i := range cost {
		cost[i] = make([]float64, n+1)
		from[i] = make([]int, n+1)
		for j := range cost[i] {
			cost[i][j] = inf
		}
	}
	cost[0][0] = 0
	for i := 0; i <= m; i++ {
		for j := 0; j <= n; j++ {
			if i == 0 && j == 0 {
				continue
			}
			best, arg := inf, 0
			if j > 0 && cost[i][j-1]+unowned < best {
				best, arg = cost[i][j-1]+unowned, -2
			}
			if i > 0 {
				if cost[i-1][j] < best {
					best, arg = cost[i-1][j], -1
				}
				u := up[i-1]
				for k := j - 1; k >= 0; k-- {
					x0, x1 := low[k].X0, low[j-1].X1
					if u.CX() < x0 || u.CX() > x1 || (i >= 2 && up[i-2].CX() >= x0) || (i < m && up[i].CX() <= x1) {
						continue
					}
					err := math.Abs((x0+x1)/2-u.CX()) / max(x1-x0, 1)
					if len(cols) > 0 {
						// With the columns known, the centre of the
						// columns counts as much as that of the labels.
						c0, c1 := cols[0][k].X0, cols[0][j-1].X1
						err = (err + math.Abs((c0+c1)/2-u.CX())/max(c1-c0, 1)) / 2
					}
					if err > 0.25 {
						continue
					}
					if c := cost[i-1][k] + err; c < best {
						best, arg = c, k
					}
				}
			}
			cost[i][j], from[i][j] = best, arg
		}
	}
	out := make([][2]int, m)
	for i := range out {
		out[i] = [2]int{-1, -1}
	}
	for i, j := m, n; i > 0 || j > 0; {
		switch a := from[i][j]; {
		case a == -2:
			j--
		case a == -1:
			i--
		default:
			out[i-1] = [2]int{a, j - 1}
			i, j = i-1, a
		}
	}
	return out
}

// tokenBoxes returns the boxes of the space-separated words of a run.
func tokenBoxes(r extract.Run) []extract.Box {
	if len(r.Glyphs) == 0 {
		return []extract.Box{r.Box}
	}
	return gapBoxes(r, 0.15)
}

// gapBoxes cuts a run's glyphs where the gap between two exceeds em times
// the font size, and returns the boxes of the parts.
func gapBoxes(r extract.Run, em float64) []extract.Box {
	var out []extract.Box
	cur := r.Glyphs[0].Box
	for _, g := range r.Glyphs[1:] {
		if g.X0-cur.X1 > em*max(r.Size, 1) {
			out = append(out, cur)
			cur = g.Box
			continue
		}
		cur = cur.Union(g.Box)
	}
	return append(out, cur)
}

// projectionColumns finds the column intervals of an unruled table from a
// projection of the glyphs of its body rows: a column boundary is an x
// position no body row prints on (one stray row spanning columns is
// forgiven in long tables). Header runs that fall where no body row prints
// open the columns that are empty in every body row.
func bodyProjection(lines []layout.Row, anchor []bool) []interval {
	lo, hi := math.Inf(1), math.Inf(-1)
	nBody, first := 0, -1
	for i := range lines {
		if !anchor[i] {
			continue
		}
		if first < 0 {
			first = i
		}
		nBody++
		lo, hi = math.Min(lo, lines[i].X0), math.Max(hi, lines[i].X1)
	}
	var cols []interval
	if nBody > 0 {
		const res = 0.5
		n := int((hi-lo)/res) + 2
		count := make([]int, n)
		who := make([]int, n) // the last line marking each stretch
		mark := make([]bool, n)
		for i := range lines {
			if !anchor[i] {
				continue
			}
			clear(mark)
			for _, b := range spreadWords(lines[i].Runs) {
				a, z := int((b.X0-lo)/res), int((b.X1-lo)/res)
				for k := max(a, 0); k <= z && k < n; k++ {
					mark[k] = true
				}
			}
			for _, r := range lines[i].Runs {
				for _, b := range glyphBoxes(r) {
					a, z := int((b.X0-lo)/res), int((b.X1-lo)/res)
					for k := max(a, 0); k <= z && k < n; k++ {
						mark[k] = true
					}
				}
			}
			for k, m := range mark {
				if m {
					count[k]++
					who[k] = i
				}
			}
		}
		if nBody >= 5 {
			bridgesOff(count, who, func(i, a, z int) bool {
				x0, x1 := lo+float64(a)*res, lo+float64(z)*res
				n := 0
				for _, r := range lines[i].Runs {
					if r.X1 > x0 && r.X0 < x1 {
						if !totalLike(rules.Squeeze(r.Text)) && fusedAmounts(r) == nil {
							return false
						}
						n++
					}
				}
				// No other line of the body prints there either (the
				// labels of a summary's rows without amounts).
				for j := first + 1; j < len(lines) && n > 0; j++ {
					for _, r := range lines[j].Runs {
						if j != i && r.X1 > x0+res && r.X0 < x1-res {
							return false
						}
					}
				}
				return n > 0
			})
		}
		thresh := 0
		in := false
		var cur interval
		for k := 0; k <= n; k++ {
			on := k < n && count[k] > thresh
			switch {
			case on && !in:
				cur = interval{lo + float64(k)*res, 0}
				in = true
			case !on && in:
				cur.x1 = lo + float64(k)*res
				cols = append(cols, cur)
				in = false
			}
		}
		cols = cutAtFused(cols, lines, anchor)
	}
	return cols
}

// cutAtFused parts the stretches of a projection where the amounts of a
// run fused across two columns meet (168,441.81|154,304.22): the widest
// figures of two columns of right-aligned amounts touch, and leave no gap
// between the columns for the projection to find.
func cutAtFused(cols []interval, lines []layout.Row, anchor []bool) []interval {
	var cuts []float64
	for i := range lines {
		if !anchor[i] {
			continue
		}
		for _, r := range lines[i].Runs {
			ps := fusedAmounts(r)
			for k := 1; k < len(ps); k++ {
				cuts = append(cuts, (ps[k-1].X1+ps[k].X0)/2)
			}
		}
	}
	if len(cuts) == 0 {
		return cols
	}
	sort.Float64s(cuts)
	var out []interval
	for _, c := range cols {
		for _, x := range cuts {
			if x > c.x0+1 && x < c.x1-1 {
				out = append(out, interval{c.x0, x})
				c.x0 = x
			}
		}
		out = append(out, c)
	}
	return out
}

// totalLike reports whether a label names a total: 合计, 总计, 小计, or a
// short label ending so (人员经费合计, 本年收入合计).
func totalLike(s string) bool {
	return s == "小计" || utf8.RuneCountInString(s) <= 10 && (strings.HasSuffix(s, "合计") || strings.HasSuffix(s, "总计"))
}

// bridgesOff clears the stretches of a projection that one line alone
// covers between stretches several lines cover, or apart from all of
// them, when that line's text there is a total's label or amounts fused
// across two columns (bridge says so; who names the line): 合计 centred
// over the merged cell of 科目编码 | 科目名称 would join them, over 类 |
// 款 | 项 make a column of its own; 168,441.81154,304.22 would join the
// columns of its two amounts.
func bridgesOff(count, who []int, bridge func(line, from, to int) bool) {
	for k := 0; k < len(count); {
		if count[k] != 1 || k == 0 || count[k-1] < 2 {
			k++
			continue
		}
		end := k
		for end < len(count) && count[end] == 1 && who[end] == who[k] {
			end++
		}
		if end < len(count) && count[end] >= 2 && bridge(who[k], k, end) {
			for j := k; j < end; j++ {
				count[j] = 0
			}
		}
		k = end
	}
	// A stretch the label alone covers, apart from the stretches on
	// either side (合计 centred over the merged cell of 类 | 款 | 项),
	// makes no column either.
	first, last := -1, -1
	for k, c := range count {
		if c >= 2 {
			if first < 0 {
				first = k
			}
			last = k
		}
	}
	for k := first + 1; k < last; {
		if count[k] != 1 || k > 0 && count[k-1] != 0 {
			k++
			continue
		}
		end := k
		for end < len(count) && count[end] == 1 && who[end] == who[k] {
			end++
		}
		if end < last && count[end] == 0 && bridge(who[k], k, end) {
			for j := k; j < end; j++ {
				count[j] = 0
			}
		}
		k = end
	}
}

// spreadWords returns the boxes of the words a line prints spread over
// their cell, one ideograph at a time at even distances (本 年 收 入 合 计,
// 合    计): each from its first character to its last, so that the word
// fills one column instead of making a column of every character.
func spreadWords(runs []extract.Run) []extract.Box {
	var out []extract.Box
	for i := 0; i < len(runs); {
		j := i
		for j+1 < len(runs) && oneIdeograph(runs[j].Text) && oneIdeograph(runs[j+1].Text) {
			gap := runs[j+1].X0 - runs[j].X1
			size := max(runs[j].Size, 1)
			if gap <= 0 || gap > 4*size {
				break
			}
			if j > i {
				// Evenly spread: the gaps alike.
				prev := runs[j].X0 - runs[j-1].X1
				if gap > 1.5*prev+1 || prev > 1.5*gap+1 {
					break
				}
			}
			j++
		}
		if j > i {
			out = append(out, extract.Box{X0: runs[i].X0, Y0: runs[i].Y0, X1: runs[j].X1, Y1: runs[j].Y1})
		}
		i = j + 1
	}
	return out
}

// withNameLines adds to the body columns the text of the lines between
// the rows' lines that falls left of them all: names printed above and
// below the amounts of their row (a long unit name centred on two lines),
// which no line with a number holds.
func withNameLines(body []interval, lines []layout.Row, anchor []bool) []interval {
	if len(body) == 0 {
		return body
	}
	first, last := -1, -1
	for i := range lines {
		if anchor[i] {
			if first < 0 {
				first = i
			}
			last = i
		}
	}
	out := append([]interval(nil), body...)
	// Names that start left of the first column and run into it (a unit's
	// name, less indented than the items under it) widen it.
	for i := first + 1; i < last; i++ {
		for _, r := range lines[i].Runs {
			if !anchor[i] && r.X0 < out[0].x0 && r.X1 > out[0].x0 {
				out[0].x0 = r.X0
			}
		}
	}
	var extra []interval
	em := 10.0
	for i := first + 1; i < last; i++ {
		if anchor[i] {
			continue
		}
		for _, r := range lines[i].Runs {
			if r.X1 < out[0].x0 {
				extra = append(extra, interval{r.X0, r.X1})
				em = max(r.Size, 1)
			}
		}
	}
	if len(extra) == 0 {
		return out
	}
	for _, iv := range mergeIntervals(extra) {
		if iv.x1-iv.x0 <= 2*em && out[0].x0-iv.x1 <= 2*em {
			// The end of a name wrapped under it, a character or two
			// wide and as far to the left: the same column.
			out[0].x0 = min(out[0].x0, iv.x0)
			continue
		}
		out = append(out, iv)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].x0 < out[j].x0 })
	return out
}

// withHeaderColumns adds to the body columns those that only a header
// names.
func withHeaderColumns(body []interval, lines []layout.Row, anchor []bool) []interval {
	cols := append([]interval(nil), body...)
	// Header and text-only lines: labels that fall into a gap between body
	// columns name a column that is empty in every body row — unless they
	// are just the centred label of a neighbouring column whose data sit at
	// its edge (right-aligned numbers, left-aligned names).
	type label struct {
		interval
		line int
	}
	var labels []label
	for i := range lines {
		if anchor[i] {
			continue
		}
		var mine []interval
		for _, r := range lines[i].Runs {
			iv := interval{r.X0, r.X1}
			hits := false
			for _, c := range cols {
				if iv.x1 > c.x0 && iv.x0 < c.x1 {
					hits = true
					break
				}
			}
			if !hits {
				mine = append(mine, iv)
			}
		}
		for _, iv := range mergeLabels(mine) {
			labels = append(labels, label{iv, i})
		}
	}
	var extra []interval
	for li, l := range labels {
		c := (l.x0 + l.x1) / 2
		var left, right *interval
		for k := range cols {
			if cols[k].x1 <= l.x0 {
				left = &cols[k]
			}
			if cols[k].x0 >= l.x1 && right == nil {
				right = &cols[k]
			}
		}
		// Another label of the same header line between a and b.
		otherLabel := func(a, b float64) bool {
			for lj, o := range labels {
				if lj != li && o.line == l.line && (o.x0+o.x1)/2 > a && (o.x0+o.x1)/2 < b {
					return true
				}
			}
			return false
		}
		// A column with a label of its own on this line over its text
		// (预算金额 over the amounts) is named already: the label beside it
		// (说明) names another.
		labelled := func(col *interval) bool {
			for _, r := range lines[l.line].Runs {
				if r.X1 > col.x0 && r.X0 < col.x1 && r.X1 <= l.x0+0.5 || r.X0 >= l.x1-0.5 && r.X1 > col.x0 && r.X0 < col.x1 {
					return true
				}
			}
			return false
		}
		absorbed := spreadTail(lines[l.line], l.interval)
		if !absorbed && right != nil && !labelled(right) {
			// The label centred over the column that ends at right.x1.
			from := 2*c - right.x1
			if (left == nil || from >= left.x1-2) && !otherLabel(from, right.x0) {
				absorbed = true
			}
		}
		if !absorbed && left != nil && !labelled(left) {
			to := 2*c - left.x0
			if (right == nil || to <= right.x0+2) && !otherLabel(left.x1, to) {
				absorbed = true
			}
		}
		// A group label centred over several body columns.
		for i := 0; i < len(cols) && !absorbed; i++ {
			for j := i + 1; j < len(cols); j++ {
				if cols[i].x1 > l.x0 || cols[j].x0 < l.x1 {
					continue
				}
				mid := (cols[i].x0 + cols[j].x1) / 2
				if math.Abs(c-mid) <= max(3, 0.04*(cols[j].x1-cols[i].x0)) {
					absorbed = true
					break
				}
			}
		}
		if !absorbed {
			extra = append(extra, l.interval)
		}
	}
	if len(extra) > 0 {
		// The body columns stay as they are (two may be a point apart: a
		// right-aligned number and the name after it); extra columns fall
		// into their gaps.
		cols = append(cols, mergeIntervals(extra)...)
		sort.Slice(cols, func(i, j int) bool { return cols[i].x0 < cols[j].x0 })
	}
	return cols
}

// spreadTail reports whether a header label is the last character of a
// word spread over its cell (项 … 目, 收 … 入: the characters of a short
// label set apart to fill the width): one ideograph whose neighbour on the
// left, in the same line, is one ideograph too, at least two characters'
// width away. It names no column of its own.
func spreadTail(l layout.Row, iv interval) bool {
	var tail, left *extract.Run
	for k := range l.Runs {
		r := &l.Runs[k]
		if r.X0 >= iv.x0-0.5 && r.X1 <= iv.x1+0.5 {
			tail = r
		} else if r.X1 <= iv.x0 && (left == nil || r.X1 > left.X1) {
			left = r
		}
	}
	if tail == nil || left == nil || !oneIdeograph(tail.Text) || !oneIdeograph(left.Text) {
		return false
	}
	return tail.X0-left.X1 >= 2*max(tail.Size, 1)
}

// oneIdeograph reports whether s is a single Han character.
func oneIdeograph(s string) bool {
	rs := []rune(strings.TrimSpace(s))
	return len(rs) == 1 && unicode.Is(unicode.Han, rs[0])
}

// glyphBoxes returns the boxes of a run's glyphs (the run's box when it has
// none).
func glyphBoxes(r extract.Run) []extract.Box {
	if len(r.Glyphs) == 0 {
		return []extract.Box{r.Box}
	}
	out := make([]extract.Box, len(r.Glyphs))
	for i, g := range r.Glyphs {
		out[i] = g.Box
	}
	return out
}

func mergeIntervals(iv []interval) []interval {
	if len(iv) == 0 {
		return nil
	}
	sort.Slice(iv, func(i, j int) bool { return iv[i].x0 < iv[j].x0 })
	out := []interval{iv[0]}
	for _, x := range iv[1:] {
		last := &out[len(out)-1]
		if x.x0 <= last.x1+1 {
			last.x1 = max(last.x1, x.x1)
			continue
		}
		out = append(out, x)
	}
	return out
}

// bounds turns column intervals into boundaries halfway between columns.
func bounds(cols []interval) []float64 {
	b := make([]float64, 0, len(cols)+1)
	b = append(b, cols[0].x0-1)
	for i := 1; i < len(cols); i++ {
		b = append(b, (cols[i-1].x1+cols[i].x0)/2)
	}
	return append(b, cols[len(cols)-1].x1+1)
}

func colOf(cols []interval, x float64) int {
	best, bestD := 0, math.MaxFloat64
	for i, c := range cols {
		if x >= c.x0 && x <= c.x1 {
			return i
		}
		d := math.Min(math.Abs(x-c.x0), math.Abs(x-c.x1))
		if d < bestD {
			best, bestD = i, d
		}
	}
	return best
}

// crossesColumns reports whether a line holds a run that spans three or
// more columns: running text, not a table row.
func crossesColumns(l *layout.Row, cols []interval) bool {
	for _, r := range l.Runs {
		n := 0
		for _, c := range cols {
			if r.X1 > c.x0+1 && r.X0 < c.x1-1 {
				n++
			}
		}
		if n >= 3 {
			return true
		}
	}
	return false
}

// wrapsUnder reports whether a header line only continues the cells of the
// line above it: labels wrapped inside their cells, whose first line ran to
// the right edge of its column.
func wrapsUnder(l *layout.Row, above layout.Row, cols []interval) bool {
	// Lines of one cell sit closer together than rows do.
	if l.Y0-above.Y1 > 0.45*l.H() {
		return false
	}
	left := map[int]float64{}
	right := map[int]float64{}
	size := map[int]float64{}
	for _, r := range above.Runs {
		for _, pc := range cutRun(r, cols) {
			if x, ok := left[pc.col]; !ok || pc.X0 < x {
				left[pc.col] = pc.X0
			}
			right[pc.col] = max(right[pc.col], pc.X1)
			size[pc.col] = max(r.Size, 1)
		}
	}
	n := 0
	for _, r := range l.Runs {
		for _, pc := range cutRun(r, cols) {
			x1, ok := right[pc.col]
			if !ok {
				return false
			}
			// The text above ran to the column's edge, or this line is
			// centred under it (a label wrapped in a centred cell).
			centred := math.Abs(pc.CX()-(left[pc.col]+x1)/2) <= 0.5*size[pc.col] && pc.W() < x1-left[pc.col]
			if cols[pc.col].x1-x1 > 1.5*size[pc.col] && !centred {
				return false
			}
			n++
		}
	}
	return n > 0
}

// streamRow builds one grid row from a group of lines.
func streamRow(g *layout.Grid, lines []layout.Row, grp []int, cols []interval, spans []groupSpan) layout.Row {
	type part struct {
		y    float64
		x    float64
		text string
		box  extract.Box
		size float64
	}
	byCol := make([][]part, len(cols))
	box := lines[grp[0]].Box
	for _, i := range grp {
		l := &lines[i]
		box = box.Union(l.Box)
		for _, r := range l.Runs {
			for _, pc := range cutRun(r, cols) {
				col := pc.col
				// A group label centred over its columns stands in the
				// first of them, as a ruled table's merged cell does.
				for _, sp := range spans {
					if pc.CX() > sp.label.X0 && pc.CX() < sp.label.X1 && pc.CY() > sp.label.Y0 && pc.CY() < sp.label.Y1 {
						col = colOf(cols, sp.x0+0.5)
					}
				}
				byCol[col] = append(byCol[col], part{pc.CY(), pc.X0, pc.text, pc.Box, r.Size})
			}
		}
	}
	// Right edge each column's text reaches anywhere in the group, for the
	// fullness test.
	row := layout.Row{Page: lines[grp[0]].Page, Box: box, Grid: g, Lines: len(grp)}
	for c, ps := range byCol {
		if len(ps) == 0 {
			continue
		}
		sort.Slice(ps, func(i, j int) bool {
			if math.Abs(ps[i].y-ps[j].y) > 2 {
				return ps[i].y < ps[j].y
			}
			return ps[i].x < ps[j].x
		})
		text := ""
		lastY := ps[0].y
		lineText := ""
		for k, p := range ps {
			if k > 0 && math.Abs(p.y-lastY) > 2 {
				text = layout.JoinText(text, layout.CleanText(lineText))
				lineText = ""
			}
			if lineText != "" {
				lineText += " "
			}
			lineText += p.text
			lastY = p.y
		}
		text = layout.JoinText(text, layout.CleanText(lineText))
		last := ps[len(ps)-1]
		full := cols[c].x1-last.box.X1 < 1.2*max(last.size, 1)
		row.Cells = append(row.Cells, layout.Cell{Col: c, Span: 1, Text: text, Full: full,
			Box: extract.Box{X0: g.Cols[c], Y0: box.Y0, X1: g.Cols[c+1], Y1: box.Y1}})
	}
	return row
}

// decimalAmount reports whether s is an amount with decimals (0.00,
// 1,234.50), not a year or a count that a character may follow (2024年).
func decimalAmount(s string) bool {
	s = strings.TrimSpace(s)
	return strings.Contains(s, ".") && IsNumber(s) && s[len(s)-1] >= '0' && s[len(s)-1] <= '9'
}

func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}

type runPiece struct {
	text string
	extract.Box
}

// runPieces cuts a run at its wide internal spaces.
func runPieces(r extract.Run) []runPiece {
	boxes := splitRun(r)
	if len(boxes) == 1 {
		return []runPiece{{strings.TrimSpace(r.Text), r.Box}}
	}
	out := make([]runPiece, 0, len(boxes))
	gi := 0
	for _, b := range boxes {
		var sb strings.Builder
		for gi < len(r.Glyphs) && r.Glyphs[gi].X0 < b.X1-0.01 {
			sb.WriteString(r.Glyphs[gi].Text)
			gi++
		}
		out = append(out, runPiece{strings.TrimSpace(sb.String()), b})
	}
	return out
}

type colPiece struct {
	runPiece
	col int
	// firstW is the width of the piece's first glyph.
	firstW float64
}

// cutRun cuts a run into the pieces that fall into each column, by the
// centres of its glyphs. A word is not cut between glyphs that touch: a
// header label centred over two columns (本年收入 over 小计 … 其他收入)
// stays whole, in the column of its centre.
func cutRun(r extract.Run, cols []interval) []colPiece {
	if len(r.Glyphs) == 0 {
		return []colPiece{{runPiece{strings.TrimSpace(r.Text), r.Box}, colOf(cols, r.CX()), r.Size}}
	}
	if parts := fusedAmounts(r); parts != nil {
		out := make([]colPiece, 0, len(parts))
		for _, p := range parts {
			out = append(out, colPiece{p, colOf(cols, p.CX()), p.W()})
		}
		return out
	}
	var out []colPiece
	var sb strings.Builder
	var box extract.Box
	cur := -1
	firstW := 0.0
	flush := func() {
		if cur >= 0 {
			if t := strings.TrimSpace(sb.String()); t != "" {
				// A word kept whole goes to the column of its centre.
				out = append(out, colPiece{runPiece{t, box}, colOf(cols, box.CX()), firstW})
			}
		}
		sb.Reset()
	}
	var prev *extract.Glyph
	for i := range r.Glyphs {
		g := &r.Glyphs[i]
		c := colOf(cols, g.CX())
		// Glyphs that touch are one word, but for an amount with decimals
		// and the ideograph after it: text of the next column printed
		// against the figure (0.00等工作，能为…, an amount and the start of
		// a narrative cell).
		touching := prev != nil && g.X0-prev.X1 < 0.15*max(r.Size, 1) && !(layout.IsWide(firstRune(g.Text)) && decimalAmount(sb.String()))
		if c != cur && !touching {
			flush()
			cur, box = c, g.Box
			firstW = g.W()
			prev = nil
		}
		if prev != nil && g.X0-prev.X1 > 0.15*max(r.Size, 1) {
			sb.WriteByte(' ')
		}
		sb.WriteString(g.Text)
		box = box.Union(g.Box)
		prev = g
	}
	flush()
	return out
}

// fusedAmount is an amount with thousands separators and two decimals.
var fusedAmount = regexp.MustCompile(`^-?\d{1,3}(?:,\d{3})*\.\d{2}`)

// fusedAmounts parts a run that is two amounts or more printed with no
// space between them (168,441.81154,304.22: right-aligned figures of two
// columns touching) into one piece per amount, over its glyphs; nil for
// any other run. With separators and two decimals the parting is certain.
func fusedAmounts(r extract.Run) []runPiece {
	if strings.Count(r.Text, ".") < 2 {
		return nil // the common case, at no cost
	}
	text := strings.ReplaceAll(r.Text, " ", "")
	if utf8.RuneCountInString(text) != len(r.Glyphs) {
		return nil
	}
	var out []runPiece
	at := 0
	for text != "" {
		m := fusedAmount.FindString(text)
		if m == "" {
			return nil
		}
		gs := r.Glyphs[at : at+len(m)]
		b := gs[0].Box
		for _, g := range gs[1:] {
			b = b.Union(g.Box)
		}
		out = append(out, runPiece{m, b})
		at += len(m)
		text = text[len(m):]
	}
	if len(out) < 2 {
		return nil
	}
	return out
}

// splitRun cuts a run at wide internal spaces: "208 社会保障和就业支出"
// printed as one run is two cells.
func splitRun(r extract.Run) []extract.Box {
	if len(r.Glyphs) == 0 || !strings.Contains(r.Text, " ") {
		return []extract.Box{r.Box}
	}
	return gapBoxes(r, 0.9)
}

// mergeLabels joins overlapping header labels, and the characters of a
// label printed spaced out (项   目).
func mergeLabels(iv []interval) []interval {
	if len(iv) == 0 {
		return nil
	}
	sort.Slice(iv, func(i, j int) bool { return iv[i].x0 < iv[j].x0 })
	out := []interval{iv[0]}
	for _, x := range iv[1:] {
		last := &out[len(out)-1]
		h := x.x1 - x.x0
		// A single character: a square about as wide as the one before.
		single := last.x1-last.x0 < 1.3*h && h < 1.3*(last.x1-last.x0)
		if x.x0 <= last.x1+1 || (single && x.x0-last.x1 <= 1.5*h) {
			last.x1 = max(last.x1, x.x1)
			continue
		}
		out = append(out, x)
	}
	return out
}
