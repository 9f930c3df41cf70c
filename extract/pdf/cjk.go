package pdf

import (
	"strings"

	"golang.org/x/text/unicode/norm"
)

// fixCJK replaces Kangxi and CJK radicals and CJK compatibility ideographs
// with the unified ideographs they stand for (their NFKC form). Some
// producers (Chromium among them) map glyphs to the radical code points, so
// that "部门" arrives as "部⻔" and "一" as "⼀"; a reader sees the same
// character, and every later stage needs the unified one. Other characters,
// full-width punctuation included, are left as they are.
func fixCJK(s string) string {
	if !strings.ContainsFunc(s, isRadical) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case radicalSupplement[r] != 0:
			b.WriteRune(radicalSupplement[r])
		case isRadical(r):
			b.WriteString(norm.NFKC.String(string(r)))
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// radicalSupplement maps the CJK Radicals Supplement characters that stand
// for whole simplified characters to those characters (Unicode's
// EquivalentUnifiedIdeograph data); NFKC leaves them alone.
var radicalSupplement = map[rune]rune{
	0x2E9D: 0x6708, 0x2EA0: 0x6C11, 0x2EA9: 0x738B, 0x2EC5: 0x89C1, 0x2EC6: 0x89D2, 0x2EC8: 0x8BA0,
	0x2EC9: 0x8D1D, 0x2ECB: 0x8F66, 0x2ECF: 0x961D, 0x2ED0: 0x9485, 0x2ED3: 0x957F, 0x2ED4: 0x95E8,
	0x2ED6: 0x961D, 0x2ED8: 0x9752, 0x2ED9: 0x97E6, 0x2EDA: 0x9875, 0x2EDB: 0x98CE, 0x2EDC: 0x98DE,
	0x2EDD: 0x98DF, 0x2EE0: 0x9963, 0x2EE2: 0x9A6C, 0x2EE3: 0x9AA8, 0x2EE4: 0x9B3C, 0x2EE5: 0x9C7C,
	0x2EE6: 0x9E1F, 0x2EE7: 0x5364, 0x2EE8: 0x9EA6, 0x2EE9: 0x9EC4, 0x2EEA: 0x9EFE, 0x2EEC: 0x9F50,
	0x2EEE: 0x9F7F, 0x2EF0: 0x9F99,
	// KANGXI RADICAL DOOR: NFKC gives the traditional 戶, but simplified
	// Chinese fonts draw it as 户, which is what the documents mean.
	0x2F3E: 0x6237,
}

func isRadical(r rune) bool {
	return r >= 0x2E80 && r <= 0x2FDF || r >= 0xF900 && r <= 0xFAFF || r >= 0x2F800 && r <= 0x2FA1F
}
