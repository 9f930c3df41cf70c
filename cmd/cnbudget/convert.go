package main

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"runtime/debug"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/cnbudget/cnbudget/extract"
	"github.com/cnbudget/cnbudget/extract/inputs"
	"github.com/cnbudget/cnbudget/normalize"
	"github.com/cnbudget/cnbudget/schema"
)

func cmdConvert() *command {
	return &command{
		name:  "convert",
		args:  "INPUT...",
		short: "convert files, folders and archives of disclosures into one JSON file per department and year",
		long: `Reads every INPUT — files, folders (searched recursively), zip and tar(.gz)
archives (read in place; member names in GBK or UTF-8) — and runs the three
stages on each document, in parallel. Identical documents (same SHA-256) are
converted once. Writes into DIR:

  files/SHA256.json    the document of each input file alone
  YEAR_STAGE_SCOPE_CODE_HASH.json
                       one document per department, year and stage: the
                       files published for it merged (tables and narrative
                       apart, copies), checks run over the whole
  manifest.jsonl       one line per input: status (ok, partial,
                       no_text_layer, text_unreliable, not_a_disclosure,
                       failed, skipped), reason, tables, failed checks,
                       pages, seconds, output

Outputs are written under a temporary name and renamed. --resume skips the
inputs the manifest already records for this tool version, so a run killed
at any moment and resumed ends with the same outputs as one that was not.
Ctrl-C stops after the files in flight. The exit code is 1 when an input
failed, 130 when interrupted.`,
		example: `  cnbudget convert samples -o out
  cnbudget convert archive.zip downloads/ -o out -j 8 --log run.jsonl
  cnbudget convert corpus/ -o out --shard $SLURM_ARRAY_TASK_ID/16 --resume`,
		setup: func(fs *flag.FlagSet, o *opts) {
			passwordFlag(fs, o)
			fs.StringVar(&o.outDir, "o", "", "output `DIR` (required)")
			fs.IntVar(&o.jobs, "j", 0, "parallel workers (default: number of CPUs; env CNBUDGET_JOBS)")
			fs.BoolVar(&o.compact, "compact", false, "write JSON on one line")
			fs.BoolVar(&o.resume, "resume", false, "skip inputs already recorded in DIR/manifest.jsonl by this version")
			fs.StringVar(&o.shard, "shard", "", "take only share `I/N` of the inputs, by SHA-256 (I from 0 to N-1)")
			fs.StringVar(&o.logFile, "log", "", "write a structured (JSON lines) log to `FILE`")
			fs.StringVar(&o.timeout, "timeout", "", "give up on one input after this `duration` (default from config.yaml: 2m)")
			fs.BoolVar(&o.quiet, "q", false, "no progress output")
		},
		run: runConvert,
	}
}

// batch is one run of convert.
type batch struct {
	e       *env
	out     string
	lim     inputs.Limits
	jobs    int
	timeout time.Duration
	log     *slog.Logger

	mu      sync.Mutex
	journal *os.File
	entries map[string]schema.ManifestEntry // by item name
	// heads are the sources and metadata of the documents converted in
	// this run, by file, so that grouping need not read them back.
	heads map[string]docHead
}

// docHead is what grouping needs of a document.
type docHead struct {
	Sources  []schema.Source `json:"sources"`
	Document schema.Meta     `json:"document"`
}

func runConvert(ctx context.Context, e *env, args []string) error {
	if len(args) == 0 {
		return usageError("convert needs at least one INPUT")
	}
	if e.o.outDir == "" {
		return usageError("convert needs -o DIR")
	}
	shardI, shardN, err := parseShard(e.o.shard)
	if err != nil {
		return usageError(err.Error())
	}
	// A batch allocates a lot and keeps little: collecting garbage half as
	// often makes -j2 1.7 times as fast as -j1 instead of 1.5 on two
	// cores, for some 40 MB more (GOGC, when set, wins).
	if os.Getenv("GOGC") == "" {
		defer debug.SetGCPercent(debug.SetGCPercent(200))
	}
	b := &batch{
		e:       e,
		out:     e.o.outDir,
		lim:     inputs.Limits{MaxBytes: int64(max(e.cfg.maxFileMB, 1)) << 20},
		jobs:    e.cfg.jobs,
		timeout: e.cfg.timeout,
		entries: map[string]schema.ManifestEntry{},
		heads:   map[string]docHead{},
		log:     slog.New(slog.NewJSONHandler(io.Discard, nil)),
	}
	if e.o.logFile != "" {
		f, err := os.OpenFile(e.o.logFile, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
		if err != nil {
			return err
		}
		defer f.Close()
		b.log = slog.New(slog.NewJSONHandler(f, nil))
	}
	if _, err := e.cfg.rules(); err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Join(b.out, "files"), 0o755); err != nil {
		return err
	}
	// Temporary files of a run that was killed while writing.
	for _, pat := range []string{".tmp-*", "files/.tmp-*"} {
		old, _ := filepath.Glob(filepath.Join(b.out, pat))
		for _, p := range old {
			os.Remove(p)
		}
	}

	prog := newProgress(e.stderr, e.o.quiet)
	prog.note("scanning inputs …")
	items, err := inputs.List(args, b.lim)
	if err != nil {
		return err
	}
	if shardN > 1 {
		items = shardItems(items, shardI, shardN)
	}
	b.log.Info("start", "inputs", len(items), "jobs", b.jobs, "shard", e.o.shard, "version", version)

	// Earlier records: kept with --resume, else started afresh.
	previous := map[string]schema.ManifestEntry{}
	if e.o.resume {
		previous = readManifest(filepath.Join(b.out, "manifest.jsonl"))
	}
	journal, err := os.OpenFile(filepath.Join(b.out, "manifest.jsonl"), os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return err
	}
	if !e.o.resume {
		if err := journal.Truncate(0); err != nil {
			return err
		}
	}
	b.journal = journal
	defer journal.Close()

	// One work item per content; the other inputs with that content are
	// its duplicates.
	var work []inputs.Item
	first := map[string]string{}
	var dups []inputs.Item
	for _, it := range items {
		switch {
		case it.Err != nil || it.SHA256 == "":
			b.record(b.refused(it))
		case first[it.SHA256] != "":
			dups = append(dups, it)
		default:
			first[it.SHA256] = it.Name()
			if p, ok := previous[it.Name()]; ok && p.SHA256 == it.SHA256 && p.ToolVersion == version && b.hasFile(p) {
				b.remember(p)
				continue
			}
			work = append(work, it)
		}
	}
	if skipped := len(b.entries); e.o.resume && skipped > 0 {
		prog.note(fmt.Sprintf("resuming: %d inputs already done", skipped))
	}

	// Largest first: the workers finish together instead of one of them
	// ending the run alone on a long file. The order of work never shows
	// in the outputs.
	sort.SliceStable(work, func(i, j int) bool { return work[i].Size > work[j].Size })
	prog.start(len(work))
	interrupted := b.runPool(ctx, work, prog)
	prog.finish()

	// Duplicates take the record of the input processed in their place.
	for _, it := range dups {
		src, ok := b.entry(first[it.SHA256])
		if !ok {
			continue // its twin was not reached (interrupted)
		}
		d := src
		d.Path, d.Member, d.DuplicateOf, d.Seconds = it.Path, it.Member, first[it.SHA256], 0
		b.record(d)
	}
	if interrupted {
		if err := b.writeManifest(); err != nil {
			return err
		}
		return exitError{code: 130, msg: fmt.Sprintf("interrupted: %d of %d inputs done; run again with --resume to go on", len(b.entries), len(items))}
	}
	if err := b.writeGroups(); err != nil {
		return err
	}
	if err := b.writeManifest(); err != nil {
		return err
	}
	return b.summary(len(items))
}

// parseShard reads "I/N".
func parseShard(s string) (int, int, error) {
	if s == "" {
		return 0, 1, nil
	}
	a, c, ok := strings.Cut(s, "/")
	i, err1 := strconv.Atoi(a)
	n, err2 := strconv.Atoi(c)
	if !ok || err1 != nil || err2 != nil || n < 1 || i < 0 || i >= n {
		return 0, 0, fmt.Errorf("--shard %q: want I/N with 0 <= I < N", s)
	}
	return i, n, nil
}

// shardItems keeps the items of share i of n: by content hash, so that
// every shard sees all copies of a document; unreadable items by name.
func shardItems(items []inputs.Item, i, n int) []inputs.Item {
	var out []inputs.Item
	for _, it := range items {
		key := it.SHA256
		if key == "" {
			h := sha256.Sum256([]byte(it.Name()))
			key = hex.EncodeToString(h[:])
		}
		raw, _ := hex.DecodeString(key[:16])
		if binary.BigEndian.Uint64(raw)%uint64(n) == uint64(i) {
			out = append(out, it)
		}
	}
	return out
}

// runPool converts the work items with the configured number of workers.
// It reports whether ctx was cancelled before all were done.
func (b *batch) runPool(ctx context.Context, work []inputs.Item, prog *progress) bool {
	jobs := make(chan inputs.Item)
	var wg sync.WaitGroup
	for w := 0; w < max(b.jobs, 1); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for it := range jobs {
				ent := b.convertItem(it)
				b.record(ent)
				prog.done(ent)
				b.log.Info("done", "input", it.Name(), "status", ent.Status, "reason", ent.Reason,
					"pages", ent.Pages, "tables", ent.Tables, "checks_failed", ent.ChecksFailed, "seconds", ent.Seconds)
			}
		}()
	}
	interrupted := false
	for _, it := range work {
		select {
		case <-ctx.Done():
			interrupted = true
		case jobs <- it:
			continue
		}
		break
	}
	close(jobs)
	wg.Wait()
	return interrupted
}

// convertItem runs the three stages on one input within the time limit,
// and writes its document to files/.
func (b *batch) convertItem(it inputs.Item) (ent schema.ManifestEntry) {
	start := time.Now()
	ent = schema.ManifestEntry{Path: it.Path, Member: it.Member, SHA256: it.SHA256, Type: it.Type, ToolVersion: version}
	defer func() { ent.Seconds = roundSeconds(time.Since(start)) }()
	switch it.Type {
	case "pdf", "text":
	case "empty":
		ent.Status, ent.Reason = schema.StatusFailed, "empty file (a broken download?)"
		return ent
	default:
		ent.Status, ent.Reason = schema.StatusNotADisclosure, describeType(it.Type)
		return ent
	}
	data, err := inputs.Read(it, b.lim)
	if err != nil {
		ent.Status, ent.Reason = schema.StatusFailed, err.Error()
		return ent
	}
	ctx, cancel := context.WithTimeout(context.Background(), b.timeout)
	defer cancel()
	type result struct {
		doc *schema.Document
		err error
	}
	done := make(chan result, 1)
	go func() {
		defer func() {
			if x := recover(); x != nil {
				done <- result{err: fmt.Errorf("internal error: %v\n%s", x, firstLines(debug.Stack(), 8))}
			}
		}()
		d, err := b.convertData(ctx, it, data)
		done <- result{d, err}
	}()
	var res result
	select {
	case res = <-done:
	case <-time.After(b.timeout + 10*time.Second):
		// The stages did not notice the deadline (a loop in the PDF
		// object layer): the file is abandoned, the batch goes on.
		ent.Status, ent.Reason = schema.StatusFailed, fmt.Sprintf("timed out after %s (abandoned)", b.timeout)
		return ent
	}
	if res.err != nil {
		ent.Status, ent.Reason = schema.StatusFailed, res.err.Error()
		if errors.Is(res.err, context.DeadlineExceeded) {
			ent.Reason = fmt.Sprintf("timed out after %s", b.timeout)
		}
		return ent
	}
	d := res.doc
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
	var buf bytes.Buffer
	if err := writeJSON(&buf, d, b.e.o.compact); err != nil {
		ent.Status, ent.Reason = schema.StatusFailed, err.Error()
		return ent
	}
	ent.File = filepath.ToSlash(filepath.Join("files", it.SHA256+".json"))
	if err := writeFileAtomic(filepath.Join(b.out, ent.File), buf.Bytes()); err != nil {
		ent.Status, ent.Reason, ent.File = schema.StatusFailed, err.Error(), ""
		return ent
	}
	b.mu.Lock()
	b.heads[ent.File] = docHead{Sources: d.Sources, Document: d.Document}
	b.mu.Unlock()
	return ent
}

// convertData runs the stages on an input's content.
func (b *batch) convertData(ctx context.Context, it inputs.Item, data []byte) (*schema.Document, error) {
	doc, err := extract.ReadContext(ctx, it.Name(), data, b.e.extractOptions())
	if err != nil {
		return nil, err
	}
	d, err := b.e.normalize(doc)
	if err != nil {
		return nil, err
	}
	d.Sources[0].File, d.Sources[0].Member = it.Path, it.Member
	return d, nil
}

// status judges a converted document.
func status(d *schema.Document) (string, string) {
	src := d.Sources[0]
	content := len(d.Tables) > 0 || len(d.Projects) > 0
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

// refused is the record of an input that cannot be used.
func (b *batch) refused(it inputs.Item) schema.ManifestEntry {
	ent := schema.ManifestEntry{Path: it.Path, Member: it.Member, SHA256: it.SHA256, Type: it.Type, ToolVersion: version,
		Status: schema.StatusFailed}
	if it.Err != nil {
		ent.Reason = it.Err.Error()
	}
	if errors.Is(it.Err, inputs.ErrUnsafePath) || errors.Is(it.Err, inputs.ErrNotDocumentName) || strings.Contains(ent.Reason, "link in the archive") {
		ent.Status = schema.StatusSkipped
	}
	return ent
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

func roundSeconds(d time.Duration) float64 {
	return float64(d.Milliseconds()) / 1000
}

func firstLines(b []byte, n int) string {
	lines := strings.Split(string(b), "\n")
	return strings.Join(lines[:min(n, len(lines))], "\n")
}

// record keeps an entry and appends it to the journal, one line, flushed:
// a record in the journal means its file is complete.
func (b *batch) record(ent schema.ManifestEntry) {
	line, _ := json.Marshal(ent)
	b.mu.Lock()
	defer b.mu.Unlock()
	b.entries[itemName(ent)] = ent
	b.journal.Write(append(line, '\n'))
}

// remember keeps an earlier entry without writing it again.
func (b *batch) remember(ent schema.ManifestEntry) {
	b.mu.Lock()
	b.entries[itemName(ent)] = ent
	b.mu.Unlock()
}

func (b *batch) entry(name string) (schema.ManifestEntry, bool) {
	b.mu.Lock()
	defer b.mu.Unlock()
	e, ok := b.entries[name]
	return e, ok
}

func itemName(e schema.ManifestEntry) string {
	return inputs.Item{Path: e.Path, Member: e.Member}.Name()
}

// hasFile reports whether the document an entry points to is there.
func (b *batch) hasFile(e schema.ManifestEntry) bool {
	if e.File == "" {
		return true
	}
	// Outputs are renamed into place without fsync: a file that a power
	// failure left empty is converted again.
	fi, err := os.Stat(filepath.Join(b.out, e.File))
	return err == nil && fi.Size() > 0
}

// readManifest reads the entries of a manifest; a line cut by a crash is
// ignored.
func readManifest(path string) map[string]schema.ManifestEntry {
	out := map[string]schema.ManifestEntry{}
	f, err := os.Open(path)
	if err != nil {
		return out
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		var e schema.ManifestEntry
		if json.Unmarshal(sc.Bytes(), &e) == nil && e.Path != "" {
			out[itemName(e)] = e
		}
	}
	return out
}

// writeManifest rewrites the manifest in input order, one entry per input.
func (b *batch) writeManifest() error {
	b.mu.Lock()
	defer b.mu.Unlock()
	return writeManifestFile(filepath.Join(b.out, "manifest.jsonl"), b.entries)
}

func writeManifestFile(path string, entries map[string]schema.ManifestEntry) error {
	var list []schema.ManifestEntry
	for _, e := range entries {
		list = append(list, e)
	}
	sort.Slice(list, func(i, j int) bool {
		if list[i].Path != list[j].Path {
			return list[i].Path < list[j].Path
		}
		return list[i].Member < list[j].Member
	})
	var buf bytes.Buffer
	for _, e := range list {
		line, err := json.Marshal(e)
		if err != nil {
			return err
		}
		buf.Write(line)
		buf.WriteByte('\n')
	}
	return writeFileAtomic(path, buf.Bytes())
}

// writeGroups merges the documents of each department, year and stage
// and writes them; outputs of earlier runs that no longer belong are
// removed.
func (b *batch) writeGroups() error {
	b.mu.Lock()
	entries := make(map[string]schema.ManifestEntry, len(b.entries))
	for k, v := range b.entries {
		entries[k] = v
	}
	b.mu.Unlock()
	outputs, err := groupOutputs(b.out, entries, b.heads, b.e)
	if err != nil {
		return err
	}
	b.mu.Lock()
	for k, v := range outputs {
		e := b.entries[k]
		e.Output = v
		b.entries[k] = e
	}
	b.mu.Unlock()
	return nil
}

// groupable reports whether an entry's document goes into a department
// document.
func groupable(e schema.ManifestEntry) bool {
	switch e.Status {
	case schema.StatusOK, schema.StatusPartial, schema.StatusTextUnreliable:
		return e.File != "" && e.DuplicateOf == ""
	}
	return false
}

// groupOutputs reads the per-file documents of the entries, groups and
// merges them, writes one file per group into dir and returns, per entry
// name, the file its document went into (duplicates included).
func groupOutputs(dir string, entries map[string]schema.ManifestEntry, heads map[string]docHead, e *env) (map[string]string, error) {
	r, err := e.cfg.rules()
	if err != nil {
		return nil, err
	}
	// The grouping needs only the sources and metadata of each document
	// (kept from the conversion, else read back); the rest is read for the
	// groups of several files alone.
	var docs []*schema.Document
	byDoc := map[*schema.Document]string{}
	var names []string
	for k := range entries {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, k := range names {
		ent := entries[k]
		if !groupable(ent) {
			continue
		}
		h, ok := heads[ent.File]
		if !ok {
			data, err := os.ReadFile(filepath.Join(dir, ent.File))
			if err != nil {
				return nil, fmt.Errorf("%s: %w", ent.File, err)
			}
			if err := json.Unmarshal(data, &h); err != nil || len(h.Sources) == 0 {
				return nil, fmt.Errorf("%s: not a cnbudget document: %v", ent.File, err)
			}
		}
		d := &schema.Document{Sources: h.Sources, Document: h.Document}
		docs = append(docs, d)
		byDoc[d] = k
	}
	out := map[string]string{}
	written := map[string]bool{}
	for _, g := range normalize.Group(docs) {
		var data []byte
		var m *schema.Document
		single := ""
		if len(g) == 1 {
			// A department-year of one file is that file's document.
			single, m = filepath.Join(dir, entries[byDoc[g[0]]].File), g[0]
		} else {
			full := make([]*schema.Document, len(g))
			for i, d := range g {
				raw, err := os.ReadFile(filepath.Join(dir, entries[byDoc[d]].File))
				if err != nil {
					return nil, err
				}
				full[i] = &schema.Document{}
				if err := json.Unmarshal(raw, full[i]); err != nil {
					return nil, fmt.Errorf("%s: %w", entries[byDoc[d]].File, err)
				}
			}
			m = normalize.Merge(full, r)
			var buf bytes.Buffer
			if err := writeJSON(&buf, m, e.o.compact); err != nil {
				return nil, err
			}
			data = buf.Bytes()
		}
		name := groupFileName(m)
		if written[name] {
			name = strings.TrimSuffix(name, ".json") + "_" + g[0].Sources[0].SHA256[:8] + ".json"
		}
		written[name] = true
		if single != "" {
			if err := linkOrCopy(single, filepath.Join(dir, name)); err != nil {
				return nil, err
			}
		} else if err := writeFileAtomic(filepath.Join(dir, name), data); err != nil {
			return nil, err
		}
		for _, d := range g {
			out[byDoc[d]] = name
		}
	}
	// Duplicates went where their twin went.
	for k, ent := range entries {
		if ent.DuplicateOf != "" {
			if o, ok := out[ent.DuplicateOf]; ok {
				out[k] = o
			}
		}
	}
	// Department files of earlier runs that this one did not write.
	old, _ := filepath.Glob(filepath.Join(dir, "*.json"))
	for _, p := range old {
		if base := filepath.Base(p); !written[base] && groupFilePattern(base) {
			os.Remove(p)
		}
	}
	return out, nil
}

// linkOrCopy puts the file src at dst: a hard link (the per-file document
// and the department document of a single file are the same bytes), else a
// copy, both replacing dst atomically.
func linkOrCopy(src, dst string) error {
	tmp := filepath.Join(filepath.Dir(dst), ".tmp-"+filepath.Base(dst)+"-link")
	os.Remove(tmp)
	if err := os.Link(src, tmp); err == nil {
		err := os.Rename(tmp, dst)
		// Renaming a link onto another link of the same file does nothing
		// and leaves the temporary name behind.
		os.Remove(tmp)
		return err
	}
	data, err := os.ReadFile(src)
	if err != nil {
		return err
	}
	return writeFileAtomic(dst, data)
}

// groupFileName names a department document in ASCII:
// YEAR_STAGE_SCOPE_CODE_HASH.json, HASH from the department's name (the
// name itself is inside), or from the content for a document that names
// no department.
func groupFileName(d *schema.Document) string {
	m := d.Document
	year := "0000"
	if m.Year > 0 {
		year = fmt.Sprint(m.Year)
	}
	stage := m.Stage
	if stage == "" {
		stage = "unknown"
	}
	scope := m.Scope
	if scope == "" {
		scope = "any"
	}
	code := asciiSlug(m.DepartmentCode)
	if code == "" {
		code = "x"
	}
	var h [32]byte
	if key := normalize.DepartmentKey(m.Department); key != "" && m.Year > 0 {
		h = sha256.Sum256([]byte(key))
	} else {
		h = sha256.Sum256([]byte(d.Sources[0].SHA256))
		code = "doc"
	}
	return fmt.Sprintf("%s_%s_%s_%s_%s.json", year, stage, scope, code, hex.EncodeToString(h[:5]))
}

// groupFilePattern reports whether a file name is one groupFileName makes.
func groupFilePattern(name string) bool {
	parts := strings.Split(strings.TrimSuffix(name, ".json"), "_")
	return strings.HasSuffix(name, ".json") && len(parts) >= 5 && len(parts[0]) == 4
}

func asciiSlug(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9', r == '-':
			b.WriteRune(r)
		case r >= 'A' && r <= 'Z':
			b.WriteRune(r + 'a' - 'A')
		}
	}
	return b.String()
}

// summary prints the count of every status and returns the exit error.
func (b *batch) summary(inputsSeen int) error {
	b.mu.Lock()
	counts := map[string]int{}
	for _, e := range b.entries {
		counts[e.Status]++
	}
	n := len(b.entries)
	b.mu.Unlock()
	var parts []string
	for _, s := range []string{schema.StatusOK, schema.StatusPartial, schema.StatusNoTextLayer, schema.StatusTextUnreliable,
		schema.StatusNotADisclosure, schema.StatusFailed, schema.StatusSkipped} {
		if counts[s] > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", counts[s], s))
		}
	}
	fmt.Fprintf(b.e.stderr, "%d inputs: %s; manifest in %s\n", n, strings.Join(parts, ", "), filepath.Join(b.out, "manifest.jsonl"))
	b.log.Info("end", "inputs", n, "counts", counts)
	if n != inputsSeen {
		return exitError{code: 1, msg: fmt.Sprintf("internal error: %d inputs but %d records", inputsSeen, n)}
	}
	if counts[schema.StatusFailed] > 0 {
		return exitError{code: 1, msg: fmt.Sprintf("%d inputs failed (see the manifest)", counts[schema.StatusFailed])}
	}
	return nil
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
			parts = append(parts, strconv.Itoa(ns[i]))
		}
		i = j + 1
	}
	return strings.Join(parts, ",")
}

// writeFileAtomic writes data to a temporary file beside path and renames
// it into place, so that path is either absent or complete.
func writeFileAtomic(path string, data []byte) error {
	dir := filepath.Dir(path)
	f, err := os.CreateTemp(dir, ".tmp-"+filepath.Base(path)+"-*")
	if err != nil {
		return err
	}
	tmp := f.Name()
	if err := f.Chmod(0o644); err != nil {
		f.Close()
		os.Remove(tmp)
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		os.Remove(tmp)
		return err
	}
	if err := f.Close(); err != nil {
		os.Remove(tmp)
		return err
	}
	return os.Rename(tmp, path)
}
