package pdf

import (
	"testing"

	pdflib "github.com/ledongthuc/pdf"
)

// TestInheritedAttributes: attributes handed down the page tree (looked
// up once per node) reach every page below the node, a page's own win,
// the nearest ancestor wins over the root, and a tree whose Parent links
// loop still ends.
func TestInheritedAttributes(t *testing.T) {
	var b testPDF
	b.add("<< /Type /Catalog /Pages 2 0 R >>")
	// 2: the root hands down a media box, a rotation and resources.
	b.add("<< /Type /Pages /Kids [3 0 R 4 0 R 5 0 R] /Count 4 /MediaBox [0 0 500 700] /Rotate 90 /Resources 7 0 R >>")
	b.add("<< /Type /Page /Parent 2 0 R >>")
	b.add("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 400] /Rotate 0 >>")
	// 5: an inner node with its own media box.
	b.add("<< /Type /Pages /Parent 2 0 R /Kids [6 0 R] /Count 1 /MediaBox [0 0 100 200] >>")
	b.add("<< /Type /Page /Parent 5 0 R >>")
	b.add("<< /Font << >> /ProcSet [/PDF] >>")
	d, err := Open(b.bytes(), "")
	if err != nil {
		t.Fatal(err)
	}
	if len(d.pages) != 3 {
		t.Fatalf("%d pages", len(d.pages))
	}
	want := []struct {
		w, h   float64
		rotate int
	}{{700, 500, 90}, {300, 400, 0}, {200, 100, 90}}
	// Twice: the second time from what the document remembers.
	for range 2 {
		for i, w := range want {
			p := d.Page(i + 1)
			if p.Width != w.w || p.Height != w.h || p.Rotate != w.rotate {
				t.Errorf("page %d: %gx%g turned %d, want %gx%g turned %d", i+1, p.Width, p.Height, p.Rotate, w.w, w.h, w.rotate)
			}
			if r := d.resources(d.pages[i]); r.Key("ProcSet").Len() != 1 {
				t.Errorf("page %d: resources %v, not the root's", i+1, r)
			}
		}
	}

	// Parent links in a loop: looked up to the bound, then nothing.
	var c testPDF
	c.add("<< /Type /Catalog /Pages 2 0 R >>")
	c.add("<< /Type /Pages /Kids [3 0 R] /Count 1 >>")
	c.add("<< /Type /Page /Parent 4 0 R >>")
	c.add("<< /Type /Pages /Parent 5 0 R >>")
	c.add("<< /Type /Pages /Parent 4 0 R >>")
	d, err = Open(c.bytes(), "")
	if err != nil {
		t.Fatal(err)
	}
	if v := d.inherited(d.pages[0], "MediaBox"); v.Kind() != pdflib.Null {
		t.Errorf("found %v in a loop", v)
	}
}
