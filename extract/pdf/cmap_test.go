package pdf

import (
	"testing"
)

const testCMap = `/CIDInit /ProcSet findresource begin
12 dict begin
begincmap
/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def
/CMapName /Adobe-Identity-UCS def
/CMapType 2 def
2 begincodespacerange
<00> <80>
<8140> <FEFE>
endcodespacerange
3 beginbfchar
<41> <0041>
<8140> <9884>
<8141> <D840DC00>
endbfchar
3 beginbfrange
<30> <39> <0030>
<8150> <8152> [<7B97> <8868> /Aacute]
<8200> <82FF> <4E00>
endbfrange
1 begincidrange
<8300> <83FF> 1000
endcidrange
1 begincidchar
<42> 7
endcidchar
endcmap
CMapName currentdict /CMap defineresource pop
end
end`

func TestParseCMap(t *testing.T) {
	m := parseCMap([]byte(testCMap))
	for _, tc := range []struct {
		n    int
		code uint32
		want string
	}{
		{1, 0x41, "A"},
		{2, 0x8140, "预"},
		{2, 0x8141, "\U00020000"}, // surrogate pair
		{1, 0x30, "0"},
		{1, 0x39, "9"},
		{2, 0x8150, "算"},
		{2, 0x8151, "表"},
		{2, 0x8152, "Á"}, // a glyph name in an array target
		{2, 0x8200, "一"},
		{2, 0x82FF, string(rune(0x4E00 + 0xFF))}, // a range kept unexpanded
	} {
		if got, ok := m.lookup(tc.n, tc.code); !ok || got != tc.want {
			t.Errorf("lookup(%d, %#x) = %q, %v; want %q", tc.n, tc.code, got, ok, tc.want)
		}
	}
	if _, ok := m.lookup(1, 0x8140); ok {
		t.Error("a 2-byte code found under 1 byte")
	}
	if c, ok := m.cid(2, 0x8310); !ok || c != 1016 {
		t.Errorf("cid(0x8310) = %d, %v; want 1016", c, ok)
	}
	if c, ok := m.cid(1, 0x42); !ok || c != 7 {
		t.Errorf("cid(0x42) = %d, %v; want 7", c, ok)
	}
	// Code space: one byte below 0x81, two bytes above.
	for _, tc := range []struct {
		s    string
		want int
	}{
		{"\x41\x81\x40", 1}, {"\x81\x40\x41", 2}, {"\x81", 1}, {"\xff\xff", 1},
	} {
		if got := m.split([]byte(tc.s)); got != tc.want {
			t.Errorf("split(% x) = %d, want %d", tc.s, got, tc.want)
		}
	}
}

func TestParseCMapUsecmapAndWMode(t *testing.T) {
	m := parseCMap([]byte("/UniGB-UCS2-H usecmap /WMode 1 def begincmap endcmap"))
	if m.usecmap != "UniGB-UCS2-H" || m.wmode != 1 {
		t.Errorf("usecmap %q wmode %d", m.usecmap, m.wmode)
	}
}

// FuzzCMap: the CMap parser and its lookups never panic and stay bounded,
// whatever the source.
func FuzzCMap(f *testing.F) {
	f.Add([]byte(testCMap))
	f.Add([]byte("1 begincodespacerange <0000> <FFFF> endcodespacerange 1 beginbfrange <0000> <FFFF> <0000> endbfrange"))
	f.Add([]byte("1 beginbfrange <00> <FF> [<0041> /A (x)] endbfrange"))
	f.Add([]byte("begincidrange <0000> <ffff> 4294967295 endcidrange"))
	f.Add([]byte("<< /A [ ( \\) <4"))
	f.Fuzz(func(t *testing.T, src []byte) {
		m := parseCMap(src)
		if len(m.uni) > 1<<20 || len(m.cids) > 1<<20 {
			t.Fatalf("%d + %d entries from %d bytes", len(m.uni), len(m.cids), len(src))
		}
		for _, s := range [][]byte{{0}, {0x41}, {0x81, 0x40}, {0xff, 0xff, 0xff, 0xff}} {
			n := m.split(s)
			if n < 1 || n > len(s) {
				t.Fatalf("split(% x) = %d", s, n)
			}
			m.lookup(n, bytesToCode(s[:n]))
			m.cid(n, bytesToCode(s[:n]))
		}
	})
}
