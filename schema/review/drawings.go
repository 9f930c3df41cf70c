package review

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strconv"
	"strings"

	"github.com/cnbudget/cnbudget/extract"
	"github.com/cnbudget/cnbudget/extract/inputs"
	"github.com/cnbudget/cnbudget/normalize/tables"
	"github.com/cnbudget/cnbudget/schema"
)

type pageKey struct{ source, page int }

// pageDrawing is one drawn page of a document's source.
type pageDrawing struct {
	source, page int
	anchor, file string
	svg          []byte
	w, h         float64
	marks        int
}

type checkRef struct {
	anchor string
	page   int
}

// docDrawings are the drawings of one document and what points at them.
type docDrawings struct {
	pages      []pageDrawing
	anchor     map[pageKey]string
	checkPages map[string][]checkRef // by checkKey
	failedRows map[string]map[int]bool
	problems   map[int]string // per source: why it is not drawn
}

func checkKey(c schema.Check) string {
	return c.Rule + "\x00" + strings.Join(c.Rows, " ") + "\x00" + c.Message
}

// drawings reads the sources of document i again and draws every page a
// table stands on, with the rows of failed checks marked.
func (r *Report) drawings(i int, d *schema.Document) *docDrawings {
	dr := &docDrawings{anchor: map[pageKey]string{}, checkPages: map[string][]checkRef{},
		failedRows: map[string]map[int]bool{}, problems: map[int]string{}}
	byID := map[string]*schema.Table{}
	for ti := range d.Tables {
		byID[d.Tables[ti].ID] = &d.Tables[ti]
	}
	var failed []schema.Check
	for _, c := range d.Checks {
		if c.Status != "fail" {
			continue
		}
		failed = append(failed, c)
		for _, ref := range c.Rows {
			id, row, ok := rowRef(ref)
			if !ok {
				continue
			}
			if dr.failedRows[id] == nil {
				dr.failedRows[id] = map[int]bool{}
			}
			dr.failedRows[id][row] = true
		}
	}
	for si, src := range d.Sources {
		var mine []*schema.Table
		for ti := range d.Tables {
			if d.Tables[ti].Source == si {
				mine = append(mine, &d.Tables[ti])
			}
		}
		if len(mine) == 0 {
			continue
		}
		ed, res, err := r.read(src)
		if err != nil {
			dr.problems[si] = "pages not drawn: " + err.Error()
			continue
		}
		// Each table of the document is one stage two read from the
		// source again: the same kind, title, first page and rows.
		ids := make([]string, len(res.Tables))
		second := map[string]*tables.Table{}
		for _, t := range mine {
			for j, t2 := range res.Tables {
				if ids[j] == "" && t2.Kind == t.Kind && t2.Title == t.Title && len(t2.Rows) == len(t.Rows) &&
					len(t2.Pages) > 0 && len(t.Pages) > 0 && t2.Pages[0] == t.Pages[0] {
					ids[j] = t.ID
					second[t.ID] = t2
					break
				}
			}
		}
		pages := pagesOf(ed, res, ids)
		// Marks on the rows of failed checks.
		for _, c := range failed {
			label := c.Rule + ": " + c.Message + " (expected " + c.Expected + ", actual " + c.Actual + ")"
			seen := map[int]bool{}
			for _, ref := range c.Rows {
				id, row, ok := rowRef(ref)
				t2 := second[id]
				if !ok || t2 == nil || row >= len(t2.RowBoxes) || row >= len(t2.RowPages) || t2.RowBoxes[row] == (extract.Box{}) {
					continue
				}
				pn := t2.RowPages[row]
				p := pages[pn]
				if p == nil {
					continue
				}
				p.Marks = append(p.Marks, Mark{Box: t2.RowBoxes[row], Label: ref + " " + label})
				if !seen[pn] {
					seen[pn] = true
					dr.checkPages[checkKey(c)] = append(dr.checkPages[checkKey(c)], checkRef{anchor(i, si, pn), pn})
				}
			}
		}
		for _, pn := range sortedPages(pages) {
			p := pages[pn]
			if len(p.Tables) == 0 && len(p.Marks) == 0 {
				continue
			}
			var buf bytes.Buffer
			if err := WriteSVG(&buf, p); err != nil {
				dr.problems[si] = err.Error()
				break
			}
			a := anchor(i, si, pn)
			dr.anchor[pageKey{si, pn}] = a
			dr.pages = append(dr.pages, pageDrawing{source: si, page: pn, anchor: a,
				file: fmt.Sprintf("%s-s%d-p%d.svg", docName(i), si, pn), svg: buf.Bytes(),
				w: p.Page.Width, h: p.Page.Height, marks: len(p.Marks)})
		}
	}
	return dr
}

func anchor(doc, source, page int) string { return fmt.Sprintf("doc%d-s%d-p%d", doc+1, source, page) }

// rowRef splits "t03:12" into the table id and the row.
func rowRef(ref string) (string, int, bool) {
	id, row, ok := strings.Cut(ref, ":")
	if !ok || !strings.HasPrefix(id, "t") {
		return "", 0, false
	}
	n, err := strconv.Atoi(row)
	if err != nil || n < 0 {
		return "", 0, false
	}
	return id, n, true
}

// read reads a source again as the conversion did: stage one, then stage
// two. The content must be what was converted (its SHA-256).
func (r *Report) read(src schema.Source) (*extract.Document, *tables.Result, error) {
	it := inputs.Item{Path: src.File, Member: src.Member}
	data, err := inputs.Read(it, r.opt.Limits)
	if err != nil {
		return nil, nil, err
	}
	sum := sha256.Sum256(data)
	if src.SHA256 != "" && hex.EncodeToString(sum[:]) != src.SHA256 {
		return nil, nil, fmt.Errorf("%s has changed since it was converted (SHA-256 differs)", it.Name())
	}
	ed, err := extract.Read(it.Name(), data, r.opt.Extract)
	if err != nil {
		return nil, nil, err
	}
	res := tables.Assemble(ed, r.opt.Rules)
	return ed, res, nil
}
