package tables

import (
	"strings"
	"unicode/utf8"

	"github.com/cnbudget/cnbudget/normalize/decimal"
	"github.com/cnbudget/cnbudget/normalize/internal/space"
	"github.com/cnbudget/cnbudget/normalize/rules"
)

// IsNumber reports whether s is printed as a number: an amount
// ("24,487.92", "-58.69", "0.00"), a count or a percentage.
func IsNumber(s string) bool {
	s = strings.TrimSpace(s)
	if s == "" {
		return false
	}
	s = strings.TrimSuffix(s, "%")
	s, _ = decimal.CutSign(s)
	if s == "" {
		return false
	}
	digits, dot := 0, false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			digits++
		case c == ',':
			if digits == 0 || dot {
				return false
			}
		case c == '.':
			if dot || digits == 0 {
				return false
			}
			dot = true
		default:
			return false
		}
	}
	return digits > 0 && s[len(s)-1] != ',' && s[len(s)-1] != '.'
}

// IsCode reports whether s looks like a classification code: 3 to 9 digits,
// or 类/款/项 parts of 2 or 3 digits are handled by IsNumber.
func IsCode(s string) bool {
	if len(s) < 3 || len(s) > 9 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// isDataRow reports whether a row belongs to a table body: it holds a
// number or code, or all its text is body labels (合计, 一、…, 无). A row
// where 合计 stands among other labels is a header naming columns,
// and so is one that opens with a year its next cell goes on with (2026 |
// 年政府采购项目: a group label read apart from its rules, cut at a column
// edge).
func isDataRow(r *rules.Rules, cells []string) bool {
	texts, body := 0, 0
	for i, c := range cells {
		if c == "" {
			continue
		}
		if sq := rules.Squeeze(c); IsNumber(sq) {
			if texts > 0 || !yearOf(sq, nextText(cells, i)) {
				return true
			}
		}
		texts++
		if r.IsBodyStart(c) {
			body++
		}
	}
	return texts > 0 && body == texts
}

// nextText returns the first non-empty cell after cell i, squeezed.
func nextText(cells []string, i int) string {
	for _, c := range cells[i+1:] {
		if c != "" {
			return rules.Squeeze(c)
		}
	}
	return ""
}

var indexLabels = map[string]bool{"甲": true, "乙": true, "丙": true, "丁": true}

// isIndexRow reports whether a row is the column numbering printed under a
// header: 栏次 1 2 3 …, or just the numbers.
func isIndexRow(r *rules.Rules, cells []string) bool {
	var ne []string
	for _, c := range cells {
		if c = rules.Squeeze(c); c != "" {
			ne = append(ne, c)
		}
	}
	if len(ne) == 0 {
		return false
	}
	if r.IsIndexLabel(ne[0]) {
		return true
	}
	for len(ne) > 0 && indexLabels[ne[0]] {
		ne = ne[1:]
	}
	if len(ne) < 3 {
		return false
	}
	want := 0
	for i, c := range ne {
		n, ok := smallInt(c)
		if !ok {
			return false
		}
		if i == 0 {
			want = n
		}
		if n != want {
			return false
		}
		want++
	}
	return true
}

func smallInt(s string) (int, bool) {
	if s == "" || len(s) > 3 {
		return 0, false
	}
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
		n = n*10 + int(s[i]-'0')
	}
	return n, true
}

// filled counts the cells that hold more than white space.
func filled(cells []string) int {
	n := 0
	for _, c := range cells {
		if strings.TrimFunc(c, space.Is) != "" {
			n++
		}
	}
	return n
}

// sameCells reports whether two rows hold the same texts, in any order
// (white space ignored). Repeated headers are recognised this way even when
// a continuation page prints their columns in another order.
func sameCells(a, b []string) bool {
	if filled(a) != filled(b) {
		return false
	}
	// Rows are short: match each text of a with an unused equal text of
	// b, which rejects a body row against a header at its first cell.
	var small [64]bool
	used := small[:]
	if len(b) > len(small) {
		used = make([]bool, len(b))
	}
	n := 0
	for _, c := range a {
		if c = rules.Squeeze(c); c == "" {
			continue
		}
		found := false
		for j, d := range b {
			if !used[j] && d != "" && rules.Squeeze(d) == c {
				used[j], found = true, true
				break
			}
		}
		if !found {
			return false
		}
		n++
	}
	return n > 0
}

// sameText reports whether two rows read the same, left to right, white
// space ignored, however their text is cut into cells: a header repeated
// on a continuation page whose letter-spaced labels (项   目, 收   入) were
// read as two cells on the first page and one on this one.
func sameText(a, b []string) bool {
	var x, y strings.Builder
	for _, c := range a {
		x.WriteString(rules.Squeeze(c))
	}
	for _, c := range b {
		y.WriteString(rules.Squeeze(c))
	}
	return x.Len() > 0 && x.String() == y.String()
}

// nonEmpty counts the cells of a row that hold text.
func nonEmpty(cells []string) int {
	n := 0
	for _, c := range cells {
		if c != "" {
			n++
		}
	}
	return n
}

// firstText returns the first non-empty cell of a row.
func firstText(cells []string) string {
	for _, c := range cells {
		if c != "" {
			return c
		}
	}
	return ""
}

// runeLen is the number of characters of s.
func runeLen(s string) int { return utf8.RuneCountInString(s) }
