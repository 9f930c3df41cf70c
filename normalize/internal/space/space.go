// Package space finds white space in text quickly. Table text is mostly
// CJK; these functions look at the bytes and decode only the few lead
// bytes that can start a white-space character, where unicode.IsSpace
// decodes and looks up every rune.
package space

import "unicode/utf8"

// Is reports whether r is white space: the same set as unicode.IsSpace
// (the Unicode White_Space property).
func Is(r rune) bool {
	if r < 0x80 {
		return r == ' ' || r >= '\t' && r <= '\r'
	}
	switch {
	case r == 0x85, r == 0xA0, r == 0x1680, r >= 0x2000 && r <= 0x200A,
		r == 0x2028, r == 0x2029, r == 0x202F, r == 0x205F, r == 0x3000:
		return true
	}
	return false
}

// In reports whether s contains white space.
func In(s string) bool {
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c < 0x80:
			if c == ' ' || c >= '\t' && c <= '\r' {
				return true
			}
			i++
		case c >= 0xE4 && c <= 0xEF && i+2 < len(s) && s[i+1]&0xC0 == 0x80 && s[i+2]&0xC0 == 0x80:
			i += 3 // most CJK: no white space starts with these bytes
		case c == 0xC2 || c == 0xE1 || c == 0xE2 || c == 0xE3:
			// The lead bytes of U+0085, U+00A0, U+1680, U+2000–U+205F
			// and U+3000.
			r, n := utf8.DecodeRuneInString(s[i:])
			if Is(r) {
				return true
			}
			i += n
		default:
			i++
		}
	}
	return false
}

// Drop returns s without its white space.
func Drop(s string) string {
	if !In(s) {
		return s
	}
	return string(AppendDropped(make([]byte, 0, len(s)), s))
}

// AppendDropped appends s without its white space to b.
func AppendDropped(b []byte, s string) []byte {
	if !In(s) {
		return append(b, s...)
	}
	for _, r := range s {
		if !Is(r) {
			b = utf8.AppendRune(b, r)
		}
	}
	return b
}
