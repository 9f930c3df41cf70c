package batch_test

import (
	"archive/tar"
	"archive/zip"
	"bytes"
	"compress/zlib"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The hostile inputs of a batch run, one per class of fault that once
// ended a whole run (see the run's test): each a small file that asks the
// reader for too much memory, stack or time.

// pdfDoc builds a PDF from numbered objects (1 is the catalog): a classic
// cross-reference table, unless xref replaces it.
type pdfDoc struct {
	objs  []string // object n is objs[n-1]
	xref  func(offsets []int) string
	extra string // appended to the trailer dictionary
}

func (d pdfDoc) bytes() []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.5\n%\xe2\xe3\xcf\xd3\n")
	offs := make([]int, len(d.objs))
	for i, o := range d.objs {
		offs[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	start := b.Len()
	if d.xref != nil {
		b.WriteString(d.xref(offs))
	} else {
		fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(offs)+1)
		for _, o := range offs {
			fmt.Fprintf(&b, "%010d 00000 n \n", o)
		}
		fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R %s >>\n", len(offs)+1, d.extra)
	}
	fmt.Fprintf(&b, "startxref\n%d\n%%%%EOF\n", start)
	return b.Bytes()
}

func deflate(data []byte) []byte {
	var z bytes.Buffer
	w, _ := zlib.NewWriterLevel(&z, zlib.BestCompression)
	w.Write(data)
	w.Close()
	return z.Bytes()
}

// repeatDeflate compresses n copies of chunk without holding them all.
func repeatDeflate(chunk []byte, n int) []byte {
	var z bytes.Buffer
	w, _ := zlib.NewWriterLevel(&z, zlib.BestCompression)
	for range n {
		w.Write(chunk)
	}
	w.Close()
	return z.Bytes()
}

func stream(dict string, data []byte) string {
	return fmt.Sprintf("<< %s /Length %d >>\nstream\n%s\nendstream", dict, len(data), data)
}

// onePage is a catalog, a page tree and one page with the given contents
// and resources; further objects follow from 5.
func onePage(contents, resources string, more ...string) []string {
	return append([]string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents " + contents + " /Resources << /Font << /F1 4 0 R >> " + resources + " >> >>",
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
	}, more...)
}

// hostileFiles writes one file per class of hostile input into dir and
// returns their names.
func hostileFiles(t *testing.T, dir string) []string {
	t.Helper()
	files := map[string][]byte{}
	text := stream("", []byte("BT /F1 12 Tf 72 720 Td (hello) Tj ET"))

	// A cross-reference that asks for 10^9 entries, and one for 2^40.
	files["xref_1e9.pdf"] = pdfDoc{objs: onePage("5 0 R", "", text), xref: func(offs []int) string {
		var b strings.Builder
		fmt.Fprintf(&b, "xref\n0 1000000000\n0000000000 65535 f \n")
		for _, o := range offs {
			fmt.Fprintf(&b, "%010d 00000 n \n", o)
		}
		fmt.Fprintf(&b, "trailer\n<< /Size 1000000000 /Root 1 0 R >>\n")
		return b.String()
	}}.bytes()
	files["xref_2e40.pdf"] = pdfDoc{objs: onePage("5 0 R", "", text), extra: "", xref: func(offs []int) string {
		var b strings.Builder
		fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(offs)+1)
		for _, o := range offs {
			fmt.Fprintf(&b, "%010d 00000 n \n", o)
		}
		fmt.Fprintf(&b, "trailer\n<< /Size 1099511627776 /Root 1 0 R >>\n")
		return b.String()
	}}.bytes()
	// A classic subsection starting at 2^31.
	files["xref_2e31.pdf"] = pdfDoc{objs: onePage("5 0 R", "", text), xref: func(offs []int) string {
		var b strings.Builder
		fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(offs)+1)
		for _, o := range offs {
			fmt.Fprintf(&b, "%010d 00000 n \n", o)
		}
		fmt.Fprintf(&b, "2147483648 3\n0000000009 00000 n \n0000000009 00000 n \n0000000009 00000 n \n")
		fmt.Fprintf(&b, "trailer\n<< /Size 2147483651 /Root 1 0 R >>\n")
		return b.String()
	}}.bytes()
	// A PNG predictor with 10^12 columns.
	files["predictor.pdf"] = pdfDoc{objs: onePage("5 0 R", "",
		stream("/Filter /FlateDecode /DecodeParms << /Predictor 12 /Columns 1000000000000 /Colors 3 >>", deflate([]byte("BT ET"))))}.bytes()
	// An object stream that holds itself, and two that hold each other.
	files["objstm_self.pdf"] = pdfDoc{objs: onePage("5 0 R", "", text,
		stream("/Type /ObjStm /N 1 /First 4", []byte("6 0 6 0 R")))}.bytes()
	files["objstm_pair.pdf"] = pdfDoc{objs: onePage("5 0 R", "", text,
		stream("/Type /ObjStm /N 1 /First 4 /Extends 7 0 R", []byte("7 0 7 0 R")),
		stream("/Type /ObjStm /N 1 /First 4 /Extends 6 0 R", []byte("6 0 6 0 R")))}.bytes()
	// An array nested three million deep, in a page's content and as an
	// object.
	deep := strings.Repeat("[", 3_000_000) + strings.Repeat("]", 3_000_000)
	files["deep_content.pdf"] = pdfDoc{objs: onePage("5 0 R", "", stream("/Filter /FlateDecode", deflate([]byte(deep+" pop"))))}.bytes()
	files["deep_object.pdf"] = pdfDoc{objs: onePage("5 0 R", "/X "+deep, text)}.bytes()
	// One Tj showing 20 million glyphs, in a file of some 20 KB.
	var tj bytes.Buffer
	tj.WriteString("BT /F1 1 Tf 0 0 Td (")
	tj.Write(bytes.Repeat([]byte("A"), 20_000_000))
	tj.WriteString(") Tj ET")
	files["tj_20m.pdf"] = pdfDoc{objs: onePage("5 0 R", "", stream("/Filter /FlateDecode", deflate(tj.Bytes())))}.bytes()
	// One 60 MB stream drawn 300 times by the page's /Contents array.
	big := stream("/Filter /FlateDecode", repeatDeflate(bytes.Repeat([]byte("0 0 m 1 1 l S\n"), 1<<16), 66))
	refs := strings.Repeat("5 0 R ", 300)
	files["contents_x300.pdf"] = pdfDoc{objs: onePage("["+refs+"]", "", big)}.bytes()
	// 150 forms of 60 MB each, all drawn.
	var forms []string
	var do, xobjs strings.Builder
	formData := repeatDeflate(bytes.Repeat([]byte("0 0 m 1 1 l S\n"), 1<<16), 66)
	for i := range 150 {
		forms = append(forms, stream("/Type /XObject /Subtype /Form /BBox [0 0 10 10] /Filter /FlateDecode", formData))
		fmt.Fprintf(&xobjs, "/X%d %d 0 R ", i, 6+i)
		fmt.Fprintf(&do, "/X%d Do\n", i)
	}
	files["forms_150.pdf"] = pdfDoc{objs: onePage("5 0 R", "/XObject << "+xobjs.String()+">>",
		append([]string{stream("", []byte(do.String()))}, forms...)...)}.bytes()
	// A stored zip holding three PDFs (read as one PDF once), and a
	// plain tar inside a zip.
	var zb bytes.Buffer
	zw := zip.NewWriter(&zb)
	for i := range 3 {
		w, _ := zw.CreateHeader(&zip.FileHeader{Name: fmt.Sprintf("doc%d.pdf", i), Method: zip.Store})
		w.Write(pdfDoc{objs: onePage("5 0 R", "", stream("", []byte(fmt.Sprintf("BT /F1 12 Tf 72 720 Td (doc %d) Tj ET", i))))}.bytes())
	}
	zw.Close()
	files["stored3.zip"] = zb.Bytes()
	var tb bytes.Buffer
	tw := tar.NewWriter(&tb)
	inner := pdfDoc{objs: onePage("5 0 R", "", text)}.bytes()
	tw.WriteHeader(&tar.Header{Name: "inner.pdf", Mode: 0o644, Size: int64(len(inner))})
	tw.Write(inner)
	tw.Close()
	var zt bytes.Buffer
	zw = zip.NewWriter(&zt)
	w, _ := zw.Create("bundle.tar")
	w.Write(tb.Bytes())
	zw.Close()
	files["tar_in_zip.zip"] = zt.Bytes()

	var names []string
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
		names = append(names, name)
	}
	return names
}
