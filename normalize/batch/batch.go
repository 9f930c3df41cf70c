// Package batch converts archives of disclosures: many inputs in one run.
//
// In: paths (files, folders, zip and tar archives) and Options. Out, in the
// output folder: files/SHA256.json, the document of each input alone; one
// document per department, year and stage, the files published for it
// merged; and manifest.jsonl, one record per input whatever became of it
// (converted, partial, refused, failed with the reason).
//
// Each input is converted in a worker process (Options.Worker starts one:
// the same program in its worker mode, see ServeWorker) with a memory
// ceiling and a deadline: a file that exhausts memory or the stack, or
// hangs, takes down its worker alone, which is recorded as failed with the
// reason and replaced; the run goes on. Workers start while the inputs
// are listed and a file of its own is read by the worker itself (only
// members of archives are sent to it). Without Options.Worker inputs are
// converted in process (tests, embedding), where only a Go panic is caught.
//
// A run writes a journal as it goes (a line in the manifest per input,
// each output renamed into place complete), so that a run killed at any
// moment and resumed (Options.Resume) ends with the outputs of one that
// was not. The output folder is locked while a run writes into it.
package batch

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/cnbudget/cnbudget/extract"
	"github.com/cnbudget/cnbudget/extract/inputs"
	"github.com/cnbudget/cnbudget/normalize"
	"github.com/cnbudget/cnbudget/normalize/rules"
	"github.com/cnbudget/cnbudget/schema"
)

// Options configure a run.
type Options struct {
	// Out is the output folder.
	Out string
	// Jobs is the number of inputs converted at a time (at least 1).
	Jobs int
	// Timeout bounds the time spent on one input.
	Timeout time.Duration
	// Limits guard against hostile inputs (file size, archive nesting).
	Limits  inputs.Limits
	Extract extract.Options
	Rules   *rules.Rules
	// Normalize holds the tool version and the reference code list.
	Normalize normalize.Options
	// Compact writes JSON on one line.
	Compact bool
	// Resume keeps the inputs the manifest already records for this tool
	// version (and retries those that failed for a passing reason, as a
	// full disk); RetryCrashed retries too those that stopped a worker.
	Resume, RetryCrashed bool
	// ShardI of ShardN: take only that share of the inputs (by content).
	ShardI, ShardN int
	// Log receives a structured record of the run (nil: none).
	Log *slog.Logger
	// Progress is told of the run's course (nil: nothing shown).
	Progress Progress
	// Worker starts a worker process (nil: convert in process).
	Worker func() *exec.Cmd
	// WorkerMemory is a worker's memory ceiling in bytes (0: 1 GiB).
	WorkerMemory int64
}

// Progress is told of a run's course.
type Progress interface {
	Note(msg string)
	Start(total int)
	Done(e schema.ManifestEntry)
	Finish()
}

// Result sums a run up.
type Result struct {
	// Inputs is the number of inputs seen, Counts the records by status.
	Inputs int
	Counts map[string]int
	// Interrupted is set when the run was stopped before the end.
	Interrupted bool
}

// ErrLocked is returned when another run writes into the output folder.
var ErrLocked = errors.New("another cnbudget run is writing into this folder")

// run is one batch run.
type run struct {
	opt  Options
	log  *slog.Logger
	prog Progress

	// early are worker processes started before the inputs are listed
	// (their start-up overlaps the listing); exiting counts the workers
	// done with, still exiting (the run waits for them before it
	// returns, not before it groups).
	early   []*proc
	exiting sync.WaitGroup

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

type nopProgress struct{}

func (nopProgress) Note(string)               {}
func (nopProgress) Start(int)                 {}
func (nopProgress) Done(schema.ManifestEntry) {}
func (nopProgress) Finish()                   {}

// Run converts the inputs at paths into opt.Out.
func Run(ctx context.Context, paths []string, opt Options) (Result, error) {
	if opt.Out == "" {
		return Result{}, errors.New("batch: no output folder")
	}
	if opt.Rules == nil {
		return Result{}, errors.New("batch: no rules")
	}
	opt.Jobs = max(opt.Jobs, 1)
	if opt.Timeout <= 0 {
		opt.Timeout = 2 * time.Minute
	}
	if opt.ShardN <= 0 {
		opt.ShardN = 1
	}
	if opt.WorkerMemory <= 0 {
		opt.WorkerMemory = 1 << 30
	}
	r := &run{opt: opt, log: opt.Log, prog: opt.Progress,
		entries: map[string]schema.ManifestEntry{}, heads: map[string]docHead{}}
	if r.log == nil {
		r.log = slog.New(slog.NewJSONHandler(io.Discard, nil))
	}
	if r.prog == nil {
		r.prog = nopProgress{}
	}
	if err := os.MkdirAll(filepath.Join(opt.Out, "files"), 0o755); err != nil {
		return Result{}, err
	}
	unlock, err := lockDir(opt.Out)
	if err != nil {
		return Result{}, err
	}
	defer unlock()
	defer r.exiting.Wait()
	if opt.Worker != nil {
		// As many as can run at once (the files of a batch are many).
		for range min(opt.Jobs, runtime.NumCPU()) {
			p := &proc{r: r}
			p.start() // an error is met again, and recorded, at the first input
			r.early = append(r.early, p)
		}
		defer r.stopEarly()
	}
	// Temporary files of a run that was killed while writing.
	for _, pat := range []string{".tmp-*", "files/.tmp-*"} {
		old, _ := filepath.Glob(filepath.Join(opt.Out, pat))
		for _, p := range old {
			os.Remove(p)
		}
	}

	r.prog.Note("scanning inputs …")
	items, err := inputs.List(paths, opt.Limits)
	if err != nil {
		return Result{}, err
	}
	if opt.ShardN > 1 {
		items = shardItems(items, opt.ShardI, opt.ShardN)
	}
	r.log.Info("start", "inputs", len(items), "jobs", opt.Jobs, "shard", fmt.Sprintf("%d/%d", opt.ShardI, opt.ShardN),
		"version", opt.Normalize.ToolVersion, "isolated", opt.Worker != nil)

	// Earlier records: kept with Resume, else started afresh.
	previous := map[string]schema.ManifestEntry{}
	if opt.Resume {
		previous = ReadManifest(filepath.Join(opt.Out, "manifest.jsonl"))
	}
	journal, err := os.OpenFile(filepath.Join(opt.Out, "manifest.jsonl"), os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return Result{}, err
	}
	if !opt.Resume {
		if err := journal.Truncate(0); err != nil {
			journal.Close()
			return Result{}, err
		}
	}
	r.journal = journal
	defer journal.Close()

	// One work item per content; the other inputs with that content are
	// its duplicates.
	var work []inputs.Item
	first := map[string]string{}
	var dups []inputs.Item
	for _, it := range items {
		switch {
		case it.Err != nil || it.SHA256 == "":
			r.record(r.refused(it))
		case first[it.SHA256] != "":
			dups = append(dups, it)
		default:
			first[it.SHA256] = it.Name()
			if p, ok := previous[it.Name()]; ok && r.keep(p, it) {
				r.remember(p)
				continue
			}
			work = append(work, it)
		}
	}
	if done := len(r.entries); opt.Resume && done > 0 {
		r.prog.Note(fmt.Sprintf("resuming: %d inputs already done", done))
	}

	r.prog.Start(len(work))
	interrupted := r.runPool(ctx, work)
	r.prog.Finish()

	// Duplicates take the record of the input processed in their place.
	for _, it := range dups {
		src, ok := r.entry(first[it.SHA256])
		if !ok {
			continue // its twin was not reached (interrupted)
		}
		d := src
		d.Path, d.Member, d.DuplicateOf, d.Seconds = it.Path, it.Member, first[it.SHA256], 0
		r.record(d)
	}
	res := Result{Inputs: len(items), Interrupted: interrupted}
	if !interrupted {
		if err := r.writeGroups(); err != nil {
			return res, err
		}
	}
	if err := r.writeManifest(); err != nil {
		return res, err
	}
	r.mu.Lock()
	res.Counts = map[string]int{}
	for _, e := range r.entries {
		res.Counts[e.Status]++
	}
	n := len(r.entries)
	r.mu.Unlock()
	r.log.Info("end", "inputs", n, "counts", res.Counts, "interrupted", interrupted)
	if !interrupted && n != len(items) {
		return res, fmt.Errorf("internal error: %d inputs but %d records", len(items), n)
	}
	return res, nil
}

// keep reports whether an earlier record of an input stands in a resumed
// run: same content, same tool version, its document still there, and not
// a failure to try again.
func (r *run) keep(p schema.ManifestEntry, it inputs.Item) bool {
	switch {
	case p.SHA256 != it.SHA256 || p.ToolVersion != r.opt.Normalize.ToolVersion || !r.hasFile(p):
		return false
	case p.Transient:
		return false // a full disk, an unwritable folder: try again
	case p.Crashed && r.opt.RetryCrashed:
		return false
	}
	return true
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

// job is one input with its content, on its way to a worker.
type job struct {
	it   inputs.Item
	data []byte
	err  error // the content could not be read
}

// runPool converts the work items with opt.Jobs workers. Files are read
// largest first (the workers then finish together); each archive is read
// once, its members handed out as they come. It reports whether ctx was
// cancelled before all were done.
func (r *run) runPool(ctx context.Context, work []inputs.Item) bool {
	jobs := make(chan job)
	var wg sync.WaitGroup
	for i := range r.opt.Jobs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var w converter = inProcess{r}
			if r.opt.Worker != nil {
				p := &proc{r: r}
				if i < len(r.early) {
					p, r.early[i] = r.early[i], nil
				}
				defer r.stopLater(p)
				w = p
			}
			// The job after the one converted is taken before it: a worker
			// reading its files itself is handed it ahead and starts on it
			// as soon as it answers, not once the run has taken the answer
			// in (on a busy machine that wait is a file's millisecond).
			j, more := <-jobs
			for more {
				next, nextOK := <-jobs
				var ahead *inputs.Item
				if nextOK && next.err == nil && readsItself(next.it, next.data) {
					ahead = &next.it
				}
				r.convertOne(ctx, w, j, ahead)
				j, more = next, nextOK
			}
		}()
	}
	interrupted := !r.produce(ctx, work, jobs)
	close(jobs)
	wg.Wait()
	return interrupted || ctx.Err() != nil
}

// convertOne converts a job with w and records it (next: see
// converter).
func (r *run) convertOne(ctx context.Context, w converter, j job, next *inputs.Item) {
	var ent schema.ManifestEntry
	var head *docHead
	if j.err != nil {
		ent = r.entryFor(j.it)
		ent.Status, ent.Reason = schema.StatusFailed, j.err.Error()
	} else {
		var ok bool
		ent, head, ok = w.convert(ctx, j.it, j.data, next)
		if !ok {
			return // interrupted: not recorded, resumed later
		}
	}
	if head != nil {
		r.mu.Lock()
		r.heads[ent.File] = *head
		r.mu.Unlock()
	}
	r.record(ent)
	r.prog.Done(ent)
	r.log.Info("done", "input", j.it.Name(), "status", ent.Status, "reason", ent.Reason,
		"pages", ent.Pages, "tables", ent.Tables, "checks_failed", ent.ChecksFailed, "seconds", ent.Seconds)
}

// stopLater ends an idle worker without waiting for it to exit: the run
// waits for that before it returns.
func (r *run) stopLater(p *proc) {
	r.exiting.Add(1)
	go func() {
		defer r.exiting.Done()
		p.stop()
	}()
}

// stopEarly ends the workers started early that no pool took.
func (r *run) stopEarly() {
	for _, p := range r.early {
		if p != nil {
			r.stopLater(p)
		}
	}
}

// produce sends the work items to jobs, with their content when it is
// read here (members of archives, or every input when converting in
// process); it returns false when ctx was cancelled first.
func (r *run) produce(ctx context.Context, work []inputs.Item, jobs chan<- job) bool {
	send := func(j job) bool {
		select {
		case jobs <- j:
			return true
		case <-ctx.Done():
			return false
		}
	}
	var files []inputs.Item
	members := map[string][]inputs.Item{} // by archive
	var archives []string
	for _, it := range work {
		if it.Member == "" {
			files = append(files, it)
			continue
		}
		if members[it.Path] == nil {
			archives = append(archives, it.Path)
		}
		members[it.Path] = append(members[it.Path], it)
	}
	sort.SliceStable(files, func(i, j int) bool { return files[i].Size > files[j].Size })
	for _, it := range files {
		j := job{it: it}
		// A worker process reads a file itself (in parallel, and the
		// run's own memory never holds it).
		if convertible(it.Type) && r.opt.Worker == nil {
			j.data, j.err = inputs.Read(it, r.opt.Limits)
		}
		if !send(j) {
			return false
		}
	}
	for _, a := range archives {
		want := map[string]inputs.Item{}
		for _, it := range members[a] {
			want[it.Member] = it
		}
		ok := true
		inputs.Visit(a, r.opt.Limits, func(m inputs.Item, data []byte) bool {
			it, wanted := want[m.Member]
			if !wanted {
				return true
			}
			delete(want, m.Member)
			j := job{it: it, err: m.Err}
			if m.Err == nil && convertible(it.Type) {
				j.data = data
			}
			ok = send(j)
			return ok
		})
		if !ok {
			return false
		}
		// Members listed before that are gone now (the archive changed).
		for _, name := range sortedKeys(want) {
			if !send(job{it: want[name], err: fmt.Errorf("%s: not found again in the archive (did it change during the run?)", want[name].Name())}) {
				return false
			}
		}
	}
	return true
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// convertible reports whether content of a type goes through the stages.
func convertible(typ string) bool { return typ == "pdf" || typ == "text" }

// entryFor starts the record of an input.
func (r *run) entryFor(it inputs.Item) schema.ManifestEntry {
	return newEntry(it, r.opt.Normalize.ToolVersion)
}

// newEntry starts the record of an input for a tool version.
func newEntry(it inputs.Item, version string) schema.ManifestEntry {
	return schema.ManifestEntry{Path: it.Path, Member: it.Member, SHA256: it.SHA256, Type: it.Type, ToolVersion: version}
}

// refused is the record of an input that cannot be used.
func (r *run) refused(it inputs.Item) schema.ManifestEntry {
	ent := r.entryFor(it)
	ent.Status = schema.StatusFailed
	if it.Err != nil {
		ent.Reason = it.Err.Error()
	}
	if errors.Is(it.Err, inputs.ErrUnsafePath) || errors.Is(it.Err, inputs.ErrNotDocumentName) || errors.Is(it.Err, inputs.ErrNotRegular) ||
		strings.Contains(ent.Reason, "link in the archive") {
		ent.Status = schema.StatusSkipped
	}
	return ent
}
