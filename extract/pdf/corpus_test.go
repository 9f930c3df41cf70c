package pdf

import (
	"math"
	"os"
	"path/filepath"
	"testing"

	pdflib "github.com/ledongthuc/pdf"
)

// sharedFile returns a file of ../shared/corpus, or skips the test.
func sharedFile(t *testing.T, rel string) []byte {
	t.Helper()
	path := filepath.Join("..", "..", "..", "shared", "corpus", rel)
	data, err := os.ReadFile(path)
	if err != nil {
		t.Skipf("skipping: %s is not there (the shared corpus sits beside the project in CI)", path)
	}
	return data
}

// wArray reads a CIDFont's /W and /DW the plain way, independently of the
// font loader: CID → width in glyph units.
func wArray(desc pdflib.Value) (map[int]float64, float64) {
	dw := 1000.0
	if v := desc.Key("DW"); v.Kind() == pdflib.Integer || v.Kind() == pdflib.Real {
		dw = v.Float64()
	}
	out := map[int]float64{}
	w := desc.Key("W")
	for i := 0; i < w.Len(); {
		a := int(w.Index(i).Int64())
		if w.Index(i+1).Kind() == pdflib.Array {
			arr := w.Index(i + 1)
			for j := 0; j < arr.Len(); j++ {
				out[a+j] = arr.Index(j).Float64()
			}
			i += 2
			continue
		}
		b := int(w.Index(i + 1).Int64())
		for c := a; c <= b; c++ {
			out[c] = w.Index(i + 2).Float64()
		}
		i += 3
	}
	return out, dw
}

// TestCorpusCIDWidths checks glyph boxes against the /W array of a known
// file: rl_stream_cid.pdf shows its table with the non-embedded
// STSong-Light through UniGB-UCS2-H, where the ASCII characters have the
// proportional widths of CIDs 1–95 and the ideographs /DW. Every glyph's
// box must be as wide as its /W width, and a glyph that follows another on
// a line without a gap starts where it ends.
func TestCorpusCIDWidths(t *testing.T) {
	data := sharedFile(t, "synthetic/seed-yongqing/pdf/rl_stream_cid.pdf")
	d, err := Open(data, "")
	if err != nil {
		t.Fatal(err)
	}
	var font pdflib.Value
	fonts := d.inherited(d.pages[0], "Resources").Key("Font")
	for _, k := range fonts.Keys() {
		if v := fonts.Key(k); v.Key("Subtype").Name() == "Type0" {
			font = v
		}
	}
	if font.Kind() != pdflib.Dict || font.Key("Encoding").Name() != "UniGB-UCS2-H" {
		t.Fatalf("no UniGB-UCS2-H Type0 font on page 1: %v", font)
	}
	widths, dw := wArray(font.Key("DescendantFonts").Index(0))
	p := d.Page(1)
	if p.Err != nil {
		t.Fatal(p.Err)
	}
	var checked, digits, adjacent int
	for i, g := range p.Glyphs {
		rs := []rune(g.Text)
		if len(rs) != 1 || g.Dir != 0 {
			continue
		}
		want := dw
		if r := rs[0]; r >= 0x20 && r <= 0x7E {
			if w, ok := widths[int(r)-0x1F]; ok {
				want = w
			}
			if r >= '0' && r <= '9' {
				digits++
			}
		}
		want *= g.Size / 1000
		if math.Abs((g.X1-g.X0)-want) > 0.01 {
			t.Errorf("glyph %d %q: width %.3f, /W gives %.3f", i, g.Text, g.X1-g.X0, want)
		}
		checked++
		if i > 0 {
			prev := p.Glyphs[i-1]
			if prev.BaseY == g.BaseY && g.X0 > prev.X0 && g.X0-prev.X1 < 0.5 {
				adjacent++
				if math.Abs(g.X0-prev.X1) > 0.01 {
					t.Errorf("glyph %d %q starts at %.3f, the previous one ends at %.3f", i, g.Text, g.X0, prev.X1)
				}
			}
		}
	}
	if checked < 200 || digits < 50 || adjacent < 100 {
		t.Errorf("only %d glyphs (%d digits, %d adjacent) checked", checked, digits, adjacent)
	}
	// The digits of STSong-Light are half width: the test would not see a
	// loader that gives every glyph /DW.
	if w := widths['5'-0x1F]; w == 0 || w == dw {
		t.Errorf("the test file's digits have width %v: not a proportional /W", w)
	}
}
