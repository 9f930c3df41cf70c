package pdf

import (
	"fmt"
	"math"
	"strings"
	"testing"
)

func readPage(t *testing.T, data []byte) *Page {
	t.Helper()
	d, err := Open(data, "")
	if err != nil {
		t.Fatalf("open: %v", err)
	}
	p := d.Page(1)
	if p.Err != nil {
		t.Fatalf("page 1: %v", p.Err)
	}
	return p
}

func near(a, b float64) bool { return math.Abs(a-b) < 0.01 }

func pageText(p *Page) string {
	var s strings.Builder
	for _, g := range p.Glyphs {
		s.WriteString(g.Text)
	}
	return s.String()
}

// toUnicode is a CMap mapping the 2-byte codes 1… to the characters of s.
func toUnicode(s string) string {
	var b strings.Builder
	rs := []rune(s)
	b.WriteString("/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n")
	b.WriteString("1 begincodespacerange <0000> <FFFF> endcodespacerange\n")
	fmt.Fprintf(&b, "%d beginbfchar\n", len(rs))
	for i, r := range rs {
		fmt.Fprintf(&b, "<%04X> <%04X>\n", i+1, r)
	}
	b.WriteString("endbfchar endcmap CMapName currentdict /CMap defineresource pop end end")
	return b.String()
}

// TestCIDWidths checks that the glyphs of a Type0 font advance by their /W
// widths, /DW for the others, with character and word spacing and
// horizontal scaling applied.
func TestCIDWidths(t *testing.T) {
	content := "BT /F1 10 Tf 100 700 Td <00010002000300040005> Tj ET"
	data := onePage("", "/F1 4 0 R", "", content,
		"<< /Type /Font /Subtype /Type0 /BaseFont /ABCDEF+SimSun /Encoding /Identity-H /DescendantFonts [5 0 R] /ToUnicode 6 0 R >>",
		"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /ABCDEF+SimSun /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /DW 1000 /W [1 [500 1000] 3 4 250] >>",
		stream("", toUnicode("1预算.表")),
	)
	p := readPage(t, data)
	if got := pageText(p); got != "1预算.表" {
		t.Fatalf("text %q", got)
	}
	// Widths: 500, 1000, 250, 250, then /DW 1000, at 10 pt.
	wantX := []float64{100, 105, 115, 117.5, 120}
	wantW := []float64{5, 10, 2.5, 2.5, 10}
	for i, g := range p.Glyphs {
		if !near(g.X0, wantX[i]) || !near(g.X1-g.X0, wantW[i]) {
			t.Errorf("glyph %d %q: x0 %.2f width %.2f, want %.2f %.2f", i, g.Text, g.X0, g.X1-g.X0, wantX[i], wantW[i])
		}
		if !near(g.BaseY, 92) || !near(g.Size, 10) || g.Font != "SimSun" {
			t.Errorf("glyph %d: baseline %.2f size %.2f font %q", i, g.BaseY, g.Size, g.Font)
		}
	}
}

// TestTextState covers Tc, Tw, Tz, TL, T*, TD, ', " and the kerning
// numbers of TJ on a standard-14 font without /Widths.
func TestTextState(t *testing.T) {
	// Helvetica: "A" 667, space 278, "B" 667.
	content := `BT /F1 10 Tf 1 0 0 1 50 700 Tm
2 Tc 5 Tw (A B) Tj
[(A) -1000 (B)] TJ
50 Tz (A) Tj 100 Tz 0 Tc 0 Tw
0 -20 TD (A) Tj
T* (B) Tj
(A) '
3 1 (B) "
ET`
	p := readPage(t, onePage("", "/F1 4 0 R", "", content, helvetica))
	if got := pageText(p); got != "A BABAABAB" {
		t.Fatalf("text %q", got)
	}
	type want struct{ x, y float64 }
	a, sp := 6.67, 2.78
	x := 50.0
	w := []want{{x, 92}} // A
	x += a + 2
	w = append(w, want{x, 92}) // space: + Tc + Tw
	x += sp + 2 + 5
	w = append(w, want{x, 92}) // B
	x += a + 2
	w = append(w, want{x, 92}) // TJ A
	x += a + 2 + 10            // kerning -1000 moves 10 pt right
	w = append(w, want{x, 92}) // TJ B
	x += a + 2
	w = append(w, want{x, 92}) // A at 50% scaling
	// TD sets TL = 20: the next lines go down 20 pt each.
	w = append(w, want{50, 112}, want{50, 132}, want{50, 152})
	// ": word spacing 3, character spacing 1, then a new line.
	w = append(w, want{50, 172})
	for i, g := range p.Glyphs {
		if i >= len(w) {
			break
		}
		if !near(g.X0, w[i].x) || !near(g.BaseY, w[i].y) {
			t.Errorf("glyph %d %q at (%.2f, %.2f), want (%.2f, %.2f)", i, g.Text, g.X0, g.BaseY, w[i].x, w[i].y)
		}
	}
	if g := p.Glyphs[5]; !near(g.X1-g.X0, a/2) {
		t.Errorf("50%% horizontal scaling: width %.2f, want %.2f", g.X1-g.X0, a/2)
	}
	if !p.Glyphs[1].Space {
		t.Error("the space glyph is not marked as a space")
	}
}

// TestRotatedPage checks that /Rotate 90 turns the page upright: a line
// printed bottom to top on the unrotated page reads left to right.
func TestRotatedPage(t *testing.T) {
	// Text running up the page at x=100: after a 90° clockwise rotation it
	// reads left to right near the top.
	content := "BT /F1 10 Tf 0 1 -1 0 100 50 Tm (AB) Tj ET 0.5 w 100 200 m 300 200 l S"
	p := readPage(t, onePage("/Rotate 90", "/F1 4 0 R", "", content, helvetica))
	if p.Width != 792 || p.Height != 612 || p.Rotate != 90 {
		t.Fatalf("size %.0f×%.0f rotate %d, want 792×612 90", p.Width, p.Height, p.Rotate)
	}
	if len(p.Glyphs) != 2 {
		t.Fatalf("%d glyphs", len(p.Glyphs))
	}
	a, b := p.Glyphs[0], p.Glyphs[1]
	if a.Dir != 0 || b.X0 <= a.X0 || !near(a.BaseY, b.BaseY) {
		t.Errorf("rotated text not upright: %+v %+v", a, b)
	}
	if !near(a.X0, 50) || !near(a.BaseY, 100) {
		t.Errorf("first glyph at (%.2f, %.2f), want (50, 100)", a.X0, a.BaseY)
	}
	// The horizontal segment becomes vertical.
	if len(p.Rules) != 1 || p.Rules[0].X1-p.Rules[0].X0 > 1 || !near(p.Rules[0].Y1-p.Rules[0].Y0, 200) {
		t.Errorf("rules %+v, want one vertical rule 200 pt long", p.Rules)
	}
}

// TestRules checks the segments that become ruling lines: stroked
// rectangles and paths (with the CTM), thin filled rectangles; a curve and a
// large filled area are not rules.
func TestRules(t *testing.T) {
	content := `0.5 w 10 10 100 50 re S
q 2 0 0 2 0 0 cm 100 100 m 150 100 l S Q
200 300 100 0.8 re f
300 300 100 100 re f
400 400 m 450 450 480 420 500 400 c S`
	p := readPage(t, onePage("", "", "", content))
	type box struct{ x0, y0, x1, y1 float64 }
	want := []box{
		// The rectangle's four sides (y flipped: 792-10-50 … 792-10).
		{10, 732, 110, 732}, {10, 782, 110, 782}, {10, 732, 10, 782}, {110, 732, 110, 782},
		{200, 592, 300, 592}, // the cm doubles the stroked line
		{200, 491.2, 300, 492},
	}
	found := 0
	for _, w := range want {
		for _, r := range p.Rules {
			if math.Abs((r.X0+r.X1)/2-(w.x0+w.x1)/2) < 1 && math.Abs((r.Y0+r.Y1)/2-(w.y0+w.y1)/2) < 1 &&
				math.Abs((r.X1-r.X0)-(w.x1-w.x0)) < 1.5 && math.Abs((r.Y1-r.Y0)-(w.y1-w.y0)) < 1.5 {
				found++
				break
			}
		}
	}
	if found != len(want) || len(p.Rules) != len(want) {
		t.Errorf("rules %+v\nwant %d of %+v", p.Rules, len(want), want)
	}
}

// TestClip checks that glyphs outside the clipping box are kept apart as
// hidden text: a label cut by its cell, text under a later clip, and that
// Q restores the clip of the enclosing state.
func TestClip(t *testing.T) {
	content := `q 40 690 40 30 re W n
BT /F1 10 Tf 50 700 Td (ABCDEFGHIJ) Tj ET
q 0 0 20 20 re W* n BT /F1 10 Tf 5 5 Td (X) Tj ET Q
Q
BT /F1 10 Tf 300 700 Td (Z) Tj ET
q 100 100 m 200 100 l 200 200 l h W n BT /F1 10 Tf 150 150 Td (Y) Tj ET Q`
	p := readPage(t, onePage("", "/F1 4 0 R", "", content, helvetica))
	// Helvetica: A B C D end at 77.8, within the clip (x ≤ 80, plus 1 of
	// slack); E's centre is at 81.1. The nested clip lies outside the
	// outer one, so X is hidden too; after Q, Z is not clipped.
	if got := pageText(p); got != "ABCDZY" {
		t.Errorf("visible text %q, want ABCDZY", got)
	}
	if p.Hidden != "EFGHIJX" {
		t.Errorf("hidden text %q, want EFGHIJX", p.Hidden)
	}
}

// TestClipPunctuation: a Chinese comma at the end of a clipped cell is
// inked at the left of its em square, inside the clip, though its box's
// centre is outside: it stays visible. An ideograph so placed is hidden.
func TestClipPunctuation(t *testing.T) {
	// UniGB-UCS2-H: 动 U+52A8, 、 U+3001; em squares 90–100 and 100–110,
	// the clip ends at 103 (104 with its slack).
	content := `q 0 0 103 800 re W n BT /F1 10 Tf 90 700 Td <52A83001> Tj ET Q
q 0 0 103 800 re W n BT /F1 10 Tf 90 600 Td <52A852A8> Tj ET Q`
	p := readPage(t, onePage("", "/F1 4 0 R", "", content,
		"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [5 0 R] >>",
		"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 4 >> /DW 1000 >>",
	))
	if got := pageText(p); got != "动、动" {
		t.Errorf("visible text %q, want 动、动", got)
	}
	if p.Hidden != "动" {
		t.Errorf("hidden text %q, want 动", p.Hidden)
	}
}

// TestSoftHyphen: a drawn soft hyphen (WinAnsi 0xAD, which fonts map a
// minus sign to) reads as a hyphen-minus.
func TestSoftHyphen(t *testing.T) {
	p := readPage(t, onePage("", "/F1 4 0 R", "", `BT /F1 10 Tf 50 700 Td (\25586572.5) Tj ET`, helvetica))
	if got := pageText(p); got != "-86572.5" {
		t.Errorf("text %q, want -86572.5", got)
	}
}

// TestFormXObject checks that a form's matrix and resources apply, and that
// an image XObject is counted.
func TestFormXObject(t *testing.T) {
	content := "q 1 0 0 1 100 0 cm /Fm1 Do Q /Im1 Do"
	data := onePage("", "", "/Fm1 4 0 R /Im1 6 0 R", content,
		stream("<< /Type /XObject /Subtype /Form /BBox [0 0 612 792] /Matrix [1 0 0 1 0 100] /Resources << /Font << /F9 5 0 R >> >> >>",
			"BT /F9 12 Tf 10 10 Td (A) Tj ET"),
		helvetica,
		stream("<< /Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray /BitsPerComponent 8 >>", "\x00"),
	)
	p := readPage(t, data)
	if len(p.Glyphs) != 1 || p.Glyphs[0].Text != "A" {
		t.Fatalf("glyphs %+v", p.Glyphs)
	}
	g := p.Glyphs[0]
	if !near(g.X0, 110) || !near(g.BaseY, 792-110) || !near(g.Size, 12) {
		t.Errorf("form glyph at (%.2f, %.2f) size %.2f, want (110, 682) 12", g.X0, g.BaseY, g.Size)
	}
	if p.Images != 1 {
		t.Errorf("images %d, want 1", p.Images)
	}
}

// TestFormRecursion: a form that draws itself stops at the depth limit.
func TestFormRecursion(t *testing.T) {
	data := onePage("", "/F1 5 0 R", "/Fm1 4 0 R", "/Fm1 Do",
		stream("<< /Type /XObject /Subtype /Form /BBox [0 0 612 792] /Resources << /XObject << /Fm1 4 0 R >> /Font << /F1 5 0 R >> >> >>",
			"BT /F1 10 Tf 10 10 Td (A) Tj ET /Fm1 Do"),
		helvetica,
	)
	d, err := Open(data, "")
	if err != nil {
		t.Fatal(err)
	}
	p := d.Page(1)
	if n := len(p.Glyphs); n == 0 || n > 64 {
		t.Errorf("%d glyphs from a self-drawing form", n)
	}
}

// TestType3 reads a Type 3 font: FontMatrix scaling and ToUnicode.
func TestType3(t *testing.T) {
	data := onePage("", "/T3 4 0 R", "", "BT /T3 10 Tf 100 100 Td <0102> Tj ET",
		"<< /Type /Font /Subtype /Type3 /FontBBox [0 0 1000 1000] /FontMatrix [0.0005 0 0 0.0005 0 0] /CharProcs << >> /Encoding << /Type /Encoding /Differences [1 /g1 /g2] >> /FirstChar 1 /LastChar 2 /Widths [2000 1000] /Resources << >> /ToUnicode 5 0 R >>",
		stream("", "/CIDInit /ProcSet findresource begin begincmap 1 begincodespacerange <00> <FF> endcodespacerange 1 beginbfrange <01> <02> <9884> endbfrange endcmap end"),
	)
	p := readPage(t, data)
	if got := pageText(p); got != "预颅" {
		t.Fatalf("text %q", got)
	}
	// 预 is 2000 units of 1/2000 em wide, 颅 1000 (half an em): the pen
	// moves by that; the box of an ideograph is its em square.
	if a, b := p.Glyphs[0], p.Glyphs[1]; !near(a.X1-a.X0, 10) || !near(b.X0, 110) || !near(b.X1-b.X0, 10) {
		t.Errorf("type 3 widths: %+v %+v", a, b)
	}
}

// TestFullWidthBoxes: a font whose widths make ideographs narrower than
// they are drawn (0.55 em, set a whole em apart by TJ adjustments) gives
// them their em square, so that a word is not read as one run per
// character; a widened box never reaches past the next glyph (a
// proportional bracket before a digit keeps its width).
func TestFullWidthBoxes(t *testing.T) {
	font := func(dw int) []string {
		return []string{
			"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [5 0 R] >>",
			fmt.Sprintf("<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 4 >> /DW %d /W [18 [500 500]] >>", dw),
		}
	}
	for _, c := range []struct {
		name, content string
		dw            int
		want          [][2]float64 // X0, X1 of each glyph
	}{
		{"narrow ideographs set an em apart", "BT /F1 10 Tf 0 0 Td [<9884> -450 <7B97>] TJ ET", 550, [][2]float64{{0, 10}, {10, 20}}},
		{"apart further than an em", "BT /F1 10 Tf 0 0 Td [<9884> -2450 <7B97>] TJ ET", 550, [][2]float64{{0, 10}, {30, 40}}},
		{"proportional bracket", "BT /F1 10 Tf 0 0 Td <30140032> Tj ET", 500, [][2]float64{{0, 5}, {5, 10}}},
		{"whole-em ideographs", "BT /F1 10 Tf 0 0 Td <98847B97> Tj ET", 1000, [][2]float64{{0, 10}, {10, 20}}},
	} {
		t.Run(c.name, func(t *testing.T) {
			f := font(c.dw)
			p := readPage(t, onePage("", "/F1 4 0 R", "", c.content, f[0], f[1]))
			checkBoxes(t, p, c.want)
		})
	}
}

// TestPredefinedCMap reads a non-embedded Chinese font through the
// predefined UniGB-UCS2-H CMap, without ToUnicode: ASCII at the
// proportional CIDs of /W, ideographs at /DW.
func TestPredefinedCMap(t *testing.T) {
	data := onePage("", "/F1 4 0 R", "", "BT /F1 10 Tf 0 0 Td <98847B9700310032> Tj ET",
		"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [5 0 R] >>",
		"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 4 >> /DW 1000 /W [18 [500 500]] >>",
	)
	p := readPage(t, data)
	if got := pageText(p); got != "预算12" {
		t.Fatalf("text %q", got)
	}
	wantW := []float64{10, 10, 5, 5}
	for i, g := range p.Glyphs {
		if !near(g.X1-g.X0, wantW[i]) {
			t.Errorf("glyph %d %q width %.2f, want %.2f", i, g.Text, g.X1-g.X0, wantW[i])
		}
	}
}

// TestBrokenContent: unbalanced Q, operators without operands, unknown
// operators, a missing font and marked content do not stop the page.
func TestBrokenContent(t *testing.T) {
	content := `Q Q /P <</MCID 0>> BDC BT Tf Td Tj /Nope 12 Tf (x) Tj ET EMC
foo bar 1 2 3 baz BT /F1 10 Tf 100 100 Td (OK) Tj ET Q`
	d, err := Open(onePage("", "/F1 4 0 R", "", content, helvetica), "")
	if err != nil {
		t.Fatal(err)
	}
	p := d.Page(1)
	if !strings.Contains(pageText(p), "OK") {
		t.Errorf("text %q, want OK", pageText(p))
	}
	if p.Err == nil || !strings.Contains(p.Err.Error(), "Nope") {
		t.Errorf("the missing font is not reported: %v", p.Err)
	}
}

// TestOverlappingGlyphBoxes: a CID font that gives its digits a whole em
// (no /W) but sets them half an em apart: each glyph's box ends where the
// next one starts, so that 201 reads as one word, not as 2 0 1. Text drawn
// over itself a little to the right (a bold effect) keeps its boxes.
func TestOverlappingGlyphBoxes(t *testing.T) {
	fonts := []string{
		"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [5 0 R] >>",
		"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 4 >> /DW 1000 >>",
	}
	for _, c := range []struct {
		name, content string
		want          [][2]float64
	}{
		{"digits half an em apart", "BT /F1 10 Tf 0 0 Td [<0032> 500 <0030> 500 <0031>] TJ ET", [][2]float64{{0, 5}, {5, 10}, {10, 20}}},
		{"bold by drawing twice", "BT /F1 10 Tf 0 0 Td <0032> Tj ET BT /F1 10 Tf 0.3 0 Td <0032> Tj ET", [][2]float64{{0, 10}, {0.3, 10.3}}},
		{"next line", "BT /F1 10 Tf 0 100 Td <0032> Tj 5 -12 Td <0030> Tj ET", [][2]float64{{0, 10}, {5, 15}}},
	} {
		t.Run(c.name, func(t *testing.T) {
			p := readPage(t, onePage("", "/F1 4 0 R", "", c.content, fonts[0], fonts[1]))
			checkBoxes(t, p, c.want)
		})
	}
}

// checkBoxes compares the horizontal extent of a page's glyphs with want
// (X0, X1 of each).
func checkBoxes(t *testing.T, p *Page, want [][2]float64) {
	t.Helper()
	if len(p.Glyphs) != len(want) {
		t.Fatalf("%d glyphs, want %d", len(p.Glyphs), len(want))
	}
	for i, g := range p.Glyphs {
		if !near(g.X0, want[i][0]) || !near(g.X1, want[i][1]) {
			t.Errorf("glyph %d %q: box %.2f–%.2f, want %.2f–%.2f", i, g.Text, g.X0, g.X1, want[i][0], want[i][1])
		}
	}
}
