package pdf

import (
	"bytes"
	"fmt"
	"strconv"
)

// Checks made on a file's bytes before the object layer reads it: what it
// would otherwise trust and allocate, or recurse into, as the file says.

// maxObjectNesting bounds how deep arrays and dictionaries nest in an object:
// real files stay under ten; the object layer recurses once per level.
const maxObjectNesting = 512

// checkNesting refuses a file whose objects nest arrays or dictionaries
// more than maxObjectNesting deep, outside streams and strings.
func checkNesting(data []byte) error {
	depth := 0
	for i := 0; i < len(data); i++ {
		switch c := data[i]; c {
		case '[':
			depth++
		case ']':
			depth = max(depth-1, 0)
		case '<':
			if i+1 < len(data) && data[i+1] == '<' {
				depth++
				i++
			}
		case '>':
			if i+1 < len(data) && data[i+1] == '>' {
				depth = max(depth-1, 0)
				i++
			}
		case '(':
			i = skipString(data, i)
		case '%':
			for i < len(data) && data[i] != '\n' && data[i] != '\r' {
				i++
			}
		case 's':
			if bytes.HasPrefix(data[i:], []byte("stream")) && (i == 0 || !isRegular(data[i-1])) {
				// A stream's bytes are data, not objects.
				if end := bytes.Index(data[i+6:], []byte("endstream")); end >= 0 {
					i += 6 + end + len("endstream") - 1
				} else {
					return nil
				}
			}
		case 'e':
			if bytes.HasPrefix(data[i:], []byte("endobj")) {
				depth = 0 // an unbalanced object does not carry over
				i += len("endobj") - 1
			}
		}
		if depth > maxObjectNesting {
			return fmt.Errorf("cannot read PDF: arrays or dictionaries nested more than %d deep (at byte %d)", maxObjectNesting, i)
		}
	}
	return nil
}

// skipString returns the index of the ')' closing the literal string that
// opens at i.
func skipString(data []byte, i int) int {
	level := 0
	for ; i < len(data); i++ {
		switch data[i] {
		case '\\':
			i++
		case '(':
			level++
		case ')':
			level--
			if level == 0 {
				return i
			}
		}
	}
	return i
}

func isRegular(c byte) bool {
	return c > ' ' && !bytes.ContainsRune([]byte("()<>[]{}/%"), rune(c))
}

// checkXref refuses classic cross-reference tables whose subsections name
// object numbers no file of this size can hold: the object layer sizes
// its table by the highest one.
func checkXref(data []byte) error {
	limit := int64(len(data))*2 + 1<<20
	for at := 0; ; {
		k := bytes.Index(data[at:], []byte("xref"))
		if k < 0 {
			return nil
		}
		at += k + 4
		if at-4 > 0 && isRegular(data[at-5]) || at < len(data) && isRegular(data[at]) {
			continue // startxref, a word that holds it
		}
		// Subsection headers "start count", each followed by count
		// 20-byte entries, until the trailer.
		p := at
		for {
			p = skipSpace(data, p)
			start, q, ok := readInt(data, p)
			if !ok {
				break
			}
			count, r, ok := readInt(data, skipSpace(data, q))
			if !ok {
				break
			}
			if start+count > limit || start < 0 || count < 0 {
				return fmt.Errorf("the cross-reference table names objects up to %d in a file of %d bytes", start+count, len(data))
			}
			p = r + int(min(count, int64(len(data))))*20
			if p >= len(data) {
				break
			}
		}
	}
}

func skipSpace(data []byte, p int) int {
	for p < len(data) && (data[p] == ' ' || data[p] == '\n' || data[p] == '\r' || data[p] == '\t') {
		p++
	}
	return p
}

// readInt reads a decimal number at p.
func readInt(data []byte, p int) (int64, int, bool) {
	q := p
	for q < len(data) && q-p < 19 && data[q] >= '0' && data[q] <= '9' {
		q++
	}
	if q == p || q < len(data) && data[q] >= '0' && data[q] <= '9' {
		return 0, q, false
	}
	n, err := strconv.ParseInt(string(data[p:q]), 10, 64)
	return n, q, err == nil
}
