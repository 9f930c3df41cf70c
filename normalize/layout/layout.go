// Package layout is the first half of stage two: it reads one page of
// positioned text (an extract.Page) and returns its content as a sequence
// of rows in reading order. A row is either a plain text line or a row of a
// table grid whose cells have been assigned to columns.
//
// Grids come from ruling lines: the vertical rules give the column
// boundaries, the horizontal rules the row bands, and a boundary missing
// inside a band merges the cells on both sides. Text wrapped inside a cell
// is joined back. Tables printed without rules stay plain lines here; the
// table assembler (package tables) rebuilds their columns from alignment
// because that needs to know where a table starts and ends.
package layout

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/cnbudget/cnbudget/extract"
	"github.com/cnbudget/cnbudget/normalize/internal/space"
)

// Row is one printed row of a page.
type Row struct {
	Page int
	extract.Box
	// Cells of a grid row, left to right; nil for a plain line.
	Cells []Cell
	// Grid is the grid the row belongs to; nil for a plain line.
	Grid *Grid
	// Runs of a plain line (nil for grid rows).
	Runs []extract.Run
	// Lines is the number of text lines that make up the row.
	Lines int
}

// Cell is one cell of a grid row.
type Cell struct {
	Col  int // first grid column the cell covers
	Span int // number of grid columns it covers
	Text string
	extract.Box
	// Full reports whether the cell's last text line reaches the right edge
	// of the cell, the sign of text that wrapped (or was cut by a page
	// break).
	Full bool
}

// Grid is a ruled table area of one page.
type Grid struct {
	Page int
	extract.Box
	// Cols are the column boundaries, left to right (len = columns + 1).
	Cols []float64
	spec *gridSpec
	// stream marks a grid inferred from text alignment rather than rules.
	stream bool
}

// NewStreamGrid returns a grid whose column boundaries were inferred from
// the alignment of text rather than drawn.
func NewStreamGrid(page int, box extract.Box, cols []float64) *Grid {
	return &Grid{Page: page, Box: box, Cols: cols, stream: true}
}

// Ruled reports whether g was drawn with ruling lines.
func (g *Grid) Ruled() bool { return !g.stream }

// NCols returns the number of columns of g.
func (g *Grid) NCols() int { return len(g.Cols) - 1 }

// IsGrid reports whether r is a grid row.
func (r *Row) IsGrid() bool { return r.Grid != nil }

// Text returns the text of the row: the cells (or runs) joined by a space.
func (r *Row) Text() string {
	if r.Grid == nil && len(r.Runs) == 1 {
		return r.Runs[0].Text
	}
	var parts []string
	if r.Grid != nil {
		for _, c := range r.Cells {
			if c.Text != "" {
				parts = append(parts, c.Text)
			}
		}
	} else {
		for _, run := range r.Runs {
			parts = append(parts, run.Text)
		}
	}
	return strings.Join(parts, " ")
}

// NonEmpty returns the cells of r that hold text.
func (r *Row) NonEmpty() []Cell {
	out := make([]Cell, 0, len(r.Cells))
	for _, c := range r.Cells {
		if c.Text != "" {
			out = append(out, c)
		}
	}
	return out
}

// Page returns the rows of p in reading order.
func Page(p *extract.Page) []Row {
	grids := findGrids(p)
	rows := make([]Row, 0, len(p.Lines))
	var used [][]bool // per line and run: taken by a grid
	if len(grids) > 0 {
		n := 0
		for i := range p.Lines {
			n += len(p.Lines[i].Runs)
		}
		flags := make([]bool, n)
		used = make([][]bool, len(p.Lines))
		for i := range p.Lines {
			k := len(p.Lines[i].Runs)
			used[i], flags = flags[:k:k], flags[k:]
		}
	}
	for _, g := range grids {
		rows = append(rows, g.rows(p, used)...)
	}
	for i, l := range p.Lines {
		// A line no grid took a run of is a row as it stands (its runs
		// are shared, not copied: rows are read, never changed).
		runs := l.Runs[:len(l.Runs):len(l.Runs)]
		if used != nil && slices.Contains(used[i], true) {
			runs = nil
			for j, r := range l.Runs {
				if !used[i][j] {
					runs = append(runs, r)
				}
			}
		}
		if len(runs) == 0 {
			continue
		}
		box := runs[0].Box
		for _, r := range runs[1:] {
			box = box.Union(r.Box)
		}
		rows = append(rows, Row{Page: p.Number, Box: box, Runs: runs, Lines: 1})
	}
	// Rows by their top; rows that overlap vertically keep left-to-right
	// order; a grid's rows keep their order.
	less := func(a, b *Row) bool {
		if a.Grid != nil && a.Grid == b.Grid {
			return a.Y0 < b.Y0
		}
		if a.Y1 <= b.Y0+0.5 || b.Y1 <= a.Y0+0.5 {
			return a.Y0 < b.Y0
		}
		if a.Grid == nil && b.Grid == nil {
			return a.X0 < b.X0
		}
		return a.Y0 < b.Y0
	}
	slices.SortStableFunc(rows, func(a, b Row) int {
		switch {
		case less(&a, &b):
			return -1
		case less(&b, &a):
			return 1
		}
		return 0
	})
	return rows
}

// JoinText joins two pieces of text that were on consecutive lines of one
// cell: CJK and numbers are joined directly, Latin words with a space.
func JoinText(a, b string) string {
	if a == "" {
		return b
	}
	if b == "" {
		return a
	}
	ra, _ := utf8.DecodeLastRuneInString(a)
	rb, _ := utf8.DecodeRuneInString(b)
	if isLatinLetter(ra) && isLatinLetter(rb) {
		return a + " " + b
	}
	return a + b
}

func isLatinLetter(r rune) bool { return r < 0x250 && unicode.IsLetter(r) }

// IsWide reports whether r is a CJK ideograph or full-width character.
func IsWide(r rune) bool {
	return r >= 0x2E80 && r <= 0x9FFF || r >= 0xF900 && r <= 0xFAFF || r >= 0xFF00 && r <= 0xFF60 || r >= 0x3000 && r <= 0x303F
}

// JoinClean joins texts that are each clean (as CleanText returns them)
// into what CleanText returns for them joined by spaces: a space between
// two texts unless both sides are CJK.
func JoinClean(parts []string) string {
	switch len(parts) {
	case 0:
		return ""
	case 1:
		return parts[0]
	}
	n := len(parts)
	for _, p := range parts {
		n += len(p)
	}
	b := make([]byte, 0, n)
	for _, p := range parts {
		if p == "" {
			continue
		}
		if len(b) > 0 {
			last, _ := utf8.DecodeLastRune(b)
			first, _ := utf8.DecodeRuneInString(p)
			if !(IsWide(last) && IsWide(first)) {
				b = append(b, ' ')
			}
		}
		b = append(b, p...)
	}
	return string(b)
}

// CleanText collapses white space in s and drops the spaces that stand
// between two CJK characters ("合   计" → "合计"); other spaces stay as one.
func CleanText(s string) string {
	if s == "" || !space.In(s) {
		return s
	}
	fields := strings.Fields(s)
	if len(fields) <= 1 {
		if len(fields) == 0 {
			return ""
		}
		return fields[0]
	}
	var b strings.Builder
	b.Grow(len(s))
	b.WriteString(fields[0])
	for _, f := range fields[1:] {
		last, _ := utf8.DecodeLastRuneInString(b.String())
		first, _ := utf8.DecodeRuneInString(f)
		if !(IsWide(last) && IsWide(first)) {
			b.WriteByte(' ')
		}
		b.WriteString(f)
	}
	return b.String()
}
