// Package review shows what a conversion read, for a person to check it.
//
// WriteSVG draws one page from stage one's model — every run's text at its
// place and size, the ruling lines, the text the page clips away — with
// stage two's reading on top: rows coloured by their role, each table's
// rows and columns with its id and kind, and marks on the cells a failed
// check names.
//
// A Report is the review of a converted folder (what `cnbudget convert`
// wrote): in, the folder's manifest.jsonl and department documents, and
// the source files they name, read again to draw their pages; out, an HTML
// report — a summary of the run (inputs by status with the reasons,
// documents, tables by kind, checks, warnings, pages that need OCR), then
// every document, those with failed checks first, with its tables (rows as
// printed beside the records), forms and projects, every failed check on
// the drawing of its page, and a drawing of every page a table stands on.
// WriteFile writes one self-contained file (drawings inline); WriteDir an
// index page and one page per document, with the drawings as SVG files
// beside them, for runs of thousands of documents. Nothing refers to the
// network.
package review

import (
	"bufio"
	"bytes"
	"cmp"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/cnbudget/cnbudget/extract"
	"github.com/cnbudget/cnbudget/extract/inputs"
	"github.com/cnbudget/cnbudget/normalize/rules"
	"github.com/cnbudget/cnbudget/schema"
)

// Options configure a review.
type Options struct {
	// Rules are the recognition rules stage two used (required to draw).
	Rules *rules.Rules
	// Extract and Limits read the source files as the conversion did.
	Extract extract.Options
	Limits  inputs.Limits
	// Workers draw that many documents at a time (default: the CPUs).
	Workers int
	// Progress, when set, is called after each document is drawn.
	Progress func(done, total int)
}

// Report is the review of one converted folder.
type Report struct {
	dir      string
	opt      Options
	manifest []schema.ManifestEntry
	docs     []docSummary
}

// docSummary is what the index shows of a department document; the
// document itself is read again when its page is written.
type docSummary struct {
	File       string // under the folder
	Department string
	Year       int
	Stage      string
	Scope      string
	Sources    int
	Tables     int
	Forms      int
	Projects   int
	Checks     int
	Failed     int
	Warnings   int
	Kinds      map[string]int
}

// Load reads the manifest and the department documents of a converted
// folder.
func Load(dir string, opt Options) (*Report, error) {
	if opt.Rules == nil {
		return nil, errors.New("review: no rules")
	}
	r := &Report{dir: dir, opt: opt}
	mf, err := os.Open(filepath.Join(dir, "manifest.jsonl"))
	if err != nil {
		return nil, fmt.Errorf("review %s: %w (is it a folder written by cnbudget convert?)", dir, err)
	}
	defer mf.Close()
	sc := bufio.NewScanner(mf)
	sc.Buffer(make([]byte, 1<<20), 1<<26)
	for n := 1; sc.Scan(); n++ {
		if len(bytes.TrimSpace(sc.Bytes())) == 0 {
			continue
		}
		var e schema.ManifestEntry
		if err := json.Unmarshal(sc.Bytes(), &e); err != nil {
			return nil, fmt.Errorf("review %s: manifest.jsonl line %d: %w", dir, n, err)
		}
		r.manifest = append(r.manifest, e)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("review %s: manifest.jsonl: %w", dir, err)
	}
	names, err := filepath.Glob(filepath.Join(dir, "*.json"))
	if err != nil {
		return nil, err
	}
	slices.Sort(names)
	for _, name := range names {
		d, err := readDoc(name)
		if err != nil {
			return nil, fmt.Errorf("review: %w", err)
		}
		s := docSummary{File: filepath.Base(name), Department: d.Document.Department, Year: d.Document.Year,
			Stage: d.Document.Stage, Scope: d.Document.Scope, Sources: len(d.Sources), Tables: len(d.Tables),
			Forms: len(d.Evaluations), Projects: len(d.Projects), Warnings: len(d.Warnings), Kinds: map[string]int{}}
		for _, t := range d.Tables {
			s.Kinds[t.Kind]++
		}
		for _, c := range d.Checks {
			s.Checks++
			if c.Status == "fail" {
				s.Failed++
			}
		}
		r.docs = append(r.docs, s)
	}
	// Documents with failed checks first, the most first; then by name.
	slices.SortStableFunc(r.docs, func(a, b docSummary) int {
		if c := cmp.Compare(b.Failed, a.Failed); c != 0 {
			return c
		}
		return cmp.Compare(a.Department+a.File, b.Department+b.File)
	})
	return r, nil
}

func readDoc(name string) (*schema.Document, error) {
	data, err := os.ReadFile(name)
	if err != nil {
		return nil, err
	}
	var d schema.Document
	if err := json.Unmarshal(data, &d); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return &d, nil
}

// Documents returns the number of department documents.
func (r *Report) Documents() int { return len(r.docs) }

// WriteFile writes the report as one self-contained HTML file, the page
// drawings inline.
func (r *Report) WriteFile(ctx context.Context, w io.Writer) error {
	bw := bufio.NewWriter(w)
	head(bw, "cnbudget review: "+r.dir)
	r.summary(bw, func(i int) string { return "#doc" + strconv.Itoa(i+1) })
	err := r.render(ctx, func(i int, d *rendered) error {
		bw.Write(d.html)
		return nil
	}, func(i int, name string, svg []byte) string {
		return "data:image/svg+xml;base64," + base64.StdEncoding.EncodeToString(svg)
	}, true)
	if err != nil {
		return err
	}
	foot(bw)
	return bw.Flush()
}

// WriteDir writes the report into a folder: index.html, one page per
// document under docs/ and the drawings under pages/.
func (r *Report) WriteDir(ctx context.Context, out string) error {
	for _, d := range []string{out, filepath.Join(out, "docs"), filepath.Join(out, "pages")} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			return err
		}
	}
	var idx bytes.Buffer
	head(&idx, "cnbudget review: "+r.dir)
	r.summary(&idx, func(i int) string { return "docs/" + docName(i) + ".html" })
	foot(&idx)
	if err := os.WriteFile(filepath.Join(out, "index.html"), idx.Bytes(), 0o644); err != nil {
		return err
	}
	var mu sync.Mutex
	var werr error
	return errors.Join(r.render(ctx, func(i int, d *rendered) error {
		var b bytes.Buffer
		head(&b, d.title)
		b.WriteString(`<p><a href="../index.html">← all documents</a></p>`)
		b.Write(d.html)
		foot(&b)
		return os.WriteFile(filepath.Join(out, "docs", docName(i)+".html"), b.Bytes(), 0o644)
	}, func(i int, name string, svg []byte) string {
		if err := os.WriteFile(filepath.Join(out, "pages", name), svg, 0o644); err != nil {
			mu.Lock()
			werr = cmp.Or(werr, err)
			mu.Unlock()
		}
		return "../pages/" + name
	}, false), werr)
}

func docName(i int) string { return fmt.Sprintf("d%04d", i+1) }

// rendered is one document's part of the report.
type rendered struct {
	title string
	html  []byte
}

// render draws every document with workers and hands them to emit in
// order; place stores a drawing and returns the address to show it by.
func (r *Report) render(ctx context.Context, emit func(int, *rendered) error,
	place func(doc int, name string, svg []byte) string, inline bool) error {
	n := len(r.docs)
	workers := r.opt.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	workers = max(1, min(workers, n))
	results := make([]chan *rendered, n)
	for i := range results {
		results[i] = make(chan *rendered, 1)
	}
	jobs := make(chan int)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				results[i] <- r.renderDoc(i, place)
			}
		}()
	}
	go func() {
		defer close(jobs)
		for i := range n {
			select {
			case jobs <- i:
			case <-ctx.Done():
				return
			}
		}
	}()
	var err error
	for i := range n {
		var d *rendered
		select {
		case d = <-results[i]:
		case <-ctx.Done():
			err = ctx.Err()
		}
		if err != nil {
			break
		}
		if e := emit(i, d); e != nil {
			err = e
			break
		}
		if r.opt.Progress != nil {
			r.opt.Progress(i+1, n)
		}
	}
	if err != nil {
		// Let the workers finish what they hold; nobody reads it.
		go func() {
			for range jobs {
			}
		}()
	}
	wg.Wait()
	return err
}

// renderDoc writes one document's section: it never fails, a source that
// cannot be read again is said so in place of its drawings.
func (r *Report) renderDoc(i int, place func(int, string, []byte) string) (out *rendered) {
	s := r.docs[i]
	title := fmt.Sprintf("%s %d %s", cmp.Or(s.Department, "(department not printed)"), s.Year, stageName(s.Stage))
	var b bytes.Buffer
	defer func() {
		if p := recover(); p != nil {
			fmt.Fprintf(&b, `<p class="err">drawing this document failed: %s</p></section>`, html.EscapeString(fmt.Sprint(p)))
			out = &rendered{title: title, html: b.Bytes()}
		}
	}()
	fmt.Fprintf(&b, `<section class="doc" id="doc%d" data-department="%s">`+"\n", i+1, attr(s.Department))
	fmt.Fprintf(&b, "<h2>%s</h2>\n", html.EscapeString(title))
	d, err := readDoc(filepath.Join(r.dir, s.File))
	if err != nil {
		fmt.Fprintf(&b, `<p class="err">%s</p></section>`, html.EscapeString(err.Error()))
		return &rendered{title: title, html: b.Bytes()}
	}
	dr := r.drawings(i, d)
	fmt.Fprintf(&b, `<p class="meta">%s · %d tables · %d forms · %d projects · checks %d of %d pass · file <code>%s</code></p>`+"\n",
		html.EscapeString(strings.TrimSpace(d.Document.Region.Province+" "+d.Document.Region.City+" "+d.Document.Region.County)),
		len(d.Tables), len(d.Evaluations), len(d.Projects), s.Checks-s.Failed, s.Checks, html.EscapeString(s.File))
	b.WriteString("<h3>Sources</h3><ul>\n")
	for si, src := range d.Sources {
		name := src.File
		if src.Member != "" {
			name += "!/" + src.Member
		}
		fmt.Fprintf(&b, "<li>%d: <code>%s</code> · %d pages · %s", si, html.EscapeString(name), src.Pages, html.EscapeString(src.Verdict))
		if src.Producer != "" {
			fmt.Fprintf(&b, " · %s", html.EscapeString(src.Producer))
		}
		if src.CopyOf != nil {
			fmt.Fprintf(&b, " · a copy of source %d", *src.CopyOf)
		}
		if len(src.PagesNoText) > 0 {
			fmt.Fprintf(&b, ` · <span class="err">needs OCR: pages %s</span>`, intList(src.PagesNoText))
		}
		if msg := dr.problems[si]; msg != "" {
			fmt.Fprintf(&b, ` · <span class="err">%s</span>`, html.EscapeString(msg))
		}
		b.WriteString("</li>\n")
	}
	b.WriteString("</ul>\n")

	// Failed checks, each with the drawing of its page.
	var failed []schema.Check
	for _, c := range d.Checks {
		if c.Status == "fail" {
			failed = append(failed, c)
		}
	}
	if len(failed) > 0 {
		fmt.Fprintf(&b, "<h3>Failed checks (%d)</h3>\n", len(failed))
		b.WriteString(`<table class="checks"><tr><th>#</th><th>rule</th><th>identity</th><th>expected (printed)</th><th>actual</th><th>difference</th><th>rows</th><th>drawing</th></tr>` + "\n")
		for ci, c := range failed {
			var links []string
			for _, ref := range dr.checkPages[checkKey(c)] {
				links = append(links, fmt.Sprintf(`<a href="#%s">p%d</a>`, ref.anchor, ref.page))
			}
			fmt.Fprintf(&b, `<tr class="failed-check" id="doc%d-c%d"><td>%d</td><td>%s</td><td>%s</td><td class="n">%s</td><td class="n">%s</td><td class="n">%s</td><td>%s</td><td>%s</td></tr>`+"\n",
				i+1, ci+1, ci+1, html.EscapeString(c.Rule), html.EscapeString(c.Message), html.EscapeString(c.Expected),
				html.EscapeString(c.Actual), html.EscapeString(c.Difference), html.EscapeString(strings.Join(c.Rows, " ")),
				strings.Join(links, " "))
		}
		b.WriteString("</table>\n")
	}
	if len(d.Warnings) > 0 {
		fmt.Fprintf(&b, "<details><summary>Warnings (%d)</summary><ul>\n", len(d.Warnings))
		for _, w := range d.Warnings {
			fmt.Fprintf(&b, "<li>%s</li>\n", html.EscapeString(w))
		}
		b.WriteString("</ul></details>\n")
	}

	// Tables: rows as printed beside the records.
	if len(d.Tables) > 0 {
		b.WriteString("<h3>Tables</h3>\n")
	}
	for _, t := range d.Tables {
		writeTable(&b, i, t, dr)
	}
	if len(d.Evaluations) > 0 {
		fmt.Fprintf(&b, "<h3>Self-evaluation forms (%d)</h3>\n", len(d.Evaluations))
		for _, e := range d.Evaluations {
			writeForm(&b, e)
		}
	}
	if len(d.Projects) > 0 {
		fmt.Fprintf(&b, "<details><summary>Projects (%d)</summary><table><tr><th>code</th><th>name</th><th>amount</th><th>indicators</th></tr>\n", len(d.Projects))
		for _, p := range d.Projects {
			fmt.Fprintf(&b, "<tr><td>%s</td><td>%s</td><td class=\"n\">%s</td><td class=\"n\">%d</td></tr>\n",
				html.EscapeString(p.Code), html.EscapeString(p.Name), html.EscapeString(p.Amount), len(p.Indicators))
		}
		b.WriteString("</table></details>\n")
	}

	// The drawings.
	if len(dr.pages) > 0 {
		b.WriteString("<h3>Pages</h3>\n<div class=\"pages\">\n")
		for _, pd := range dr.pages {
			src := place(i, pd.file, pd.svg)
			marked := ""
			if pd.marks > 0 {
				marked = fmt.Sprintf(` · <span class="err">%d marked</span>`, pd.marks)
			}
			// Closed until asked for (a link to it opens it), but for
			// the pages with a failed check; a drawing is loaded when
			// its page is opened: a document of 260 pages opens at once.
			open := ""
			if pd.marks > 0 {
				open = " open"
			}
			fmt.Fprintf(&b, `<details class="page" id="%s"%s><summary>source %d · page %d%s</summary><img class="page" alt="page %d" data-src="%s" width="%s" height="%s"></details>`+"\n",
				pd.anchor, open, pd.source, pd.page, marked, pd.page, attr(src), num(pd.w), num(pd.h))
		}
		b.WriteString("</div>\n")
	}
	b.WriteString("</section>\n")
	return &rendered{title: title, html: b.Bytes()}
}

func stageName(s string) string {
	switch s {
	case "budget":
		return "budget (预算)"
	case "final_account":
		return "final account (决算)"
	}
	return s
}

func writeTable(b *bytes.Buffer, doc int, t schema.Table, dr *docDrawings) {
	failed := dr.failedRows[t.ID]
	var pages []string
	for _, p := range t.Pages {
		if a, ok := dr.anchor[pageKey{t.Source, p}]; ok {
			pages = append(pages, fmt.Sprintf(`<a href="#%s">p%d</a>`, a, p))
		} else {
			pages = append(pages, "p"+strconv.Itoa(p))
		}
	}
	open := ""
	if len(failed) > 0 {
		open = " open"
	}
	fmt.Fprintf(b, `<details class="table"%s id="doc%d-%s"><summary><b>%s</b> %s — %s · %d rows · pages %s</summary>`+"\n",
		open, doc+1, t.ID, t.ID, html.EscapeString(t.Kind), html.EscapeString(t.Title), len(t.Rows), strings.Join(pages, " "))
	recs := map[int]schema.Record{}
	for _, rec := range t.Records {
		recs[rec.Row] = rec
	}
	b.WriteString(`<div class="scroll"><table class="rows">` + "\n")
	for _, h := range t.Header {
		b.WriteString("<tr class=\"h\"><th></th>")
		for _, c := range h {
			fmt.Fprintf(b, "<th>%s</th>", html.EscapeString(c))
		}
		b.WriteString("<th>record</th></tr>\n")
	}
	for ri, row := range t.Rows {
		cls := ""
		if failed[ri] {
			cls = ` class="bad"`
		}
		fmt.Fprintf(b, "<tr%s><td class=\"i\">%d</td>", cls, ri)
		for _, c := range row {
			fmt.Fprintf(b, "<td>%s</td>", html.EscapeString(c))
		}
		b.WriteString(`<td class="rec">`)
		if rec, ok := recs[ri]; ok {
			b.WriteString(html.EscapeString(recordText(rec)))
		}
		b.WriteString("</td></tr>\n")
	}
	b.WriteString("</table></div></details>\n")
}

// recordText prints a record compactly: code, name, key[measure]=value.
func recordText(rec schema.Record) string {
	var parts []string
	if rec.Code != "" {
		parts = append(parts, rec.Code)
	}
	if rec.Name != "" {
		parts = append(parts, rec.Name)
	}
	if rec.Side != "" {
		parts = append(parts, "("+rec.Side+")")
	}
	for _, a := range rec.Amounts {
		k := cmp.Or(a.Key, "col"+strconv.Itoa(a.Column))
		if a.Measure != "" {
			k += "[" + a.Measure + "]"
		}
		parts = append(parts, k+"="+a.Value)
	}
	return strings.Join(parts, " ")
}

func writeForm(b *bytes.Buffer, e schema.Evaluation) {
	name := cmp.Or(e.ProjectName, e.Department, e.Title)
	fmt.Fprintf(b, `<details class="form"><summary><b>%s</b> %s — %s · pages %s · total score %s</summary>`+"\n",
		e.ID, html.EscapeString(e.Kind), html.EscapeString(name), intList(e.Pages), html.EscapeString(e.TotalScore))
	b.WriteString(`<div class="scroll"><table class="rows">`)
	if len(e.FundsHeader) > 0 {
		b.WriteString("<tr class=\"h\">")
		for _, h := range e.FundsHeader {
			fmt.Fprintf(b, "<th>%s</th>", html.EscapeString(h))
		}
		b.WriteString("</tr>\n")
	}
	for _, row := range e.Funds {
		b.WriteString("<tr>")
		for _, c := range row {
			fmt.Fprintf(b, "<td>%s</td>", html.EscapeString(c))
		}
		b.WriteString("</tr>\n")
	}
	b.WriteString("</table>\n<table class=\"rows\"><tr class=\"h\"><th>一级</th><th>二级</th><th>三级</th><th>target</th><th>actual</th><th>weight</th><th>score</th></tr>\n")
	for _, in := range e.Indicators {
		fmt.Fprintf(b, "<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>\n",
			html.EscapeString(in.Level1), html.EscapeString(in.Level2), html.EscapeString(in.Level3),
			html.EscapeString(in.Target), html.EscapeString(in.Actual), html.EscapeString(in.Weight), html.EscapeString(in.Score))
	}
	b.WriteString("</table></div></details>\n")
}

// summary writes the run's summary and the list of documents; link gives
// the address of the i-th document.
func (r *Report) summary(w io.Writer, link func(int) string) {
	fmt.Fprintf(w, "<h1>cnbudget review</h1>\n<p class=\"meta\">folder <code>%s</code></p>\n", html.EscapeString(r.dir))
	// Inputs by status.
	byStatus := map[string][]schema.ManifestEntry{}
	for _, e := range r.manifest {
		byStatus[e.Status] = append(byStatus[e.Status], e)
	}
	statuses := []string{schema.StatusOK, schema.StatusPartial, schema.StatusNoTextLayer, schema.StatusTextUnreliable,
		schema.StatusNotADisclosure, schema.StatusFailed, schema.StatusSkipped}
	for s := range byStatus {
		if !slices.Contains(statuses, s) {
			statuses = append(statuses, s)
		}
	}
	checks, failed, warnings, tablesN, forms, projects := 0, 0, 0, 0, 0, 0
	kinds := map[string]int{}
	for _, d := range r.docs {
		checks += d.Checks
		failed += d.Failed
		warnings += d.Warnings
		tablesN += d.Tables
		forms += d.Forms
		projects += d.Projects
		for k, n := range d.Kinds {
			kinds[k] += n
		}
	}
	ocr := 0
	for _, e := range r.manifest {
		if e.Status == schema.StatusNoTextLayer || e.Status == schema.StatusPartial {
			ocr++
		}
	}
	fmt.Fprintf(w, `<div class="cards"><div><b>%d</b> inputs</div><div><b>%d</b> documents</div><div><b>%d</b> tables</div><div><b>%d</b> forms</div><div><b>%d</b> projects</div><div><b>%d</b> of %d checks pass</div><div class="%s"><b>%d</b> checks fail</div><div><b>%d</b> warnings</div><div><b>%d</b> inputs need OCR or are partial</div></div>`+"\n",
		len(r.manifest), len(r.docs), tablesN, forms, projects, checks-failed, checks, map[bool]string{true: "err", false: ""}[failed > 0], failed, warnings, ocr)
	w.Write([]byte("<h2>Inputs by status</h2>\n<table class=\"status\">\n"))
	for _, s := range statuses {
		es := byStatus[s]
		if len(es) == 0 {
			continue
		}
		fmt.Fprintf(w, "<tr><th>%s</th><td class=\"n\">%d</td><td>", html.EscapeString(s), len(es))
		if s != schema.StatusOK {
			fmt.Fprintf(w, "<details><summary>%s</summary><ul>", plural(len(es), "input"))
			for _, e := range es {
				name := e.Path
				if e.Member != "" {
					name += "!/" + e.Member
				}
				fmt.Fprintf(w, "<li><code>%s</code>: %s</li>", html.EscapeString(name), html.EscapeString(e.Reason))
			}
			w.Write([]byte("</ul></details>"))
		}
		w.Write([]byte("</td></tr>\n"))
	}
	w.Write([]byte("</table>\n<h2>Tables by kind</h2>\n<table class=\"status\">\n"))
	var ks []string
	for k := range kinds {
		ks = append(ks, k)
	}
	slices.SortFunc(ks, func(a, b string) int { return cmp.Or(cmp.Compare(kinds[b], kinds[a]), cmp.Compare(a, b)) })
	for _, k := range ks {
		fmt.Fprintf(w, "<tr><th>%s</th><td class=\"n\">%d</td></tr>\n", html.EscapeString(k), kinds[k])
	}
	w.Write([]byte("</table>\n"))
	fmt.Fprintf(w, "<h2>Documents (%d)</h2>\n<p>Those with failed checks first. <input id=\"filter\" placeholder=\"filter by name\" oninput=\"filterDocs(this.value)\"></p>\n", len(r.docs))
	w.Write([]byte(`<table class="docs"><tr><th>department</th><th>year</th><th>stage</th><th>tables</th><th>forms</th><th>checks</th><th>failed</th><th>warnings</th></tr>` + "\n"))
	for i, d := range r.docs {
		cls := ""
		if d.Failed > 0 {
			cls = ` class="bad"`
		}
		fmt.Fprintf(w, `<tr%s data-name="%s"><td><a class="doc-link" href="%s">%s</a></td><td>%d</td><td>%s</td><td class="n">%d</td><td class="n">%d</td><td class="n">%d</td><td class="n">%d</td><td class="n">%d</td></tr>`+"\n",
			cls, attr(d.Department+" "+d.File), attr(link(i)), html.EscapeString(cmp.Or(d.Department, d.File)), d.Year,
			html.EscapeString(d.Stage), d.Tables, d.Forms, d.Checks, d.Failed, d.Warnings)
	}
	w.Write([]byte("</table>\n"))
	w.Write([]byte(`<h2>Legend</h2><p class="legend">`))
	for _, l := range Legend() {
		fmt.Fprintf(w, `<span><i style="background:%s"></i>%s</span> `, l[1], l[0])
	}
	w.Write([]byte(`<span><i style="border:1px dashed #1e88e5"></i>rows and columns read</span> <span><i style="border:2px solid #d50000"></i>a failed check's row</span> <span style="color:#9e9e9e">grey text: clipped away, not printed</span></p>` + "\n"))
}

func head(w io.Writer, title string) {
	fmt.Fprintf(w, `<!DOCTYPE html>
<html lang="zh"><head><meta charset="utf-8"><title>%s</title>
<style>
body{font:14px/1.45 system-ui,sans-serif;margin:1.5em;color:#222}
h1{font-size:1.6em}h2{font-size:1.25em;margin-top:1.4em;border-bottom:1px solid #ddd}h3{font-size:1.05em;margin:1em 0 .3em}
table{border-collapse:collapse;margin:.3em 0}td,th{border:1px solid #ccc;padding:2px 6px;vertical-align:top}
th{background:#f4f4f4;font-weight:600;text-align:left}td.n{text-align:right;font-variant-numeric:tabular-nums}
tr.bad td{background:#ffebee}.err{color:#c62828}.meta{color:#555}
.cards{display:flex;flex-wrap:wrap;gap:.6em}.cards div{border:1px solid #ddd;border-radius:6px;padding:.5em .8em;background:#fafafa}
.cards div.err{background:#ffebee}
section.doc{border-top:3px solid #1e88e5;margin-top:2em;padding-top:.5em}
.scroll{overflow-x:auto;max-width:100%%}table.rows td{white-space:nowrap;font-size:12px}td.i{color:#999}td.rec{color:#2e7d32;font-size:11px}
.pages{display:flex;flex-direction:column;gap:.3em;align-items:flex-start}details.page{border:1px solid #ddd}details.page summary{font-size:12px;padding:2px 6px;background:#f4f4f4;cursor:pointer}
img.page{display:block;max-width:100%%;height:auto}
.legend span{margin-right:1em}.legend i{display:inline-block;width:1em;height:1em;vertical-align:middle;margin-right:.3em;opacity:.6}
</style>
<script>
function show(d){if(d.open)d.querySelectorAll('img[data-src]').forEach(function(i){i.src=i.dataset.src;i.removeAttribute('data-src')})}
document.addEventListener('toggle',function(e){show(e.target)},true);
window.addEventListener('DOMContentLoaded',function(){document.querySelectorAll('details.page[open]').forEach(show)});
function openTarget(){var e=document.getElementById(decodeURIComponent(location.hash.slice(1)));if(e&&e.tagName==='DETAILS'){e.open=true;e.scrollIntoView()}}
window.addEventListener('hashchange',openTarget);window.addEventListener('DOMContentLoaded',openTarget);
function filterDocs(q){q=q.trim();document.querySelectorAll('table.docs tr[data-name]').forEach(function(r){r.style.display=!q||r.dataset.name.indexOf(q)>=0?'':'none'})}
</script>
</head><body>
`, html.EscapeString(title))
}

func foot(w io.Writer) { io.WriteString(w, "</body></html>\n") }

func attr(s string) string { return html.EscapeString(s) }

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return strconv.Itoa(n) + " " + word + "s"
}

func intList(ns []int) string {
	var s []string
	for _, n := range ns {
		s = append(s, strconv.Itoa(n))
	}
	return strings.Join(s, ", ")
}
