package rules

import (
	"slices"

	"github.com/dlclark/regexp2"
)

// pattern is a compiled configuration pattern with a cheap prefilter: the
// runes no match can do without. A text that lacks one of them cannot
// match, and the backtracking matcher is not run on it. Most lines of a
// document are tried against dozens of patterns and match none, so this
// check is where most of the matching time is saved.
type pattern struct {
	*regexp2.Regexp
	need runeMask
}

func newPattern(re *regexp2.Regexp, src string) *pattern {
	return &pattern{Regexp: re, need: maskOf(requiredRunes(src))}
}

// possible reports whether a text with the runes in m may match.
func (p *pattern) possible(m runeMask) bool { return m.has(p.need) }

// runeMask is a set of runes hashed into 256 bits by their low byte: it
// may say a rune is present when it is not, never the other way round.
type runeMask [4]uint64

func maskOf(rs []rune) runeMask {
	var m runeMask
	for _, r := range rs {
		b := uint8(r)
		m[b>>6] |= 1 << (b & 63)
	}
	return m
}

func maskOfString(s string) runeMask {
	var m runeMask
	for _, r := range s {
		b := uint8(r)
		m[b>>6] |= 1 << (b & 63)
	}
	return m
}

// has reports whether every rune of need may be in m.
func (m runeMask) has(need runeMask) bool {
	return m[0]&need[0] == need[0] && m[1]&need[1] == need[1] &&
		m[2]&need[2] == need[2] && m[3]&need[3] == need[3]
}

// requiredRunes returns runes that every match of the regexp2 (.NET
// syntax) pattern src contains. It follows literals, escapes, groups,
// alternation and quantifiers; what it does not follow (character
// classes, lookarounds, optional parts) requires nothing. For syntax it
// does not know (inline options, conditionals) it returns nil: no runes
// are required and the pattern is always run.
func requiredRunes(src string) []rune {
	p := reqParser{rs: []rune(src)}
	set := p.alternation()
	if p.bad || p.i != len(p.rs) {
		return nil
	}
	slices.Sort(set)
	return slices.Compact(set)
}

type reqParser struct {
	rs  []rune
	i   int
	bad bool
}

func (p *reqParser) peek(off int) rune {
	if p.i+off < len(p.rs) {
		return p.rs[p.i+off]
	}
	return -1
}

// alternation: sequences separated by |; a rune is required when every
// branch requires it.
func (p *reqParser) alternation() []rune {
	set := p.sequence()
	for !p.bad && p.peek(0) == '|' {
		p.i++
		other := p.sequence()
		set = slices.DeleteFunc(set, func(r rune) bool { return !slices.Contains(other, r) })
	}
	return set
}

// sequence: atoms with their quantifiers; a rune is required when some
// atom that must occur at least once requires it.
func (p *reqParser) sequence() []rune {
	var set []rune
	for !p.bad && p.i < len(p.rs) && p.peek(0) != '|' && p.peek(0) != ')' {
		atom := p.atom()
		if p.quantifierMin() > 0 {
			set = append(set, atom...)
		}
	}
	return set
}

func (p *reqParser) atom() []rune {
	c := p.peek(0)
	p.i++
	switch c {
	case '(':
		return p.group()
	case '[':
		p.class()
		return nil
	case '\\':
		return p.escape()
	case '.', '^', '$':
		return nil
	case '*', '+', '?':
		p.bad = true // a quantifier with nothing to repeat
		return nil
	}
	return []rune{c}
}

// group parses what follows "(" up to and including its ")".
func (p *reqParser) group() []rune {
	keep := true
	if p.peek(0) == '?' {
		switch {
		case p.peek(1) == ':' || p.peek(1) == '>':
			p.i += 2
		case p.peek(1) == '=' || p.peek(1) == '!':
			p.i += 2
			keep = false
		case p.peek(1) == '<' && (p.peek(2) == '=' || p.peek(2) == '!'):
			p.i += 3
			keep = false
		case p.peek(1) == '<' || p.peek(1) == '\'':
			end := '>'
			if p.peek(1) == '\'' {
				end = '\''
			}
			p.i += 2
			for p.i < len(p.rs) && p.rs[p.i] != end {
				p.i++
			}
			p.i++
		default: // inline options, conditionals, comments
			p.bad = true
			return nil
		}
	}
	set := p.alternation()
	if p.peek(0) != ')' {
		p.bad = true
		return nil
	}
	p.i++
	if !keep {
		return nil
	}
	return set
}

// class skips a character class up to its closing "]".
func (p *reqParser) class() {
	if p.peek(0) == '^' {
		p.i++
	}
	if p.peek(0) == ']' {
		p.i++
	}
	for p.i < len(p.rs) {
		switch p.rs[p.i] {
		case '\\':
			p.i += 2
			continue
		case '[':
			p.bad = true // class subtraction
			return
		case ']':
			p.i++
			return
		}
		p.i++
	}
	p.bad = true
}

// escape parses what follows a backslash.
func (p *reqParser) escape() []rune {
	c := p.peek(0)
	if c < 0 {
		p.bad = true
		return nil
	}
	p.i++
	isWord := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_'
	if !isWord {
		return []rune{c} // an escaped symbol stands for itself
	}
	switch c {
	case 'd', 'D', 'w', 'W', 's', 'S', 'b', 'B', 'A', 'z', 'Z', 'G', 'n', 't', 'r', 'f', 'v', 'e', 'a':
		return nil
	case 'p', 'P':
		if p.peek(0) != '{' {
			p.bad = true
			return nil
		}
		for p.i < len(p.rs) && p.rs[p.i] != '}' {
			p.i++
		}
		p.i++
		return nil
	}
	// Back-references, octal and hexadecimal escapes, control
	// characters: not followed.
	p.bad = true
	return nil
}

// quantifierMin parses an optional quantifier and returns the least number
// of times it lets the atom before it occur (1 when there is none).
func (p *reqParser) quantifierMin() int {
	min := 1
	switch p.peek(0) {
	case '*', '?':
		p.i++
		min = 0
	case '+':
		p.i++
	case '{':
		j := p.i + 1
		n, digits := 0, 0
		for j < len(p.rs) && p.rs[j] >= '0' && p.rs[j] <= '9' {
			n = min10(n*10 + int(p.rs[j]-'0'))
			j++
			digits++
		}
		if digits == 0 {
			return 1 // a literal "{"
		}
		if j < len(p.rs) && p.rs[j] == ',' {
			j++
			for j < len(p.rs) && p.rs[j] >= '0' && p.rs[j] <= '9' {
				j++
			}
		}
		if j >= len(p.rs) || p.rs[j] != '}' {
			return 1
		}
		p.i = j + 1
		min = n
	default:
		return 1
	}
	if p.peek(0) == '?' { // lazy
		p.i++
	}
	return min
}

func min10(n int) int { return min(n, 1<<20) }
