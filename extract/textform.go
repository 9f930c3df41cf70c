package extract

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// The text form of a disclosure is what a person gets by copying a PDF's
// tables into a text editor: one line per printed line, the cells of a table
// row separated by TAB characters, pages separated by form feeds (\f) where
// the page breaks are known. It carries no geometry, so ReadText lays it out
// on a regular grid: every line is textLineHeight high, every cell of a
// TAB-separated line occupies a column slot textCellWidth wide, and the
// borders of those slots are emitted as ruling lines. Stage two then reads a
// TAB-separated line exactly like a ruled table row of a PDF.
const (
	textLineHeight = 12.0
	textCellWidth  = 120.0
	textFontSize   = 10.0
	textMargin     = 20.0
)

// maxTextLineBytes bounds one line of a text-form file.
const maxTextLineBytes = 1 << 20

// ReadText reads the text form of a disclosure from r. name is used in
// error messages only.
func ReadText(r io.Reader, name string) (*Document, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), maxTextLineBytes)
	doc := &Document{Path: name, Format: FormatText}
	var pages [][]string
	cur := []string{}
	lineNo := 0
	for sc.Scan() {
		lineNo++
		raw := sc.Bytes()
		if !utf8.Valid(raw) {
			return nil, fmt.Errorf("%s: line %d: not valid UTF-8 text", name, lineNo)
		}
		line := string(bytes.TrimRight(raw, "\r"))
		for {
			i := strings.IndexByte(line, '\f')
			if i < 0 {
				break
			}
			cur = append(cur, line[:i])
			pages = append(pages, cur)
			cur = []string{}
			line = line[i+1:]
		}
		cur = append(cur, line)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: line %d: %w", name, lineNo+1, err)
	}
	if len(cur) > 1 || (len(cur) == 1 && strings.TrimSpace(cur[0]) != "") || len(pages) == 0 {
		pages = append(pages, cur)
	}
	for i, lines := range pages {
		doc.Pages = append(doc.Pages, layoutTextPage(i+1, lines))
	}
	doc.Verdict = documentVerdict(doc.Pages)
	return doc, nil
}

// layoutTextPage places the lines of one text-form page on the grid.
func layoutTextPage(number int, lines []string) Page {
	p := Page{Number: number}
	maxCells := 1
	y := textMargin
	for _, s := range lines {
		top, bottom := y, y+textLineHeight
		y = bottom
		if strings.TrimSpace(s) == "" {
			continue
		}
		cells := strings.Split(s, "\t")
		if len(cells) == 1 {
			text := collapseSpaces(s)
			x0 := textMargin + leadingIndent(s)
			box := Box{x0, top + 1, x0 + textWidth(text), bottom - 1}
			p.Lines = append(p.Lines, Line{Box: box, Runs: []Run{{Text: text, Box: box, Size: textFontSize}}})
			continue
		}
		maxCells = max(maxCells, len(cells))
		var ln Line
		for i, c := range cells {
			c = collapseSpaces(c)
			if c == "" {
				continue
			}
			x0 := textMargin + float64(i)*textCellWidth + 2
			box := Box{x0, top + 1, x0 + min(textWidth(c), textCellWidth-4), bottom - 1}
			ln.Runs = append(ln.Runs, Run{Text: c, Box: box, Size: textFontSize})
		}
		// The slot borders of this line: the TABs are cell boundaries.
		right := textMargin + float64(len(cells))*textCellWidth
		p.Rules = append(p.Rules,
			Rule{Box{textMargin, top, right, top}},
			Rule{Box{textMargin, bottom, right, bottom}})
		for i := 0; i <= len(cells); i++ {
			x := textMargin + float64(i)*textCellWidth
			p.Rules = append(p.Rules, Rule{Box{x, top, x, bottom}})
		}
		if len(ln.Runs) == 0 {
			continue
		}
		ln.Box = ln.Runs[0].Box
		for _, r := range ln.Runs[1:] {
			ln.Box = ln.Box.Union(r.Box)
		}
		p.Lines = append(p.Lines, ln)
	}
	p.Width = 2*textMargin + float64(maxCells)*textCellWidth
	p.Height = y + textMargin
	p.Verdict = VerdictOK
	if len(p.Lines) == 0 {
		p.Verdict = VerdictBlank
	}
	return p
}

// collapseSpaces trims s and reduces every run of white space to one space.
func collapseSpaces(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// leadingIndent is the width of the white space s starts with.
func leadingIndent(s string) float64 {
	n := len(s) - len(strings.TrimLeft(s, " \u3000"))
	return float64(n) * textFontSize / 2
}

// textWidth estimates the printed width of s: full-width characters one em,
// others half an em.
func textWidth(s string) float64 {
	w := 0.0
	for _, r := range s {
		if r >= 0x2E80 {
			w += textFontSize
		} else {
			w += textFontSize / 2
		}
	}
	return w
}
