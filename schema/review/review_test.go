package review_test

import (
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cnbudget/cnbudget"
	"github.com/cnbudget/cnbudget/extract"
	"github.com/cnbudget/cnbudget/normalize"
	"github.com/cnbudget/cnbudget/normalize/rules"
	"github.com/cnbudget/cnbudget/normalize/tables"
	"github.com/cnbudget/cnbudget/schema"
	"github.com/cnbudget/cnbudget/schema/review"
)

func mustRules(t testing.TB) *rules.Rules {
	t.Helper()
	r, err := rules.Parse(cnbudget.DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// sampleRun converts the bundled samples into a folder laid out as
// `cnbudget convert` writes one (a document per file and manifest.jsonl),
// and makes one check of the first document fail, so that the report has
// a failed check to show. It returns the folder and the documents.
func sampleRun(t testing.TB) (string, []*schema.Document) {
	t.Helper()
	r := mustRules(t)
	files, _ := filepath.Glob(filepath.Join("..", "..", "samples", "*.pdf"))
	if len(files) == 0 {
		t.Fatal("no sample PDFs in samples/")
	}
	dir := t.TempDir()
	var manifest bytes.Buffer
	var docs []*schema.Document
	tampered := false
	for i, f := range files {
		abs, _ := filepath.Abs(f)
		ed, err := extract.Open(abs, extract.Options{})
		if err != nil {
			t.Fatal(err)
		}
		d, err := normalize.Document(ed, r, normalize.Options{ToolVersion: "test"})
		if err != nil {
			t.Fatal(err)
		}
		for ci, c := range d.Checks {
			if !tampered && c.Rule == "row_total" && len(c.Rows) > 0 {
				d.Checks[ci].Status, d.Checks[ci].Actual = "fail", "1.00"
				tampered = true
			}
		}
		name := fmt.Sprintf("doc%d.json", i)
		data, _ := json.Marshal(d)
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
		line, _ := json.Marshal(schema.ManifestEntry{Path: abs, Type: "pdf", Status: schema.StatusOK, Output: name, ToolVersion: "test"})
		manifest.Write(append(line, '\n'))
		docs = append(docs, d)
	}
	line, _ := json.Marshal(schema.ManifestEntry{Path: "notes.docx", Type: "office", Status: schema.StatusNotADisclosure,
		Reason: "an Office file, not a disclosure", ToolVersion: "test"})
	manifest.Write(append(line, '\n'))
	if err := os.WriteFile(filepath.Join(dir, "manifest.jsonl"), manifest.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir, docs
}

// TestReportFile checks the single-file report of the samples: every
// department named, every failed check listed with a drawing, a drawing
// of every page a table stands on, and nothing fetched from elsewhere.
func TestReportFile(t *testing.T) {
	dir, docs := sampleRun(t)
	rep, err := review.Load(dir, review.Options{Rules: mustRules(t), Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := rep.WriteFile(context.Background(), &out); err != nil {
		t.Fatal(err)
	}
	page := out.String()
	checkReport(t, page, docs, true)
	for _, ref := range []string{"http://", "https://", "src=\"/", "href=\"/", "@import"} {
		if i := strings.Index(page, ref); i >= 0 {
			t.Errorf("external reference %q: …%s…", ref, page[max(0, i-60):min(len(page), i+60)])
		}
	}
	if !strings.Contains(page, "an Office file, not a disclosure") {
		t.Error("the manifest's reasons are not shown")
	}
}

// checkReport checks that a report (or the concatenation of its pages)
// names every department, lists every failed check and holds a drawing of
// every page each table stands on.
func checkReport(t *testing.T, page string, docs []*schema.Document, single bool) {
	t.Helper()
	failed := 0
	for _, d := range docs {
		if !strings.Contains(page, d.Document.Department) {
			t.Errorf("department %q not in the report", d.Document.Department)
		}
		for _, c := range d.Checks {
			if c.Status == "fail" {
				failed++
			}
		}
	}
	if failed == 0 {
		t.Fatal("the fixture has no failed check")
	}
	if got := strings.Count(page, `class="failed-check"`); got != failed {
		t.Errorf("%d failed checks listed, want %d", got, failed)
	}
	// Every table page drawn: documents are listed with failed checks
	// first, so look them up by department.
	for _, d := range docs {
		i := strings.Index(page, fmt.Sprintf(`data-department="%s"`, d.Document.Department))
		if i < 0 {
			t.Errorf("no section for %s", d.Document.Department)
			continue
		}
		section := page[i:]
		if j := strings.Index(section[1:], `<section class="doc"`); j >= 0 {
			section = section[:j+1]
		}
		for _, tb := range d.Tables {
			for _, p := range tb.Pages {
				if !strings.Contains(section, fmt.Sprintf(`-s%d-p%d"`, tb.Source, p)) {
					t.Errorf("%s: %s page %d has no drawing", d.Document.Department, tb.ID, p)
				}
			}
		}
	}
	if single && !strings.Contains(page, "data:image/svg+xml;base64,") {
		t.Error("the single file does not hold its drawings")
	}
}

// TestReportDir checks the folder form: an index naming every document
// and one page per document with its drawings beside it.
func TestReportDir(t *testing.T) {
	dir, docs := sampleRun(t)
	rep, err := review.Load(dir, review.Options{Rules: mustRules(t)})
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "rev")
	if err := rep.WriteDir(context.Background(), out); err != nil {
		t.Fatal(err)
	}
	index, err := os.ReadFile(filepath.Join(out, "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	pages, _ := filepath.Glob(filepath.Join(out, "docs", "*.html"))
	if len(pages) != len(docs) {
		t.Fatalf("%d document pages, want %d", len(pages), len(docs))
	}
	all := string(index)
	for _, p := range pages {
		data, _ := os.ReadFile(p)
		all += string(data)
	}
	checkReport(t, all, docs, false)
	svgs, _ := filepath.Glob(filepath.Join(out, "pages", "*.svg"))
	if len(svgs) == 0 {
		t.Fatal("no drawings written")
	}
	for _, s := range svgs {
		if !strings.Contains(all, "../pages/"+filepath.Base(s)) {
			t.Errorf("%s is not shown on any page", filepath.Base(s))
		}
	}
}

// TestSVG checks the drawing of a sample page: well-formed XML with the
// page's text and rules, and stage two's rows and table label on top.
func TestSVG(t *testing.T) {
	doc, err := extract.Open(filepath.Join("..", "..", "samples", "shanghai_putuo_justice_2026_dept-budget.pdf"), extract.Options{})
	if err != nil {
		t.Fatal(err)
	}
	res := tables.Assemble(doc, mustRules(t))
	const n = 12
	p := review.Pages(doc, res)[n]
	if p == nil {
		t.Fatalf("nothing read on page %d", n)
	}
	var buf bytes.Buffer
	if err := review.WriteSVG(&buf, p); err != nil {
		t.Fatal(err)
	}
	counts := svgElements(t, buf.Bytes())
	if counts["text"] < 50 || counts["rect"] < 50 {
		t.Errorf("too little drawn: %v", counts)
	}
	s := buf.String()
	for _, want := range []string{"2026年部门支出预算总表", "行政运行", "87267272.44", "t03 expenditure", `class="roles"`} {
		if !strings.Contains(s, want) {
			t.Errorf("drawing lacks %q", want)
		}
	}
}

// svgElements parses an SVG and counts its elements by name.
func svgElements(t *testing.T, data []byte) map[string]int {
	t.Helper()
	counts := map[string]int{}
	dec := xml.NewDecoder(bytes.NewReader(data))
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("not well-formed XML: %v", err)
		}
		if se, ok := tok.(xml.StartElement); ok {
			counts[se.Name.Local]++
		}
	}
	if counts["svg"] != 1 {
		t.Fatalf("not one svg element: %v", counts)
	}
	return counts
}

// TestSVGEscapes checks that text the PDF holds (markup characters,
// control characters) cannot break the drawing.
func TestSVGEscapes(t *testing.T) {
	run := extract.Run{Text: "a<b>&\"c\x01\x0b\uFFFE", Box: extract.Box{X0: 10, Y0: 10, X1: 60, Y1: 20}, Size: 10}
	page := &extract.Page{Number: 1, Width: 100, Height: 100, Lines: []extract.Line{{Box: run.Box, Runs: []extract.Run{run}}},
		HiddenGlyphs: []extract.Glyph{{Text: "<", Box: extract.Box{X0: 1, Y0: 1, X1: 5, Y1: 5}}}}
	p := &review.Page{Page: page, Events: []tables.Event{{Page: 1, Action: "drop", Text: "</svg>", Box: run.Box}},
		Marks: []review.Mark{{Box: run.Box, Label: "x & y"}}}
	var buf bytes.Buffer
	if err := review.WriteSVG(&buf, p); err != nil {
		t.Fatal(err)
	}
	counts := svgElements(t, buf.Bytes())
	if counts["text"] != 2 {
		t.Errorf("texts: %v", counts)
	}
}

// TestLoadErrors checks that a folder that is not a conversion says so.
func TestLoadErrors(t *testing.T) {
	if _, err := review.Load(t.TempDir(), review.Options{Rules: mustRules(t)}); err == nil || !strings.Contains(err.Error(), "manifest.jsonl") {
		t.Errorf("empty folder: %v", err)
	}
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "manifest.jsonl"), []byte("{not json\n"), 0o644)
	if _, err := review.Load(dir, review.Options{Rules: mustRules(t)}); err == nil || !strings.Contains(err.Error(), "line 1") {
		t.Errorf("bad manifest: %v", err)
	}
}

// TestMissingSource checks that a document whose source file is gone is
// still reported, saying why its pages are not drawn.
func TestMissingSource(t *testing.T) {
	dir, docs := sampleRun(t)
	i := 0
	for len(docs[i].Tables) == 0 {
		i++
	}
	d := docs[i]
	d.Sources[0].File = filepath.Join(t.TempDir(), "gone.pdf")
	data, _ := json.Marshal(d)
	os.WriteFile(filepath.Join(dir, fmt.Sprintf("doc%d.json", i)), data, 0o644)
	rep, err := review.Load(dir, review.Options{Rules: mustRules(t)})
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := rep.WriteFile(context.Background(), &out); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "pages not drawn") {
		t.Error("a missing source is not reported")
	}
}
