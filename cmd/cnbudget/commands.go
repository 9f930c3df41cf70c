package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"unicode/utf8"

	"github.com/cnbudget/cnbudget/extract"
	"github.com/cnbudget/cnbudget/normalize"
	"github.com/cnbudget/cnbudget/normalize/batch"
	"github.com/cnbudget/cnbudget/normalize/layout"
	"github.com/cnbudget/cnbudget/normalize/tables"
	"github.com/cnbudget/cnbudget/schema"
	"github.com/cnbudget/cnbudget/schema/review"
	"github.com/cnbudget/cnbudget/schema/score"
)

func passwordFlag(fs *flag.FlagSet, o *opts) {
	fs.StringVar(&o.password, "password", "", "PDF user `password` to try after the empty one (env CNBUDGET_PASSWORD)")
}

func (e *env) extractOptions() extract.Options {
	return extract.Options{Password: e.cfg.password, MaxPages: e.cfg.maxPages}
}

// normalize runs stages two and three with the run's rules and options.
func (e *env) normalize(doc *extract.Document) (*schema.Document, error) {
	r, err := e.cfg.rules()
	if err != nil {
		return nil, err
	}
	opt, err := e.cfg.normalizeOptions()
	if err != nil {
		return nil, err
	}
	return normalize.Document(doc, r, opt)
}

// convertOne runs all three stages on one file.
func (e *env) convertOne(path string) (*schema.Document, error) {
	doc, err := extract.Open(path, e.extractOptions())
	if err != nil {
		return nil, err
	}
	return e.normalize(doc)
}

// writeJSON writes v as indented JSON (one line when compact), HTML
// characters unescaped: as the batch writes its documents.
func writeJSON(w io.Writer, v any, compact bool) error { return batch.WriteJSON(w, v, compact) }

func cmdExtract() *command {
	return &command{
		name:  "extract",
		args:  "FILE",
		short: "print the JSON document of one disclosure (PDF or text form) on stdout",
		long: `Runs the three stages on FILE and prints the document: its source and
verdicts, metadata, every table (header, rows as printed, normalized
records), the project tables, the narrative and the identity checks. The
format is described by schema/cnbudget.schema.json.`,
		example: "  cnbudget extract samples/yongqing_rsj_2024.txt > yongqing.json",
		setup: func(fs *flag.FlagSet, o *opts) {
			passwordFlag(fs, o)
			fs.BoolVar(&o.compact, "compact", false, "write JSON on one line")
		},
		run: func(ctx context.Context, e *env, args []string) error {
			if len(args) != 1 {
				return usageError("extract takes exactly one FILE")
			}
			d, err := e.convertOne(args[0])
			if err != nil {
				return err
			}
			return writeJSON(e.stdout, d, e.o.compact)
		},
	}
}

func cmdText() *command {
	return &command{
		name:  "text",
		args:  "FILE",
		short: "print the text of every page, pages separated by a form feed",
		long: `Prints what stage one read: each page's lines top to bottom, the runs of a
line separated by a space, pages separated by a form feed (\f) like
pdftotext. Pages without a text layer, pages that could not be read and
a damaged file read from what is left of it are reported on stderr.`,
		example: "  cnbudget text report.pdf | less\n  cnbudget text -boxes -pages 3 report.pdf",
		setup: func(fs *flag.FlagSet, o *opts) {
			passwordFlag(fs, o)
			fs.BoolVar(&o.boxes, "boxes", false, "print every run with its box (x0 y0 x1 y1, points from the top-left) and font size")
			fs.StringVar(&o.pages, "pages", "", "only these `pages` (e.g. 3 or 2-5)")
		},
		run: func(ctx context.Context, e *env, args []string) error {
			if len(args) != 1 {
				return usageError("text takes exactly one FILE")
			}
			doc, err := extract.Open(args[0], e.extractOptions())
			if err != nil {
				return err
			}
			lo, hi, err := pageRange(e.o.pages, len(doc.Pages))
			if err != nil {
				return usageError(err.Error())
			}
			for i := lo - 1; i < hi; i++ {
				p := &doc.Pages[i]
				if i > lo-1 {
					fmt.Fprint(e.stdout, "\f")
				}
				if e.o.boxes {
					printBoxes(e.stdout, p)
				} else if t := p.Text(); t != "" {
					fmt.Fprintln(e.stdout, t)
				}
				switch {
				case p.Err != "":
					fmt.Fprintf(e.stderr, "%s: page %d: %s\n", args[0], p.Number, p.Err)
				case p.Verdict == extract.VerdictNoTextLayer:
					fmt.Fprintf(e.stderr, "%s: page %d: no text layer (%d images): needs OCR\n", args[0], p.Number, p.Images)
				case p.Verdict == extract.VerdictTextUnreliable:
					fmt.Fprintf(e.stderr, "%s: page %d: text layer unreliable\n", args[0], p.Number)
				}
			}
			if doc.Verdict != extract.VerdictOK {
				fmt.Fprintf(e.stderr, "%s: document verdict: %s\n", args[0], doc.Verdict)
			}
			if doc.Salvaged {
				for _, n := range doc.Notes {
					fmt.Fprintf(e.stderr, "%s: %s\n", args[0], n)
				}
			}
			return nil
		},
	}
}

// pageRange parses "N" or "A-B" (1-based, inclusive); "" is every page.
func pageRange(spec string, n int) (int, int, error) {
	if spec == "" {
		return 1, n, nil
	}
	var a, b int
	if _, err := fmt.Sscanf(spec, "%d-%d", &a, &b); err != nil {
		if _, err := fmt.Sscanf(spec, "%d", &a); err != nil {
			return 0, 0, fmt.Errorf("bad page range %q", spec)
		}
		b = a
	}
	if a < 1 || b < a || b > n {
		return 0, 0, fmt.Errorf("page range %q outside 1-%d", spec, n)
	}
	return a, b, nil
}

// printBoxes lists the runs of a page with their boxes, and its rules.
func printBoxes(w io.Writer, p *extract.Page) {
	turned := ""
	if p.Turned != 0 {
		turned = fmt.Sprintf(" turned %d (its text ran sideways)", p.Turned)
	}
	fmt.Fprintf(w, "page %d %.1fx%.1f rotate %d%s: %d lines, %d rules, %d images\n", p.Number, p.Width, p.Height, p.Rotate, turned, len(p.Lines), len(p.Rules), p.Images)
	for _, l := range p.Lines {
		for _, r := range l.Runs {
			fmt.Fprintf(w, "%7.1f %7.1f %7.1f %7.1f %5.1f %s\n", r.X0, r.Y0, r.X1, r.Y1, r.Size, r.Text)
		}
	}
	for _, r := range p.Rules {
		fmt.Fprintf(w, "rule %7.1f %7.1f %7.1f %7.1f\n", r.X0, r.Y0, r.X1, r.Y1)
	}
	if p.Hidden != "" {
		fmt.Fprintf(w, "clipped (not printed) %s\n", p.Hidden)
	}
}

func cmdInspect() *command {
	return &command{
		name:  "inspect",
		args:  "FILE",
		short: "show, page by page, what stage two recognized and why",
		long: `Lists for every page the decisions of the table assembler: titles found,
department/unit lines, header and index rows, body rows, repeated headers
dropped, rows joined across page breaks, notes; then a summary of every
table (kind, pages, header rows, body rows, columns).`,
		example: "  cnbudget inspect report.pdf\n  cnbudget inspect -layout -pages 12 report.pdf",
		setup: func(fs *flag.FlagSet, o *opts) {
			passwordFlag(fs, o)
			fs.BoolVar(&o.layoutRows, "layout", false, "print the rows stage two saw on each page (grid rows with their cells, plain lines) instead of its decisions")
			fs.BoolVar(&o.svg, "svg", false, "draw one page (-pages N, default 1) as SVG on stdout: its text, rules and clipped text, with stage two's reading on top")
			fs.StringVar(&o.pages, "pages", "", "only these `pages` (e.g. 3 or 2-5)")
		},
		run: func(ctx context.Context, e *env, args []string) error {
			if len(args) != 1 {
				return usageError("inspect takes exactly one FILE")
			}
			doc, err := extract.Open(args[0], e.extractOptions())
			if err != nil {
				return err
			}
			w := e.stdout
			lo, hi, err := pageRange(e.o.pages, len(doc.Pages))
			if err != nil {
				return usageError(err.Error())
			}
			if e.o.svg {
				if len(doc.Pages) == 0 {
					return fmt.Errorf("%s: no pages to draw", args[0])
				}
				if e.o.pages == "" {
					lo, hi = 1, min(1, len(doc.Pages))
				}
				if lo != hi {
					return usageError("-svg draws one page: give -pages N")
				}
				r, err := e.cfg.rules()
				if err != nil {
					return err
				}
				p := review.Pages(doc, tables.Assemble(doc, r))[lo]
				if p == nil {
					p = &review.Page{Page: &doc.Pages[lo-1]}
				}
				return review.WriteSVG(w, p)
			}
			if e.o.layoutRows {
				for i := lo - 1; i < hi; i++ {
					p := &doc.Pages[i]
					fmt.Fprintf(w, "page %d\n", p.Number)
					for _, r := range layout.Page(p) {
						if r.IsGrid() {
							var cells []string
							for _, c := range r.Cells {
								cells = append(cells, fmt.Sprintf("%d:%s", c.Col, c.Text))
							}
							fmt.Fprintf(w, "  grid  y %6.1f-%6.1f  %s\n", r.Y0, r.Y1, strings.Join(cells, " | "))
							continue
						}
						fmt.Fprintf(w, "  text  y %6.1f-%6.1f  %s\n", r.Y0, r.Y1, r.Text())
					}
				}
				return nil
			}
			r, err := e.cfg.rules()
			if err != nil {
				return err
			}
			res := tables.Assemble(doc, r)
			fmt.Fprintf(w, "%s: %d pages, verdict %s\n", args[0], len(doc.Pages), doc.Verdict)
			for _, n := range doc.Notes {
				fmt.Fprintf(w, "  note: %s\n", n)
			}
			page := 0
			for _, ev := range res.Events {
				if ev.Page < lo || ev.Page > hi {
					continue
				}
				if ev.Page != page {
					page = ev.Page
					p := &doc.Pages[page-1]
					fmt.Fprintf(w, "\npage %d (%.0fx%.0f, %d lines, %d rules, %d images, %s)\n",
						page, p.Width, p.Height, len(p.Lines), len(p.Rules), p.Images, p.Verdict)
					if p.Turned != 0 {
						fmt.Fprintf(w, "  %-7s %-28s %s\n", "turned", "-",
							fmt.Sprintf("its text ran sideways: read turned %d° clockwise", p.Turned))
					}
					if p.Hidden != "" {
						fmt.Fprintf(w, "  %-7s %-28s %s\n", "clipped", "-",
							truncate(fmt.Sprintf("%d characters outside the clipping path, not printed: %s", utf8.RuneCountInString(p.Hidden), p.Hidden), 100))
					}
				}
				kind := ev.Table
				if kind == "" {
					kind = "-"
				}
				fmt.Fprintf(w, "  %-7s %-28s %s\n", ev.Action, kind, truncate(ev.Text, 100))
				if ev.Rule != "" {
					fmt.Fprintf(w, "  %-7s %-28s %s\n", "", "", "by title pattern "+ev.Rule)
				}
			}
			fmt.Fprintf(w, "\ntables:\n")
			for i, t := range res.Tables {
				ruled := "unruled"
				if t.Ruled {
					ruled = "ruled"
				}
				fmt.Fprintf(w, "  t%02d %-30s pages %v, %d header rows, %d body rows, %d columns, %s, unit %q: %s\n",
					i+1, t.Kind, t.Pages, len(t.Header), len(t.Rows), t.NCols(), ruled, t.Unit, t.Title)
			}
			if len(res.Projects) > 0 {
				fmt.Fprintf(w, "projects:\n")
				for _, p := range res.Projects {
					fmt.Fprintf(w, "  %-24s pages %v, %d indicators: %s\n", p.Code, p.Pages, len(p.Indicators), truncate(p.Name, 60))
				}
			}
			return nil
		},
	}
}

func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}

func cmdEval() *command {
	return &command{
		name:  "eval",
		args:  "TRUTH.json OUT",
		short: "score an output against ground truth (row recall, precision, cell accuracy)",
		long: `Compares OUT with the ground truth TRUTH.json as ../shared/specs/EVALUATION.md
defines it and prints the scores per table kind and for the project tables.
OUT is a JSON document written by extract or convert, or an input file
(PDF or text form), which is then converted first.`,
		example: "  cnbudget eval truth/yongqing_rsj_2024.json yongqing.json\n  cnbudget eval truth/yongqing_rsj_2024.json samples/yongqing_rsj_2024.txt",
		setup: func(fs *flag.FlagSet, o *opts) {
			passwordFlag(fs, o)
			fs.BoolVar(&o.jsonOut, "json", false, "print the report as JSON")
			fs.BoolVar(&o.misses, "misses", false, "list the truth rows that were not reproduced")
			fs.StringVar(&o.only, "tables", "", "score only these truth table `ids` (comma-separated, e.g. T01_szzb,T02_srzb)")
		},
		run: func(ctx context.Context, e *env, args []string) error {
			if len(args) != 2 {
				return usageError("eval takes TRUTH.json and OUT")
			}
			tf, err := os.Open(args[0])
			if err != nil {
				return err
			}
			truth, err := score.ParseTruth(tf)
			tf.Close()
			if err != nil {
				return fmt.Errorf("%s: %w", args[0], err)
			}
			if e.o.only != "" {
				truth.Keep(strings.Split(e.o.only, ","))
			}
			out, err := e.loadOutput(args[1])
			if err != nil {
				return err
			}
			rep := score.Compare(truth, out)
			if e.o.jsonOut {
				return writeJSON(e.stdout, rep, false)
			}
			rep.Write(e.stdout)
			if e.o.misses {
				for _, k := range rep.Kinds {
					for _, m := range k.Misses {
						fmt.Fprintf(e.stdout, "miss %s:\n  truth %q\n  out   %q\n", k.Kind, m.Truth, m.Out)
					}
				}
				for _, m := range rep.Projects.Misses {
					fmt.Fprintf(e.stdout, "miss project indicator:\n  truth %q\n  out   %q\n", m.Truth, m.Out)
				}
			}
			return nil
		},
	}
}

// loadOutput reads a JSON output document, or converts an input file.
func (e *env) loadOutput(path string) (*schema.Document, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	if strings.HasPrefix(strings.TrimSpace(string(data[:min(len(data), 64)])), "{") {
		var d schema.Document
		if err := json.Unmarshal(data, &d); err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		return &d, nil
	}
	doc, err := extract.Read(path, data, e.extractOptions())
	if err != nil {
		return nil, err
	}
	return e.normalize(doc)
}

func cmdVersion() *command {
	return &command{
		name:    "version",
		short:   "print the version",
		example: "  cnbudget version",
		run: func(ctx context.Context, e *env, args []string) error {
			fmt.Fprintf(e.stdout, "cnbudget %s (output schema %s)\n", version, schema.ID)
			return nil
		},
	}
}

func cmdSchema() *command {
	return &command{
		name:    "schema",
		short:   "print the JSON Schema of the documents cnbudget writes",
		long:    "Prints the published JSON Schema (draft 2020-12) of the output documents; every field is described in it.",
		example: "  cnbudget schema > cnbudget.schema.json",
		run: func(ctx context.Context, e *env, args []string) error {
			if len(args) != 0 {
				return usageError("schema takes no argument")
			}
			_, err := e.stdout.Write(schema.File)
			return err
		},
	}
}
