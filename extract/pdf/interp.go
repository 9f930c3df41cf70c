package pdf

import (
	"fmt"
	"math"
	"strings"
	"unicode"

	pdflib "github.com/ledongthuc/pdf"
)

// The content-stream interpreter: it runs the text, path and XObject
// operators of a page and records every glyph (with its box) and every
// ruling line in upright page coordinates. Colours and images are not
// rendered; only what locating text and table rules needs. Clipping is
// followed as far as text is concerned: the bounding box of every clipping
// path is kept, and a glyph whose centre lies outside it is not printed (a
// spreadsheet cell hides the part of a long label that runs past it).

const (
	// maxFormDepth bounds nested Form XObjects.
	maxFormDepth = 12
	// maxOps bounds the operators of one page.
	maxOps = 20_000_000
	// maxGlyphs bounds the glyphs of one page.
	maxGlyphs = 2_000_000
	// maxOperands bounds the operand stack.
	maxOperands = 4096
	// Glyph boxes span this much of the em above and below the baseline.
	emAscent  = 0.85
	emDescent = 0.15
	// maxRuleThickness is the widest a painted line or rectangle may be
	// and still count as a ruling line.
	maxRuleThickness = 3.0
)

type gstate struct {
	ctm       matrix
	font      *font
	fontName  string // resource name of the font, for messages
	fontSize  float64
	tc, tw    float64
	th        float64 // horizontal scaling, 1 = 100%
	tl        float64
	rise      float64
	lineWidth float64
	// whiteStroke and whiteFill mark paint that cannot be seen on paper.
	whiteStroke, whiteFill bool
	// clip bounds the clipping path (upright page coordinates) when
	// clipped is set.
	clip    rect
	clipped bool
}

type rect struct{ x0, y0, x1, y1 float64 }

// clipSlack is how far outside the clipping box a glyph's centre may lie
// and still print: producers clip cells to their borders, and glyph
// boxes are estimated.
const clipSlack = 1.0

// maxHidden bounds the hidden text kept per page.
const maxHidden = 1 << 16

type point struct{ x, y float64 }

type subpath struct {
	pts    []point
	closed bool
	curved bool
}

type interp struct {
	doc   *Doc
	page  *Page
	gs    gstate
	stack []gstate
	tm    matrix
	tlm   matrix
	path  []subpath
	// clipNext: a W or W* is waiting for the path-painting operator that
	// ends the path.
	clipNext bool
	res      pdflib.Value
	fonts    map[string]*font
	// Resources looked up once per name: every lookup of an object kept in
	// an object stream makes the object layer inflate that stream again.
	lineWidths map[string]float64 // ExtGState name → /LW, -1 if none
	xobjects   map[string]pdflib.Value
	depth      int
	ops        int
	args       []operand
	// narrow is the width the font gives the glyph being shown when its
	// box was widened to the em square (0 when it was not). prev is the
	// index of the glyph emitted last (-1: none) and prevMin the least x
	// at which a glyph following it on its line ends its box (see emit).
	narrow  float64
	prev    int
	prevMin float64
}

func newInterp(doc *Doc, page *Page, ctm matrix, res pdflib.Value) *interp {
	return &interp{
		doc:  doc,
		page: page,
		gs:   gstate{ctm: ctm, th: 1, lineWidth: 1},
		res:  res,
		args: make([]operand, 0, 16),
		prev: -1,
	}
}

// run interprets one content stream.
func (in *interp) run(content []byte) {
	l := &lexer{b: content, reuse: true}
	for {
		var op operand
		tok, kw := l.next(&op)
		switch tok {
		case tokEOF:
			return
		case tokOperand:
			if len(in.args) >= maxOperands {
				in.args = in.args[:0]
			}
			in.args = append(in.args, op)
			continue
		case tokArrayEnd, tokDictEnd:
			continue
		}
		in.ops++
		if in.ops > maxOps || len(in.page.Glyphs) > maxGlyphs {
			in.page.truncated = true
			return
		}
		if in.ops&1023 == 0 && in.doc.Done != nil {
			select {
			case <-in.doc.Done:
				in.page.problems = append(in.page.problems, "stopped: time is up")
				in.page.truncated = false
				in.ops = maxOps + 1
				return
			default:
			}
		}
		if len(kw) == 2 && kw[0] == 'B' && kw[1] == 'I' {
			in.inlineImage(l)
			in.args = in.args[:0]
			l.release()
			continue
		}
		in.exec(string(kw))
		in.args = in.args[:0]
		l.release()
	}
}

// num returns operand i as a number (0 if absent or not a number).
func (in *interp) num(i int) float64 {
	if i < 0 || i >= len(in.args) || in.args[i].kind != opNumber {
		return 0
	}
	return in.args[i].num
}

// nums reports whether the last n operands are numbers and returns the
// index of the first.
func (in *interp) nums(n int) (int, bool) {
	k := len(in.args) - n
	if k < 0 {
		return 0, false
	}
	for i := k; i < len(in.args); i++ {
		if in.args[i].kind != opNumber {
			return 0, false
		}
	}
	return k, true
}

func (in *interp) exec(op string) {
	gs := &in.gs
	switch op {
	// Graphics state.
	case "q":
		if len(in.stack) < 1024 {
			in.stack = append(in.stack, in.gs)
		}
	case "Q":
		// An unbalanced Q is tolerated.
		if n := len(in.stack); n > 0 {
			in.gs = in.stack[n-1]
			in.stack = in.stack[:n-1]
		}
	case "cm":
		if k, ok := in.nums(6); ok {
			m := matrix{in.num(k), in.num(k + 1), in.num(k + 2), in.num(k + 3), in.num(k + 4), in.num(k + 5)}
			if c := m.mul(gs.ctm); c.valid() {
				gs.ctm = c
			}
		}
	case "w":
		if k, ok := in.nums(1); ok {
			gs.lineWidth = in.num(k)
		}
	case "gs":
		if n := len(in.args); n > 0 && in.args[n-1].kind == opName {
			if lw := in.extLineWidth(string(in.args[n-1].b)); lw >= 0 {
				gs.lineWidth = lw
			}
		}
	case "G", "g":
		in.setWhite(op == "G", 1)
	case "RG", "rg":
		in.setWhite(op == "RG", 3)
	case "K", "k":
		in.setWhite(op == "K", 4)
	case "SC", "SCN", "sc", "scn":
		in.setWhite(op == "SC" || op == "SCN", len(in.args))
	case "CS":
		gs.whiteStroke = false
	case "cs":
		gs.whiteFill = false

	// Text objects and state.
	case "BT":
		in.tm, in.tlm = identity, identity
	case "ET":
	case "Tf":
		if n := len(in.args); n >= 2 && in.args[n-2].kind == opName {
			gs.fontName = string(in.args[n-2].b)
			gs.font = in.font(gs.fontName)
			gs.fontSize = in.num(n - 1)
		}
	case "Tc":
		if k, ok := in.nums(1); ok {
			gs.tc = in.num(k)
		}
	case "Tw":
		if k, ok := in.nums(1); ok {
			gs.tw = in.num(k)
		}
	case "Tz":
		if k, ok := in.nums(1); ok {
			gs.th = in.num(k) / 100
		}
	case "TL":
		if k, ok := in.nums(1); ok {
			gs.tl = in.num(k)
		}
	case "Ts":
		if k, ok := in.nums(1); ok {
			gs.rise = in.num(k)
		}
	case "Tr", "BMC", "BDC", "EMC", "MP", "DP", "d0", "d1", "i", "j", "J", "M", "d", "ri", "sh", "BX", "EX":
	case "Td":
		if k, ok := in.nums(2); ok {
			in.moveText(in.num(k), in.num(k+1))
		}
	case "TD":
		if k, ok := in.nums(2); ok {
			gs.tl = -in.num(k + 1)
			in.moveText(in.num(k), in.num(k+1))
		}
	case "Tm":
		if k, ok := in.nums(6); ok {
			m := matrix{in.num(k), in.num(k + 1), in.num(k + 2), in.num(k + 3), in.num(k + 4), in.num(k + 5)}
			if m.valid() {
				in.tm, in.tlm = m, m
			}
		}
	case "T*":
		in.moveText(0, -gs.tl)
	case "Tj":
		if n := len(in.args); n > 0 && in.args[n-1].kind == opString {
			in.show(in.args[n-1].b)
		}
	case "'":
		in.moveText(0, -gs.tl)
		if n := len(in.args); n > 0 && in.args[n-1].kind == opString {
			in.show(in.args[n-1].b)
		}
	case "\"":
		if n := len(in.args); n >= 3 {
			gs.tw, gs.tc = in.num(n-3), in.num(n-2)
			in.moveText(0, -gs.tl)
			if in.args[n-1].kind == opString {
				in.show(in.args[n-1].b)
			}
		}
	case "TJ":
		if n := len(in.args); n > 0 && in.args[n-1].kind == opArray {
			for _, e := range in.args[n-1].arr {
				switch e.kind {
				case opString:
					in.show(e.b)
				case opNumber:
					in.kern(e.num)
				}
			}
		}

	// Paths.
	case "m":
		if k, ok := in.nums(2); ok {
			x, y := gs.ctm.apply(in.num(k), in.num(k+1))
			in.path = append(in.path, subpath{pts: []point{{x, y}}})
		}
	case "l":
		if k, ok := in.nums(2); ok {
			in.lineTo(in.num(k), in.num(k+1), false)
		}
	case "c":
		if k, ok := in.nums(6); ok {
			in.lineTo(in.num(k+4), in.num(k+5), true)
		}
	case "v", "y":
		if k, ok := in.nums(4); ok {
			in.lineTo(in.num(k+2), in.num(k+3), true)
		}
	case "h":
		if n := len(in.path); n > 0 {
			in.path[n-1].closed = true
		}
	case "re":
		if k, ok := in.nums(4); ok {
			x, y, w, h := in.num(k), in.num(k+1), in.num(k+2), in.num(k+3)
			m := gs.ctm
			p0x, p0y := m.apply(x, y)
			p1x, p1y := m.apply(x+w, y)
			p2x, p2y := m.apply(x+w, y+h)
			p3x, p3y := m.apply(x, y+h)
			in.path = append(in.path, subpath{pts: []point{{p0x, p0y}, {p1x, p1y}, {p2x, p2y}, {p3x, p3y}}, closed: true})
		}
	case "S":
		in.stroke(false)
		in.endPath()
	case "s":
		in.stroke(true)
		in.endPath()
	case "f", "F", "f*":
		in.fill()
		in.endPath()
	case "B", "B*":
		in.fill()
		in.stroke(false)
		in.endPath()
	case "b", "b*":
		in.fill()
		in.stroke(true)
		in.endPath()
	case "n":
		in.endPath()
	case "W", "W*":
		in.clipNext = true

	// XObjects.
	case "Do":
		if n := len(in.args); n > 0 && in.args[n-1].kind == opName {
			in.xobject(string(in.args[n-1].b))
		}
	}
}

// endPath ends the current path; a clip requested by W or W* takes effect
// now, narrowing the clipping box to the path's bounding box.
func (in *interp) endPath() {
	if in.clipNext {
		in.clipNext = false
		first := true
		var b rect
		for _, sp := range in.path {
			for _, p := range sp.pts {
				if first {
					b, first = rect{p.x, p.y, p.x, p.y}, false
					continue
				}
				b = rect{math.Min(b.x0, p.x), math.Min(b.y0, p.y), math.Max(b.x1, p.x), math.Max(b.y1, p.y)}
			}
		}
		if !first {
			gs := &in.gs
			if gs.clipped {
				b = rect{math.Max(b.x0, gs.clip.x0), math.Max(b.y0, gs.clip.y0), math.Min(b.x1, gs.clip.x1), math.Min(b.y1, gs.clip.y1)}
			}
			gs.clip, gs.clipped = b, true
		}
	}
	in.path = in.path[:0]
}

// setWhite records whether a colour just set is white.
func (in *interp) setWhite(stroke bool, n int) {
	white := false
	if k, ok := in.nums(n); ok && n > 0 {
		switch n {
		case 1, 3:
			white = true
			for i := k; i < k+n; i++ {
				if in.num(i) < 0.98 {
					white = false
				}
			}
		case 4:
			white = true
			for i := k; i < k+n; i++ {
				if in.num(i) > 0.02 {
					white = false
				}
			}
		}
	}
	if stroke {
		in.gs.whiteStroke = white
	} else {
		in.gs.whiteFill = white
	}
}

func (in *interp) moveText(tx, ty float64) {
	in.tlm = matrix{1, 0, 0, 1, tx, ty}.mul(in.tlm)
	in.tm = in.tlm
}

// font returns the font of a resource name, loading it once per document.
func (in *interp) font(name string) *font {
	if f, ok := in.fonts[name]; ok {
		return f
	}
	if in.fonts == nil {
		in.fonts = map[string]*font{}
	}
	f := in.doc.fontNamed(in.doc.entry(in.res, "Font"), name)
	in.fonts[name] = f
	return f
}

// show draws the glyphs of a string.
func (in *interp) show(s []byte) {
	gs := &in.gs
	f := gs.font
	if f == nil {
		// Text in a font that is not there: advance nothing, draw nothing,
		// and say so once per font.
		if !in.page.missingFont[gs.fontName] {
			if in.page.missingFont == nil {
				in.page.missingFont = map[string]bool{}
			}
			in.page.missingFont[gs.fontName] = true
			in.page.problems = append(in.page.problems, fmt.Sprintf("text in font /%s, which the page does not define, is lost", gs.fontName))
		}
		return
	}
	fs := gs.fontSize
	for len(s) > 0 {
		g := f.next(s)
		if g.n <= 0 {
			g.n = 1
		}
		s = s[g.n:]
		if f.vertical {
			in.emitVertical(g)
			continue
		}
		// Text rendering matrix.
		m := in.tm.mul(gs.ctm)
		trm := matrix{fs * gs.th, 0, 0, fs, 0, gs.rise}.mul(m)
		w := g.width
		// A full-width character is drawn on its whole em square
		// whatever width the font's table claims: a font that says 0.55
		// em and is positioned by TJ adjustments (a PDF re-rendered with
		// the metrics of another font) still prints one word, not one
		// run per character. Only the box widens, and never past the
		// next glyph drawn (a proportional bracket: emit); the pen moves
		// by w.
		box := w
		in.narrow = 0
		if box < 1 && fullWidth(g.text) {
			box, in.narrow = 1, max(w, 0)
		}
		in.emit(g, trm, 0, box, -emDescent, emAscent, m, fs)
		tx := (w*fs + gs.tc) * gs.th
		if g.space {
			tx += gs.tw * gs.th
		}
		in.tm = matrix{1, 0, 0, 1, tx, 0}.mul(in.tm)
	}
}

// leftInk reports whether a glyph is a full-width punctuation mark set in
// the left half of its em square (the Chinese comma, stop, enumeration
// comma, semicolon, colon).
func leftInk(s string) bool {
	switch s {
	case "、", "。", "，", "；", "：", "！", "？":
		return true
	}
	return false
}

// fullWidth reports whether a glyph's text is all full-width characters:
// ideographs, CJK punctuation and full-width forms.
func fullWidth(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		switch {
		case unicode.Is(unicode.Han, r):
		case r >= 0x3000 && r <= 0x303F, r >= 0xFF01 && r <= 0xFF60, r >= 0xFFE0 && r <= 0xFFE6:
		default:
			return false
		}
	}
	return true
}

func (in *interp) emitVertical(g glyph) {
	gs := &in.gs
	fs := gs.fontSize
	m := in.tm.mul(gs.ctm)
	trm := matrix{fs * gs.th, 0, 0, fs, 0, gs.rise}.mul(m)
	in.emit(g, trm, -0.5, 0.5, -1, 0, m, fs)
	ty := -fs + gs.tc
	if g.space {
		ty += gs.tw
	}
	in.tm = matrix{1, 0, 0, 1, 0, ty}.mul(in.tm)
}

// emit records a glyph whose box in text space is [x0, x1] × [y0, y1].
func (in *interp) emit(g glyph, trm matrix, x0, x1, y0, y1 float64, m matrix, fs float64) {
	last, lastMin := in.prev, in.prevMin
	in.prev = -1
	if !trm.valid() {
		return
	}
	ax, ay := trm.apply(x0, y0)
	bx, by := trm.apply(x1, y0)
	cx, cy := trm.apply(x1, y1)
	dx, dy := trm.apply(x0, y1)
	gl := Glyph{
		Text: g.text,
		X0:   math.Min(math.Min(ax, bx), math.Min(cx, dx)),
		X1:   math.Max(math.Max(ax, bx), math.Max(cx, dx)),
		Y0:   math.Min(math.Min(ay, by), math.Min(cy, dy)),
		Y1:   math.Max(math.Max(ay, by), math.Max(cy, dy)),
		Size: math.Abs(fs) * math.Hypot(m[2], m[3]),
		// Word spacing applies to code 32, but whether a glyph is a space
		// depends on what it shows: subset fonts put ideographs at 32 too.
		Space: g.text == " " || g.text == "\u00A0" || g.text == "\u3000" || (g.text == "" && g.space),
		Font:  in.gs.font.name,
	}
	if gl.Text == "" && !gl.Space {
		gl.Text = "\uFFFD"
	}
	if strings.Contains(gl.Text, "\u00AD") {
		// A soft hyphen that is drawn is a hyphen (WinAnsi's 0xAD is
		// /hyphen: re-embedded fonts map minus signs to it).
		gl.Text = strings.ReplaceAll(gl.Text, "\u00AD", "-")
	}
	// Direction of the baseline in upright coordinates (y grows down).
	bxv, byv := trm[0], trm[1]
	switch {
	case math.Abs(bxv) >= math.Abs(byv) && bxv >= 0:
		gl.Dir = 0
	case math.Abs(bxv) >= math.Abs(byv):
		gl.Dir = 2
	case byv > 0:
		gl.Dir = 1
	default:
		gl.Dir = 3
	}
	// The baseline origin.
	gl.BaseX, gl.BaseY = trm.apply(0, 0)
	// Glyphs entirely off the page are not printed.
	p := in.page
	if gl.X1 < -1 || gl.Y1 < -1 || gl.X0 > p.Width+1 || gl.Y0 > p.Height+1 {
		return
	}
	if gl.Size < 0.5 && !gl.Space {
		// Invisible specks.
		return
	}
	if c := &in.gs.clip; in.gs.clipped {
		mx, my := (gl.X0+gl.X1)/2, (gl.Y0+gl.Y1)/2
		if gl.Dir == 0 && leftInk(gl.Text) {
			// 、。， are inked at the left of their em square: one at
			// the end of a cell shows though its box runs past the clip.
			mx = gl.X0 + 0.25*(gl.X1-gl.X0)
		}
		if mx < c.x0-clipSlack || mx > c.x1+clipSlack || my < c.y0-clipSlack || my > c.y1+clipSlack {
			if !gl.Space && len(p.hidden) < maxHidden {
				p.hidden = append(p.hidden, gl.Text...)
				p.HiddenGlyphs = append(p.HiddenGlyphs, gl)
			}
			return // clipped away
		}
	}
	if last >= 0 && last < len(p.Glyphs) {
		// The glyph before does not reach past this one when this one
		// follows it on its line: its font's width (or the em square it
		// was widened to) claims more than the pen moved (digits of a
		// CJK font, 1 em wide, set half an em apart). Text drawn over
		// itself a little to the right (a bold effect) starts before
		// lastMin and changes nothing.
		prev := &p.Glyphs[last]
		if gl.Dir == 0 && prev.Dir == 0 && math.Abs(gl.BaseY-prev.BaseY) <= 0.2*max(gl.Size, 1) &&
			gl.X0 < prev.X1 && gl.X0 >= lastMin {
			prev.X1 = gl.X0
		}
	}
	p.Glyphs = append(p.Glyphs, gl)
	if gl.Dir == 0 && x1 > x0 {
		in.prev = len(p.Glyphs) - 1
		in.prevMin = gl.X0 + overlapMin*(gl.X1-gl.X0)
		if in.narrow > 0 {
			// Widened: its box ends where the font's width would.
			in.prevMin = gl.X0 + (gl.X1-gl.X0)*in.narrow/(x1-x0) - 0.01*gl.Size
		}
	}
}

// overlapMin is the share of a glyph's box after which a glyph drawn next
// on its line ends it (see emit).
const overlapMin = 0.3

// kern applies a TJ adjustment.
func (in *interp) kern(n float64) {
	gs := &in.gs
	if gs.font != nil && gs.font.vertical {
		in.tm = matrix{1, 0, 0, 1, 0, -n / 1000 * gs.fontSize}.mul(in.tm)
		return
	}
	tx := -n / 1000 * gs.fontSize * gs.th
	in.tm = matrix{1, 0, 0, 1, tx, 0}.mul(in.tm)
}

func (in *interp) lineTo(x, y float64, curve bool) {
	px, py := in.gs.ctm.apply(x, y)
	n := len(in.path)
	if n == 0 {
		in.path = append(in.path, subpath{pts: []point{{px, py}}})
		return
	}
	in.path[n-1].pts = append(in.path[n-1].pts, point{px, py})
	if curve {
		in.path[n-1].curved = true
	}
}

// lineThickness is the painted width of the current line width.
func (in *interp) lineThickness() float64 {
	w := in.gs.lineWidth * in.gs.ctm.scale()
	if w <= 0.01 {
		w = 0.5
	}
	return w
}

// stroke turns the straight axis-aligned segments of the path into rules.
func (in *interp) stroke(closeAll bool) {
	if in.gs.whiteStroke {
		return
	}
	t := in.lineThickness()
	for _, sp := range in.path {
		if sp.curved {
			continue
		}
		n := len(sp.pts)
		for i := 0; i+1 < n; i++ {
			in.segment(sp.pts[i], sp.pts[i+1], t)
		}
		if (sp.closed || closeAll) && n > 2 {
			in.segment(sp.pts[n-1], sp.pts[0], t)
		}
	}
}

func (in *interp) segment(a, b point, t float64) {
	dx, dy := math.Abs(b.x-a.x), math.Abs(b.y-a.y)
	switch {
	case dy <= 0.5 && dx > 0:
		y := (a.y + b.y) / 2
		in.addRule(math.Min(a.x, b.x), y-t/2, math.Max(a.x, b.x), y+t/2)
	case dx <= 0.5 && dy > 0:
		x := (a.x + b.x) / 2
		in.addRule(x-t/2, math.Min(a.y, b.y), x+t/2, math.Max(a.y, b.y))
	}
}

// fill turns thin filled shapes into rules: rectangles, and the mitred
// trapezoids some producers fill for each border of a cell. Whatever its
// outline, a filled shape no thicker than a rule draws one.
func (in *interp) fill() {
	if in.gs.whiteFill {
		return
	}
	for _, sp := range in.path {
		if sp.curved || len(sp.pts) < 2 {
			continue
		}
		x0, y0, x1, y1 := sp.pts[0].x, sp.pts[0].y, sp.pts[0].x, sp.pts[0].y
		for _, p := range sp.pts[1:] {
			x0, x1 = math.Min(x0, p.x), math.Max(x1, p.x)
			y0, y1 = math.Min(y0, p.y), math.Max(y1, p.y)
		}
		if x1-x0 <= maxRuleThickness || y1-y0 <= maxRuleThickness {
			in.addRule(x0, y0, x1, y1)
		}
	}
}

func (in *interp) addRule(x0, y0, x1, y1 float64) {
	p := in.page
	if len(p.Rules) >= maxGlyphs {
		return
	}
	// Clip to the page.
	x0, y0 = math.Max(x0, -1), math.Max(y0, -1)
	x1, y1 = math.Min(x1, p.Width+1), math.Min(y1, p.Height+1)
	if x1 < x0 || y1 < y0 {
		return
	}
	p.Rules = append(p.Rules, Rule{X0: x0, Y0: y0, X1: x1, Y1: y1})
}

// extLineWidth returns the line width an ExtGState sets, or -1.
func (in *interp) extLineWidth(name string) float64 {
	if lw, ok := in.lineWidths[name]; ok {
		return lw
	}
	if in.lineWidths == nil {
		in.lineWidths = map[string]float64{}
	}
	lw := -1.0
	if v := in.doc.entry(in.doc.entry(in.res, "ExtGState"), name).Key("LW"); v.Kind() == pdflib.Integer || v.Kind() == pdflib.Real {
		lw = max(v.Float64(), 0)
	}
	in.lineWidths[name] = lw
	return lw
}

// xobject draws a Form XObject, or counts an image.
func (in *interp) xobject(name string) {
	x, ok := in.xobjects[name]
	if !ok {
		if in.xobjects == nil {
			in.xobjects = map[string]pdflib.Value{}
		}
		x = in.doc.entry(in.doc.entry(in.res, "XObject"), name)
		in.xobjects[name] = x
	}
	switch x.Key("Subtype").Name() {
	case "Image":
		in.page.Images++
	case "Form":
		if in.depth >= maxFormDepth {
			return
		}
		content, err := in.doc.formContent(x)
		if err != nil {
			in.page.problems = append(in.page.problems, "form XObject "+name+": "+err.Error())
			return
		}
		m := identity
		if mv := x.Key("Matrix"); mv.Kind() == pdflib.Array && mv.Len() == 6 {
			for i := 0; i < 6; i++ {
				m[i] = mv.Index(i).Float64()
			}
		}
		sub := &interp{
			doc:   in.doc,
			page:  in.page,
			gs:    in.gs,
			res:   in.res,
			fonts: in.fonts,
			depth: in.depth + 1,
			ops:   in.ops,
			args:  make([]operand, 0, 16),
		}
		if c := m.mul(in.gs.ctm); c.valid() {
			sub.gs.ctm = c
		}
		if r := x.Key("Resources"); r.Kind() == pdflib.Dict {
			sub.res = r
			sub.fonts = nil
		} else {
			sub.lineWidths, sub.xobjects = in.lineWidths, in.xobjects
		}
		sub.run(content)
		in.ops = sub.ops
	}
}

// inlineImage skips an inline image (BI … ID data EI) and counts it.
func (in *interp) inlineImage(l *lexer) {
	for {
		var op operand
		tok, kw := l.next(&op)
		if tok == tokEOF {
			return
		}
		if tok == tokOperator && string(kw) == "ID" {
			l.skipInlineImage()
			in.page.Images++
			return
		}
	}
}
