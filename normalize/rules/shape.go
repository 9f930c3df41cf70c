package rules

import (
	"regexp/syntax"
	"strings"
)

// shape is what a pattern says about where its matches lie, read from its
// syntax: a pattern anchored at the text's start (^一二三、) matches only a
// text whose first rune it allows; one anchored at both ends (^合计$) only
// a text no longer than its longest match. Both are cheap to test on a
// prepared Text and spare the backtracking matcher most lines: the
// patterns of the configuration are mostly anchored, and most lines they
// are tried on start with another rune or are far longer.
type shape struct {
	ranges []rune // the first runes allowed, as [lo, hi] pairs
	anyRun bool   // no first-rune test
	maxLen int    // the longest match in runes; -1: unbounded or not anchored at both ends
}

// shapeOf reads the shape of a regexp2 (.NET syntax) pattern. It
// translates the pattern into Go's syntax to parse it, and only so far as
// the result matches at least what the pattern does (a superset): class
// escapes become Unicode classes as .NET reads them, lookarounds are
// dropped, an atomic group is a plain group. Anything it cannot translate
// so gives the shape that filters nothing.
func shapeOf(src string) shape {
	none := shape{anyRun: true, maxLen: -1}
	goSrc, ok := toGoSyntax(src)
	if !ok {
		return none
	}
	re, err := syntax.Parse(goSrc, syntax.Perl)
	if err != nil {
		return none
	}
	re = re.Simplify()
	s := none
	if anchoredStart(re) {
		set, nullable, any := firstRunes(re)
		if !nullable && !any {
			s.anyRun = false
			s.ranges = set
		}
		if anchoredEnd(re) {
			if n, ok := maxRunes(re); ok {
				// .NET's $ also matches before a final newline.
				s.maxLen = n + 1
			}
		}
	}
	return s
}

// fits reports whether a text of n runes starting with first may match.
func (s *shape) fits(first rune, n int) bool {
	if s.maxLen >= 0 && n > s.maxLen {
		return false
	}
	if s.anyRun {
		return true
	}
	if n == 0 {
		return false
	}
	for i := 0; i+1 < len(s.ranges); i += 2 {
		if first >= s.ranges[i] && first <= s.ranges[i+1] {
			return true
		}
	}
	return false
}

// toGoSyntax rewrites the .NET constructs whose meaning differs in Go's
// syntax; false when the pattern holds one it cannot rewrite to a
// superset (negated class escapes, class subtraction, inline options).
func toGoSyntax(src string) (string, bool) {
	// .NET's classes, or more: Go's \s and \d are ASCII only.
	const (
		digit = `\p{Nd}`
		word  = `\p{L}\p{M}\p{Nd}\p{Pc}`
		space = `\t\n\v\f\r\p{Z}\x{85}`
	)
	rs := []rune(src)
	var b strings.Builder
	inClass := false
	for i := 0; i < len(rs); i++ {
		c := rs[i]
		switch {
		case c == '\\':
			if i+1 >= len(rs) {
				return "", false
			}
			i++
			e := rs[i]
			var cls string
			switch e {
			case 'd':
				cls = digit
			case 'w':
				cls = word
			case 's':
				cls = space
			case 'p', 'P':
				// \p{Han}: the same in Go (a name Go does not know fails
				// the parse below).
				j := i + 1
				if j >= len(rs) || rs[j] != '{' {
					return "", false
				}
				for j < len(rs) && rs[j] != '}' {
					j++
				}
				if j == len(rs) {
					return "", false
				}
				b.WriteString(string(rs[i-1 : j+1]))
				i = j
				continue
			case 'D', 'W', 'S':
				// Outside a class the negation is a class of its own;
				// inside one only \D has a name (\P{Nd}).
				switch {
				case !inClass:
					cls = map[rune]string{'D': digit, 'W': word, 'S': space}[e]
					b.WriteString("[^" + cls + "]")
					continue
				case e == 'D':
					b.WriteString(`\P{Nd}`)
					continue
				}
				return "", false
			case 'Z', 'G', 'k', 'K':
				return "", false
			default:
				if e >= '1' && e <= '9' {
					return "", false // a back-reference
				}
				b.WriteRune('\\')
				b.WriteRune(e)
				continue
			}
			if inClass {
				b.WriteString(cls)
			} else {
				b.WriteString("[" + cls + "]")
			}
		case inClass:
			if c == '[' {
				return "", false // subtraction or a nested class
			}
			if c == ']' {
				inClass = false
			}
			b.WriteRune(c)
		case c == '[':
			inClass = true
			b.WriteRune(c)
			// A ] or ^] first is part of the class.
			if i+1 < len(rs) && rs[i+1] == '^' {
				i++
				b.WriteRune('^')
			}
			if i+1 < len(rs) && rs[i+1] == ']' {
				i++
				b.WriteString(`\]`)
			}
		case c == '(' && i+1 < len(rs) && rs[i+1] == '?':
			rest := string(rs[i+2:])
			switch {
			case strings.HasPrefix(rest, "=") || strings.HasPrefix(rest, "!") ||
				strings.HasPrefix(rest, "<=") || strings.HasPrefix(rest, "<!"):
				end, ok := groupEnd(rs, i)
				if !ok {
					return "", false
				}
				i = end // a lookaround matches nothing: dropped
			case strings.HasPrefix(rest, ">"):
				b.WriteString("(?:")
				i += 2
			case strings.HasPrefix(rest, ":") || strings.HasPrefix(rest, "<"):
				b.WriteRune(c)
			default:
				return "", false
			}
		default:
			b.WriteRune(c)
		}
	}
	if inClass {
		return "", false
	}
	return b.String(), true
}

// groupEnd returns the index of the ")" closing the group opened at i.
func groupEnd(rs []rune, i int) (int, bool) {
	depth, inClass := 0, false
	for ; i < len(rs); i++ {
		switch c := rs[i]; {
		case c == '\\':
			i++
		case inClass:
			if c == ']' {
				inClass = false
			}
		case c == '[':
			inClass = true
			if i+1 < len(rs) && rs[i+1] == ']' {
				i++
			}
		case c == '(':
			depth++
		case c == ')':
			depth--
			if depth == 0 {
				return i, true
			}
		}
	}
	return 0, false
}

// anchoredStart reports whether every match starts at the text's start.
func anchoredStart(re *syntax.Regexp) bool { return anchored(re, syntax.OpBeginText, 0) }

// anchoredEnd reports whether every match ends at the text's end.
func anchoredEnd(re *syntax.Regexp) bool { return anchored(re, syntax.OpEndText, -1) }

// anchored reports whether re is anchored by op at the end of a
// concatenation that side picks (0: its first part, -1: its last).
func anchored(re *syntax.Regexp, op syntax.Op, side int) bool {
	switch re.Op {
	case op:
		return true
	case syntax.OpCapture:
		return anchored(re.Sub[0], op, side)
	case syntax.OpConcat:
		if len(re.Sub) == 0 {
			return false
		}
		i := 0
		if side < 0 {
			i = len(re.Sub) - 1
		}
		return anchored(re.Sub[i], op, side)
	case syntax.OpAlternate:
		for _, s := range re.Sub {
			if !anchored(s, op, side) {
				return false
			}
		}
		return true
	}
	return false
}

// firstRunes returns the runes a match may start with, as sorted [lo, hi]
// pairs; nullable when the expression can match the empty text; any when
// it may start with any rune.
func firstRunes(re *syntax.Regexp) (set []rune, nullable, any bool) {
	switch re.Op {
	case syntax.OpLiteral:
		if len(re.Rune) == 0 {
			return nil, true, false
		}
		if re.Flags&syntax.FoldCase != 0 {
			return nil, false, true
		}
		return []rune{re.Rune[0], re.Rune[0]}, false, false
	case syntax.OpCharClass:
		return append([]rune(nil), re.Rune...), false, false
	case syntax.OpAnyChar, syntax.OpAnyCharNotNL:
		return nil, false, true
	case syntax.OpEmptyMatch, syntax.OpBeginLine, syntax.OpEndLine, syntax.OpBeginText,
		syntax.OpEndText, syntax.OpWordBoundary, syntax.OpNoWordBoundary:
		return nil, true, false
	case syntax.OpCapture, syntax.OpPlus:
		return firstRunes(re.Sub[0])
	case syntax.OpStar, syntax.OpQuest:
		set, _, any := firstRunes(re.Sub[0])
		return set, true, any
	case syntax.OpRepeat:
		set, nullable, any := firstRunes(re.Sub[0])
		return set, nullable || re.Min == 0, any
	case syntax.OpConcat:
		nullable = true
		for _, s := range re.Sub {
			ss, n, a := firstRunes(s)
			if a {
				return nil, false, true
			}
			set = append(set, ss...)
			if !n {
				nullable = false
				break
			}
		}
		return set, nullable, false
	case syntax.OpAlternate:
		for _, s := range re.Sub {
			ss, n, a := firstRunes(s)
			if a {
				return nil, false, true
			}
			set = append(set, ss...)
			nullable = nullable || n
		}
		return set, nullable, false
	}
	return nil, false, true // OpNoMatch and anything new: no test
}

// maxRunes returns the most runes a match can hold; false when unbounded.
func maxRunes(re *syntax.Regexp) (int, bool) {
	switch re.Op {
	case syntax.OpLiteral:
		return len(re.Rune), true
	case syntax.OpCharClass, syntax.OpAnyChar, syntax.OpAnyCharNotNL:
		return 1, true
	case syntax.OpEmptyMatch, syntax.OpBeginLine, syntax.OpEndLine, syntax.OpBeginText,
		syntax.OpEndText, syntax.OpWordBoundary, syntax.OpNoWordBoundary, syntax.OpNoMatch:
		return 0, true
	case syntax.OpCapture, syntax.OpQuest:
		return maxRunes(re.Sub[0])
	case syntax.OpStar, syntax.OpPlus:
		return 0, false
	case syntax.OpRepeat:
		if re.Max < 0 {
			return 0, false
		}
		n, ok := maxRunes(re.Sub[0])
		return n * re.Max, ok
	case syntax.OpConcat, syntax.OpAlternate:
		total := 0
		for _, s := range re.Sub {
			n, ok := maxRunes(s)
			if !ok {
				return 0, false
			}
			if re.Op == syntax.OpConcat {
				total += n
			} else {
				total = max(total, n)
			}
		}
		return total, true
	}
	return 0, false
}
