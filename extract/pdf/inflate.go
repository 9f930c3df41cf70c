package pdf

import (
	"bytes"
	"compress/zlib"
	"io"
	"strconv"
	"strings"

	pdflib "github.com/ledongthuc/pdf"
)

// The object layer decodes every stream through a zlib reader of its own:
// a 32 KB window, Huffman tables and a read buffer allocated for each
// content stream, form and CMap, which was a fifth of all the memory
// stage one allocated. The streams of an unencrypted file that are plain
// or FlateDecode without a predictor (nearly all content streams) are
// read here instead: their bytes taken from the file in memory, inflated
// by one reader per document, reset for each stream. Everything else
// (encryption, predictors, other filters) stays with the object layer.
// Both read the same bytes the same way: the output, errors included, is
// the same.

// inflater is a document's reusable zlib reader.
type inflater struct {
	src bytes.Reader
	zr  io.ReadCloser // nil until the first stream
}

// reader returns a reader of the zlib data raw, or the error the object
// layer would report for it.
func (f *inflater) reader(raw []byte) (io.Reader, error) {
	f.src.Reset(raw)
	if f.zr == nil {
		zr, err := zlib.NewReader(&f.src)
		if err != nil {
			return nil, err
		}
		f.zr = zr
		return zr, nil
	}
	if err := f.zr.(zlib.Resetter).Reset(&f.src, nil); err != nil {
		return nil, err
	}
	return f.zr, nil
}

// rawStream returns the bytes a stream holds in the file and whether they
// are deflated, when the stream can be read here (see above); ok false
// leaves it to the object layer.
func (d *Doc) rawStream(v pdflib.Value) (raw []byte, deflated, ok bool) {
	if d.data == nil || d.encrypted {
		return nil, false, false
	}
	filter, param := v.Key("Filter"), v.Key("DecodeParms")
	switch filter.Kind() {
	case pdflib.Null:
	case pdflib.Name:
		deflated = true
	case pdflib.Array:
		// The object layer pairs each filter with DecodeParms[i].
		if filter.Len() != 1 {
			return nil, false, false
		}
		filter, param = filter.Index(0), param.Index(0)
		deflated = true
	default:
		return nil, false, false
	}
	if deflated && (filter.Kind() != pdflib.Name || filter.Name() != "FlateDecode" || param.Key("Predictor").Kind() != pdflib.Null) {
		return nil, false, false
	}
	// The object layer prints a stream as its dictionary, "@" and the
	// offset of its data in the file.
	s := v.String()
	at := strings.LastIndexByte(s, '@')
	if at < 0 {
		return nil, false, false
	}
	off, err := strconv.ParseInt(s[at+1:], 10, 64)
	if err != nil || off < 0 {
		return nil, false, false
	}
	n := v.Key("Length").Int64()
	// As the object layer reads it: a stream of length 0 is empty,
	// whatever its filter; else a section of the file from off, n bytes
	// long or up to the file's end.
	switch {
	case n == 0:
		return []byte{}, false, true
	case off >= int64(len(d.data)) || n < 0:
		raw = []byte{}
	default:
		raw = d.data[off : off+min(n, int64(len(d.data))-off)]
	}
	return raw, deflated, true
}

// takeInflater lends the document's zlib reader; giveInflater takes it
// back. A caller that finds it lent out gets a new one.
func (d *Doc) takeInflater() *inflater {
	d.mu.Lock()
	f := d.inflate
	d.inflate = nil
	d.mu.Unlock()
	if f == nil {
		f = &inflater{}
	}
	return f
}

func (d *Doc) giveInflater(f *inflater) {
	f.src.Reset(nil)
	d.mu.Lock()
	d.inflate = f
	d.mu.Unlock()
}
