package batch

import (
	"bytes"
	"encoding/json"
	"io"
)

// The documents are written as encoding/json writes them with
// SetEscapeHTML(false) and SetIndent("", "  "): the encoder's own
// indentation runs its general JSON scanner over every byte again, which
// took as long as a tenth of stage three; here the compact encoding is
// indented by a loop that knows it holds no space outside strings. The
// bytes are the same (TestIndentLikeEncoder, FuzzIndent).

// jsonBuffer encodes documents into buffers used again for the next.
type jsonBuffer struct {
	compact bool
	raw     bytes.Buffer // the compact encoding
	enc     *json.Encoder
	out     []byte
}

func newJSONBuffer(compact bool) *jsonBuffer {
	j := &jsonBuffer{compact: compact}
	j.enc = json.NewEncoder(&j.raw)
	j.enc.SetEscapeHTML(false)
	return j
}

// encode returns the JSON of v, followed by a newline, valid until the
// next call.
func (j *jsonBuffer) encode(v any) ([]byte, error) {
	j.raw.Reset()
	if err := j.enc.Encode(v); err != nil {
		return nil, err
	}
	if j.compact {
		return j.raw.Bytes(), nil
	}
	j.out = appendIndented(j.out[:0], j.raw.Bytes())
	return j.out, nil
}

// WriteJSON writes v as indented JSON (one line when compact), HTML
// characters unescaped, followed by a newline.
func WriteJSON(w io.Writer, v any, compact bool) error {
	b, err := newJSONBuffer(compact).encode(v)
	if err != nil {
		return err
	}
	_, err = w.Write(b)
	return err
}

// indentUnit is one level of indentation; spaces holds enough of them for
// most depths.
const indentUnit = "  "

var spaces = bytes.Repeat([]byte(indentUnit), 32)

// appendIndented appends src, JSON as encoding/json writes it compact (no
// space outside strings but a final newline), to dst indented as
// json.Indent(dst, src, "", "  ") would: a newline and the depth's
// indentation after every opening bracket and comma and before every
// closing bracket, none inside an empty object or array, a space after
// every colon.
func appendIndented(dst, src []byte) []byte {
	depth := 0
	opened := false // a bracket was just written; its newline waits for the next byte
	for i := 0; i < len(src); i++ {
		c := src[i]
		if opened && c != '}' && c != ']' {
			opened = false
			depth++
			dst = newline(dst, depth)
		}
		switch c {
		case '"':
			end := stringEnd(src, i)
			dst = append(dst, src[i:end]...)
			i = end - 1
		case '{', '[':
			dst = append(dst, c)
			opened = true
		case '}', ']':
			if opened {
				opened = false
			} else {
				depth--
				dst = newline(dst, depth)
			}
			dst = append(dst, c)
		case ',':
			dst = append(dst, ',')
			dst = newline(dst, depth)
		case ':':
			dst = append(dst, ':', ' ')
		default:
			dst = append(dst, c)
		}
	}
	return dst
}

// stringEnd returns the index just past the string that starts with the
// quote at src[i] (len(src) when it is not closed).
func stringEnd(src []byte, i int) int {
	j := i + 1
	for {
		k := bytes.IndexByte(src[j:], '"')
		if k < 0 {
			return len(src)
		}
		q := j + k
		// Escaped when an odd number of backslashes stands before it.
		n := 0
		for p := q - 1; p > i && src[p] == '\\'; p-- {
			n++
		}
		if n%2 == 0 {
			return q + 1
		}
		j = q + 1
	}
}

func newline(dst []byte, depth int) []byte {
	dst = append(dst, '\n')
	for depth > 0 {
		n := min(depth, len(spaces)/len(indentUnit))
		dst = append(dst, spaces[:n*len(indentUnit)]...)
		depth -= n
	}
	return dst
}
