package extract

import (
	"context"
	"errors"
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"
	"unicode"

	"github.com/cnbudget/cnbudget/extract/pdf"
)

// Thresholds for building runs and lines from glyphs, in ems of the font
// size.
const (
	// A gap wider than runGap ends a run (a new cell or word group).
	runGap = 0.4
	// A gap wider than spaceGap inside a run is a space.
	spaceGap = 0.12
	// Glyphs whose baselines differ by less than lineTol share a line.
	lineTol = 0.3
)

// ErrTooManyPages is returned for documents above Options.MaxPages.
var ErrTooManyPages = errors.New("too many pages")

// readPDF reads a PDF document.
func readPDF(ctx context.Context, name string, data []byte, opt Options) (*Document, error) {
	d, err := pdf.Open(data, opt.Password)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	d.Done = ctx.Done()
	n := d.NumPages()
	if opt.MaxPages > 0 && n > opt.MaxPages {
		return nil, fmt.Errorf("%s: %d pages: %w (limit %d)", name, n, ErrTooManyPages, opt.MaxPages)
	}
	doc := &Document{Path: name, Format: FormatPDF, Producer: d.Producer, Creator: d.Creator, Notes: d.Notes, Salvaged: d.Salvaged}
	var chars, suspicious int
	for i := 1; i <= n; i++ {
		if err := ctx.Err(); err != nil {
			return nil, fmt.Errorf("%s: page %d: %w", name, i, err)
		}
		pp := d.Page(i)
		p, c, s := convertPage(pp)
		d.Recycle(pp) // convertPage copied the glyphs into runs
		chars += c
		suspicious += s
		doc.Pages = append(doc.Pages, p)
	}
	doc.Verdict = documentVerdict(doc.Pages)
	if doc.Verdict == VerdictOK && chars > 0 && float64(suspicious) > maxSuspiciousDoc*float64(chars) {
		doc.Verdict = VerdictTextUnreliable
	}
	return doc, nil
}

// Share of implausible characters above which text is unreliable, per page
// and per document.
const (
	maxSuspiciousPage = 0.03
	maxSuspiciousDoc  = 0.02
)

// suspicious reports whether r is implausible in a Chinese disclosure: the
// replacement character, private-use and control characters, and Latin
// letters with diacritics (the usual sign of a font whose glyphs were given
// the wrong codes).
func suspicious(r rune) bool {
	switch {
	case r == '\uFFFD':
		return true
	case r >= 0xE000 && r <= 0xF8FF, r >= 0xF0000:
		return true
	case r < 0x20, r >= 0x7F && r < 0xA0:
		return true
	case r >= 0xA0 && r <= 0x24F:
		switch r {
		case '×', '÷', '°', '±', '·', '§', '¥', '²', '³', '¼', '½', '¾', '©', '®', 'µ', '\u00A0':
			return false
		}
		return true
	}
	return false
}

// convertPage builds the lines and runs of a page from its glyphs and
// judges its text layer. It also returns the number of characters and of
// implausible ones.
func convertPage(pp *pdf.Page) (Page, int, int) {
	turned := turnUpright(pp)
	p := Page{Number: pp.Number, Width: pp.Width, Height: pp.Height, Rotate: pp.Rotate, Turned: turned, Images: pp.Images, Hidden: pp.Hidden}
	if pp.Err != nil {
		p.Err = pp.Err.Error()
	}
	for _, r := range pp.Rules {
		p.Rules = append(p.Rules, Rule{Box{r.X0, r.Y0, r.X1, r.Y1}})
	}
	for _, g := range pp.HiddenGlyphs {
		p.HiddenGlyphs = append(p.HiddenGlyphs, Glyph{Text: g.Text, Box: Box{g.X0, g.Y0, g.X1, g.Y1}})
	}
	var chars, bad int
	for _, g := range pp.Glyphs {
		if g.Space {
			continue
		}
		for _, r := range g.Text {
			if unicode.IsSpace(r) {
				continue
			}
			chars++
			if suspicious(r) {
				bad++
			}
		}
	}
	p.Lines = buildLines(pp.Glyphs)
	switch {
	case chars == 0 && p.Err != "":
		p.Verdict = VerdictError
	case chars == 0 && p.Images > 0:
		p.Verdict = VerdictNoTextLayer
	case chars == 0:
		p.Verdict = VerdictBlank
	case bad >= 5 && float64(bad) > maxSuspiciousPage*float64(chars):
		p.Verdict = VerdictTextUnreliable
	default:
		p.Verdict = VerdictOK
	}
	return p, chars, bad
}

// turnUpright turns a page whose text mostly runs in another direction
// than left to right (two thirds of its characters, twenty at least) so
// that it does: glyphs, hidden glyphs, rules and size. It returns the
// clockwise turn in degrees (0: the page is left as it is).
func turnUpright(pp *pdf.Page) int {
	var n [4]int
	all := 0
	for _, g := range pp.Glyphs {
		if !g.Space {
			n[g.Dir]++
			all++
		}
	}
	dir := uint8(0)
	for d := uint8(1); d < 4; d++ {
		if n[d] >= 20 && 3*n[d] >= 2*all {
			dir = d
		}
	}
	if dir == 0 {
		return 0
	}
	w, h := pp.Width, pp.Height
	// pt maps a point of the page to the turned page (y grows down): the
	// direction dir becomes left to right.
	pt := func(x, y float64) (float64, float64) {
		switch dir {
		case 1: // top to bottom: turn a quarter anticlockwise
			return y, w - x
		case 2:
			return w - x, h - y
		default: // bottom to top: a quarter clockwise
			return h - y, x
		}
	}
	box := func(x0, y0, x1, y1 float64) (float64, float64, float64, float64) {
		ax, ay := pt(x0, y0)
		bx, by := pt(x1, y1)
		return math.Min(ax, bx), math.Min(ay, by), math.Max(ax, bx), math.Max(ay, by)
	}
	glyphs := func(gs []pdf.Glyph) {
		for i := range gs {
			g := &gs[i]
			g.X0, g.Y0, g.X1, g.Y1 = box(g.X0, g.Y0, g.X1, g.Y1)
			g.BaseX, g.BaseY = pt(g.BaseX, g.BaseY)
			g.Dir = (g.Dir + 4 - dir) % 4
		}
	}
	glyphs(pp.Glyphs)
	glyphs(pp.HiddenGlyphs)
	for i := range pp.Rules {
		r := &pp.Rules[i]
		r.X0, r.Y0, r.X1, r.Y1 = box(r.X0, r.Y0, r.X1, r.Y1)
	}
	if dir != 2 {
		pp.Width, pp.Height = h, w
	}
	return [4]int{0, 270, 180, 90}[dir]
}

// buildLines groups glyphs into lines of runs. Horizontal text is grouped
// by baseline and ordered left to right; text in other directions becomes
// lines of its own, one per run.
func buildLines(glyphs []pdf.Glyph) []Line {
	// Most pages are all horizontal text: their glyphs are used as they
	// are, not copied.
	horiz := glyphs
	var other [4][]pdf.Glyph
	if slices.ContainsFunc(glyphs, func(g pdf.Glyph) bool { return g.Dir != 0 }) {
		horiz = nil
		for _, g := range glyphs {
			if g.Dir == 0 {
				horiz = append(horiz, g)
			} else {
				other[g.Dir] = append(other[g.Dir], g)
			}
		}
	}
	lines := horizontalLines(horiz)
	for dir := 1; dir < 4; dir++ {
		lines = append(lines, rotatedLines(other[dir], dir)...)
	}
	sort.SliceStable(lines, func(i, j int) bool {
		if math.Abs(lines[i].Y0-lines[j].Y0) > 0.5 {
			return lines[i].Y0 < lines[j].Y0
		}
		return lines[i].X0 < lines[j].X0
	})
	return lines
}

func horizontalLines(gs []pdf.Glyph) []Line {
	if len(gs) == 0 {
		return nil
	}
	// Sort by baseline, keeping the order of the content stream among
	// glyphs on one baseline.
	order := make([]int, len(gs))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return gs[order[a]].BaseY < gs[order[b]].BaseY })
	// The lines: stretches of order, each ending where a glyph is off
	// the baseline of the stretch's first.
	var ends []int
	widest, from := 0, 0
	curY, curSize := 0.0, 0.0
	for i, k := range order {
		g := &gs[k]
		size := math.Max(g.Size, 1)
		if i > from && math.Abs(g.BaseY-curY) <= lineTol*math.Min(size, curSize) {
			continue
		}
		if i > from {
			ends = append(ends, i)
			widest = max(widest, i-from)
		}
		from, curY, curSize = i, g.BaseY, size
	}
	ends = append(ends, len(order))
	widest = max(widest, len(order)-from)

	lines := make([]Line, 0, len(ends))
	grp := make([]pdf.Glyph, 0, widest) // one line's glyphs; chunkLine copies what it keeps
	var sc lineScratch
	from = 0
	for _, end := range ends {
		cur := order[from:end]
		from = end
		sort.Ints(cur) // content-stream order
		grp = grp[:0]
		for _, k := range cur {
			grp = append(grp, gs[k])
		}
		if l, ok := chunkLine(grp, &sc); ok {
			lines = append(lines, l)
		}
	}
	return lines
}

// chunkLine builds the runs of one horizontal line. Glyphs that follow each
// other in the content stream and on the page form a chunk; chunks are then
// ordered left to right and joined where the gap between them is small.
// Text drawn over other text (an overflowing spreadsheet cell) stays a run
// of its own instead of being interleaved with it. The line keeps copies of
// the glyphs (makeRun), not gs: the caller may reuse it, and sc, the
// working memory of one page's lines.
func chunkLine(gs []pdf.Glyph, sc *lineScratch) (Line, bool) {
	// Chunks are sub-slices of gs: glyphs are large, they are not copied.
	sc.chunks = sc.chunks[:0]
	start := 0
	var last *pdf.Glyph
	for i := range gs {
		g := &gs[i]
		if last != nil && !g.Space {
			size := math.Max(math.Max(g.Size, last.Size), 1)
			d := g.X0 - last.X1
			if d < -0.3*size || d > runGap*size {
				sc.chunks = append(sc.chunks, gs[start:i])
				start = i
			}
		}
		if !g.Space {
			last = g
		}
	}
	if start < len(gs) {
		sc.chunks = append(sc.chunks, gs[start:])
	}
	// Drop empty (space-only) chunks and exact duplicates (text drawn twice
	// for a bold effect).
	spans := sc.spans[:0]
	for _, c := range sc.chunks {
		x0, x1 := math.Inf(1), math.Inf(-1)
		text := 0
		for _, g := range c {
			if !g.Space {
				x0, x1 = math.Min(x0, g.X0), math.Max(x1, g.X1)
				text += len(g.Text)
			}
		}
		if text == 0 {
			continue // spaces only
		}
		sp := chunkSpan{c, x0, x1}
		dup := false
		for _, o := range spans {
			if math.Abs(o.x0-sp.x0) < 1 && math.Abs(o.x1-sp.x1) < 1 && sameText(o.gs, sp.gs) {
				dup = true
				break
			}
		}
		if !dup {
			spans = append(spans, sp)
		}
	}
	sc.spans = spans
	sort.SliceStable(spans, func(i, j int) bool { return spans[i].x0 < spans[j].x0 })
	// Join chunks that touch; keep overlapping ones apart. Each run is a
	// stretch of sc.pieces, its bounds in sc.ends.
	sc.pieces, sc.ends = sc.pieces[:0], sc.ends[:0]
	prevX1 := math.Inf(-1)
	for _, sp := range spans {
		size := 1.0
		for _, g := range sp.gs {
			size = math.Max(size, g.Size)
		}
		d := sp.x0 - prevX1
		if len(sc.pieces) > 0 && !(d >= -0.3*size && d <= runGap*size) {
			sc.ends = append(sc.ends, len(sc.pieces))
		}
		sc.pieces = append(sc.pieces, sp.gs)
		prevX1 = math.Max(prevX1, sp.x1)
		if d < -0.3*size {
			prevX1 = sp.x1
		}
	}
	if len(sc.pieces) > 0 {
		sc.ends = append(sc.ends, len(sc.pieces))
	}
	var l Line
	from := 0
	for _, end := range sc.ends {
		if r, ok := makeRun(sc.pieces[from:end]); ok {
			if l.Runs == nil {
				l.Runs = make([]Run, 0, len(sc.ends))
			}
			l.Runs = append(l.Runs, r)
		}
		from = end
	}
	if len(l.Runs) == 0 {
		return l, false
	}
	l.Box = l.Runs[0].Box
	for _, r := range l.Runs[1:] {
		l.Box = l.Box.Union(r.Box)
	}
	return l, true
}

// lineScratch is the working memory of chunkLine, kept from one line to
// the next.
type lineScratch struct {
	chunks [][]pdf.Glyph
	spans  []chunkSpan
	pieces [][]pdf.Glyph
	ends   []int
}

// chunkSpan is a chunk of glyphs and the extent of its ink.
type chunkSpan struct {
	gs     []pdf.Glyph
	x0, x1 float64
}

// sameText reports whether two chunks show the same text, their space
// glyphs aside.
func sameText(a, b []pdf.Glyph) bool {
	var ta, tb string // what is left of the glyph texts being compared
	for {
		for ta == "" && len(a) > 0 {
			if !a[0].Space {
				ta = a[0].Text
			}
			a = a[1:]
		}
		for tb == "" && len(b) > 0 {
			if !b[0].Space {
				tb = b[0].Text
			}
			b = b[1:]
		}
		if ta == "" || tb == "" {
			return ta == "" && tb == ""
		}
		n := min(len(ta), len(tb))
		if ta[:n] != tb[:n] {
			return false
		}
		ta, tb = ta[n:], tb[n:]
	}
}

// makeRun builds one run from pieces of glyphs in reading order,
// inserting spaces at gaps and at space glyphs.
func makeRun(pieces [][]pdf.Glyph) (Run, bool) {
	var r Run
	var sb strings.Builder
	var prev *pdf.Glyph
	pendingSpace := false
	n, size := 0, 0 // glyphs, bytes of text with a space before each
	for _, p := range pieces {
		for i := range p {
			if !p[i].Space {
				n++
				size += len(p[i].Text) + 1
			}
		}
	}
	r.Glyphs = make([]Glyph, 0, n)
	sb.Grow(size)
	for _, gs := range pieces {
		for i := range gs {
			g := &gs[i]
			if g.Space {
				pendingSpace = prev != nil
				continue
			}
			if prev != nil {
				size := math.Max(g.Size, 1)
				d := g.X0 - prev.X1
				if d > spaceGap*size || (pendingSpace && d > 0.05*size) {
					sb.WriteByte(' ')
				}
			} else {
				r.Box = Box{g.X0, g.Y0, g.X1, g.Y1}
				r.Font = g.Font
			}
			pendingSpace = false
			sb.WriteString(g.Text)
			r.Box = r.Box.Union(Box{g.X0, g.Y0, g.X1, g.Y1})
			r.Size = math.Max(r.Size, g.Size)
			r.Glyphs = append(r.Glyphs, Glyph{Text: g.Text, Box: Box{g.X0, g.Y0, g.X1, g.Y1}})
			prev = g
		}
	}
	r.Text = sb.String()
	return r, r.Text != ""
}

// rotatedLines groups the glyphs of one non-horizontal direction by their
// baseline and returns one line per run.
func rotatedLines(gs []pdf.Glyph, dir int) []Line {
	if len(gs) == 0 {
		return nil
	}
	// The baseline coordinate and the position along it.
	base := func(g pdf.Glyph) float64 {
		if dir == 2 {
			return -g.BaseY
		}
		if dir == 1 {
			return -g.BaseX
		}
		return g.BaseX
	}
	along := func(g pdf.Glyph) float64 {
		switch dir {
		case 1:
			return g.Y0
		case 2:
			return -g.X1
		}
		return -g.Y1
	}
	sort.SliceStable(gs, func(i, j int) bool {
		if math.Abs(base(gs[i])-base(gs[j])) > lineTol*math.Max(gs[i].Size, 1) {
			return base(gs[i]) < base(gs[j])
		}
		return along(gs[i]) < along(gs[j])
	})
	var out []Line
	start := 0
	for i := 1; i <= len(gs); i++ {
		if i < len(gs) && math.Abs(base(gs[i])-base(gs[start])) <= lineTol*math.Max(gs[start].Size, 1) {
			continue
		}
		grp := gs[start:i]
		start = i
		if l, ok := makeLine(grp, true); ok {
			// One line per run: rotated text is read run by run.
			for _, r := range l.Runs {
				out = append(out, Line{Box: r.Box, Runs: []Run{r}})
			}
		}
	}
	return out
}

// makeLine builds the runs of one line from its glyphs in reading order.
func makeLine(gs []pdf.Glyph, rotated bool) (Line, bool) {
	var l Line
	var run *Run
	var sb strings.Builder
	var prev *pdf.Glyph
	pendingSpace := false
	flush := func() {
		if run == nil {
			return
		}
		run.Text = strings.TrimSpace(sb.String())
		if run.Text != "" {
			l.Runs = append(l.Runs, *run)
		}
		run = nil
		sb.Reset()
	}
	gap := func(a, b *pdf.Glyph) float64 {
		if rotated {
			switch {
			case a.Dir == 1:
				return b.Y0 - a.Y1
			case a.Dir == 3:
				return a.Y0 - b.Y1
			}
			return a.X0 - b.X1
		}
		return b.X0 - a.X1
	}
	for i := range gs {
		g := &gs[i]
		if g.Space {
			pendingSpace = true
			continue
		}
		size := math.Max(g.Size, 1)
		if prev != nil {
			d := gap(prev, g)
			// Overlapping duplicates (fake bold drawn twice) are skipped.
			if d < -0.5*size && g.Text == prev.Text && math.Abs(g.X0-prev.X0) < 0.2*size && math.Abs(g.Y0-prev.Y0) < 0.2*size {
				continue
			}
			switch {
			case d > runGap*size:
				flush()
			case d > spaceGap*size || (pendingSpace && d > 0.05*size):
				sb.WriteByte(' ')
			}
		}
		pendingSpace = false
		if run == nil {
			run = &Run{Box: Box{g.X0, g.Y0, g.X1, g.Y1}, Size: g.Size, Font: g.Font}
		}
		sb.WriteString(g.Text)
		run.Box = run.Box.Union(Box{g.X0, g.Y0, g.X1, g.Y1})
		run.Size = math.Max(run.Size, g.Size)
		run.Glyphs = append(run.Glyphs, Glyph{Text: g.Text, Box: Box{g.X0, g.Y0, g.X1, g.Y1}})
		prev = g
	}
	flush()
	if len(l.Runs) == 0 {
		return l, false
	}
	l.Box = l.Runs[0].Box
	for _, r := range l.Runs[1:] {
		l.Box = l.Box.Union(r.Box)
	}
	return l, true
}
