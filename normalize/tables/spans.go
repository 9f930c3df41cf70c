package tables

import (
	"cmp"
	"math"
	"slices"
	"strings"

	"github.com/cnbudget/cnbudget/normalize/layout"
)

// A list of projects and their indicators (Beijing's 项目支出绩效目标表)
// prints each project's name, amounts and goal in cells that span the
// rows of its indicators, each text centred on its cell. Read without
// rules, every line is a row: the project's text stands in the middle
// of its indicators, on lines of its own or beside some of them. A ruled
// reading gives the project's cells to its first indicator row; spanRows
// does the same for the rows of an unruled page.
//
// The project cells are the columns before the first indicator column
// (from). A row whose project cells hold an amount is a project's
// anchor; the lines with text in the project cells around it, without a
// break, are its text (two anchors in one such run share it out evenly).
// The project's indicator rows are a block of rows centred on its text
// (see blockStarts). The rows are taken in the page's order.
func spanRows(rows []layout.Row, from int) []layout.Row {
	if from <= 0 || len(rows) < 2 {
		return rows
	}
	// In the order they stand on the page (a line slightly above the one
	// before it in the text comes first).
	rows = slices.Clone(rows)
	slices.SortStableFunc(rows, func(a, b layout.Row) int { return cmp.Compare(a.CY(), b.CY()) })
	left := make([]bool, len(rows))  // text in the project cells
	right := make([]bool, len(rows)) // text in the indicator cells
	var anchors []int
	for i, r := range rows {
		amount := false
		for _, c := range r.Cells {
			if c.Text == "" {
				continue
			}
			if c.Col < from {
				left[i] = true
				amount = amount || IsNumber(c.Text)
			} else {
				right[i] = true
			}
		}
		if amount {
			anchors = append(anchors, i)
		}
	}
	if len(anchors) == 0 {
		return rows
	}
	// Each anchor's text: the run of lines with project text around it.
	owner := make([]int, len(rows)) // anchor whose text a row's project cells are, -1: none
	for i := range owner {
		owner[i] = -1
	}
	for k := 0; k < len(anchors); {
		a := anchors[k]
		lo, hi := a, a
		for lo > 0 && left[lo-1] {
			lo--
		}
		for hi+1 < len(rows) && left[hi+1] {
			hi++
		}
		// The anchors of this run.
		in := []int{}
		for k < len(anchors) && anchors[k] <= hi {
			in = append(in, anchors[k])
			k++
		}
		start := lo
		for x, a := range in {
			end := hi
			if x+1 < len(in) {
				// As many lines under a as over it, the rest to the next.
				end = min(a+(a-start), in[x+1]-1)
			}
			for i := start; i <= end; i++ {
				owner[i] = a
			}
			start = end + 1
		}
	}
	// The rows of each anchor's text, first and last.
	first, last := map[int]int{}, map[int]int{}
	for i, a := range owner {
		if a < 0 {
			continue
		}
		if _, ok := first[a]; !ok {
			first[a] = i
		}
		last[a] = i
	}
	starts := blockStarts(rows, anchors, first, last)
	out := make([]layout.Row, 0, len(rows))
	for k, a := range anchors {
		s, e := starts[k], starts[k+1]
		// The project's cells, each column's lines joined.
		merged := map[int]*layout.Cell{}
		var cols []int
		for i := s; i < e; i++ {
			if owner[i] != a {
				continue
			}
			for _, c := range rows[i].Cells {
				if c.Col >= from || c.Text == "" {
					continue
				}
				m := merged[c.Col]
				if m == nil {
					c := c
					merged[c.Col] = &c
					cols = append(cols, c.Col)
					continue
				}
				m.Text = layout.JoinText(m.Text, c.Text)
				m.Box = m.Box.Union(c.Box)
				m.Full = c.Full
			}
		}
		slices.Sort(cols)
		host := -1
		for i := s; i < e; i++ {
			if right[i] {
				host = i
				break
			}
		}
		if host < 0 {
			host = a
		}
		for i := s; i < e; i++ {
			r := rows[i]
			var cells []layout.Cell
			if i == host {
				for _, c := range cols {
					cells = append(cells, *merged[c])
				}
			}
			for _, c := range r.Cells {
				if c.Col < from && owner[i] == a {
					continue // merged into the host
				}
				cells = append(cells, c)
			}
			if len(cells) == 0 {
				continue
			}
			slices.SortStableFunc(cells, func(x, y layout.Cell) int { return x.Col - y.Col })
			r.Cells = cells
			out = append(out, r)
		}
	}
	return out
}

// indicatorColumns finds, for an unruled project list, its first
// indicator column (一级指标, 二级指标 or 三级指标 in its header: the
// table's, or a row of rows) and the first of rows under that header;
// from is -1 when neither names one.
func (a *assembler) indicatorColumns(rows []layout.Row) (from, body int) {
	from = -1
	level := func(s string) bool {
		switch a.r.IndicatorField(s) {
		case "level1", "level2", "level3":
			return true
		}
		return false
	}
	for _, h := range a.tbl.t.Header {
		for c, s := range h {
			if level(s) && (from < 0 || c < from) {
				from = c
			}
		}
	}
	for i, r := range rows {
		for _, c := range r.Cells {
			if level(c.Text) {
				if from < 0 || c.Col < from {
					from = c.Col
				}
				body = i + 1
			}
		}
	}
	return from, body
}

// blockStarts parts the rows of a page into the blocks of its projects,
// one per anchor: block k is rows [starts[k], starts[k+1]), the first
// starting at the page's top and the last ending at its foot. Each block
// ends between its project's text and the next one's (first and last give
// the rows of each anchor's text), where the middles of all the blocks
// stand nearest their texts' middles, summed over the page: a project's
// text is centred on its block, and one block's error does not carry over
// to the next.
func blockStarts(rows []layout.Row, anchors []int, first, last map[int]int) []int {
	n, m := len(rows), len(anchors)
	gap := func(p int) float64 { // the y where a block starting at row p begins
		switch p {
		case 0:
			return rows[0].Y0
		case n:
			return rows[n-1].Y1
		}
		return (rows[p-1].Y1 + rows[p].Y0) / 2
	}
	cost := func(k, p, q int) float64 {
		a := anchors[k]
		mid := (rows[first[a]].Y0 + rows[last[a]].Y1) / 2
		return math.Abs((gap(p)+gap(q))/2 - mid)
	}
	// cand[k]: where block k may start; best[k][i]: the least cost of
	// blocks before k when block k starts at cand[k][i], from[k][i] the
	// start of block k-1 that gives it.
	cand := make([][]int, m)
	cand[0] = []int{0}
	for k := 1; k < m; k++ {
		for p := last[anchors[k-1]] + 1; p <= first[anchors[k]]; p++ {
			cand[k] = append(cand[k], p)
		}
		if len(cand[k]) == 0 { // texts that touch: the next starts there
			cand[k] = []int{first[anchors[k]]}
		}
	}
	best := make([][]float64, m)
	from := make([][]int, m)
	best[0], from[0] = []float64{0}, []int{-1}
	for k := 1; k < m; k++ {
		best[k] = make([]float64, len(cand[k]))
		from[k] = make([]int, len(cand[k]))
		for i, p := range cand[k] {
			best[k][i], from[k][i] = math.Inf(1), -1
			for j, q := range cand[k-1] {
				if q >= p {
					continue
				}
				if c := best[k-1][j] + cost(k-1, q, p); c < best[k][i] {
					best[k][i], from[k][i] = c, j
				}
			}
		}
	}
	end, endCost := 0, math.Inf(1)
	for i, p := range cand[m-1] {
		if c := best[m-1][i] + cost(m-1, p, n); c < endCost {
			end, endCost = i, c
		}
	}
	starts := make([]int, m+1)
	starts[m] = n
	for k, i := m-1, end; k >= 0; k-- {
		starts[k] = cand[k][i]
		if i = from[k][i]; i < 0 && k > 0 {
			i = 0 // no way through (cannot happen: candidates ascend)
		}
	}
	return starts
}

// opensIndicator reports whether a line of an unruled project list holds
// a value of the first indicator level (产出指标): the line of an
// indicator's row, whatever its value (≥ 95 %, or 定性 | 优).
func (a *assembler) opensIndicator(l *layout.Row) bool {
	for _, r := range l.Runs {
		for f := range strings.FieldsSeq(r.Text) {
			if a.r.IsLevel1Value(f) {
				return true
			}
		}
	}
	return false
}
