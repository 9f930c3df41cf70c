package pdf

import (
	"bytes"
	"fmt"
	"strings"
)

// testPDF builds small PDF files for the tests: objects are numbered from 1
// in the order they are added, object 1 is the catalog.
type testPDF struct {
	objs []string
}

// add appends an object body and returns its number.
func (b *testPDF) add(body string) int {
	b.objs = append(b.objs, body)
	return len(b.objs)
}

// stream returns the body of a stream object holding data, uncompressed.
func stream(dict, data string) string {
	if dict == "" {
		dict = "<<>>"
	}
	dict = strings.TrimSuffix(strings.TrimSpace(dict), ">>")
	return fmt.Sprintf("%s /Length %d >>\nstream\n%s\nendstream", dict, len(data), data)
}

// bytes writes the file with a correct cross-reference table.
func (b *testPDF) bytes() []byte {
	var buf bytes.Buffer
	buf.WriteString("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
	offs := make([]int, len(b.objs))
	for i, o := range b.objs {
		offs[i] = buf.Len()
		fmt.Fprintf(&buf, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := buf.Len()
	fmt.Fprintf(&buf, "xref\n0 %d\n0000000000 65535 f \n", len(b.objs)+1)
	for _, off := range offs {
		fmt.Fprintf(&buf, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&buf, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(b.objs)+1, xref)
	return buf.Bytes()
}

// onePage builds a one-page document: a 612×792 media box, the page's
// extra entries (e.g. "/Rotate 90"), fonts and XObjects as resource
// entries ("/F1 5 0 R") and the content stream. Objects the resources refer
// to are added by the caller with more, which gets the number of the first
// extra object (4).
func onePage(pageExtra, fonts, xobjects, content string, more ...string) []byte {
	var b testPDF
	b.add("<< /Type /Catalog /Pages 2 0 R >>")
	b.add("<< /Type /Pages /Kids [3 0 R] /Count 1 >>")
	res := "<< /Font << " + fonts + " >> /XObject << " + xobjects + " >> >>"
	contentObj := 4 + len(more)
	b.add(fmt.Sprintf("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] %s /Resources %s /Contents %d 0 R >>", pageExtra, res, contentObj))
	for _, m := range more {
		b.add(m)
	}
	b.add(stream("", content))
	return b.bytes()
}

// helvetica is a simple font without /Widths: standard 14 metrics apply.
const helvetica = "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
