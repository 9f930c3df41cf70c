package space

import (
	"strings"
	"testing"
	"unicode"
)

// TestIsMatchesUnicode checks Is against unicode.IsSpace on every rune.
func TestIsMatchesUnicode(t *testing.T) {
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if Is(r) != unicode.IsSpace(r) {
			t.Fatalf("Is(%U) = %v, unicode.IsSpace says %v", r, Is(r), unicode.IsSpace(r))
		}
	}
}

func TestInDrop(t *testing.T) {
	for _, tc := range []struct{ in, drop string }{
		{"", ""},
		{"合计", "合计"},
		{"合 计", "合计"},
		{"合\u3000计", "合计"},
		{"一般\u00a0公共", "一般公共"},
		{"208\t01\n", "20801"},
		{"（项）\u2003支出", "（项）支出"},
		{"\u200b零宽", "\u200b零宽"}, // U+200B is not white space
	} {
		if got := In(tc.in); got != (tc.in != tc.drop) {
			t.Errorf("In(%q) = %v", tc.in, got)
		}
		if got := Drop(tc.in); got != tc.drop {
			t.Errorf("Drop(%q) = %q, want %q", tc.in, got, tc.drop)
		}
	}
}

func FuzzDrop(f *testing.F) {
	f.Add("合 计\u3000 x")
	f.Add("\xe4 \xe3\x80")
	f.Fuzz(func(t *testing.T, s string) {
		want := strings.Map(func(r rune) rune {
			if unicode.IsSpace(r) {
				return -1
			}
			return r
		}, s)
		if got := Drop(s); got != want && strings.ToValidUTF8(s, "\uFFFD") == s {
			t.Fatalf("Drop(%q) = %q, want %q", s, got, want)
		}
		if In(s) != strings.ContainsFunc(s, unicode.IsSpace) {
			t.Fatalf("In(%q) disagrees with unicode.IsSpace", s)
		}
	})
}
