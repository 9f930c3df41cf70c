package pdf

// The content-stream lexer: PDF content streams are a postfix language of
// operands (numbers, names, strings, arrays, dictionaries) followed by an
// operator. The lexer works on the decoded stream bytes, allocates only for
// strings with escapes and for arrays, and never fails: malformed input
// yields best-effort tokens and the interpreter goes on.

type opKind uint8

const (
	opNumber opKind = iota + 1
	opName
	opString
	opArray
	opDict
	opBool
	opNull
)

// operand is one operand of a content-stream operator.
type operand struct {
	kind opKind
	num  float64
	b    []byte    // name (no slash) or string bytes
	arr  []operand // array elements
}

type lexer struct {
	b   []byte
	pos int
	// depth bounds nested arrays and dictionaries.
	depth int
	// reuse: the caller calls release once it is done with the operands
	// read so far, and the arrays among them are filled again (a page
	// shows most of its text with TJ, an array per operator).
	reuse      bool
	used, free [][]operand
}

// release hands back the arrays of the operands read so far (reuse only).
func (l *lexer) release() {
	for _, a := range l.used {
		clear(a[:cap(a)])
		l.free = append(l.free, a[:0])
	}
	l.used = l.used[:0]
}

const maxNesting = 32

func isWhite(c byte) bool {
	return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == 0
}

func isDelim(c byte) bool {
	switch c {
	case '(', ')', '<', '>', '[', ']', '{', '}', '/', '%':
		return true
	}
	return false
}

// skipSpace skips white space and comments.
func (l *lexer) skipSpace() {
	for l.pos < len(l.b) {
		c := l.b[l.pos]
		if isWhite(c) {
			l.pos++
			continue
		}
		if c == '%' {
			for l.pos < len(l.b) && l.b[l.pos] != '\n' && l.b[l.pos] != '\r' {
				l.pos++
			}
			continue
		}
		return
	}
}

// token kinds returned by next.
const (
	tokEOF = iota
	tokOperand
	tokOperator
	tokArrayEnd
	tokDictEnd
)

// next reads one token. For tokOperand it fills op; for tokOperator it
// returns the operator's bytes.
func (l *lexer) next(op *operand) (int, []byte) {
	l.skipSpace()
	if l.pos >= len(l.b) {
		return tokEOF, nil
	}
	c := l.b[l.pos]
	switch {
	case c == '/':
		l.pos++
		start := l.pos
		for l.pos < len(l.b) && !isWhite(l.b[l.pos]) && !isDelim(l.b[l.pos]) {
			l.pos++
		}
		*op = operand{kind: opName, b: l.b[start:l.pos]}
		if hasHash(op.b) {
			op.b = unhashName(op.b)
		}
		return tokOperand, nil
	case c == '(':
		*op = operand{kind: opString, b: l.literal()}
		return tokOperand, nil
	case c == '<':
		if l.pos+1 < len(l.b) && l.b[l.pos+1] == '<' {
			l.pos += 2
			l.skipDict()
			*op = operand{kind: opDict}
			return tokOperand, nil
		}
		*op = operand{kind: opString, b: l.hex()}
		return tokOperand, nil
	case c == '>':
		l.pos++
		if l.pos < len(l.b) && l.b[l.pos] == '>' {
			l.pos++
			return tokDictEnd, nil
		}
		return l.next(op)
	case c == '[':
		l.pos++
		*op = operand{kind: opArray, arr: l.array()}
		return tokOperand, nil
	case c == ']':
		l.pos++
		return tokArrayEnd, nil
	case c == '{' || c == '}' || c == ')':
		// PostScript procedures and stray parentheses carry nothing here.
		l.pos++
		return l.next(op)
	case c == '+' || c == '-' || c == '.' || (c >= '0' && c <= '9'):
		if n, ok := l.number(); ok {
			*op = operand{kind: opNumber, num: n}
			return tokOperand, nil
		}
	}
	// A keyword: operator, true, false or null.
	start := l.pos
	for l.pos < len(l.b) && !isWhite(l.b[l.pos]) && !isDelim(l.b[l.pos]) {
		l.pos++
	}
	if l.pos == start {
		// A lone delimiter we do not understand.
		l.pos++
		return l.next(op)
	}
	kw := l.b[start:l.pos]
	switch string(kw) {
	case "true":
		*op = operand{kind: opBool, num: 1}
		return tokOperand, nil
	case "false":
		*op = operand{kind: opBool}
		return tokOperand, nil
	case "null":
		*op = operand{kind: opNull}
		return tokOperand, nil
	}
	return tokOperator, kw
}

func hasHash(b []byte) bool {
	for _, c := range b {
		if c == '#' {
			return true
		}
	}
	return false
}

// unhashName decodes #xx escapes in a name.
func unhashName(b []byte) []byte {
	out := make([]byte, 0, len(b))
	for i := 0; i < len(b); i++ {
		if b[i] == '#' && i+2 < len(b) {
			h, l := unhex(b[i+1]), unhex(b[i+2])
			if h >= 0 && l >= 0 {
				out = append(out, byte(h<<4|l))
				i += 2
				continue
			}
		}
		out = append(out, b[i])
	}
	return out
}

func unhex(c byte) int {
	switch {
	case c >= '0' && c <= '9':
		return int(c - '0')
	case c >= 'a' && c <= 'f':
		return int(c-'a') + 10
	case c >= 'A' && c <= 'F':
		return int(c-'A') + 10
	}
	return -1
}

// number parses a PDF number; ok is false when the bytes are not one.
func (l *lexer) number() (float64, bool) {
	start := l.pos
	i := l.pos
	neg := false
	if i < len(l.b) && (l.b[i] == '+' || l.b[i] == '-') {
		neg = l.b[i] == '-'
		i++
		// Some producers write "--5" or "+-5".
		for i < len(l.b) && (l.b[i] == '-' || l.b[i] == '+') {
			i++
		}
	}
	var v float64
	digits := 0
	for i < len(l.b) && l.b[i] >= '0' && l.b[i] <= '9' {
		v = v*10 + float64(l.b[i]-'0')
		i++
		digits++
	}
	if i < len(l.b) && l.b[i] == '.' {
		i++
		scale := 0.1
		for i < len(l.b) && l.b[i] >= '0' && l.b[i] <= '9' {
			v += float64(l.b[i]-'0') * scale
			scale /= 10
			i++
			digits++
		}
	}
	if digits == 0 {
		l.pos = start
		return 0, false
	}
	// A number runs into a keyword ("12Tf"): stop at the number anyway.
	l.pos = i
	if neg {
		v = -v
	}
	return v, true
}

// literal reads a (string) with escapes and balanced parentheses.
func (l *lexer) literal() []byte {
	l.pos++ // (
	start := l.pos
	depth := 1
	simple := true
	for i := l.pos; i < len(l.b); i++ {
		switch l.b[i] {
		case '\\':
			simple = false
			i++
		case '(':
			depth++
		case ')':
			depth--
			if depth == 0 {
				if simple {
					l.pos = i + 1
					return l.b[start:i]
				}
				goto escaped
			}
		case '\r':
			simple = false
		}
	}
	if simple {
		l.pos = len(l.b)
		return l.b[start:]
	}
escaped:
	out := make([]byte, 0, 32)
	depth = 1
	i := start
	for ; i < len(l.b); i++ {
		c := l.b[i]
		switch c {
		case '(':
			depth++
		case ')':
			depth--
			if depth == 0 {
				l.pos = i + 1
				return out
			}
		case '\r':
			// An end of line inside a string is a \n.
			out = append(out, '\n')
			if i+1 < len(l.b) && l.b[i+1] == '\n' {
				i++
			}
			continue
		case '\\':
			i++
			if i >= len(l.b) {
				break
			}
			c = l.b[i]
			switch c {
			case 'n':
				c = '\n'
			case 'r':
				c = '\r'
			case 't':
				c = '\t'
			case 'b':
				c = '\b'
			case 'f':
				c = '\f'
			case '\r':
				if i+1 < len(l.b) && l.b[i+1] == '\n' {
					i++
				}
				continue
			case '\n':
				continue
			case '0', '1', '2', '3', '4', '5', '6', '7':
				v := int(c - '0')
				for k := 0; k < 2 && i+1 < len(l.b) && l.b[i+1] >= '0' && l.b[i+1] <= '7'; k++ {
					i++
					v = v*8 + int(l.b[i]-'0')
				}
				c = byte(v)
			}
		}
		out = append(out, c)
	}
	l.pos = len(l.b)
	return out
}

// hex reads a <hex string>.
func (l *lexer) hex() []byte {
	l.pos++ // <
	out := make([]byte, 0, 16)
	hi := -1
	for l.pos < len(l.b) {
		c := l.b[l.pos]
		l.pos++
		if c == '>' {
			break
		}
		v := unhex(c)
		if v < 0 {
			continue
		}
		if hi < 0 {
			hi = v
			continue
		}
		out = append(out, byte(hi<<4|v))
		hi = -1
	}
	if hi >= 0 {
		out = append(out, byte(hi<<4))
	}
	return out
}

// array reads the elements of an array up to its ].
func (l *lexer) array() []operand {
	if l.depth >= maxNesting {
		l.skipTo(']')
		return nil
	}
	l.depth++
	defer func() { l.depth-- }()
	var out []operand
	if l.reuse && len(l.free) > 0 {
		out, l.free = l.free[len(l.free)-1], l.free[:len(l.free)-1]
	}
	for {
		var op operand
		tok, _ := l.next(&op)
		switch tok {
		case tokOperand:
			out = append(out, op)
		case tokArrayEnd, tokEOF:
			if l.reuse && cap(out) > 0 {
				l.used = append(l.used, out)
			}
			return out
		case tokOperator, tokDictEnd:
			// Keywords inside arrays are not valid; skip them.
		}
	}
}

// skipDict skips a dictionary after its <<.
func (l *lexer) skipDict() {
	if l.depth >= maxNesting {
		l.skipTo('>')
		return
	}
	l.depth++
	defer func() { l.depth-- }()
	for {
		var op operand
		tok, _ := l.next(&op)
		if tok == tokDictEnd || tok == tokEOF {
			return
		}
	}
}

func (l *lexer) skipTo(c byte) {
	for l.pos < len(l.b) && l.b[l.pos] != c {
		l.pos++
	}
	if l.pos < len(l.b) {
		l.pos++
	}
}

// skipInlineImage skips the data of an inline image after its ID operator:
// up to an EI keyword that stands on its own between white space.
func (l *lexer) skipInlineImage() {
	// One white-space byte follows ID.
	if l.pos < len(l.b) && isWhite(l.b[l.pos]) {
		l.pos++
	}
	for i := l.pos; i+1 < len(l.b); i++ {
		if l.b[i] != 'E' || l.b[i+1] != 'I' {
			continue
		}
		if i > 0 && !isWhite(l.b[i-1]) {
			continue
		}
		if i+2 < len(l.b) && !isWhite(l.b[i+2]) && !isDelim(l.b[i+2]) {
			continue
		}
		l.pos = i + 2
		return
	}
	l.pos = len(l.b)
}
