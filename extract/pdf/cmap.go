package pdf

import (
	"unicode/utf16"
	"unicode/utf8"

	"github.com/cnbudget/cnbudget/extract/pdf/internal/glyphs"
)

// A CMap maps byte sequences of a shown string to character codes (by its
// code space), and codes to Unicode text (a ToUnicode CMap) or to CIDs (an
// encoding CMap). parseCMap reads the subset of the CMap language that PDF
// producers write: codespace ranges, bfchar, bfrange (string and array
// targets), cidchar, cidrange, usecmap and /WMode.

type codeRange struct {
	n      int // bytes
	lo, hi [4]byte
}

type uniRange struct {
	n      int
	lo, hi uint32
	base   []byte   // UTF-16BE of the first code, incremented per code
	list   []string // array target
	stride uint32
}

type cidRange struct {
	n      int
	lo, hi uint32
	cid    uint32
}

type cmap struct {
	space     []codeRange
	uni       map[uint64]string
	uniRanges []uniRange
	cids      map[uint64]uint32
	cidRanges []cidRange
	wmode     int
	usecmap   string
}

// codeKey keys a code of n bytes.
func codeKey(n int, code uint32) uint64 { return uint64(n)<<32 | uint64(code) }

func bytesToCode(b []byte) uint32 {
	var c uint32
	for _, x := range b {
		c = c<<8 | uint32(x)
	}
	return c
}

// maxExpand is the largest bfrange or cidrange kept as individual entries.
const maxExpand = 256

// parseCMap parses CMap source. It never fails: what cannot be read is
// skipped.
func parseCMap(src []byte) *cmap {
	m := &cmap{uni: map[uint64]string{}, cids: map[uint64]uint32{}}
	l := &lexer{b: src}
	var stack []operand
	const maxStack = 1 << 16
	for {
		var op operand
		tok, kw := l.next(&op)
		switch tok {
		case tokEOF:
			return m
		case tokOperand:
			if len(stack) < maxStack {
				stack = append(stack, op)
			}
			continue
		case tokArrayEnd, tokDictEnd:
			continue
		}
		switch string(kw) {
		case "endcodespacerange":
			for i := 0; i+1 < len(stack); i += 2 {
				lo, hi := stack[i], stack[i+1]
				if lo.kind != opString || hi.kind != opString || len(lo.b) != len(hi.b) || len(lo.b) == 0 || len(lo.b) > 4 {
					continue
				}
				r := codeRange{n: len(lo.b)}
				copy(r.lo[:], lo.b)
				copy(r.hi[:], hi.b)
				m.space = append(m.space, r)
			}
		case "endbfchar":
			for i := 0; i+1 < len(stack); i += 2 {
				src, dst := stack[i], stack[i+1]
				if src.kind != opString || len(src.b) == 0 || len(src.b) > 4 {
					continue
				}
				var s string
				switch dst.kind {
				case opString:
					s = utf16BE(dst.b)
				case opName:
					s = glyphs.Text(string(dst.b))
				default:
					continue
				}
				m.uni[codeKey(len(src.b), bytesToCode(src.b))] = fixCJK(s)
			}
		case "endbfrange":
			for i := 0; i+2 < len(stack); i += 3 {
				lo, hi, dst := stack[i], stack[i+1], stack[i+2]
				if lo.kind != opString || hi.kind != opString || len(lo.b) != len(hi.b) || len(lo.b) == 0 || len(lo.b) > 4 {
					continue
				}
				m.addBFRange(len(lo.b), bytesToCode(lo.b), bytesToCode(hi.b), dst)
			}
		case "endcidchar":
			for i := 0; i+1 < len(stack); i += 2 {
				src, cid := stack[i], stack[i+1]
				if src.kind != opString || cid.kind != opNumber || len(src.b) == 0 || len(src.b) > 4 {
					continue
				}
				m.cids[codeKey(len(src.b), bytesToCode(src.b))] = uint32(cid.num)
			}
		case "endcidrange":
			for i := 0; i+2 < len(stack); i += 3 {
				lo, hi, cid := stack[i], stack[i+1], stack[i+2]
				if lo.kind != opString || hi.kind != opString || cid.kind != opNumber || len(lo.b) != len(hi.b) || len(lo.b) == 0 || len(lo.b) > 4 {
					continue
				}
				a, b := bytesToCode(lo.b), bytesToCode(hi.b)
				if b < a {
					continue
				}
				if b-a < maxExpand {
					for c := a; c <= b; c++ {
						m.cids[codeKey(len(lo.b), c)] = uint32(cid.num) + c - a
					}
				} else {
					m.cidRanges = append(m.cidRanges, cidRange{len(lo.b), a, b, uint32(cid.num)})
				}
			}
		case "usecmap":
			if n := len(stack); n > 0 && stack[n-1].kind == opName {
				m.usecmap = string(stack[n-1].b)
			}
		case "def":
			if n := len(stack); n >= 2 && stack[n-2].kind == opName && string(stack[n-2].b) == "WMode" && stack[n-1].kind == opNumber {
				m.wmode = int(stack[n-1].num)
			}
		}
		stack = stack[:0]
	}
}

func (m *cmap) addBFRange(n int, a, b uint32, dst operand) {
	if b < a {
		return
	}
	switch dst.kind {
	case opString:
		if len(dst.b) == 0 {
			return
		}
		if b-a < maxExpand {
			for c := a; c <= b; c++ {
				m.uni[codeKey(n, c)] = fixCJK(utf16BE(incrementLast(dst.b, c-a)))
			}
			return
		}
		m.uniRanges = append(m.uniRanges, uniRange{n: n, lo: a, hi: b, base: append([]byte(nil), dst.b...)})
	case opArray:
		for i, d := range dst.arr {
			c := a + uint32(i)
			if c > b {
				break
			}
			switch d.kind {
			case opString:
				m.uni[codeKey(n, c)] = fixCJK(utf16BE(d.b))
			case opName:
				m.uni[codeKey(n, c)] = glyphs.Text(string(d.b))
			}
		}
	}
}

// incrementLast adds k to the big-endian number in the last (up to four)
// bytes of b, keeping its length.
func incrementLast(b []byte, k uint32) []byte {
	out := append([]byte(nil), b...)
	carry := k
	for i := len(out) - 1; i >= 0 && carry > 0; i-- {
		v := uint32(out[i]) + carry
		out[i] = byte(v)
		carry = v >> 8
	}
	return out
}

// utf16BE decodes UTF-16BE text (with surrogate pairs). A single byte is
// taken as a Latin-1 character.
func utf16BE(b []byte) string {
	if len(b) == 1 {
		return string(rune(b[0]))
	}
	if len(b) == 2 {
		r := rune(b[0])<<8 | rune(b[1])
		if !utf16.IsSurrogate(r) && r != 0 {
			return string(r)
		}
	}
	u := make([]uint16, 0, len(b)/2)
	for i := 0; i+1 < len(b); i += 2 {
		u = append(u, uint16(b[i])<<8|uint16(b[i+1]))
	}
	rs := utf16.Decode(u)
	out := make([]byte, 0, len(rs)*3)
	for _, r := range rs {
		if r == 0 {
			continue
		}
		out = utf8.AppendRune(out, r)
	}
	return string(out)
}

// lookup returns the Unicode text of a code.
func (m *cmap) lookup(n int, code uint32) (string, bool) {
	if s, ok := m.uni[codeKey(n, code)]; ok {
		return s, true
	}
	for _, r := range m.uniRanges {
		if r.n == n && code >= r.lo && code <= r.hi {
			return fixCJK(utf16BE(incrementLast(r.base, code-r.lo))), true
		}
	}
	return "", false
}

// cid returns the CID of a code.
func (m *cmap) cid(n int, code uint32) (uint32, bool) {
	if c, ok := m.cids[codeKey(n, code)]; ok {
		return c, true
	}
	for _, r := range m.cidRanges {
		if r.n == n && code >= r.lo && code <= r.hi {
			return r.cid + code - r.lo, true
		}
	}
	return 0, false
}

// split returns the length of the code at the start of s according to the
// code space; with no matching range it takes the shortest range length.
func (m *cmap) split(s []byte) int {
	if len(m.space) == 0 {
		return min(2, len(s))
	}
	shortest := 4
	for n := 1; n <= 4 && n <= len(s); n++ {
		for _, r := range m.space {
			if r.n != n {
				continue
			}
			ok := true
			for i := 0; i < n; i++ {
				if s[i] < r.lo[i] || s[i] > r.hi[i] {
					ok = false
					break
				}
			}
			if ok {
				return n
			}
		}
	}
	for _, r := range m.space {
		shortest = min(shortest, r.n)
	}
	return min(shortest, len(s))
}
