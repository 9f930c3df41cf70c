// Package extract is stage one of cnbudget: it turns an input document (a PDF,
// or the TAB-separated text form of a disclosure) into pages of positioned
// text.
//
// What goes in is a file; what comes out is a Document: for every page its
// text lines (top to bottom), each made of runs (left to right) with boxes,
// font size and the glyphs they were built from, the ruling lines drawn on the
// page, the number of images, and a verdict saying whether the text layer can
// be trusted. All coordinates are in points in one upright page system: the
// origin is the top-left corner of the visible page (crop box, /Rotate
// applied), x grows to the right and y grows downwards.
//
// Stage two (package normalize) reads only this model, so PDFs and text files
// share one table-reconstruction code path.
package extract

import (
	"fmt"
	"strings"
)

// Format names the kind of input a Document was read from.
type Format string

// Input formats.
const (
	FormatPDF  Format = "pdf"
	FormatText Format = "text"
)

// Verdict is stage one's judgement of a text layer.
type Verdict string

// Verdicts, per page and per document.
const (
	// VerdictOK: the text layer is present and plausible.
	VerdictOK Verdict = "ok"
	// VerdictNoTextLayer: images only, no text; the page needs OCR.
	VerdictNoTextLayer Verdict = "no_text_layer"
	// VerdictTextUnreliable: text is present but too much of it is
	// replacement, private-use or otherwise implausible characters.
	VerdictTextUnreliable Verdict = "text_unreliable"
	// VerdictBlank: a page with neither text nor images.
	VerdictBlank Verdict = "blank"
	// VerdictError: the page could not be interpreted (see Page.Err).
	VerdictError Verdict = "error"
)

// Box is an axis-aligned rectangle in upright page coordinates (points,
// origin top-left, y downwards). X0 <= X1 and Y0 <= Y1.
type Box struct {
	X0, Y0, X1, Y1 float64
}

// W returns the width of b.
func (b Box) W() float64 { return b.X1 - b.X0 }

// H returns the height of b.
func (b Box) H() float64 { return b.Y1 - b.Y0 }

// CX returns the horizontal centre of b.
func (b Box) CX() float64 { return (b.X0 + b.X1) / 2 }

// CY returns the vertical centre of b.
func (b Box) CY() float64 { return (b.Y0 + b.Y1) / 2 }

// Union returns the smallest box holding b and c.
func (b Box) Union(c Box) Box {
	return Box{min(b.X0, c.X0), min(b.Y0, c.Y0), max(b.X1, c.X1), max(b.Y1, c.Y1)}
}

// Glyph is one shown character (or ligature) with its box.
type Glyph struct {
	Text string
	Box
}

// Run is a sequence of glyphs on one baseline with no wide gap between them:
// a word, a number, or the text of one table cell. Spaces inferred from gaps
// are part of Text but have no glyph.
type Run struct {
	Text string
	Box
	Size   float64 // font size in points, after all scaling
	Font   string  // base font name, subset prefix removed
	Glyphs []Glyph
}

// Line is a row of runs sharing a baseline, in reading order.
type Line struct {
	Box
	Runs []Run
}

// Text returns the runs of l joined by single spaces.
func (l Line) Text() string {
	switch len(l.Runs) {
	case 0:
		return ""
	case 1:
		return l.Runs[0].Text
	}
	n := 0
	for _, r := range l.Runs {
		n += len(r.Text) + 1
	}
	b := make([]byte, 0, n)
	for i, r := range l.Runs {
		if i > 0 {
			b = append(b, ' ')
		}
		b = append(b, r.Text...)
	}
	return string(b)
}

// Rule is a ruling line: a thin horizontal or vertical segment (a stroked
// line, a rectangle edge or a thin filled rectangle).
type Rule struct {
	Box
}

// Horizontal reports whether r runs left to right.
func (r Rule) Horizontal() bool { return r.W() >= r.H() }

// Page is one page of a document.
type Page struct {
	Number int     // 1-based
	Width  float64 // upright width in points
	Height float64 // upright height in points
	Rotate int     // /Rotate applied to reach the upright system (0, 90, 180, 270)
	// Turned is how far the page was turned further, in degrees
	// clockwise, so that its text reads left to right: 270 (a quarter
	// anticlockwise) when it ran top to bottom, 90 when bottom to top (a
	// landscape table drawn sideways on a portrait page), 180 upside
	// down; 0 mostly.
	Turned int `json:",omitempty"`
	Lines  []Line
	Rules  []Rule
	Images int // image XObjects and inline images drawn on the page
	// Hidden is the text drawn outside the clipping path, which does not
	// print: the end of a label its cell cuts off, a copy hidden under a
	// text box. It is not in Lines.
	Hidden string `json:",omitempty"`
	// HiddenGlyphs place that text on the page (drawn faded by
	// `cnbudget inspect -svg`).
	HiddenGlyphs []Glyph `json:",omitempty"`
	// Verdict on this page's text layer.
	Verdict Verdict
	// Err is set when the page could not be read; Lines may then be partial.
	Err string `json:",omitempty"`
}

// Text returns the page's lines joined by newlines.
func (p *Page) Text() string {
	var b strings.Builder
	for i, l := range p.Lines {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(l.Text())
	}
	return b.String()
}

// Document is stage one's result for one input.
type Document struct {
	Path     string
	Format   Format
	SHA256   string
	Size     int64
	Producer string
	Creator  string
	Pages    []Page
	// Verdict over the whole document: ok when every page with content is
	// ok; no_text_layer when no page has text; text_unreliable when the text
	// that exists cannot be trusted.
	Verdict Verdict
	// Notes are human-readable remarks on how the file was read (for
	// example "repaired damaged cross-reference table").
	Notes []string
	// Salvaged tells that the file is damaged (a truncated download) and
	// was read from the objects its body still holds.
	Salvaged bool `json:",omitempty"`
}

// PagesWithVerdict returns the numbers of the pages whose verdict is v.
func (d *Document) PagesWithVerdict(v Verdict) []int {
	var out []int
	for _, p := range d.Pages {
		if p.Verdict == v {
			out = append(out, p.Number)
		}
	}
	return out
}

// PageError is an error confined to one page of a document.
type PageError struct {
	Page int
	Err  error
}

func (e *PageError) Error() string { return fmt.Sprintf("page %d: %v", e.Page, e.Err) }

func (e *PageError) Unwrap() error { return e.Err }
