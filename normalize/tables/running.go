package tables

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/cnbudget/cnbudget/extract"
	"github.com/cnbudget/cnbudget/normalize/layout"
	"github.com/cnbudget/cnbudget/normalize/rules"
)

// Running heads and feet: a document may print the same line at the top
// or foot of every page (无锡市发展和改革委员会 2025 年度部门预算公开). No
// configured pattern knows every department's; repeated on many pages in
// the same margin, the line is page furniture wherever it falls (inside a
// paragraph the page break cut, or between the rows of a table).

// minRunningPages is the least number of pages a running line is printed
// on; it must be on a third of the pages as well.
const minRunningPages = 3

// runningKey is how a margin line is compared across pages: which margin,
// and its text without spaces, its digits (a page number, a year) as one
// mark.
func runningKey(top bool, text string) string {
	var b strings.Builder
	if top {
		b.WriteString("t|")
	} else {
		b.WriteString("b|")
	}
	digits := false
	for _, r := range rules.Squeeze(text) {
		if unicode.IsDigit(r) {
			if !digits {
				b.WriteByte('#')
			}
			digits = true
			continue
		}
		digits = false
		b.WriteRune(r)
	}
	return b.String()
}

// runningLines finds the running heads and feet of a document: lines of
// one run in the top or bottom margin of a page (a table's header line
// repeated at the top of its pages has several), neither a title
// nor a department, year or unit line, of four characters or more, whose
// key (see runningKey) is the same on at least minRunningPages pages and
// a third of them. It returns their keys.
func (a *assembler) runningLines(doc *extract.Document) map[string]bool {
	if !a.paged || len(doc.Pages) < minRunningPages {
		return nil
	}
	pages := map[string]int{}
	for i := range doc.Pages {
		p := &doc.Pages[i]
		seen := map[string]bool{}
		for _, l := range p.Lines {
			if len(l.Runs) != 1 || !a.r.InMargin(l.Y0, l.Y1, p.Height) {
				continue
			}
			key := runningKey(l.Y1 <= p.Height/2, layout.CleanText(l.Text()))
			if seen[key] || utf8.RuneCountInString(key) < 6 {
				continue
			}
			seen[key] = true
			pages[key]++
		}
	}
	var out map[string]bool
	for key, n := range pages {
		if n < minRunningPages || 3*n < len(doc.Pages) {
			continue
		}
		if out == nil {
			out = map[string]bool{}
		}
		out[key] = true
	}
	return out
}

// isRunning reports whether a line of the page is one of the document's
// running heads or feet.
func (a *assembler) isRunning(text string, box extract.Box) bool {
	if len(a.running) == 0 || !a.r.InMargin(box.Y0, box.Y1, a.pageH) || !a.running[runningKey(box.Y1 <= a.pageH/2, text)] {
		return false
	}
	// Titles and department lines repeat at the top of pages too, and
	// mean something there.
	if a.titleKind(text) != "" {
		return false
	}
	_, meta := a.metaText(text)
	return !meta
}
