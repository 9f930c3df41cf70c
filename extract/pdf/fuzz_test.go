package pdf

import (
	"math"
	"testing"
)

// fuzzResources is a page with one font of each kind and a form, whose
// resources the fuzzed content streams draw with.
func fuzzResources(t testing.TB) (*Doc, *Page) {
	data := onePage("", "/F1 4 0 R /F2 5 0 R /F3 8 0 R /F4 9 0 R", "/Fm1 10 0 R", "",
		helvetica,
		"<< /Type /Font /Subtype /Type0 /BaseFont /SimSun /Encoding /Identity-H /DescendantFonts [6 0 R] /ToUnicode 7 0 R >>",
		"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /SimSun /DW 1000 /W [1 [500 1000] 3 4 250] >>",
		stream("", toUnicode("1预算.表")),
		"<< /Type /Font /Subtype /Type3 /FontMatrix [0.001 0 0 0.001 0 0] /FirstChar 32 /LastChar 33 /Widths [250 500] /CharProcs << >> /Resources << >> >>",
		"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /GBK-EUC-H /DescendantFonts [<< /Subtype /CIDFontType0 /DW 1000 >>] >>",
		stream("<< /Type /XObject /Subtype /Form /BBox [0 0 10 10] /Resources << /Font << /F1 4 0 R >> /XObject << /Fm1 10 0 R >> >> >>",
			"BT /F1 9 Tf (A) Tj ET /Fm1 Do"),
	)
	d, err := Open(data, "")
	if err != nil {
		t.Fatal(err)
	}
	return d, d.Page(1)
}

var contentSeeds = []string{
	"BT /F1 10 Tf 1 0 0 1 50 700 Tm 2 Tc 5 Tw [(A) -1000 (B)] TJ 50 Tz (A) ' 3 1 (B) \" ET",
	"BT /F2 12 Tf 0 1 -1 0 100 50 Tm <00010002000300040005> Tj T* ET",
	"BT /F4 10 Tf (\xd4\xa4\xcb\xe3ab) Tj ET /F3 5 Tf",
	"q 2 0 0 2 0 0 cm 0.5 w 10 10 100 50 re S 1 0 0 RG 0 0 m 10 0 l 10 10 l h B* Q Q Q",
	"200 300 100 0.8 re f 400 400 m 450 450 480 420 500 400 c S 0 0 m v y",
	"/Fm1 Do /Im1 Do BI /W 1 /H 1 /BPC 8 /CS /G ID \x00 EI",
	"/P <</MCID 0>> BDC BT /F1 10 Tf (x) Tj ET EMC [ 1 2 << /a [ ( ) ] >> ] d0",
	"1e308 1e308 1e308 1e308 1e308 1e308 cm BT /F1 1e308 Tf (A) Tj ET",
	"BT /F1 10 Tf -1 -1 -1 -1 -1 -1 Tm (\\061\\\n\\) Tj <4> Tj ET",
}

// FuzzContent runs the interpreter on arbitrary content streams: it never
// panics, never loops for ever and produces only finite glyph boxes.
func FuzzContent(f *testing.F) {
	d, page := fuzzResources(f)
	if page.Err != nil {
		f.Fatal(page.Err)
	}
	res := d.inherited(d.pages[0], "Resources")
	for _, s := range contentSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, content []byte) {
		p := &Page{Number: 1, Width: 612, Height: 792}
		in := newInterp(d, p, matrix{1, 0, 0, -1, 0, 792}, res)
		in.run(content)
		for _, g := range p.Glyphs {
			for _, v := range []float64{g.X0, g.Y0, g.X1, g.Y1, g.BaseX, g.BaseY, g.Size} {
				if math.IsNaN(v) || math.IsInf(v, 0) {
					t.Fatalf("glyph %+v has a non-finite coordinate", g)
				}
			}
		}
		for _, r := range p.Rules {
			for _, v := range []float64{r.X0, r.Y0, r.X1, r.Y1} {
				if math.IsNaN(v) || math.IsInf(v, 0) {
					t.Fatalf("rule %+v has a non-finite coordinate", r)
				}
			}
		}
	})
}

// FuzzLexer: the content and CMap lexer always advances and ends.
func FuzzLexer(f *testing.F) {
	for _, s := range contentSeeds {
		f.Add([]byte(s))
	}
	f.Add([]byte(testCMap))
	f.Fuzz(func(t *testing.T, src []byte) {
		l := &lexer{b: src}
		for i := 0; ; i++ {
			if i > len(src)+1 {
				t.Fatalf("lexer did not end after %d tokens on %d bytes", i, len(src))
			}
			var op operand
			if tok, _ := l.next(&op); tok == tokEOF {
				return
			}
		}
	})
}

// FuzzOpen opens arbitrary bytes as a PDF and reads every page: errors are
// fine, panics and hangs are not.
func FuzzOpen(f *testing.F) {
	f.Add(onePage("", "/F1 4 0 R", "", contentSeeds[0], helvetica))
	f.Add(onePage("/Rotate 90", "/F1 4 0 R", "", contentSeeds[1], helvetica))
	f.Add([]byte("%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF"))
	f.Add([]byte("%PDF-2.0\n"))
	// A deflated content stream (read from the file's bytes) and a form.
	var fl testPDF
	fl.add("<< /Type /Catalog /Pages 2 0 R >>")
	fl.add("<< /Type /Pages /Kids [3 0 R] /Count 1 /MediaBox [0 0 612 792] >>")
	fl.add("<< /Type /Page /Parent 2 0 R /Resources << /Font << /F1 4 0 R >> /XObject << /X1 6 0 R >> >> /Contents 5 0 R >>")
	fl.add(helvetica)
	fl.add(stream("<< /Filter /FlateDecode >>", deflate([]byte(contentSeeds[0]+" /X1 Do"))))
	fl.add(stream("<< /Type /XObject /Subtype /Form /BBox [0 0 612 792] /Filter [/FlateDecode] >>", deflate([]byte(contentSeeds[1]))))
	f.Add(fl.bytes())
	// Truncated files, for the salvage: the tree first, and last.
	for _, last := range []bool{false, true} {
		data := threePages(last)
		f.Add(data[:len(data)*2/3])
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		d, err := Open(data, "")
		if err != nil {
			return
		}
		for n := 1; n <= min(d.NumPages(), 8); n++ {
			d.Page(n)
		}
	})
}
