package pdf

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"testing"
)

func deflate(data []byte) string {
	var b bytes.Buffer
	zw := zlib.NewWriter(&b)
	zw.Write(data)
	zw.Close()
	return b.String()
}

// TestStreamsReadDirectly reads streams of every kind both ways: from the
// file's bytes with the document's own zlib reader, and through the
// object layer. Output and errors must be the same; the kinds read
// directly must be read directly.
func TestStreamsReadDirectly(t *testing.T) {
	content := []byte("BT /F1 12 Tf 72 700 Td (Hello) Tj ET\n")
	long := bytes.Repeat([]byte("0 0 m 10 10 l S\n"), 4000)
	zlong := deflate(long)
	// PNG "up" rows of 4 bytes: the object layer's predictor.
	var rows []byte
	for i := range 6 {
		rows = append(rows, 2, byte(i), 1, 2, 3)
	}
	cases := []struct {
		name   string
		obj    string
		direct bool
	}{
		{"plain", stream("", string(content)), true},
		{"flate", stream("<< /Filter /FlateDecode >>", deflate(content)), true},
		{"flate in an array", stream("<< /Filter [/FlateDecode] /DecodeParms [null] >>", deflate(content)), true},
		{"large flate", stream("<< /Filter /FlateDecode >>", zlong), true},
		{"empty flate", "<< /Filter /FlateDecode /Length 0 >>\nstream\n\nendstream", true},
		{"not zlib", stream("<< /Filter /FlateDecode >>", "this is not zlib data"), true},
		{"cut short", stream("<< /Filter /FlateDecode >>", zlong[:len(zlong)/2]), true},
		{"length past the data", fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(content)+25, content), true},
		{"length by reference", fmt.Sprintf("<< /Length 5 0 R >>\nstream\n%s\nendstream", content), true},
		{"predictor", stream("<< /Filter /FlateDecode /DecodeParms << /Predictor 12 /Columns 4 >> >>", deflate(rows)), false},
		{"two filters", stream("<< /Filter [/FlateDecode /FlateDecode] >>", deflate([]byte(deflate(content)))), false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var b testPDF
			b.add("<< /Type /Catalog /Pages 2 0 R >>")
			b.add("<< /Type /Pages /Kids [3 0 R] /Count 1 >>")
			b.add("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Test 4 0 R >>")
			b.add(c.obj)
			b.add(fmt.Sprint(len(content)))
			data := b.bytes()
			direct, err := Open(data, "")
			if err != nil {
				t.Fatal(err)
			}
			layer, err := Open(data, "")
			if err != nil {
				t.Fatal(err)
			}
			layer.data = nil // every stream to the object layer
			v := direct.pages[0].Key("Test")
			if _, _, ok := direct.rawStream(v); ok != c.direct {
				t.Errorf("read directly: %v, want %v", ok, c.direct)
			}
			// Twice: the second time with the document's reader reset.
			for range 2 {
				got, gerr := direct.appendStream([]byte("x"), v, MaxStreamBytes)
				want, werr := layer.appendStream([]byte("x"), layer.pages[0].Key("Test"), MaxStreamBytes)
				if !bytes.Equal(got, want) {
					t.Errorf("read %d bytes %.40q, the object layer %d bytes %.40q", len(got), got, len(want), want)
				}
				if fmt.Sprint(gerr) != fmt.Sprint(werr) {
					t.Errorf("error %v, the object layer's %v", gerr, werr)
				}
			}
		})
	}
}

// TestStreamLimitDirect: a stream read directly is refused past the limit
// as one read by the object layer.
func TestStreamLimitDirect(t *testing.T) {
	var b testPDF
	b.add("<< /Type /Catalog /Pages 2 0 R >>")
	b.add("<< /Type /Pages /Kids [3 0 R] /Count 1 >>")
	b.add("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Test 4 0 R >>")
	b.add(stream("<< /Filter /FlateDecode >>", deflate(bytes.Repeat([]byte("x"), 10000))))
	d, err := Open(b.bytes(), "")
	if err != nil {
		t.Fatal(err)
	}
	out, err := d.appendStream([]byte("keep"), d.pages[0].Key("Test"), 1000)
	if string(out) != "keep" || err != errPageFull {
		t.Errorf("got %q, %v; want the bytes before and errPageFull", out, err)
	}
}
