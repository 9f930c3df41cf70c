package pdf

import (
	"strings"

	pdflib "github.com/ledongthuc/pdf"
)

// The object layer resolves a reference every time a dictionary entry is
// read, and an object kept in an object stream costs a fresh inflate of the
// whole stream each time. Pages of one document share their resources,
// fonts and forms, so the entries read for every page (the resource
// dictionary, its Font, XObject and ExtGState dictionaries, the fonts) are
// looked up by their reference in a per-document cache first.

// refEntry returns the reference ("12 0 R") a small dictionary holds under
// key, or "" when the entry is direct or absent. It reads the dictionary's
// printed form, in which the object layer leaves references unresolved.
func refEntry(v pdflib.Value, key string) string {
	if v.Kind() != pdflib.Dict {
		return ""
	}
	s := v.String()
	if len(s) > maxScannedDict {
		return ""
	}
	// Entries are printed as "/Key value", separated by single spaces, in
	// key order; values may nest << >> and [ ].
	depth := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '<':
			if i+1 < len(s) && s[i+1] == '<' {
				depth++
				i++
			}
		case '>':
			if i+1 < len(s) && s[i+1] == '>' {
				depth--
				i++
			}
		case '[':
			depth++
		case ']':
			depth--
		case '"':
			// A quoted string: skip it, with its escapes.
			for i++; i < len(s) && s[i] != '"'; i++ {
				if s[i] == '\\' {
					i++
				}
			}
		case '/':
			if depth != 1 || !strings.HasPrefix(s[i+1:], key+" ") {
				continue
			}
			rest := s[i+1+len(key)+1:]
			end := strings.IndexAny(rest, "/>[<\"")
			if end < 0 {
				end = len(rest)
			}
			val := strings.TrimSpace(rest[:end])
			if isRef(val) {
				return val
			}
			return ""
		}
	}
	return ""
}

// maxScannedDict bounds the printed size of the dictionaries scanned for
// references (resource dictionaries are small).
const maxScannedDict = 1 << 16

// isRef reports whether s is "N G R".
func isRef(s string) bool {
	f := strings.Fields(s)
	if len(f) != 3 || f[2] != "R" {
		return false
	}
	for _, x := range f[:2] {
		for _, c := range x {
			if c < '0' || c > '9' {
				return false
			}
		}
	}
	return true
}

// entry returns v's entry key, resolving a reference once per document.
func (d *Doc) entry(v pdflib.Value, key string) pdflib.Value {
	ref := refEntry(v, key)
	if ref == "" {
		return v.Key(key)
	}
	return d.remember(&d.objs, ref, func() pdflib.Value { return v.Key(key) })
}

// remember returns what the per-document cache m holds under key, made by
// build (outside the lock) the first time.
func (d *Doc) remember(m *map[string]pdflib.Value, key string, build func() pdflib.Value) pdflib.Value {
	d.mu.Lock()
	x, ok := (*m)[key]
	d.mu.Unlock()
	if ok {
		return x
	}
	x = build()
	d.mu.Lock()
	if *m == nil {
		*m = map[string]pdflib.Value{}
	}
	(*m)[key] = x
	d.mu.Unlock()
	return x
}

// cmap returns the CMap stream a font dictionary holds under key (ToUnicode
// or Encoding), parsed once per document when it is a reference. d may be
// nil.
func (d *Doc) cmap(v pdflib.Value, key string) *cmap {
	ref := ""
	if d != nil {
		ref = refEntry(v, key)
	}
	if ref != "" {
		d.mu.Lock()
		m, ok := d.cmaps[ref]
		d.mu.Unlock()
		if ok {
			return m
		}
	}
	var m *cmap
	if s := v.Key(key); s.Kind() == pdflib.Stream {
		if data, err := d.readStream(s); err == nil {
			m = parseCMap(data)
		}
	}
	if ref != "" {
		d.mu.Lock()
		if d.cmaps == nil {
			d.cmaps = map[string]*cmap{}
		}
		d.cmaps[ref] = m
		d.mu.Unlock()
	}
	return m
}

// cidWidths returns the widths of the CIDFont at ref, read by read once per
// document. d may be nil and ref empty (a direct dictionary).
func (d *Doc) cidWidths(ref string, read func() *cidWidths) *cidWidths {
	if d == nil || ref == "" {
		return read()
	}
	d.mu.Lock()
	w, ok := d.widths[ref]
	d.mu.Unlock()
	if ok {
		return w
	}
	w = read()
	d.mu.Lock()
	if d.widths == nil {
		d.widths = map[string]*cidWidths{}
	}
	d.widths[ref] = w
	d.mu.Unlock()
	return w
}
