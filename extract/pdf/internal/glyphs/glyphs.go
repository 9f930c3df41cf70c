// Package glyphs knows the PostScript glyph names of the Latin character
// set: the names of WinAnsiEncoding by code, and the Unicode text of a glyph
// name. Stage one needs them for simple fonts that name their glyphs
// (/Differences) and for the widths of the standard 14 fonts.
package glyphs

import (
	"strconv"
	"strings"
)

// WinAnsi holds the glyph name of every code of WinAnsiEncoding (PDF 32000
// Annex D); undefined codes are "".
var WinAnsi = [256]string{
	32: "space", "exclam", "quotedbl", "numbersign", "dollar", "percent", "ampersand", "quotesingle",
	"parenleft", "parenright", "asterisk", "plus", "comma", "hyphen", "period", "slash",
	"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
	"colon", "semicolon", "less", "equal", "greater", "question", "at",
	"A", "B", "C", "D", "E", "F", "G", "H", "I", "J", "K", "L", "M", "N", "O", "P", "Q", "R", "S", "T",
	"U", "V", "W", "X", "Y", "Z", "bracketleft", "backslash", "bracketright", "asciicircum", "underscore",
	"grave", "a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m", "n", "o", "p", "q", "r", "s",
	"t", "u", "v", "w", "x", "y", "z", "braceleft", "bar", "braceright", "asciitilde", "bullet",
	"Euro", "bullet", "quotesinglbase", "florin", "quotedblbase", "ellipsis", "dagger", "daggerdbl",
	"circumflex", "perthousand", "Scaron", "guilsinglleft", "OE", "bullet", "Zcaron", "bullet",
	"bullet", "quoteleft", "quoteright", "quotedblleft", "quotedblright", "bullet", "endash", "emdash",
	"tilde", "trademark", "scaron", "guilsinglright", "oe", "bullet", "zcaron", "Ydieresis",
	"space", "exclamdown", "cent", "sterling", "currency", "yen", "brokenbar", "section",
	"dieresis", "copyright", "ordfeminine", "guillemotleft", "logicalnot", "hyphen", "registered", "macron",
	"degree", "plusminus", "twosuperior", "threesuperior", "acute", "mu", "paragraph", "periodcentered",
	"cedilla", "onesuperior", "ordmasculine", "guillemotright", "onequarter", "onehalf", "threequarters", "questiondown",
	"Agrave", "Aacute", "Acircumflex", "Atilde", "Adieresis", "Aring", "AE", "Ccedilla",
	"Egrave", "Eacute", "Ecircumflex", "Edieresis", "Igrave", "Iacute", "Icircumflex", "Idieresis",
	"Eth", "Ntilde", "Ograve", "Oacute", "Ocircumflex", "Otilde", "Odieresis", "multiply",
	"Oslash", "Ugrave", "Uacute", "Ucircumflex", "Udieresis", "Yacute", "Thorn", "germandbls",
	"agrave", "aacute", "acircumflex", "atilde", "adieresis", "aring", "ae", "ccedilla",
	"egrave", "eacute", "ecircumflex", "edieresis", "igrave", "iacute", "icircumflex", "idieresis",
	"eth", "ntilde", "ograve", "oacute", "ocircumflex", "otilde", "odieresis", "divide",
	"oslash", "ugrave", "uacute", "ucircumflex", "udieresis", "yacute", "thorn", "ydieresis",
}

// winAnsiRunes is WinAnsiEncoding as Unicode (Windows code page 1252, with
// the undefined codes drawn as bullets as the PDF specification says).
var winAnsiRunes = func() [256]rune {
	var t [256]rune
	for i := 0; i < 256; i++ {
		t[i] = rune(i)
	}
	high := []rune{0x20AC, 0x2022, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
		0x2039, 0x0152, 0x2022, 0x017D, 0x2022, 0x2022, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013,
		0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x2022, 0x017E, 0x0178}
	for i, r := range high {
		t[0x80+i] = r
	}
	t[0x7F] = 0x2022
	return t
}()

// WinAnsiRune returns the Unicode character of a WinAnsiEncoding code.
func WinAnsiRune(code byte) rune { return winAnsiRunes[code] }

var nameText = func() map[string]string {
	m := map[string]string{}
	for code, name := range WinAnsi {
		if name != "" {
			if _, dup := m[name]; !dup {
				m[name] = string(winAnsiRunes[code])
			}
		}
	}
	m["space"] = " "
	m["hyphen"] = "-"
	for name, r := range map[string]rune{
		"fi": 0xFB01, "fl": 0xFB02, "ff": 0xFB00, "ffi": 0xFB03, "ffl": 0xFB04, "dotlessi": 0x0131,
		"Lslash": 0x0141, "lslash": 0x0142, "minus": 0x2212, "fraction": 0x2044, "ring": 0x02DA,
		"caron": 0x02C7, "breve": 0x02D8, "dotaccent": 0x02D9, "ogonek": 0x02DB, "hungarumlaut": 0x02DD,
		"nbspace": 0xA0, "sfthyphen": 0xAD, "middot": 0xB7, "Delta": 0x2206, "Omega": 0x2126,
		"mu1": 0xB5, "periodcentered": 0xB7, "quotereversed": 0x201B, "uni00A0": 0xA0,
		"registered": 0xAE, "copyright": 0xA9, "trademark": 0x2122, "degree": 0xB0,
		"lessequal": 0x2264, "greaterequal": 0x2265, "notequal": 0x2260, "infinity": 0x221E,
		"summation": 0x2211, "product": 0x220F, "radical": 0x221A, "approxequal": 0x2248,
		"lozenge": 0x25CA, "partialdiff": 0x2202, "integral": 0x222B, "pi": 0x03C0,
	} {
		m[name] = string(r)
	}
	return m
}()

// Text returns the Unicode text of a glyph name: a name of the Latin set,
// uniXXXX[XXXX…], uXXXX[XX], or a name with a suffix (A.sc, a_b); "" when
// unknown.
func Text(name string) string {
	if s, ok := nameText[name]; ok {
		return s
	}
	if i := strings.IndexByte(name, '.'); i > 0 {
		return Text(name[:i])
	}
	if strings.Contains(name, "_") {
		var b strings.Builder
		for _, part := range strings.Split(name, "_") {
			t := Text(part)
			if t == "" {
				return ""
			}
			b.WriteString(t)
		}
		return b.String()
	}
	if strings.HasPrefix(name, "uni") && len(name) >= 7 && (len(name)-3)%4 == 0 {
		var b strings.Builder
		for i := 3; i+4 <= len(name); i += 4 {
			v, err := strconv.ParseUint(name[i:i+4], 16, 32)
			if err != nil || (v >= 0xD800 && v <= 0xDFFF) {
				return ""
			}
			b.WriteRune(rune(v))
		}
		return b.String()
	}
	if strings.HasPrefix(name, "u") && len(name) >= 5 && len(name) <= 7 {
		v, err := strconv.ParseUint(name[1:], 16, 32)
		if err == nil && v <= 0x10FFFF && !(v >= 0xD800 && v <= 0xDFFF) {
			return string(rune(v))
		}
	}
	return ""
}
