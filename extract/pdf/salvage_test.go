package pdf

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"strings"
	"testing"
)

// threePages builds a file whose catalog and page tree come first (as
// most producers write them) or last, each page showing its number.
func threePages(treeLast bool) []byte {
	var b testPDF
	page := func(n, parent int) {
		content := b.add(stream("", fmt.Sprintf("BT /F1 12 Tf 72 700 Td (Page%d) Tj ET", n)))
		b.add(fmt.Sprintf("<< /Type /Page /Parent %d 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 %d 0 R >> >> /Contents %d 0 R >>", parent, 1, content))
	}
	if !treeLast {
		// 1 font, 2 catalog, 3 pages; then content and page objects.
		b.add(helvetica)
		b.add("<< /Type /Catalog /Pages 3 0 R >>")
		b.add("<< /Type /Pages /Kids [5 0 R 7 0 R 9 0 R] /Count 3 >>")
		page(1, 3)
		page(2, 3)
		page(3, 3)
		return b.bytes()
	}
	// 1 font; pages 3, 5, 7; page tree 8 and catalog 9 at the end.
	b.add(helvetica)
	page(1, 8)
	page(2, 8)
	page(3, 8)
	b.add("<< /Type /Pages /Kids [3 0 R 5 0 R 7 0 R] /Count 3 >>")
	b.add("<< /Type /Catalog /Pages 8 0 R >>")
	data := b.bytes()
	return bytes.Replace(data, []byte("/Root 1 0 R"), []byte("/Root 9 0 R"), 1)
}

// cutBefore returns data up to the header of object n.
func cutBefore(t *testing.T, data []byte, n int) []byte {
	t.Helper()
	i := bytes.Index(data, []byte(fmt.Sprintf("\n%d 0 obj", n)))
	if i < 0 {
		t.Fatalf("no object %d", n)
	}
	return data[:i+1]
}

func docText(t *testing.T, d *Doc) []string {
	t.Helper()
	var out []string
	for n := 1; n <= d.NumPages(); n++ {
		p := d.Page(n)
		if p.Err != nil {
			out = append(out, "ERR")
			continue
		}
		out = append(out, pageText(p))
	}
	return out
}

func TestSalvageTruncated(t *testing.T) {
	for _, tc := range []struct {
		name string
		data func(t *testing.T) []byte
		want string // page texts, ERR for a page reported lost
	}{
		// The file ends inside page 3's content: the tree is there, page 3
		// is reported, pages 1 and 2 read.
		{"tree first, cut in page 3", func(t *testing.T) []byte {
			return cutBefore(t, threePages(false), 9) // before page 3's page object
		}, "Page1 Page2 ERR"},
		// The tree and the catalog were at the end: a new tree holds the
		// pages found, in file order.
		{"tree last, cut before it", func(t *testing.T) []byte {
			return cutBefore(t, threePages(true), 8)
		}, "Page1 Page2 Page3"},
		{"tree last, cut in page 3", func(t *testing.T) []byte {
			return cutBefore(t, threePages(true), 6)
		}, "Page1 Page2"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d, err := Open(tc.data(t), "")
			if err != nil {
				t.Fatalf("open: %v", err)
			}
			if !d.Salvaged {
				t.Error("not marked as salvaged")
			}
			if got := strings.Join(docText(t, d), " "); got != tc.want {
				t.Errorf("pages %q, want %q", got, tc.want)
			}
		})
	}
}

// TestSalvageObjectStream checks that objects kept in an object stream are
// found when the cross-reference stream at the end is lost.
func TestSalvageObjectStream(t *testing.T) {
	// Objects 2 (catalog), 3 (pages) and 4 (page) live in object stream
	// 6; 1 is the font, 5 the content.
	inner := []string{
		"<< /Type /Catalog /Pages 3 0 R >>",
		"<< /Type /Pages /Kids [4 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 3 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 1 0 R >> >> /Contents 5 0 R >>",
	}
	var header, body strings.Builder
	for i, o := range inner {
		fmt.Fprintf(&header, "%d %d ", i+2, body.Len())
		body.WriteString(o + "\n")
	}
	var z bytes.Buffer
	zw := zlib.NewWriter(&z)
	zw.Write([]byte(header.String() + body.String()))
	zw.Close()
	var buf bytes.Buffer
	buf.WriteString("%PDF-1.5\n")
	fmt.Fprintf(&buf, "1 0 obj\n%s\nendobj\n", helvetica)
	fmt.Fprintf(&buf, "5 0 obj\n%s\nendobj\n", stream("", "BT /F1 12 Tf 72 700 Td (Inside) Tj ET"))
	fmt.Fprintf(&buf, "6 0 obj\n<< /Type /ObjStm /N 3 /First %d /Filter /FlateDecode /Length %d >>\nstream\n", header.Len(), z.Len())
	buf.Write(z.Bytes())
	buf.WriteString("\nendstream\nendobj\n7 0 obj\n<< /Type /XRef /Size 8 /W [1 4 2] /Root 2 0 R /Length 999 >>\nstream\n\x01\x00") // cut here
	d, err := Open(buf.Bytes(), "")
	if err != nil {
		t.Fatalf("open: %v", err)
	}
	if got := strings.Join(docText(t, d), " "); got != "Inside" || !d.Salvaged {
		t.Errorf("pages %q (salvaged %v), want Inside", got, d.Salvaged)
	}
}

// TestSalvageNothingLeft: a file cut before its first page reports why.
func TestSalvageNothingLeft(t *testing.T) {
	data := cutBefore(t, threePages(true), 2)
	_, err := Open(data, "")
	if err == nil || !strings.Contains(err.Error(), "no page object left") {
		t.Errorf("err %v, want one saying no page object is left", err)
	}
}
