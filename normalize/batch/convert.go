package batch

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"runtime/debug"
	"strings"
	"syscall"
	"time"

	"github.com/cnbudget/cnbudget/extract"
	"github.com/cnbudget/cnbudget/extract/inputs"
	"github.com/cnbudget/cnbudget/normalize"
	"github.com/cnbudget/cnbudget/normalize/rules"
	"github.com/cnbudget/cnbudget/schema"
)

// converter converts one input; ok is false when the run was interrupted
// before the input was done (it is then not recorded).
type converter interface {
	// convert converts it; next, when not nil, is the input the caller
	// converts after it (a worker process may be handed it ahead).
	convert(ctx context.Context, it inputs.Item, data []byte, next *inputs.Item) (ent schema.ManifestEntry, head *docHead, ok bool)
}

// stages is what converting one input needs.
type stages struct {
	Out       string
	Compact   bool
	Timeout   time.Duration
	Extract   extract.Options
	Rules     *rules.Rules
	Normalize normalize.Options
	// JSON, when set, encodes the documents: one per worker process,
	// whose buffers are reused from one document to the next (nil: a
	// new encoder for each document).
	JSON *jsonBuffer
}

func (r *run) stages() stages {
	return stages{Out: r.opt.Out, Compact: r.opt.Compact, Timeout: r.opt.Timeout, Extract: r.opt.Extract,
		Rules: r.opt.Rules, Normalize: r.opt.Normalize}
}

// convert runs the three stages on an input's content, writes its
// document to files/SHA256.json and returns its record.
func (s stages) convert(ctx context.Context, it inputs.Item, data []byte) (ent schema.ManifestEntry, head *docHead) {
	start := time.Now()
	ent = newEntry(it, s.Normalize.ToolVersion)
	defer func() { ent.Seconds = roundSeconds(time.Since(start)) }()
	switch it.Type {
	case "pdf", "text":
	case "empty":
		ent.Status, ent.Reason = schema.StatusFailed, "empty file (a broken download?)"
		return ent, nil
	default:
		ent.Status, ent.Reason = schema.StatusNotADisclosure, describeType(it.Type)
		return ent, nil
	}
	ctx, cancel := context.WithTimeout(ctx, s.Timeout)
	defer cancel()
	d, err := s.document(ctx, it, data)
	if err != nil {
		ent.Status, ent.Reason = schema.StatusFailed, err.Error()
		if errors.Is(err, context.DeadlineExceeded) {
			ent.Reason = fmt.Sprintf("timed out after %s", s.Timeout)
		}
		return ent, nil
	}
	ent.Pages, ent.Tables, ent.Projects = d.Sources[0].Pages, len(d.Tables), len(d.Projects)
	for _, c := range d.Checks {
		if c.Status != "warn" {
			ent.Checks++
		}
		if c.Status == "fail" {
			ent.ChecksFailed++
		}
	}
	ent.Status, ent.Reason = status(d)
	j := s.JSON
	if j == nil {
		j = newJSONBuffer(s.Compact)
	}
	js, err := j.encode(d)
	if err != nil {
		ent.Status, ent.Reason = schema.StatusFailed, err.Error()
		return ent, nil
	}
	ent.File = filepath.ToSlash(filepath.Join("files", it.SHA256+".json"))
	if err := WriteFileAtomic(filepath.Join(s.Out, ent.File), js); err != nil {
		ent.Status, ent.Reason, ent.File = schema.StatusFailed, "writing its document: "+err.Error(), ""
		ent.Transient = transient(err)
		return ent, nil
	}
	return ent, &docHead{Sources: d.Sources, Document: d.Document}
}

// document runs the stages; a panic inside them is an error naming the
// file.
func (s stages) document(ctx context.Context, it inputs.Item, data []byte) (d *schema.Document, err error) {
	defer func() {
		if x := recover(); x != nil {
			d, err = nil, fmt.Errorf("internal error: %v\n%s", x, firstLines(debug.Stack(), 8))
		}
	}()
	doc, err := extract.ReadContext(ctx, it.Name(), data, s.Extract)
	if err != nil {
		return nil, err
	}
	if it.SHA256 != "" && doc.SHA256 != it.SHA256 {
		// Read again by a worker, the file is not what was listed: its
		// record and output would name one content and hold another.
		return nil, fmt.Errorf("%s: changed since it was listed (SHA-256 %.12s…, now %.12s…); run again", it.Name(), it.SHA256, doc.SHA256)
	}
	d, err = normalize.Document(doc, s.Rules, s.Normalize)
	if err != nil {
		return nil, err
	}
	d.Sources[0].File, d.Sources[0].Member = it.Path, it.Member
	return d, nil
}

// transient reports whether a failure to write may not happen again.
func transient(err error) bool {
	return errors.Is(err, syscall.ENOSPC) || errors.Is(err, syscall.EDQUOT) || errors.Is(err, syscall.EIO) ||
		errors.Is(err, syscall.EACCES) || errors.Is(err, syscall.EROFS)
}

// inProcess converts in the run's own process: a panic is caught, a file
// that does not stop at its deadline is abandoned (its goroutine keeps
// running until the run ends), a fatal error ends the run.
type inProcess struct{ r *run }

func (p inProcess) convert(ctx context.Context, it inputs.Item, data []byte, _ *inputs.Item) (schema.ManifestEntry, *docHead, bool) {
	s := p.r.stages()
	type result struct {
		ent  schema.ManifestEntry
		head *docHead
	}
	done := make(chan result, 1)
	go func() {
		e, h := s.convert(ctx, it, data)
		done <- result{e, h}
	}()
	select {
	case res := <-done:
		if ctx.Err() != nil && res.ent.Status == schema.StatusFailed {
			return res.ent, nil, false // stopped by the interruption
		}
		return res.ent, res.head, true
	case <-time.After(s.Timeout + 10*time.Second):
		ent := p.r.entryFor(it)
		ent.Status, ent.Reason = schema.StatusFailed, fmt.Sprintf("timed out after %s (abandoned)", s.Timeout)
		return ent, nil, true
	case <-ctx.Done():
		return schema.ManifestEntry{}, nil, false
	}
}

// status judges a converted document.
func status(d *schema.Document) (string, string) {
	src := d.Sources[0]
	content := len(d.Tables) > 0 || len(d.Projects) > 0 || len(d.Evaluations) > 0
	switch {
	case src.Verdict == "error":
		reason := "no page could be read"
		if src.Salvaged {
			reason = "damaged file (it ends early or its cross-reference is broken): no page could be read from what is left"
		}
		if len(src.PageErrors) > 0 {
			reason += ": " + firstLine(src.PageErrors[0].Error)
		}
		return schema.StatusFailed, reason
	case src.Verdict == "no_text_layer":
		return schema.StatusNoTextLayer, fmt.Sprintf("images only on all %d pages: needs OCR", src.Pages)
	case src.Verdict == "text_unreliable":
		return schema.StatusTextUnreliable, "too many replacement, private-use or implausible characters in the text layer"
	case !content && d.Document.Stage == "" && d.Document.Department == "" && !disclosureText(d):
		return schema.StatusNotADisclosure, "no budget table, project table, disclosure title or budget narrative found"
	case len(src.PagesNoText) > 0 || len(src.PageErrors) > 0 || src.Salvaged:
		var parts []string
		if src.Salvaged {
			parts = append(parts, "damaged file (it ends early or its cross-reference is broken): read from the objects its body still holds, what lay past the damage is lost")
		}
		if n := len(src.PagesNoText); n > 0 {
			parts = append(parts, pagesSay(src.PagesNoText, "images only (needs OCR)", "images only (need OCR)"))
		}
		if n := len(src.PageErrors); n > 0 {
			var ps []int
			for _, pe := range src.PageErrors {
				ps = append(ps, pe.Page)
			}
			parts = append(parts, pagesSay(ps, "could not be read completely: "+src.PageErrors[0].Error, "could not be read completely"))
		}
		return schema.StatusPartial, strings.Join(parts, "; ")
	case !content:
		return schema.StatusOK, "narrative only: no table found"
	}
	return schema.StatusOK, ""
}

// disclosureText reports whether a document without tables reads like the
// narrative of a disclosure: it states budget amounts, or three of its
// sections have topics of one (部门职责, 三公经费, 名词解释 …).
func disclosureText(d *schema.Document) bool {
	if len(d.Statements) > 0 {
		return true
	}
	topics := map[string]bool{}
	for _, s := range d.Narrative {
		if s.Topic != "" {
			topics[s.Topic] = true
		}
	}
	return len(topics) >= 3
}

// describeType says why content of a type is not a disclosure cnbudget
// reads.
func describeType(t string) string {
	switch t {
	case "html":
		return "an HTML page (a web page saved under a document's name?)"
	case "plaintext":
		return "plain text without TAB-separated tables: not the text form of a disclosure"
	case "office":
		return "an Office (OLE) document: convert it to PDF first"
	case "image":
		return "an image: needs OCR"
	}
	return "the content is " + t + " data, not a PDF or the text form of a disclosure"
}

func roundSeconds(d time.Duration) float64 { return float64(d.Milliseconds()) / 1000 }

func firstLines(b []byte, n int) string {
	lines := strings.Split(string(b), "\n")
	return strings.Join(lines[:min(n, len(lines))], "\n")
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}

// pagesSay says something of pages: "page 8 is …", "pages 3-5,9 are …".
func pagesSay(ps []int, one, many string) string {
	if len(ps) == 1 {
		return fmt.Sprintf("page %d: %s", ps[0], one)
	}
	return fmt.Sprintf("pages %s: %s", intRanges(ps), many)
}

// intRanges prints page numbers compactly: 3-5,9.
func intRanges(ns []int) string {
	var parts []string
	for i := 0; i < len(ns); {
		j := i
		for j+1 < len(ns) && ns[j+1] == ns[j]+1 {
			j++
		}
		if j > i {
			parts = append(parts, fmt.Sprintf("%d-%d", ns[i], ns[j]))
		} else {
			parts = append(parts, fmt.Sprint(ns[i]))
		}
		i = j + 1
	}
	return strings.Join(parts, ",")
}
