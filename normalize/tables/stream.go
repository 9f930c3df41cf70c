package tables

import (
	"math"
	"sort"
	"strings"

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
// It returns the rows, and the lines from the first one that cannot be part
// of the table (a paragraph running across the columns) onwards.
func streamRows(lines []layout.Row) (rows []layout.Row, rest []layout.Row) {
	if len(lines) == 0 {
		return nil, nil
	}
	anchor := make([]bool, len(lines))
	firstAnchor := -1
	for i := range lines {
		anchor[i] = lineHasNumber(&lines[i])
		if anchor[i] && firstAnchor < 0 {
			firstAnchor = i
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
		if multi*2 < len(lines) {
			return nil, lines
		}
	}
	cols := streamColumns(lines, anchor)
	// The table ends at the first line that runs across several columns and
	// carries no number: running text after the table.
	end := len(lines)
	if len(cols) >= 3 {
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
		return nil, rest
	}
	cb := bounds(cols)
	g := layout.NewStreamGrid(lines[0].Page,
		extract.Box{X0: cb[0], Y0: lines[0].Y0, X1: cb[len(cb)-1], Y1: lines[len(lines)-1].Y1}, cb)

	// Group lines into rows.
	var groups [][]int
	if firstAnchor < 0 {
		firstAnchor = len(lines)
	}
	// Header lines: each a row, wrapped header fragments joined upwards.
	for i := 0; i < min(firstAnchor, len(lines)); i++ {
		if n := len(groups); n > 0 && wrapsUnder(&lines[i], lines[groups[n-1][len(groups[n-1])-1]], cols) {
			groups[n-1] = append(groups[n-1], i)
			continue
		}
		groups = append(groups, []int{i})
	}
	// Body: every anchor starts a row; other lines join the nearest anchor
	// (the one above on a tie, as cells are usually top-aligned).
	owner := map[int]int{}
	var anchors []int
	for i := firstAnchor; i < len(lines); i++ {
		if anchor[i] {
			anchors = append(anchors, i)
		}
	}
	for i := firstAnchor; i < len(lines); i++ {
		if anchor[i] {
			owner[i] = i
			continue
		}
		best, bestD := -1, math.MaxFloat64
		for _, a := range anchors {
			d := math.Abs(lines[a].CY() - lines[i].CY())
			if d < bestD-0.5 || (math.Abs(d-bestD) <= 0.5 && a < i && (best > i || best < 0)) {
				best, bestD = a, d
			}
		}
		owner[i] = best
	}
	byAnchor := map[int][]int{}
	for i := firstAnchor; i < len(lines); i++ {
		byAnchor[owner[i]] = append(byAnchor[owner[i]], i)
	}
	for _, a := range anchors {
		groups = append(groups, byAnchor[a])
	}
	for _, grp := range groups {
		rows = append(rows, streamRow(g, lines, grp, cols))
	}
	return rows, rest
}

// lineHasNumber reports whether a line carries an amount or a code.
func lineHasNumber(l *layout.Row) bool {
	for _, r := range l.Runs {
		for _, f := range strings.Fields(r.Text) {
			if IsNumber(rules.Squeeze(f)) {
				return true
			}
		}
	}
	return false
}

type interval struct{ x0, x1 float64 }

// streamColumns finds the column intervals of an unruled table.
func streamColumns(lines []layout.Row, anchor []bool) []interval {
	var body []interval
	add := func(set []interval, iv interval) []interval {
		return append(set, iv)
	}
	for i := range lines {
		if !anchor[i] {
			continue
		}
		for _, r := range lines[i].Runs {
			for _, p := range splitRun(r) {
				body = add(body, interval{p.X0, p.X1})
			}
		}
	}
	cols := mergeIntervals(body)
	// Header and text-only lines: runs that fall into a gap between body
	// columns open a column of their own.
	var extra []interval
	for i := range lines {
		if anchor[i] {
			continue
		}
		for _, r := range lines[i].Runs {
			hits := 0
			for _, c := range cols {
				if r.X1 > c.x0 && r.X0 < c.x1 {
					hits++
				}
			}
			if hits == 0 {
				extra = append(extra, interval{r.X0, r.X1})
			}
		}
	}
	if len(extra) > 0 {
		cols = mergeIntervals(append(cols, mergeIntervals(extra)...))
	}
	return cols
}

// splitRun cuts a run at wide internal spaces: "208 社会保障和就业支出" printed
// as one run is two cells.
func splitRun(r extract.Run) []extract.Box {
	if len(r.Glyphs) == 0 || !strings.Contains(r.Text, " ") {
		return []extract.Box{r.Box}
	}
	var out []extract.Box
	cur := r.Glyphs[0].Box
	for _, g := range r.Glyphs[1:] {
		if g.X0-cur.X1 > 0.9*max(r.Size, 1) {
			out = append(out, cur)
			cur = g.Box
			continue
		}
		cur = cur.Union(g.Box)
	}
	return append(out, cur)
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
// line above it (a header label wrapped inside its cell).
func wrapsUnder(l *layout.Row, above layout.Row, cols []interval) bool {
	if l.Y0-above.Y1 > 0.8*l.H() {
		return false
	}
	has := map[int]bool{}
	for _, r := range above.Runs {
		has[colOf(cols, r.CX())] = true
	}
	for _, r := range l.Runs {
		if !has[colOf(cols, r.CX())] {
			return false
		}
	}
	return true
}

// streamRow builds one grid row from a group of lines.
func streamRow(g *layout.Grid, lines []layout.Row, grp []int, cols []interval) layout.Row {
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
			for _, pc := range runPieces(r) {
				c := colOf(cols, pc.CX())
				byCol[c] = append(byCol[c], part{pc.CY(), pc.X0, pc.text, pc.Box, r.Size})
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
