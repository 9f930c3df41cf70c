package review

import (
	"bufio"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/cnbudget/cnbudget/extract"
	"github.com/cnbudget/cnbudget/normalize/tables"
)

// Page is one page to draw: stage one's page, what stage two decided on
// it, the tables that have rows on it and the boxes to mark.
type Page struct {
	Page   *extract.Page
	Events []tables.Event // the decisions about rows of this page
	Tables []PageTable
	Marks  []Mark
}

// PageTable is the part of a table that stands on one page.
type PageTable struct {
	ID, Kind string
	// Cols are the table's column boundaries; Rows the boxes of its
	// header and body rows on this page.
	Cols []float64
	Rows []extract.Box
}

// Mark is a box to point at (the cells of a failed check), with a label.
type Mark struct {
	Box   extract.Box
	Label string
}

// Pages gathers, page by page, what stage two read of doc: the decisions
// with the rows they were about, and the tables with their rows. Tables
// are numbered t01, t02 … in the order stage three numbers those of one
// file. Pages without any decision are left out.
func Pages(doc *extract.Document, res *tables.Result) map[int]*Page {
	ids := make([]string, len(res.Tables))
	for i := range ids {
		ids[i] = fmt.Sprintf("t%02d", i+1)
	}
	return pagesOf(doc, res, ids)
}

// pagesOf is Pages with the tables' ids given (res.Tables[i] is ids[i];
// a table whose id is "" is left out).
func pagesOf(doc *extract.Document, res *tables.Result, ids []string) map[int]*Page {
	out := map[int]*Page{}
	page := func(n int) *Page {
		if n < 1 || n > len(doc.Pages) {
			return nil
		}
		p, ok := out[n]
		if !ok {
			p = &Page{Page: &doc.Pages[n-1]}
			out[n] = p
		}
		return p
	}
	for _, e := range res.Events {
		if e.Box == (extract.Box{}) {
			continue
		}
		if p := page(e.Page); p != nil {
			p.Events = append(p.Events, e)
		}
	}
	for i, t := range res.Tables {
		if i >= len(ids) || ids[i] == "" {
			continue
		}
		for _, pt := range tableOnPages(ids[i], t) {
			if p := page(pt.page); p != nil {
				p.Tables = append(p.Tables, pt.PageTable)
			}
		}
	}
	return out
}

type pageTable struct {
	page int
	PageTable
}

// tableOnPages splits a table's row boxes by page.
func tableOnPages(id string, t *tables.Table) []pageTable {
	var out []pageTable
	at := map[int]int{}
	add := func(page int, b extract.Box) {
		if b == (extract.Box{}) || page == 0 {
			return
		}
		i, ok := at[page]
		if !ok {
			i = len(out)
			at[page] = i
			out = append(out, pageTable{page, PageTable{ID: id, Kind: t.Kind, Cols: t.Cols}})
		}
		out[i].Rows = append(out[i].Rows, b)
	}
	if len(t.Pages) > 0 {
		for _, b := range t.HeaderBoxes {
			add(t.Pages[0], b)
		}
	}
	for i, b := range t.RowBoxes {
		if i < len(t.RowPages) {
			add(t.RowPages[i], b)
		}
	}
	return out
}

// roleColor is the fill of a row by what stage two made of it.
var roleColor = map[string]string{
	"title":    "#7e57c2",
	"meta":     "#42a5f5",
	"header":   "#ffa726",
	"index":    "#ffcc80",
	"body":     "#66bb6a",
	"repeat":   "#9e9e9e",
	"join":     "#fdd835",
	"drop":     "#ef5350",
	"note":     "#26c6da",
	"heading":  "#8d6e63",
	"continue": "#7e57c2",
}

// Legend lists the colours of the drawing, for a page that shows it.
func Legend() [][2]string {
	names := []string{"title", "meta", "header", "index", "body", "join", "repeat", "drop", "note"}
	out := make([][2]string, len(names))
	for i, n := range names {
		out[i] = [2]string{n, roleColor[n]}
	}
	return out
}

// WriteSVG draws p as a standalone SVG document: the ruling lines, every
// run's text at its place and size, the text the page clips away (faded),
// and on top stage two's reading — rows coloured by their role, the rows
// and columns of each table with its id and kind, and the marks.
func WriteSVG(w io.Writer, p *Page) error {
	bw := bufio.NewWriter(w)
	pg := p.Page
	W, H := max(pg.Width, 1), max(pg.Height, 1)
	fmt.Fprintf(bw, `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %s %s" width="%s" height="%s" font-family="sans-serif">`+"\n",
		num(W), num(H), num(W), num(H))
	fmt.Fprintf(bw, "<title>page %d</title>\n", pg.Number)
	fmt.Fprintf(bw, `<rect width="%s" height="%s" fill="#fff" stroke="#bbb"/>`+"\n", num(W), num(H))

	// What stage two made of each row, under everything.
	bw.WriteString(`<g class="roles" fill-opacity="0.18">` + "\n")
	for _, e := range p.Events {
		c, ok := roleColor[e.Action]
		if !ok {
			continue
		}
		b := e.Box
		fmt.Fprintf(bw, `<rect x="%s" y="%s" width="%s" height="%s" fill="%s"><title>%s %s: %s</title></rect>`+"\n",
			num(b.X0), num(b.Y0), num(b.W()), num(b.H()), c, esc(e.Action), esc(e.Table), esc(truncate(e.Text, 200)))
	}
	bw.WriteString("</g>\n")

	// Ruling lines as printed.
	bw.WriteString(`<g class="rules" fill="#444">` + "\n")
	for _, r := range pg.Rules {
		fmt.Fprintf(bw, `<rect x="%s" y="%s" width="%s" height="%s"/>`+"\n",
			num(r.X0), num(r.Y0), num(max(r.W(), 0.3)), num(max(r.H(), 0.3)))
	}
	bw.WriteString("</g>\n")

	// The tables' rows and columns as stage two read them.
	bw.WriteString(`<g class="cells" fill="none" stroke="#1e88e5" stroke-width="0.6" stroke-dasharray="3 2">` + "\n")
	for _, t := range p.Tables {
		if len(t.Rows) == 0 {
			continue
		}
		top, bottom := t.Rows[0].Y0, t.Rows[0].Y1
		for _, b := range t.Rows {
			fmt.Fprintf(bw, `<rect x="%s" y="%s" width="%s" height="%s"/>`+"\n", num(b.X0), num(b.Y0), num(b.W()), num(b.H()))
			top, bottom = min(top, b.Y0), max(bottom, b.Y1)
		}
		for _, x := range t.Cols {
			fmt.Fprintf(bw, `<line x1="%s" y1="%s" x2="%s" y2="%s"/>`+"\n", num(x), num(top), num(x), num(bottom))
		}
	}
	bw.WriteString("</g>\n")

	// The text.
	bw.WriteString(`<g class="text" fill="#000">` + "\n")
	for _, l := range pg.Lines {
		for _, r := range l.Runs {
			writeText(bw, r.Text, r.Box, r.Size)
		}
	}
	bw.WriteString("</g>\n")
	if len(pg.HiddenGlyphs) > 0 {
		bw.WriteString(`<g class="hidden" fill="#9e9e9e" fill-opacity="0.5"><title>clipped away: not printed</title>` + "\n")
		for _, g := range pg.HiddenGlyphs {
			writeText(bw, g.Text, g.Box, g.H())
		}
		bw.WriteString("</g>\n")
	}

	// Table labels at the top left of each table's part of the page.
	bw.WriteString(`<g class="labels" font-size="7">` + "\n")
	for _, t := range p.Tables {
		if len(t.Rows) == 0 {
			continue
		}
		b := t.Rows[0]
		for _, r := range t.Rows {
			if r.Y0 < b.Y0 {
				b = r
			}
		}
		label := t.ID + " " + t.Kind
		y := max(b.Y0-1, 7)
		fmt.Fprintf(bw, `<rect x="%s" y="%s" width="%s" height="8" fill="#1e88e5"/>`, num(b.X0), num(y-7), num(float64(len(label))*3.9+4))
		fmt.Fprintf(bw, `<text x="%s" y="%s" fill="#fff">%s</text>`+"\n", num(b.X0+2), num(y-1), esc(label))
	}
	bw.WriteString("</g>\n")

	if len(p.Marks) > 0 {
		bw.WriteString(`<g class="marks" fill="none" stroke="#d50000" stroke-width="1.6">` + "\n")
		for _, m := range p.Marks {
			b := m.Box
			fmt.Fprintf(bw, `<rect x="%s" y="%s" width="%s" height="%s"><title>%s</title></rect>`+"\n",
				num(b.X0-1), num(b.Y0-1), num(b.W()+2), num(b.H()+2), esc(m.Label))
		}
		bw.WriteString("</g>\n")
	}
	bw.WriteString("</svg>\n")
	return bw.Flush()
}

// writeText draws a text in its box: the font size as read, stretched to
// the box's width so that the drawing lines up with the page.
func writeText(w *bufio.Writer, text string, b extract.Box, size float64) {
	text = strings.TrimSpace(text)
	if text == "" || b.W() <= 0 {
		return
	}
	size = max(size, 1)
	fmt.Fprintf(w, `<text x="%s" y="%s" font-size="%s" textLength="%s" lengthAdjust="spacingAndGlyphs">%s</text>`+"\n",
		num(b.X0), num(b.Y1-0.15*b.H()), num(min(size, max(b.H(), 1))), num(b.W()), esc(text))
}

// num prints a coordinate with at most one decimal.
func num(f float64) string {
	s := fmt.Sprintf("%.1f", f)
	s = strings.TrimSuffix(s, ".0")
	if s == "-0" {
		return "0"
	}
	return s
}

// esc escapes text for XML, dropping the characters XML 1.0 cannot hold.
func esc(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '<':
			b.WriteString("&lt;")
		case r == '>':
			b.WriteString("&gt;")
		case r == '&':
			b.WriteString("&amp;")
		case r == '"':
			b.WriteString("&quot;")
		case r == '\t' || r == '\n' || r == '\r':
			b.WriteByte(' ')
		case r < 0x20 || r == 0xFFFE || r == 0xFFFF || (r >= 0xD800 && r <= 0xDFFF):
			// not allowed in XML 1.0
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func truncate(s string, n int) string {
	rs := []rune(s)
	if len(rs) <= n {
		return s
	}
	return string(rs[:n]) + "…"
}

// sortedPages returns the page numbers of m in order.
func sortedPages(m map[int]*Page) []int {
	out := make([]int, 0, len(m))
	for n := range m {
		out = append(out, n)
	}
	sort.Ints(out)
	return out
}
