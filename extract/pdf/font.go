package pdf

import (
	"strings"
	"unicode/utf8"

	pdflib "github.com/ledongthuc/pdf"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"

	"github.com/cnbudget/cnbudget/extract/pdf/internal/glyphs"
)

// font is a font resource read once and cached for the whole document:
// how to cut a shown string into codes, the Unicode text and the width of
// each code.
type font struct {
	name string // base font, subset prefix removed
	// simple fonts (Type1, TrueType, Type3): one byte per code.
	simple   bool
	text     [256]string
	widths   [256]float64 // text-space units per unit of font size
	hasWidth [256]bool
	// missing is the width of codes without one.
	missing float64
	// Type0 fonts.
	enc       *cmap  // encoding CMap (codespace, code → CID); nil for predefined
	predef    string // name of a predefined encoding CMap
	decoder   *encoding.Decoder
	toUnicode *cmap
	cidW      []float32 // width per CID, 0 = default
	cidWMap   map[uint32]float64
	dw        float64
	vertical  bool
	// scale converts glyph-space widths to text space: 1/1000, or the
	// FontMatrix of a Type3 font.
	scale float64
}

// glyph is one code of a shown string.
type glyph struct {
	n     int // bytes of the code
	code  uint32
	text  string
	width float64 // text-space advance per unit font size
	space bool    // the single-byte code 32, which word spacing applies to
}

func stripSubset(name string) string {
	if len(name) > 7 && name[6] == '+' {
		ok := true
		for i := 0; i < 6; i++ {
			if name[i] < 'A' || name[i] > 'Z' {
				ok = false
				break
			}
		}
		if ok {
			return name[7:]
		}
	}
	return name
}

// loadFont reads a font dictionary. d, when not nil, shares the parts
// that several font objects of one document point to (descendant fonts
// with their widths, ToUnicode maps): producers that write a font object
// per page point them all at one descendant and one map.
func loadFont(d *Doc, v pdflib.Value) *font {
	f := &font{name: stripSubset(v.Key("BaseFont").Name()), scale: 0.001, dw: 1}
	switch v.Key("Subtype").Name() {
	case "Type0":
		f.loadType0(d, v)
	case "Type3":
		f.simple = true
		fm := v.Key("FontMatrix")
		if fm.Kind() == pdflib.Array && fm.Len() == 6 {
			if a := fm.Index(0).Float64(); a != 0 {
				f.scale = abs(a)
			}
		}
		f.loadSimple(v)
	default:
		f.simple = true
		f.loadSimple(v)
	}
	if tu := d.cmap(v, "ToUnicode"); tu != nil {
		f.toUnicode = tu
		if f.simple {
			for code := 0; code < 256; code++ {
				if s, ok := tu.lookup(1, uint32(code)); ok {
					f.text[code] = s
				}
			}
		}
	}
	return f
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}

func (f *font) loadSimple(v pdflib.Value) {
	// Encoding: a base encoding and /Differences.
	base := "StandardEncoding"
	if fd := v.Key("FontDescriptor"); fd.Kind() == pdflib.Dict {
		if flags := fd.Key("Flags").Int64(); flags&4 != 0 && flags&32 == 0 {
			// Symbolic: the font's own encoding; codes are often
			// WinAnsi-like in practice.
			base = "WinAnsiEncoding"
		}
		f.missing = fd.Key("MissingWidth").Float64() * f.scale
	}
	if v.Key("Subtype").Name() == "TrueType" {
		base = "WinAnsiEncoding"
	}
	enc := v.Key("Encoding")
	var diffs pdflib.Value
	switch enc.Kind() {
	case pdflib.Name:
		base = enc.Name()
	case pdflib.Dict:
		if b := enc.Key("BaseEncoding").Name(); b != "" {
			base = b
		}
		diffs = enc.Key("Differences")
	}
	for code := 0; code < 256; code++ {
		f.text[code] = baseEncodingText(base, byte(code))
	}
	if diffs.Kind() == pdflib.Array {
		code := 0
		for i := 0; i < diffs.Len(); i++ {
			d := diffs.Index(i)
			switch d.Kind() {
			case pdflib.Integer, pdflib.Real:
				code = int(d.Float64())
			case pdflib.Name:
				if code >= 0 && code < 256 {
					f.text[code] = glyphs.Text(d.Name())
				}
				code++
			}
		}
	}
	// Widths.
	first := int(v.Key("FirstChar").Int64())
	w := v.Key("Widths")
	if w.Kind() == pdflib.Array && w.Len() > 0 {
		for i := 0; i < w.Len(); i++ {
			code := first + i
			if code < 0 || code > 255 {
				continue
			}
			f.widths[code] = w.Index(i).Float64() * f.scale
			f.hasWidth[code] = true
		}
		return
	}
	// No widths: a standard 14 font.
	f.std14Widths()
}

// std14Widths fills the widths of a font that relies on the metrics of a
// standard font (Helvetica, Times, Courier, or a font named like Arial).
func (f *font) std14Widths() {
	name := strings.ReplaceAll(f.name, " ", "")
	bold := strings.Contains(name, "Bold")
	italic := strings.Contains(name, "Italic") || strings.Contains(name, "Oblique")
	var key string
	switch {
	case strings.HasPrefix(name, "Courier"):
		for c := 0; c < 256; c++ {
			f.widths[c], f.hasWidth[c] = 0.6, true
		}
		return
	case strings.HasPrefix(name, "Times"):
		key = map[[2]bool]string{{false, false}: "Times-Roman", {true, false}: "Times-Bold", {false, true}: "Times-Italic", {true, true}: "Times-BoldItalic"}[[2]bool{bold, italic}]
	case strings.HasPrefix(name, "Helvetica") || strings.HasPrefix(name, "Arial"):
		key = map[[2]bool]string{{false, false}: "Helvetica", {true, false}: "Helvetica-Bold", {false, true}: "Helvetica-Oblique", {true, true}: "Helvetica-BoldOblique"}[[2]bool{bold, italic}]
	default:
		return
	}
	table := std14Widths[key]
	for c := 0; c < 256; c++ {
		// Look the width up by the character the code shows.
		r, _ := utf8.DecodeRuneInString(f.text[c])
		if wc, ok := winAnsiCode(r); ok && table[wc] > 0 {
			f.widths[c], f.hasWidth[c] = float64(table[wc])/1000, true
		}
	}
}

var winAnsiIndex = func() map[rune]byte {
	m := map[rune]byte{}
	for c := 255; c >= 32; c-- {
		m[glyphs.WinAnsiRune(byte(c))] = byte(c)
	}
	return m
}()

func winAnsiCode(r rune) (byte, bool) {
	c, ok := winAnsiIndex[r]
	return c, ok
}

// baseEncodingText returns the text of a code in a named base encoding.
func baseEncodingText(enc string, code byte) string {
	if code < 32 {
		return ""
	}
	switch enc {
	case "WinAnsiEncoding":
		return string(glyphs.WinAnsiRune(code))
	case "MacRomanEncoding":
		return string(charmap.Macintosh.DecodeByte(code))
	default: // StandardEncoding and unknown names
		switch {
		case code == 0x27:
			return "\u2019"
		case code == 0x60:
			return "\u2018"
		case code < 0x7F:
			return string(rune(code))
		}
		return string(glyphs.WinAnsiRune(code))
	}
}

func (f *font) loadType0(d *Doc, v pdflib.Value) {
	f.scale = 0.001
	f.setEncoding(d, v)
	descs := v.Key("DescendantFonts")
	descRef := ""
	if descs.Kind() == pdflib.Array && descs.Len() == 1 {
		if s := strings.TrimSuffix(strings.TrimPrefix(descs.String(), "["), "]"); isRef(s) {
			descRef = s
		}
	}
	w := d.cidWidths(descRef, func() *cidWidths { return readCIDWidths(descs.Index(0), f.scale) })
	if f.name == "" {
		f.name = w.name
	}
	f.cidW, f.cidWMap, f.dw = w.cidW, w.cidWMap, w.dw
}

// setEncoding reads a Type0 font's encoding CMap: a predefined name or an
// embedded stream.
func (f *font) setEncoding(d *Doc, v pdflib.Value) {
	enc := v.Key("Encoding")
	switch enc.Kind() {
	case pdflib.Name:
		f.setPredefined(enc.Name())
	case pdflib.Stream:
		if m := d.cmap(v, "Encoding"); m != nil {
			f.enc = m
			if f.enc.wmode == 1 {
				f.vertical = true
			}
			if len(f.enc.space) == 0 && f.enc.usecmap != "" {
				f.setPredefined(f.enc.usecmap)
			}
		}
	default:
		f.setPredefined("Identity-H")
	}
	if wm := enc.Key("WMode"); wm.Kind() == pdflib.Integer && wm.Int64() == 1 {
		f.vertical = true
	}
}

// cidWidths are the glyph widths of a CIDFont, in text space units per unit
// of font size; shared, read-only, by every font that uses the CIDFont.
type cidWidths struct {
	name    string
	cidW    []float32 // width per CID, 0 = default
	cidWMap map[uint32]float64
	dw      float64
}

// readCIDWidths reads /W and /DW of a CIDFont dictionary.
func readCIDWidths(desc pdflib.Value, scale float64) *cidWidths {
	cw := &cidWidths{name: stripSubset(desc.Key("BaseFont").Name()), dw: 1}
	if dw := desc.Key("DW"); dw.Kind() == pdflib.Integer || dw.Kind() == pdflib.Real {
		cw.dw = dw.Float64() * scale
	}
	w := desc.Key("W")
	for i := 0; i < w.Len(); {
		first := w.Index(i)
		next := w.Index(i + 1)
		if next.Kind() == pdflib.Array {
			start := uint32(first.Int64())
			for j := 0; j < next.Len(); j++ {
				cw.set(start+uint32(j), next.Index(j).Float64()*scale)
			}
			i += 2
			continue
		}
		last := w.Index(i + 2)
		if first.Kind() != pdflib.Integer || next.Kind() != pdflib.Integer {
			break
		}
		a, b := uint32(first.Int64()), uint32(next.Int64())
		width := last.Float64() * scale
		if b >= a && b-a <= 65535 {
			for c := a; c <= b; c++ {
				cw.set(c, width)
			}
		}
		i += 3
	}
	return cw
}

const maxDenseCID = 65536

func (f *cidWidths) set(cid uint32, w float64) {
	if cid < maxDenseCID {
		if int(cid) >= len(f.cidW) {
			n := max(int(cid)+1, 2*len(f.cidW))
			n = min(n, maxDenseCID)
			grown := make([]float32, n)
			copy(grown, f.cidW)
			f.cidW = grown
		}
		// A stored 0 means "default width": keep real zero widths apart.
		if w == 0 {
			w = 1e-9
		}
		f.cidW[cid] = float32(w)
		return
	}
	if f.cidWMap == nil {
		f.cidWMap = map[uint32]float64{}
	}
	f.cidWMap[cid] = w
}

func (f *font) cidWidth(cid uint32) float64 {
	if int(cid) < len(f.cidW) && f.cidW[cid] != 0 {
		return float64(f.cidW[cid])
	}
	if w, ok := f.cidWMap[cid]; ok {
		return w
	}
	return f.dw
}

// setPredefined configures one of the predefined CMaps of PDF 32000 §9.7.5.
func (f *font) setPredefined(name string) {
	f.predef = name
	f.vertical = strings.HasSuffix(name, "-V")
	switch {
	case strings.Contains(name, "GBK2K"):
		f.decoder = simplifiedchinese.GB18030.NewDecoder()
	case strings.HasPrefix(name, "GB"):
		f.decoder = simplifiedchinese.GBK.NewDecoder()
	case strings.Contains(name, "B5") || strings.Contains(name, "CNS-EUC"):
		f.decoder = traditionalchinese.Big5.NewDecoder()
	}
}

// next decodes the code at the start of s.
func (f *font) next(s []byte) glyph {
	if f.simple {
		c := s[0]
		g := glyph{n: 1, code: uint32(c), text: f.text[c], space: c == 32}
		if f.hasWidth[c] {
			g.width = f.widths[c]
		} else {
			g.width = f.missing
		}
		return g
	}
	n := f.codeLen(s)
	code := bytesToCode(s[:n])
	g := glyph{n: n, code: code, space: n == 1 && code == 32}
	var cid uint32
	haveCID := false
	if f.enc != nil && len(f.enc.space) > 0 {
		cid, haveCID = f.enc.cid(n, code)
	}
	if !haveCID {
		cid, haveCID = f.predefinedCID(s[:n], code)
	}
	if f.toUnicode != nil {
		if t, ok := f.toUnicode.lookup(n, code); ok {
			g.text = t
		}
	}
	if g.text == "" {
		g.text = fixCJK(f.predefinedText(s[:n], code))
	}
	if haveCID {
		g.width = f.cidWidth(cid)
	} else {
		g.width = f.dw
	}
	return g
}

// codeLen is the number of bytes of the code at the start of s.
func (f *font) codeLen(s []byte) int {
	if f.enc != nil && len(f.enc.space) > 0 {
		return f.enc.split(s)
	}
	p := f.predef
	switch {
	case strings.Contains(p, "UTF16"):
		if len(s) >= 4 && s[0] >= 0xD8 && s[0] <= 0xDB {
			return 4
		}
	case strings.Contains(p, "UTF8"):
		_, n := utf8.DecodeRune(s)
		return max(1, n)
	case strings.Contains(p, "GBK2K"):
		if s[0] < 0x81 {
			return 1
		}
		if len(s) >= 4 && s[1] >= 0x30 && s[1] <= 0x39 {
			return 4
		}
	case strings.HasPrefix(p, "GB") || strings.Contains(p, "B5") || strings.Contains(p, "EUC"):
		if s[0] < 0x81 {
			return 1
		}
	}
	return min(2, len(s))
}

// predefinedCID maps a code to a CID where the CMap is known: Identity maps
// code to CID; the Unicode and GB CMaps of Adobe-GB1 put the proportional
// ASCII characters at CIDs 1 to 95. Other codes use the default width.
func (f *font) predefinedCID(b []byte, code uint32) (uint32, bool) {
	p := f.predef
	switch {
	case p == "" || strings.HasPrefix(p, "Identity"):
		return code, true
	case strings.HasPrefix(p, "Uni"):
		if code >= 0x20 && code <= 0x7E {
			return code - 0x1F, true
		}
	case strings.HasPrefix(p, "GB"):
		if len(b) == 1 && code >= 0x20 && code <= 0x7E {
			return code - 0x1F, true
		}
	}
	return 0, false
}

// predefinedText returns the Unicode text of a code through the predefined
// CMap's own character set, when it has one.
func (f *font) predefinedText(b []byte, code uint32) string {
	p := f.predef
	switch {
	case strings.Contains(p, "UCS2"):
		r := rune(code)
		if r >= 0xD800 && r <= 0xDFFF {
			return "\uFFFD"
		}
		return string(r)
	case strings.Contains(p, "UTF16"):
		return utf16BE(b)
	case strings.Contains(p, "UTF8"):
		if utf8.Valid(b) {
			return string(b)
		}
	case f.decoder != nil:
		if len(b) == 1 && b[0] < 0x80 {
			return string(rune(b[0]))
		}
		if out, err := f.decoder.Bytes(b); err == nil {
			return string(out)
		}
	}
	return ""
}
