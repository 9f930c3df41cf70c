package rules

import (
	"slices"

	"github.com/dlclark/regexp2"
)

// pattern is a compiled configuration pattern with a cheap prefilter:
// what every match must contain. A text that lacks it cannot match, and
// the backtracking matcher is not run on it. Most lines of a document are
// tried against dozens of patterns and match none, so this check is where
// most of the matching time is saved.
type pattern struct {
	*regexp2.Regexp
	need  runeMask   // runes every match contains
	anyOf []runeMask // sets of runes of which every match contains one
	// key is a clause every match satisfies, the last single rune if
	// there is one (nil when nothing is required).
	key clause
	// shape: the first runes and the length an anchored match allows.
	shape shape
}

func newPattern(re *regexp2.Regexp, src string) *pattern {
	p := &pattern{Regexp: re, shape: shapeOf(src)}
	for _, c := range requirements(src) {
		// The last rune every match holds is the key: a title's is
		// its ending (表, 况), rarer in other lines than its first
		// words (一般, 支出).
		if p.key == nil || len(c) == 1 || len(c) < len(p.key) && len(p.key) > 1 {
			p.key = c
		}
		if len(c) == 1 {
			p.need = p.need.or(maskOfString(string(c)))
		} else {
			p.anyOf = append(p.anyOf, maskOfString(string(c)))
		}
	}
	return p
}

// possible reports whether a text with the runes in m may match.
func (p *pattern) possible(m runeMask) bool {
	if !m.has(p.need) {
		return false
	}
	for _, c := range p.anyOf {
		if !m.meets(c) {
			return false
		}
	}
	return true
}

// may reports whether a prepared text may match, matched from its start:
// it holds the runes every match needs and starts and ends as an anchored
// match allows.
func (p *pattern) may(t *Text) bool {
	return p.possible(t.mask) && p.shape.fits(t.first, t.n)
}

// runeMask is a set of runes hashed into 256 bits by their low byte: it
// may say a rune is present when it is not, never the other way round.
type runeMask [4]uint64

func maskOfString(s string) runeMask {
	var m runeMask
	for _, r := range s {
		m.add(r)
	}
	return m
}

// add puts r in the set.
func (m *runeMask) add(r rune) {
	b := uint8(r)
	m[b>>6] |= 1 << (b & 63)
}

func (m runeMask) or(o runeMask) runeMask {
	return runeMask{m[0] | o[0], m[1] | o[1], m[2] | o[2], m[3] | o[3]}
}

// meets reports whether some rune of o may be in m.
func (m runeMask) meets(o runeMask) bool {
	return m[0]&o[0] != 0 || m[1]&o[1] != 0 || m[2]&o[2] != 0 || m[3]&o[3] != 0
}

// has reports whether every rune of need may be in m.
func (m runeMask) has(need runeMask) bool {
	return m[0]&need[0] == need[0] && m[1]&need[1] == need[1] &&
		m[2]&need[2] == need[2] && m[3]&need[3] == need[3]
}

// A clause is a set of runes (sorted) of which every match of a pattern
// contains at least one; a clause of one rune is a rune every match
// contains.
type clause []rune

// requirements returns clauses that every match of the regexp2 (.NET
// syntax) pattern src satisfies. It follows literals, escapes, listed
// character classes ([，。；]), groups, alternation and quantifiers; what
// it does not follow (ranges, lookarounds, optional parts) requires
// nothing. For syntax it does not know (inline options, conditionals,
// back-references) it returns nil: nothing is required and the pattern is
// always run.
func requirements(src string) []clause {
	p := reqParser{rs: []rune(src)}
	cs := p.alternation()
	if p.bad || p.i != len(p.rs) {
		return nil
	}
	return dedupe(cs)
}

func dedupe(cs []clause) []clause {
	slices.SortFunc(cs, func(a, b clause) int { return slices.Compare(a, b) })
	return slices.CompactFunc(cs, func(a, b clause) bool { return slices.Equal(a, b) })
}

func single(r rune) []clause { return []clause{{r}} }

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

// alternation: sequences separated by |. A clause every branch has holds;
// so does the union of one clause from each branch (the smallest).
func (p *reqParser) alternation() []clause {
	branches := [][]clause{p.sequence()}
	for !p.bad && p.peek(0) == '|' {
		p.i++
		branches = append(branches, p.sequence())
	}
	if len(branches) == 1 {
		return branches[0]
	}
	var out []clause
	for _, c := range branches[0] {
		inAll := true
		for _, b := range branches[1:] {
			if !slices.ContainsFunc(b, func(o clause) bool { return slices.Equal(o, c) }) {
				inAll = false
				break
			}
		}
		if inAll {
			out = append(out, c)
		}
	}
	var union clause
	for _, b := range branches {
		if len(b) == 0 {
			return out // a branch that requires nothing
		}
		smallest := b[0]
		for _, c := range b[1:] {
			if len(c) < len(smallest) {
				smallest = c
			}
		}
		union = append(union, smallest...)
	}
	slices.Sort(union)
	return append(out, slices.Compact(union))
}

// sequence: atoms with their quantifiers; what an atom that must occur at
// least once requires, the sequence requires.
func (p *reqParser) sequence() []clause {
	var out []clause
	for !p.bad && p.i < len(p.rs) && p.peek(0) != '|' && p.peek(0) != ')' {
		atom := p.atom()
		if p.quantifierMin() > 0 {
			out = append(out, atom...)
		}
	}
	return out
}

func (p *reqParser) atom() []clause {
	c := p.peek(0)
	p.i++
	switch c {
	case '(':
		return p.group()
	case '[':
		return p.class()
	case '\\':
		if r, ok := p.escape(); ok {
			return single(r)
		}
		return nil
	case '.', '^', '$':
		return nil
	case '*', '+', '?':
		p.bad = true // a quantifier with nothing to repeat
		return nil
	}
	return single(c)
}

// group parses what follows "(" up to and including its ")".
func (p *reqParser) group() []clause {
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
	cs := p.alternation()
	if p.peek(0) != ')' {
		p.bad = true
		return nil
	}
	p.i++
	if !keep {
		return nil
	}
	return cs
}

// class parses a character class up to its closing "]". A class that lists
// its characters ([，。；]) requires one of them; a negated class, or one
// with ranges or class escapes (\d), requires nothing.
func (p *reqParser) class() []clause {
	listed := true
	if p.peek(0) == '^' {
		listed = false
		p.i++
	}
	var set clause
	first := true
	for p.i < len(p.rs) {
		c := p.rs[p.i]
		switch {
		case c == ']' && !first:
			p.i++
			if !listed || len(set) == 0 {
				return nil
			}
			slices.Sort(set)
			return []clause{slices.Compact(set)}
		case c == '[':
			p.bad = true // class subtraction
			return nil
		case c == '\\':
			p.i++
			if r, ok := p.escape(); ok {
				set = append(set, r)
			} else {
				listed = false
				p.bad = false // \d, \p{…} inside a class are fine; they end the listing
			}
			first = false
			continue
		case c == '-' && !first && p.peek(1) != ']':
			listed = false // a range
		default:
			set = append(set, c)
		}
		first = false
		p.i++
	}
	p.bad = true
	return nil
}

// escape parses what follows a backslash; it returns the rune an escaped
// symbol stands for, or false for a class, an anchor or a control escape.
func (p *reqParser) escape() (rune, bool) {
	c := p.peek(0)
	if c < 0 {
		p.bad = true
		return 0, false
	}
	p.i++
	isWord := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_'
	if !isWord {
		return c, true // an escaped symbol stands for itself
	}
	switch c {
	case 'd', 'D', 'w', 'W', 's', 'S', 'b', 'B', 'A', 'z', 'Z', 'G', 'n', 't', 'r', 'f', 'v', 'e', 'a':
		return 0, false
	case 'p', 'P':
		if p.peek(0) != '{' {
			p.bad = true
			return 0, false
		}
		for p.i < len(p.rs) && p.rs[p.i] != '}' {
			p.i++
		}
		p.i++
		return 0, false
	}
	// Back-references, octal and hexadecimal escapes, control
	// characters: not followed.
	p.bad = true
	return 0, false
}

// quantifierMin parses an optional quantifier and returns the least number
// of times it lets the atom before it occur (1 when there is none).
func (p *reqParser) quantifierMin() int {
	least := 1
	switch p.peek(0) {
	case '*', '?':
		p.i++
		least = 0
	case '+':
		p.i++
	case '{':
		j := p.i + 1
		n, digits := 0, 0
		for j < len(p.rs) && p.rs[j] >= '0' && p.rs[j] <= '9' {
			n = min(n*10+int(p.rs[j]-'0'), 1<<20)
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
		least = n
	default:
		return 1
	}
	if p.peek(0) == '?' { // lazy
		p.i++
	}
	return least
}

// keySet is a set of runes of which every match of any of a group of
// patterns holds one: a text holding none of them matches none of the
// patterns. Its zero value (or one built from a pattern that requires
// nothing) lets every text through.
type keySet struct {
	mask  runeMask // the runes hashed, to turn most runes away at once
	runes []rune
	all   bool
}

func newKeySet(groups ...[]*pattern) keySet {
	var ks keySet
	for _, g := range groups {
		for _, p := range g {
			if len(p.key) == 0 {
				return keySet{all: true}
			}
			for _, r := range p.key {
				if !slices.Contains(ks.runes, r) {
					ks.runes = append(ks.runes, r)
					ks.mask = ks.mask.or(maskOfString(string(r)))
				}
			}
		}
	}
	return ks
}

// may reports whether s holds one of the key runes.
func (ks keySet) may(s string) bool {
	if ks.all || ks.runes == nil {
		return true
	}
	for _, r := range s {
		b := uint8(r)
		if ks.mask[b>>6]&(1<<(b&63)) != 0 && slices.Contains(ks.runes, r) {
			return true
		}
	}
	return false
}
