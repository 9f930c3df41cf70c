package extract

import (
	"testing"

	"github.com/cnbudget/cnbudget/extract/pdf"
)

// glyphsOf lays out text on one baseline from x, a glyph per character
// (a space glyph for ' '), each w wide.
func glyphsOf(text string, x, w float64) []pdf.Glyph {
	var gs []pdf.Glyph
	for _, r := range text {
		gs = append(gs, pdf.Glyph{Text: string(r), X0: x, X1: x + w, Y0: 100, Y1: 110, BaseX: x, BaseY: 108, Size: 10, Space: r == ' '})
		x += w
	}
	return gs
}

func TestSameText(t *testing.T) {
	g := func(texts ...string) []pdf.Glyph {
		var gs []pdf.Glyph
		for _, s := range texts {
			gs = append(gs, pdf.Glyph{Text: s, Space: s == " "})
		}
		return gs
	}
	cases := []struct {
		a, b []pdf.Glyph
		want bool
	}{
		{g("合", "计"), g("合", "计"), true},
		{g("合", " ", "计"), g("合", "计", " "), true}, // spaces aside
		{g("ab", "c"), g("a", "bc"), true},         // the text, not the glyphs
		{g("合", "计"), g("合"), false},
		{g("合"), g("合", "计"), false},
		{g(" "), g(), true},
		{g("1", "2"), g("1", "3"), false},
	}
	for i, c := range cases {
		if got := sameText(c.a, c.b); got != c.want {
			t.Errorf("case %d: sameText = %v, want %v", i, got, c.want)
		}
	}
}

// TestLinesOfOnePage: runs parted at gaps, text drawn twice (bold) read
// once, text over other text kept apart; the working memory reused from
// line to line leaves no trace of one line in the next.
func TestLinesOfOnePage(t *testing.T) {
	var gs []pdf.Glyph
	line1 := append(glyphsOf("合计 100.00", 50, 6), glyphsOf("合计 100.00", 50.2, 6)...) // drawn twice
	line1 = append(line1, glyphsOf("其中", 300, 6)...)
	gs = append(gs, line1...)
	line2 := glyphsOf("一般公共预算", 50, 6)
	for i := range line2 {
		line2[i].Y0, line2[i].Y1, line2[i].BaseY = 200, 210, 208
	}
	over := glyphsOf("XX", 56, 6) // drawn over the middle of the line
	for i := range over {
		over[i].Y0, over[i].Y1, over[i].BaseY = 200, 210, 208
	}
	gs = append(gs, line2...)
	gs = append(gs, over...)
	lines := horizontalLines(gs)
	var got [][]string
	for _, l := range lines {
		var runs []string
		for _, r := range l.Runs {
			runs = append(runs, r.Text)
		}
		got = append(got, runs)
	}
	want := [][]string{{"合计", "100.00", "其中"}, {"一般公共预算", "XX"}}
	if len(got) != len(want) {
		t.Fatalf("lines %q, want %q", got, want)
	}
	for i := range want {
		if len(got[i]) != len(want[i]) {
			t.Fatalf("line %d: runs %q, want %q", i, got[i], want[i])
		}
		for j := range want[i] {
			if got[i][j] != want[i][j] {
				t.Errorf("line %d run %d: %q, want %q", i, j, got[i][j], want[i][j])
			}
		}
	}
}
