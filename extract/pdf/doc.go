// Package pdf is the PDF half of stage one: a content-stream interpreter of
// cnbudget's own, built on the object layer of github.com/ledongthuc/pdf
// (Reader, Value, streams, decryption).
//
// In: the bytes of a PDF file. Out: for every page its glyphs (Unicode text,
// box, font size, direction), its ruling lines (stroked or filled thin
// horizontal and vertical segments) and the number of images it draws, all
// in upright page coordinates: origin at the top-left of the crop box,
// /Rotate applied, y growing downwards, in points.
//
// Fonts are read once per document and cached: simple fonts with their
// encodings, /Differences and widths (standard 14 metrics when /Widths is
// missing), Type0 fonts with their code space, /W and /DW, Type3 fonts with
// their FontMatrix, ToUnicode for all kinds, and the predefined Chinese
// CMaps (Identity, UniGB-UCS2, UniGB-UTF16, GBK-EUC, GB-EUC, GBK2K) when a
// font has no ToUnicode. Files the object layer cannot open — AES-256,
// damaged cross-reference tables, a PDF 2.0 header, junk around the file —
// are repaired or decrypted in memory with pdfcpu and read again.
//
// Every page is isolated: a panic or an error while reading one page
// becomes that page's Err and the other pages are read as usual.
package pdf

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"runtime/debug"
	"slices"
	"strings"
	"sync"

	pdflib "github.com/ledongthuc/pdf"
)

// Glyph is one drawn character.
type Glyph struct {
	Text           string
	X0, Y0, X1, Y1 float64 // box in upright page coordinates
	BaseX, BaseY   float64 // origin of the glyph on its baseline
	Size           float64 // font size on the page, in points
	// Dir is the direction of the baseline: 0 left to right, 1 top to
	// bottom, 2 right to left (upside down), 3 bottom to top.
	Dir   uint8
	Space bool   // a space character
	Font  string // base font name
}

// Rule is a thin painted horizontal or vertical segment, as a box.
type Rule struct {
	X0, Y0, X1, Y1 float64
}

// Page is what stage one found on one page.
type Page struct {
	Number        int
	Width, Height float64 // upright size
	Rotate        int
	Glyphs        []Glyph
	Rules         []Rule
	Images        int
	// Hidden is the text of the glyphs drawn outside the clipping path:
	// not on paper (a label cut by its cell, a copy hidden under a text
	// box), and not in Glyphs.
	Hidden string
	// HiddenGlyphs are those glyphs, with their boxes (as many as the
	// hidden text keeps).
	HiddenGlyphs []Glyph
	// Err is set when the page could not be read (completely).
	Err error

	truncated   bool
	hidden      []byte // Hidden, as it is collected
	missingFont map[string]bool
	problems    []string
}

// Doc is an open PDF document.
type Doc struct {
	r        *pdflib.Reader
	pages    []pdflib.Value
	Producer string
	Creator  string
	// Notes tell how the file had to be repaired or decrypted.
	Notes []string
	// Salvaged: the file is damaged and was read from the objects of its
	// body, with a rebuilt cross-reference (see salvage).
	Salvaged bool
	// Done, when closed, stops the interpretation of the page in progress
	// (a timeout): the page ends with an error.
	Done <-chan struct{}

	mu    sync.Mutex
	fonts map[string]*font
	forms map[string][]byte
	// formBytes counts the bytes of forms (at most maxFormCache).
	formBytes int
	objs      map[string]pdflib.Value // resolved objects by reference
	inherit   map[string]pdflib.Value // attributes handed down, by node and key
	cmaps     map[string]*cmap        // ToUnicode and encoding CMaps by reference
	widths    map[string]*cidWidths   // CIDFont widths by reference
	spare     []Glyph                 // glyphs of a recycled page, for the next
	buf       []byte                  // the decoding buffer (takeBuf)
	// data is the file the object layer reads (encrypted: its streams
	// are left to the object layer); inflate its spare zlib reader.
	data      []byte
	encrypted bool
	inflate   *inflater
}

// Limits for one document.
const (
	// MaxStreamBytes bounds one decoded stream (decompression bombs).
	MaxStreamBytes = 64 << 20
	maxPageTree    = 100_000
	// maxPageContent bounds the content streams of one page together (one
	// stream listed 300 times).
	maxPageContent = 2 * MaxStreamBytes
	// maxFormCache bounds the decoded forms kept for reuse in one
	// document; forms beyond it are decoded each time they are drawn.
	maxFormCache = 2 * MaxStreamBytes
	// maxColumns bounds a predictor's row: a row is allocated whole.
	maxColumns = 1 << 20
)

// ErrEncrypted is returned (wrapped, saying whether a password was given)
// when no password opens an encrypted file.
var ErrEncrypted = errors.New("encrypted PDF")

// encrypted is the error of a file no password opens.
func encrypted(password string) error {
	if password == "" {
		return fmt.Errorf("%w: needs a password (give it with --password or CNBUDGET_PASSWORD)", ErrEncrypted)
	}
	return fmt.Errorf("%w: the password given does not open it", ErrEncrypted)
}

// Open reads a PDF held in memory. password is tried after the empty user
// password.
func Open(data []byte, password string) (*Doc, error) {
	fixed, notes := patchEnvelope(data)
	if err := checkNesting(fixed); err != nil {
		return nil, err
	}
	var d *Doc
	err := checkXref(fixed)
	if err == nil {
		d, err = openReader(fixed, password)
	} else {
		// The object layer would allocate the table it asks for: rebuild
		// it from the objects of the body instead.
		salvaged, n, serr := salvage(fixed)
		if serr != nil {
			return nil, fmt.Errorf("cannot read PDF: %v (no salvage: %v)", err, serr)
		}
		d3, err3 := openReader(salvaged, password)
		if err3 != nil {
			if isPasswordError(err3) {
				return nil, encrypted(password)
			}
			return nil, fmt.Errorf("cannot read PDF: %v (salvage failed: %v)", err, err3)
		}
		d3.Notes = append(notes, fmt.Sprintf("%v: cross-reference rebuilt from the %d whole objects of the body", err, n))
		return d3, nil
	}
	if err != nil {
		// Let pdfcpu rebuild the file (damaged xref, AES-256, …).
		repaired, rerr := repair(data, password)
		if rerr != nil {
			if isPasswordError(err) || isPasswordError(rerr) {
				return nil, encrypted(password)
			}
			// Rebuild the cross-reference data from the objects the body
			// holds: a truncated download keeps its first pages.
			salvaged, n, serr := salvage(fixed)
			if serr != nil {
				return nil, fmt.Errorf("cannot read PDF: %v (repair failed: %v; no salvage: %v)", err, rerr, serr)
			}
			d3, err3 := openReader(salvaged, password)
			if err3 != nil {
				if isPasswordError(err3) {
					return nil, encrypted(password)
				}
				return nil, fmt.Errorf("cannot read PDF: %v (repair failed: %v; salvage failed: %v)", err, rerr, err3)
			}
			notes = append(notes, fmt.Sprintf("salvaged: %s; cross-reference rebuilt from the %d whole objects of the body", shortErr(err), n))
			if lost := d3.lostPages(); lost > 0 {
				notes = append(notes, fmt.Sprintf("%d of %d pages lost: the file ends before their objects", lost, len(d3.pages)))
			}
			d3.Notes, d3.Salvaged = notes, true
			return d3, nil
		}
		d2, err2 := openReader(repaired, "")
		if err2 != nil {
			return nil, fmt.Errorf("cannot read PDF: %v (after repair: %v)", err, err2)
		}
		d = d2
		notes = append(notes, "rebuilt with pdfcpu: "+shortErr(err))
	}
	d.Notes = notes
	return d, nil
}

func shortErr(err error) string {
	s := err.Error()
	if len(s) > 120 {
		s = s[:120] + "…"
	}
	return s
}

func isPasswordError(err error) bool {
	if err == nil {
		return false
	}
	s := strings.ToLower(err.Error())
	return strings.Contains(s, "password") || errors.Is(err, pdflib.ErrInvalidPassword)
}

// patchEnvelope fixes what keeps the object layer from opening a sound
// file: bytes before the %PDF header, a header it does not accept (PDF 2.0,
// no line break after the version), junk after the last %%EOF.
func patchEnvelope(data []byte) ([]byte, []string) {
	var notes []string
	start := bytes.Index(data[:min(len(data), 1024)], []byte("%PDF-"))
	out := data
	if start > 0 {
		out = out[start:]
		notes = append(notes, fmt.Sprintf("skipped %d bytes before the PDF header", start))
	}
	if end := bytes.LastIndex(out, []byte("%%EOF")); end > 0 && end+5 < len(out) {
		if tail := bytes.TrimSpace(out[end+5:]); len(tail) > 0 {
			out = out[:end+5]
			notes = append(notes, fmt.Sprintf("ignored %d bytes after %%%%EOF", len(tail)))
		}
	}
	if len(out) >= 9 && (out[5] != '1' || out[6] != '.' || out[7] < '0' || out[7] > '7' || (out[8] != '\n' && out[8] != '\r')) {
		cp := make([]byte, len(out))
		copy(cp, out)
		if cp[5] != '1' || cp[7] < '0' || cp[7] > '7' {
			notes = append(notes, fmt.Sprintf("read %q as PDF 1.7", string(cp[:8])))
			cp[5], cp[6], cp[7] = '1', '.', '7'
		}
		if cp[8] != '\n' && cp[8] != '\r' {
			cp[8] = '\n'
		}
		out = cp
	}
	return out, notes
}

func openReader(data []byte, password string) (d *Doc, err error) {
	defer func() {
		if x := recover(); x != nil {
			d, err = nil, fmt.Errorf("malformed PDF: %v", x)
		}
	}()
	tried := false
	pw := func() string {
		if tried || password == "" {
			return ""
		}
		tried = true
		return password
	}
	r, err := pdflib.NewReaderEncrypted(bytes.NewReader(data), int64(len(data)), pw)
	if err != nil {
		return nil, err
	}
	if enc := r.Trailer().Key("Encrypt"); enc.Kind() == pdflib.Dict && enc.Key("R").Int64() == 2 {
		// The object layer accepts the password of 40-bit RC4 files
		// (revision 2) but decrypts their streams wrong: pdfcpu
		// decrypts them.
		return nil, errors.New("40-bit RC4 encryption (revision 2)")
	}
	d = &Doc{r: r, fonts: map[string]*font{}, forms: map[string][]byte{}, data: data,
		encrypted: r.Trailer().Key("Encrypt").Kind() != pdflib.Null}
	info := r.Trailer().Key("Info")
	d.Producer = strings.TrimSpace(info.Key("Producer").Text())
	d.Creator = strings.TrimSpace(info.Key("Creator").Text())
	d.pages = collectPages(r.Trailer().Key("Root").Key("Pages"))
	if len(d.pages) == 0 {
		return nil, errors.New("malformed PDF: no pages in the page tree")
	}
	return d, nil
}

// collectPages walks the page tree in order.
func collectPages(root pdflib.Value) []pdflib.Value {
	var out []pdflib.Value
	seen := 0
	var walk func(v pdflib.Value, depth int)
	walk = func(v pdflib.Value, depth int) {
		if depth > 64 || seen > maxPageTree {
			return
		}
		seen++
		if v.Kind() == pdflib.Null && depth > 0 {
			// A kid whose object is missing (a damaged or truncated
			// file): a page that cannot be read, not one to skip.
			out = append(out, v)
			return
		}
		kids := v.Key("Kids")
		if v.Key("Type").Name() == "Page" || (kids.Kind() != pdflib.Array && v.Key("Contents").Kind() != pdflib.Null) {
			out = append(out, v)
			return
		}
		for i := 0; i < kids.Len(); i++ {
			walk(kids.Index(i), depth+1)
		}
	}
	func() {
		defer func() { _ = recover() }()
		walk(root, 0)
	}()
	return out
}

// lostPages counts the pages whose object is missing.
func (d *Doc) lostPages() int {
	n := 0
	for _, p := range d.pages {
		if p.Kind() == pdflib.Null {
			n++
		}
	}
	return n
}

// NumPages returns the number of pages.
func (d *Doc) NumPages() int { return len(d.pages) }

// Page interprets page n (1-based). It never panics: problems end up in
// the page's Err.
func (d *Doc) Page(n int) (p *Page) {
	p = &Page{Number: n}
	defer func() {
		if x := recover(); x != nil {
			p.Err = fmt.Errorf("internal error reading the page: %v\n%s", x, firstFrames(debug.Stack()))
		}
	}()
	if n < 1 || n > len(d.pages) {
		p.Err = fmt.Errorf("no page %d", n)
		return p
	}
	if d.pages[n-1].Kind() == pdflib.Null {
		p.Err = errors.New("the page's object is missing (the file is damaged or ends early)")
		return p
	}
	d.mu.Lock()
	p.Glyphs, d.spare = d.spare[:0], nil
	d.mu.Unlock()
	pv := pdflib.Page{V: d.pages[n-1]}
	ctm := d.setupPage(pv, p)
	content, err := d.pageContent(d.takeBuf(), pv.V.Key("Contents"))
	in := newInterp(d, p, ctm, d.resources(pv.V))
	in.run(content)
	d.giveBuf(content) // nothing of the page refers to its content
	p.Hidden = string(p.hidden)
	p.hidden = nil
	var problems []string
	if err != nil {
		problems = append(problems, err.Error())
	}
	if p.truncated {
		problems = append(problems, "page too complex: stopped after the operator or glyph limit")
	}
	problems = append(problems, p.problems...)
	if len(problems) > 0 {
		p.Err = errors.New(strings.Join(problems, "; "))
	}
	return p
}

// Recycle hands back a page whose glyphs the caller no longer needs (it
// has copied what it keeps): the next page read fills the same memory
// instead of growing a new slice. p must not be used afterwards.
func (d *Doc) Recycle(p *Page) {
	if p == nil {
		return
	}
	d.mu.Lock()
	if cap(p.Glyphs) > cap(d.spare) {
		clear(p.Glyphs) // no strings kept alive through the spare
		d.spare = p.Glyphs[:0]
	}
	d.mu.Unlock()
	p.Glyphs = nil
}

// firstFrames keeps the start of a stack trace for an error message.
func firstFrames(stack []byte) string {
	lines := strings.Split(string(stack), "\n")
	if len(lines) > 12 {
		lines = lines[:12]
	}
	return strings.Join(lines, "\n")
}

// setupPage sets the upright size of p and returns the matrix from user
// space to upright coordinates.
func (d *Doc) setupPage(pv pdflib.Page, p *Page) matrix {
	box := rectOfValue(d.inherited(pv.V, "CropBox"))
	media := rectOfValue(d.inherited(pv.V, "MediaBox"))
	if box == nil {
		box = media
	} else if media != nil {
		// The crop box is clipped to the media box.
		box = &[4]float64{max(box[0], media[0]), max(box[1], media[1]), min(box[2], media[2]), min(box[3], media[3])}
		if box[2] <= box[0] || box[3] <= box[1] {
			box = media
		}
	}
	if box == nil {
		box = &[4]float64{0, 0, 595.276, 841.89}
	}
	llx, lly, urx, ury := box[0], box[1], box[2], box[3]
	rot := 0
	if r := d.inherited(pv.V, "Rotate"); r.Kind() == pdflib.Integer || r.Kind() == pdflib.Real {
		rot = int(r.Float64())
	}
	rot = ((rot % 360) + 360) % 360
	rot = rot / 90 * 90
	p.Rotate = rot
	w, h := urx-llx, ury-lly
	switch rot {
	case 90:
		p.Width, p.Height = h, w
		return matrix{0, 1, 1, 0, -lly, -llx}
	case 180:
		p.Width, p.Height = w, h
		return matrix{-1, 0, 0, 1, urx, -lly}
	case 270:
		p.Width, p.Height = h, w
		return matrix{0, -1, -1, 0, ury, urx}
	}
	p.Width, p.Height = w, h
	return matrix{1, 0, 0, -1, -llx, ury}
}

// resources returns a page's resource dictionary, inherited or its own,
// resolved once per document.
func (d *Doc) resources(v pdflib.Value) pdflib.Value { return d.inherited(v, "Resources") }

// inherited looks a page attribute up on the page and then its ancestors
// (with a bound, in case the tree has a cycle). What a node of the page
// tree hands down is looked up once per document, by the node's
// reference: the pages of a flat tree share one parent, which the object
// layer would read again, its whole Kids array with it, for every page.
// A resource dictionary given by reference is resolved once per document
// too.
func (d *Doc) inherited(v pdflib.Value, key string) pdflib.Value {
	return d.inheritedAt(v, key, 0)
}

func (d *Doc) inheritedAt(v pdflib.Value, key string, depth int) pdflib.Value {
	for ; depth < 32 && v.Kind() == pdflib.Dict; depth++ {
		var r pdflib.Value
		if key == "Resources" {
			r = d.entry(v, key)
		} else {
			r = v.Key(key)
		}
		if !r.IsNull() {
			return r
		}
		ref := refEntry(v, "Parent")
		if ref == "" {
			v = v.Key("Parent")
			continue
		}
		return d.remember(&d.inherit, ref+" "+key, func() pdflib.Value {
			return d.inheritedAt(d.entry(v, "Parent"), key, depth+1)
		})
	}
	return pdflib.Value{}
}

func rectOfValue(v pdflib.Value) *[4]float64 {
	if v.Kind() != pdflib.Array || v.Len() != 4 {
		return nil
	}
	var r [4]float64
	for i := range r {
		r[i] = v.Index(i).Float64()
	}
	r[0], r[2] = min(r[0], r[2]), max(r[0], r[2])
	r[1], r[3] = min(r[1], r[3]), max(r[1], r[3])
	if r[2]-r[0] < 1 || r[3]-r[1] < 1 {
		return nil
	}
	return &r
}

// pageContent appends the content streams of a page to dst.
func (d *Doc) pageContent(dst []byte, v pdflib.Value) ([]byte, error) {
	switch v.Kind() {
	case pdflib.Stream:
		return d.appendStream(dst, v, MaxStreamBytes)
	case pdflib.Array:
		// Each stream is decoded apart, then added: a large stream grown
		// in place would regrow the whole page's content in quarter steps
		// (a page of 60 MB streams, 400 MB allocated).
		var errs []string
		var part []byte
		for i := 0; i < v.Len(); i++ {
			var err error
			part, err = d.appendStream(part[:0], v.Index(i), min(MaxStreamBytes, maxPageContent-len(dst)))
			dst = append(dst, part...)
			if errors.Is(err, errPageFull) {
				errs = append(errs, fmt.Sprintf("the page's %d content streams decode to more than %d MB: read up to stream %d", v.Len(), maxPageContent>>20, i))
				break
			}
			if err != nil {
				errs = append(errs, fmt.Sprintf("content stream %d: %v", i+1, err))
			}
			dst = append(dst, '\n')
		}
		if len(errs) > 0 {
			return dst, errors.New(strings.Join(errs, "; "))
		}
	}
	return dst, nil
}

// readStream decodes a stream into memory of its own, refusing more than
// MaxStreamBytes.
func (d *Doc) readStream(v pdflib.Value) ([]byte, error) {
	buf, err := d.appendStream(d.takeBuf(), v, MaxStreamBytes)
	var data []byte
	if len(buf) > 0 || err == nil {
		data = bytes.Clone(buf)
	}
	d.giveBuf(buf)
	return data, err
}

// takeBuf lends the document's decoding buffer (empty), giveBuf takes it
// back: streams are decoded into it and copied out at their size, instead
// of into a slice grown again and again for each. A caller that finds it
// lent out gets a new one.
func (d *Doc) takeBuf() []byte {
	d.mu.Lock()
	b := d.buf
	d.buf = nil
	d.mu.Unlock()
	return b[:0]
}

func (d *Doc) giveBuf(b []byte) {
	if cap(b) > maxKeptBuf {
		return // a rare huge stream: its memory goes
	}
	d.mu.Lock()
	if cap(b) > cap(d.buf) {
		d.buf = b
	}
	d.mu.Unlock()
}

// maxKeptBuf bounds the decoding buffer a document keeps.
const maxKeptBuf = 8 << 20

// errPageFull: a page's content streams hold more than maxPageContent.
var errPageFull = errors.New("page content full")

// appendStream appends the decoded stream to dst, refusing more than limit
// bytes (MaxStreamBytes, or less: the room left for a page's content,
// errPageFull): it then returns dst as it was.
func (d *Doc) appendStream(dst []byte, v pdflib.Value, limit int) (out []byte, err error) {
	start := len(dst)
	defer func() {
		if x := recover(); x != nil {
			out, err = dst[:start], fmt.Errorf("cannot decode stream: %v", x)
		}
	}()
	if v.Kind() != pdflib.Stream {
		return dst, fmt.Errorf("not a stream")
	}
	// The object layer allocates a predictor's row from /Columns before
	// reading a byte.
	parms := v.Key("DecodeParms")
	for i := 0; i < max(parms.Len(), 1); i++ {
		p := parms
		if parms.Kind() == pdflib.Array {
			p = parms.Index(i)
		}
		if c := p.Key("Columns").Int64(); c < 0 || c > maxColumns {
			return dst, fmt.Errorf("stream's predictor has %d columns (at most %d)", c, maxColumns)
		}
	}
	var rd io.Reader
	raw, deflated, ok := d.rawStream(v)
	switch {
	case !ok:
		rc := v.Reader()
		defer rc.Close()
		rd = rc
	case !deflated:
		dst = slices.Grow(dst, min(len(raw)+512, limit+1))
		rd = bytes.NewReader(raw)
	default:
		// Room for what the stream most likely inflates to, at once
		// rather than in doublings.
		dst = slices.Grow(dst, min(4*len(raw)+512, limit+1))
		f := d.takeInflater()
		defer d.giveInflater(f)
		if rd, err = f.reader(raw); err != nil {
			return dst, fmt.Errorf("cannot decode stream: %v", err)
		}
	}
	out, err = appendAll(dst, io.LimitReader(rd, int64(limit)+1))
	if len(out)-start > limit {
		if limit < MaxStreamBytes {
			return out[:start], errPageFull
		}
		return out[:start], fmt.Errorf("stream decodes to more than %d MB", MaxStreamBytes>>20)
	}
	if err != nil && len(out) > start {
		// A truncated or damaged stream: keep what decoded.
		return out, fmt.Errorf("stream damaged after %d bytes: %v", len(out)-start, err)
	}
	return out, err
}

// appendAll appends what r holds to b, as io.ReadAll reads it.
func appendAll(b []byte, r io.Reader) ([]byte, error) {
	for {
		if len(b) == cap(b) {
			b = append(b, 0)[:len(b)]
		}
		n, err := r.Read(b[len(b):cap(b)])
		b = b[:len(b)+n]
		if err != nil {
			if err == io.EOF {
				err = nil
			}
			return b, err
		}
	}
}

// fontNamed returns the font a Font resource dictionary names, loaded once
// per document: fonts are cached by their reference, or by their printed
// form when the dictionary holds them directly.
func (d *Doc) fontNamed(fonts pdflib.Value, name string) *font {
	key := refEntry(fonts, name)
	var v pdflib.Value
	if key == "" {
		v = fonts.Key(name)
		if v.Kind() != pdflib.Dict {
			return nil
		}
		key = v.String()
	}
	d.mu.Lock()
	f, ok := d.fonts[key]
	d.mu.Unlock()
	if ok {
		return f
	}
	if v.Kind() != pdflib.Dict {
		v = fonts.Key(name)
	}
	if v.Kind() == pdflib.Dict {
		f = loadFont(d, v)
	}
	d.mu.Lock()
	d.fonts[key] = f
	d.mu.Unlock()
	return f
}

// formContent returns the decoded content of a Form XObject, decoded once.
func (d *Doc) formContent(v pdflib.Value) ([]byte, error) {
	key := v.String()
	d.mu.Lock()
	b, ok := d.forms[key]
	d.mu.Unlock()
	if ok {
		return b, nil
	}
	b, err := d.readStream(v)
	if err != nil && len(b) == 0 {
		return nil, err
	}
	d.mu.Lock()
	if d.formBytes+len(b) <= maxFormCache {
		d.forms[key] = b
		d.formBytes += len(b)
	}
	d.mu.Unlock()
	return b, nil
}
