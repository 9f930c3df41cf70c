package layout

import (
	"cmp"
	"slices"
	"sort"
	"strings"

	"github.com/cnbudget/cnbudget/extract"
)

const (
	// ruleThickness is the most a ruling line may measure across.
	ruleThickness = 3.0
	// minRuleLength drops specks, tick marks and the strokes of glyphs
	// drawn as paths.
	minRuleLength = 6.0
	// A grid needs two horizontal rules at least minFrameRule long.
	minFrameRule = 15.0
	// joinTol is how far apart two rules may be and still touch.
	joinTol = 2.5
	// clusterTol merges boundary positions closer than this.
	clusterTol = 1.6
	// minBand is the smallest row or column band that can hold text; thinner
	// bands are the gaps of double borders.
	minBand = 4.0
	// minOpenColumn is how far horizontal rules must run past the last
	// vertical one to frame a column left open at the table's side.
	minOpenColumn = 12.0
	// coverage is the share of a band a rule must cover to count as present.
	coverage = 0.6
)

type segment struct {
	pos      float64 // x of a vertical, y of a horizontal rule
	lo, hi   float64 // extent along the rule
	vertical bool
}

// findGrids finds the ruled table areas of a page.
func findGrids(p *extract.Page) []*Grid {
	if len(p.Rules) < 4 {
		return nil
	}
	segs := make([]segment, 0, len(p.Rules))
	strokes := newGlyphIndex(p)
	for _, r := range p.Rules {
		w, h := r.W(), r.H()
		if strokes.covers(r.Box) {
			// A stroke of a character drawn as a path over its text.
			continue
		}
		switch {
		case h <= ruleThickness && w >= minRuleLength && w > h:
			segs = append(segs, segment{pos: r.CY(), lo: r.X0, hi: r.X1})
		case w <= ruleThickness && h >= minRuleLength && h > w:
			segs = append(segs, segment{pos: r.CX(), lo: r.Y0, hi: r.Y1, vertical: true})
		}
	}
	if len(segs) < 4 {
		return nil
	}
	comps := components(segs)
	var grids []*Grid
	for _, comp := range comps {
		if g := buildGrid(p.Number, comp); g != nil {
			grids = append(grids, g)
		}
	}
	return grids
}

// components groups segments that touch or cross.
func components(segs []segment) [][]segment {
	parent := make([]int, len(segs))
	for i := range parent {
		parent[i] = i
	}
	var find func(int) int
	find = func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	union := func(a, b int) {
		ra, rb := find(a), find(b)
		if ra != rb {
			parent[ra] = rb
		}
	}
	// Sort by the lower bound of the bounding box's y to limit comparisons.
	type bb struct {
		x0, y0, x1, y1 float64
	}
	boxes := make([]bb, len(segs))
	for i, s := range segs {
		if s.vertical {
			boxes[i] = bb{s.pos - joinTol, s.lo - joinTol, s.pos + joinTol, s.hi + joinTol}
		} else {
			boxes[i] = bb{s.lo - joinTol, s.pos - joinTol, s.hi + joinTol, s.pos + joinTol}
		}
	}
	order := make([]int, len(segs))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int { return cmp.Compare(boxes[a].y0, boxes[b].y0) })
	for ai, a := range order {
		ba := boxes[a]
		for _, b := range order[ai+1:] {
			bb := boxes[b]
			if bb.y0 > ba.y1 {
				break
			}
			if bb.x0 <= ba.x1 && ba.x0 <= bb.x1 {
				union(a, b)
			}
		}
	}
	// Groups in the order of their first segment, each a slice of one
	// array holding them all.
	slot := make([]int, len(segs)) // root -> group index, plus one
	var sizes []int
	for i := range segs {
		r := find(i)
		if slot[r] == 0 {
			sizes = append(sizes, 0)
			slot[r] = len(sizes)
		}
		sizes[slot[r]-1]++
	}
	all := make([]segment, len(segs))
	out := make([][]segment, len(sizes))
	at := 0
	for g, n := range sizes {
		out[g] = all[at : at : at+n]
		at += n
	}
	for i, s := range segs {
		g := slot[find(i)] - 1
		out[g] = append(out[g], s)
	}
	return out
}

// cluster returns the distinct positions of vals, merging those closer than
// tol (the mean of each cluster).
func cluster(vals []float64, tol float64) []float64 {
	if len(vals) == 0 {
		return nil
	}
	sort.Float64s(vals)
	var out []float64
	sum, n, last := vals[0], 1.0, vals[0]
	for _, v := range vals[1:] {
		if v-last <= tol {
			sum += v
			n++
		} else {
			out = append(out, sum/n)
			sum, n = v, 1
		}
		last = v
	}
	return append(out, sum/n)
}

// gridSpec is a grid under construction: boundaries plus the segments that
// draw them.
type gridSpec struct {
	xs, ys []float64
	v, h   []segment
}

func buildGrid(page int, comp []segment) *Grid {
	var gs gridSpec
	nv := 0
	for _, s := range comp {
		if s.vertical {
			nv++
		}
	}
	gs.v, gs.h = make([]segment, 0, nv), make([]segment, 0, len(comp)-nv)
	xv, yv := make([]float64, 0, nv), make([]float64, 0, len(comp)-nv)
	for _, s := range comp {
		if s.vertical {
			gs.v = append(gs.v, s)
			xv = append(xv, s.pos)
		} else {
			gs.h = append(gs.h, s)
			yv = append(yv, s.pos)
		}
	}
	if len(gs.v) < 2 || len(gs.h) < 2 {
		return nil
	}
	byPos := func(a, b segment) int { return cmp.Compare(a.pos, b.pos) }
	slices.SortFunc(gs.v, byPos)
	slices.SortFunc(gs.h, byPos)
	long := 0
	for _, h := range gs.h {
		if h.hi-h.lo >= minFrameRule {
			long++
		}
	}
	if long < 2 {
		return nil
	}
	gs.xs = cluster(xv, clusterTol)
	gs.ys = cluster(yv, clusterTol)
	// Vertical rules that run past the first or last horizontal rule
	// frame a band the page cut open (a row split by the page break).
	if len(gs.ys) > 0 {
		lo, hi := gs.ys[0], gs.ys[len(gs.ys)-1]
		for _, v := range gs.v {
			lo, hi = min(lo, v.lo), max(hi, v.hi)
		}
		if gs.ys[0]-lo > minBand {
			gs.ys = append([]float64{lo}, gs.ys...)
		}
		if hi-gs.ys[len(gs.ys)-1] > minBand {
			gs.ys = append(gs.ys, hi)
		}
	}
	// Horizontal rules that run past the first or last vertical rule
	// frame a column the table leaves open at its side (no outer border):
	// where most of the long ones end.
	if len(gs.xs) > 0 {
		var los, his []float64
		n := 0
		for _, h := range gs.h {
			if h.hi-h.lo < minFrameRule {
				continue
			}
			n++
			if gs.xs[0]-h.lo > minOpenColumn {
				los = append(los, h.lo)
			}
			if h.hi-gs.xs[len(gs.xs)-1] > minOpenColumn {
				his = append(his, h.hi)
			}
		}
		if 2*len(los) > n {
			slices.Sort(los)
			gs.xs = append([]float64{los[len(los)/2]}, gs.xs...)
		}
		if 2*len(his) > n {
			slices.Sort(his)
			gs.xs = append(gs.xs, his[len(his)/2])
		}
	}
	// The outer frame: horizontal rules reach from the first to the last
	// vertical boundary.
	if len(gs.xs) < 2 || len(gs.ys) < 2 {
		return nil
	}
	g := &Grid{
		Page: page,
		Box:  extract.Box{X0: gs.xs[0], Y0: gs.ys[0], X1: gs.xs[len(gs.xs)-1], Y1: gs.ys[len(gs.ys)-1]},
	}
	if g.W() < 20 || g.H() < 8 {
		return nil
	}
	g.Cols = gs.xs
	g.spec = &gs
	return g
}

// covered reports how much of [lo, hi] the segments at position pos cover.
// segs is sorted by position (buildGrid sorts them).
func covered(segs []segment, pos, lo, hi float64) float64 {
	if hi <= lo {
		return 1
	}
	const near = clusterTol * 1.5
	var buf [16][2]float64
	iv := buf[:0]
	i := sort.Search(len(segs), func(i int) bool { return segs[i].pos >= pos-near })
	for ; i < len(segs) && segs[i].pos <= pos+near; i++ {
		s := segs[i]
		a, b := max(s.lo, lo), min(s.hi, hi)
		if b <= a {
			continue
		}
		// Insertion keeps iv ordered by start; there are few of them.
		iv = append(iv, [2]float64{a, b})
		for j := len(iv) - 1; j > 0 && iv[j][0] < iv[j-1][0]; j-- {
			iv[j], iv[j-1] = iv[j-1], iv[j]
		}
	}
	if len(iv) == 0 {
		return 0
	}
	total, cur := 0.0, iv[0]
	for _, x := range iv[1:] {
		if x[0] <= cur[1]+joinTol {
			cur[1] = max(cur[1], x[1])
			continue
		}
		total += cur[1] - cur[0]
		cur = x
	}
	total += cur[1] - cur[0]
	return total / (hi - lo)
}

// piece is a run, or the part of a run that falls into one cell.
type piece struct {
	text string
	extract.Box
	size float64
}

// rows assigns the runs inside g to its cells and returns its rows. used
// marks the runs of p that were taken.
func (g *Grid) rows(p *extract.Page, used [][]bool) []Row {
	spec := g.spec
	ys := spec.ys
	xs := spec.xs
	nb, nc := len(ys)-1, len(xs)-1
	// Collect the pieces of every run whose centre lies inside the grid.
	type placed struct {
		piece
		band, col int
	}
	n := 0
	for _, l := range p.Lines {
		if l.Y1 >= g.Y0 && l.Y0 <= g.Y1 {
			n += len(l.Runs)
		}
	}
	all := make([]placed, 0, n+n/4)
	var pieces []piece
	for li, l := range p.Lines {
		if l.Y1 < g.Y0 || l.Y0 > g.Y1 {
			continue
		}
		for ri, r := range l.Runs {
			cx, cy := r.CX(), r.CY()
			if cx < g.X0 || cx > g.X1 || cy < g.Y0 || cy > g.Y1 {
				continue
			}
			used[li][ri] = true
			band := sort.SearchFloat64s(ys, cy) - 1
			band = max(0, min(band, nb-1))
			pieces = g.split(pieces[:0], r, band)
			for _, pc := range pieces {
				col := sort.SearchFloat64s(xs, pc.CX()) - 1
				col = max(0, min(col, nc-1))
				all = append(all, placed{pc, band, col})
			}
		}
	}
	// A cell merged over several rows has no rule between them in its
	// column (while other columns have one): its text belongs to the first
	// row of the span.
	for i := range all {
		pl := &all[i]
		for pl.band > 0 && covered(spec.h, ys[pl.band], xs[pl.col], xs[pl.col+1]) < coverage {
			pl.band--
		}
	}
	// Within each band, find the cells: columns joined where the boundary
	// between them is not drawn.
	// Bucket the pieces by band, keeping their order within a band.
	slices.SortStableFunc(all, func(a, b placed) int { return a.band - b.band })
	var rows []Row
	var ps []piece
	var store []Cell
	for b, next := 0, 0; b < nb; b++ {
		top, bottom := ys[b], ys[b+1]
		first := next
		for next < len(all) && all[next].band == b {
			next++
		}
		items := all[first:next]
		if bottom-top < minBand && len(items) == 0 {
			continue
		}
		// A band whose top rule is missing across its whole width continues
		// the band above (a merged row); keep bands as printed and let the
		// assembler decide. An empty band is a row without cells: a row
		// printed blank, or filler.
		if len(items) == 0 {
			rows = append(rows, Row{Page: p.Number, Box: extract.Box{X0: g.X0, Y0: top, X1: g.X1, Y1: bottom}, Grid: g})
			continue
		}
		// The cells of all bands share one array.
		if cap(store)-len(store) < nc {
			store = make([]Cell, 0, max(nc*(nb-b), nc))
		}
		cells := store[len(store) : len(store) : len(store)+nc]
		start := 0
		for c := 1; c <= nc; c++ {
			if c < nc && covered(spec.v, xs[c], top, bottom) < coverage {
				continue
			}
			cells = append(cells, Cell{Col: start, Span: c - start,
				Box: extract.Box{X0: xs[start], Y0: top, X1: xs[c], Y1: bottom}})
			start = c
		}
		// Fill the cells.
		lines := 0
		for ci := range cells {
			cell := &cells[ci]
			ps = ps[:0]
			for _, pl := range items {
				if pl.col >= cell.Col && pl.col < cell.Col+cell.Span {
					ps = append(ps, pl.piece)
				}
			}
			text, n, full := cellText(ps, cell.Box)
			cell.Text, cell.Full = text, full
			lines = max(lines, n)
		}
		store = store[:len(store)+len(cells)]
		cells = cells[:len(cells):len(cells)] // an append copies
		rows = append(rows, Row{Page: p.Number, Box: extract.Box{X0: g.X0, Y0: top, X1: g.X1, Y1: bottom},
			Cells: cells, Grid: g, Lines: lines})
	}
	return rows
}

// split cuts a run at the drawn column boundaries it crosses and appends
// the pieces to dst.
func (g *Grid) split(dst []piece, r extract.Run, band int) []piece {
	whole := piece{text: r.Text, Box: r.Box, size: r.Size}
	if len(r.Glyphs) < 2 {
		return append(dst, whole)
	}
	top, bottom := g.spec.ys[band], g.spec.ys[band+1]
	var cuts []float64
	for _, x := range g.spec.xs[1 : len(g.spec.xs)-1] {
		if x > r.X0+1 && x < r.X1-1 && covered(g.spec.v, x, top, bottom) >= coverage {
			cuts = append(cuts, x)
		}
	}
	if len(cuts) == 0 {
		return append(dst, whole)
	}
	// Cut the glyphs into groups by column.
	var groups [][]extract.Glyph
	var cur []extract.Glyph
	ci := 0
	for _, gl := range r.Glyphs {
		for ci < len(cuts) && gl.CX() > cuts[ci] {
			if len(cur) > 0 {
				groups = append(groups, cur)
			}
			cur = nil
			ci++
		}
		cur = append(cur, gl)
	}
	if len(cur) > 0 {
		groups = append(groups, cur)
	}
	// A label wider than its cell overflows it by a glyph or two on each
	// side (政|府预算支出经济科目（按大类|）): a fragment of at most two
	// glyphs that touches the rest of its word goes back to it.
	touch := 0.15 * max(r.Size, 1)
	for i := 0; i < len(groups); i++ {
		if len(groups) < 2 || len(groups[i]) > 2 {
			continue
		}
		g := groups[i]
		switch {
		case i+1 < len(groups) && len(groups[i+1]) > 2 && groups[i+1][0].X0-g[len(g)-1].X1 < touch:
			groups[i+1] = append(append([]extract.Glyph(nil), g...), groups[i+1]...)
			groups = append(groups[:i], groups[i+1:]...)
			i--
		case i > 0 && len(groups[i-1]) > 2 && g[0].X0-groups[i-1][len(groups[i-1])-1].X1 < touch:
			groups[i-1] = append(groups[i-1], g...)
			groups = append(groups[:i], groups[i+1:]...)
			i--
		}
	}
	out := dst
	for _, grp := range groups {
		var b strings.Builder
		box := grp[0].Box
		for _, gl := range grp {
			b.WriteString(gl.Text)
			box = box.Union(gl.Box)
		}
		if t := strings.TrimSpace(b.String()); t != "" {
			out = append(out, piece{text: t, Box: box, size: r.Size})
		}
	}
	return out
}

// cellText joins the pieces inside one cell: lines top to bottom, pieces on
// one line left to right. It also returns the number of lines and whether
// the last line reaches the right edge of the cell.
func cellText(ps []piece, cell extract.Box) (string, int, bool) {
	if len(ps) == 0 {
		return "", 0, false
	}
	if len(ps) == 1 {
		p := ps[0]
		size := p.size
		if size <= 0 {
			size = 10
		}
		return CleanText(p.text), 1, cell.X1-p.X1 < 1.6*size
	}
	sort.SliceStable(ps, func(i, j int) bool { return ps[i].CY() < ps[j].CY() })
	// Group into lines by vertical overlap.
	var lines [][]piece
	for _, p := range ps {
		if n := len(lines); n > 0 {
			last := lines[n-1][0]
			ov := min(last.Y1, p.Y1) - max(last.Y0, p.Y0)
			if ov > 0.5*min(last.H(), p.H()) {
				lines[n-1] = append(lines[n-1], p)
				continue
			}
		}
		lines = append(lines, []piece{p})
	}
	text := ""
	var lastLine []piece
	for _, l := range lines {
		sort.Slice(l, func(i, j int) bool { return l[i].X0 < l[j].X0 })
		parts := make([]string, len(l))
		for i, p := range l {
			parts[i] = p.text
		}
		text = JoinText(text, CleanText(strings.Join(parts, " ")))
		lastLine = l
	}
	right := lastLine[len(lastLine)-1].X1
	size := lastLine[len(lastLine)-1].size
	if size <= 0 {
		size = 10
	}
	full := cell.X1-right < 1.6*size
	return text, len(lines), full
}

// glyphIndex finds the glyphs under a short segment. Some producers draw
// characters (bold titles, rare ideographs) as paths made of thin
// rectangles, over invisible text; those strokes are not table rules.
// It indexes runs, not glyphs: a run's box holds its glyphs' boxes, and a
// page has a few hundred runs against thousands of glyphs.
type glyphIndex struct {
	page  *extract.Page  // not yet indexed
	runs  []*extract.Run // runs with glyphs, sorted by Y0
	bound float64        // the tallest run with glyphs
}

func newGlyphIndex(p *extract.Page) *glyphIndex {
	gi := &glyphIndex{page: p}
	for _, l := range p.Lines {
		for _, r := range l.Runs {
			if len(r.Glyphs) > 0 {
				gi.bound = max(gi.bound, r.H())
			}
		}
	}
	return gi
}

// index collects and sorts the runs, the first time they are needed: many
// pages have no segment short enough to be a stroke.
func (gi *glyphIndex) index() {
	if gi.page == nil {
		return
	}
	p := gi.page
	gi.page = nil
	n := 0
	for _, l := range p.Lines {
		n += len(l.Runs)
	}
	gi.runs = make([]*extract.Run, 0, n)
	for i := range p.Lines {
		l := &p.Lines[i]
		for j := range l.Runs {
			if len(l.Runs[j].Glyphs) > 0 {
				gi.runs = append(gi.runs, &l.Runs[j])
			}
		}
	}
	slices.SortFunc(gi.runs, func(a, b *extract.Run) int { return cmp.Compare(a.Y0, b.Y0) })
}

// covers reports whether most of a short segment lies inside glyph boxes.
func (gi *glyphIndex) covers(b extract.Box) bool {
	long := max(b.W(), b.H())
	if gi.bound == 0 || long > 2*gi.bound {
		return false
	}
	gi.index()
	cx, cy := b.CX(), b.CY()
	area := max(b.W(), 0.1) * max(b.H(), 0.1)
	i := sort.Search(len(gi.runs), func(i int) bool { return gi.runs[i].Y0 > cy-gi.bound })
	for ; i < len(gi.runs) && gi.runs[i].Y0 <= cy; i++ {
		r := gi.runs[i]
		if cx < r.X0 || cx > r.X1 || cy > r.Y1 {
			continue
		}
		for _, g := range r.Glyphs {
			if long > 2*g.H() || cx < g.X0 || cx > g.X1 || cy < g.Y0 || cy > g.Y1 {
				continue
			}
			// The segment's middle is inside a glyph; most of it too?
			in := (min(b.X1, g.X1) - max(b.X0, g.X0)) * (min(b.Y1, g.Y1) - max(b.Y0, g.Y0))
			if in >= 0.6*area {
				return true
			}
		}
	}
	return false
}
