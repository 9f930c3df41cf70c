package batch

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"

	"github.com/cnbudget/cnbudget/normalize"
	"github.com/cnbudget/cnbudget/normalize/rules"
	"github.com/cnbudget/cnbudget/schema"
)

// writeGroups merges the documents of each department, year and stage
// and writes them; outputs of earlier runs that no longer belong are
// removed.
func (r *run) writeGroups() error {
	r.mu.Lock()
	entries := make(map[string]schema.ManifestEntry, len(r.entries))
	for k, v := range r.entries {
		entries[k] = v
	}
	r.mu.Unlock()
	outputs, err := groupOutputs(r.opt.Out, entries, r.heads, r.opt.Rules, r.opt.Compact)
	if err != nil {
		return err
	}
	r.mu.Lock()
	for k, v := range outputs {
		e := r.entries[k]
		e.Output = v
		r.entries[k] = e
	}
	r.mu.Unlock()
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
// name, the file its document went into (duplicates included). Only the
// sources and metadata of each document are held at once (kept from the
// conversion, else read back); the documents of a group of several files
// are read when it is merged.
func groupOutputs(dir string, entries map[string]schema.ManifestEntry, heads map[string]docHead, r *rules.Rules, compact bool) (map[string]string, error) {
	var docs []*schema.Document
	byDoc := map[*schema.Document]string{}
	names := sortedKeys(entries)
	for _, k := range names {
		ent := entries[k]
		if !groupable(ent) {
			continue
		}
		h, ok := heads[ent.File]
		if !ok {
			var err error
			if h, err = readHead(filepath.Join(dir, ent.File)); err != nil {
				return nil, fmt.Errorf("%s: %w", ent.File, err)
			}
		}
		d := &schema.Document{Sources: h.Sources, Document: h.Document}
		docs = append(docs, d)
		byDoc[d] = k
	}
	out := map[string]string{}
	written := map[string]bool{}
	groups := normalize.Group(docs)
	// Groups of several files are read and merged in parallel, and
	// written in order (names are given in order, so the same inputs
	// always give the same files); at most a few merged groups wait.
	merged := make([]chan mergedGroup, len(groups))
	for i := range merged {
		merged[i] = make(chan mergedGroup, 1)
	}
	procs := runtime.GOMAXPROCS(0)
	window := make(chan struct{}, 2*procs)
	stop := make(chan struct{})
	defer close(stop)
	go func() {
		for i, g := range groups {
			select {
			case window <- struct{}{}:
			case <-stop:
				return
			}
			go func() {
				if len(g) == 1 {
					merged[i] <- mergedGroup{}
					return
				}
				merged[i] <- mergeGroup(dir, g, entries, byDoc, r, compact)
			}()
		}
	}()
	for i, g := range groups {
		mg := <-merged[i]
		<-window
		if mg.err != nil {
			return nil, mg.err
		}
		data, m := mg.data, mg.doc
		single := ""
		if len(g) == 1 {
			// A department-year of one file is that file's document.
			single, m = filepath.Join(dir, entries[byDoc[g[0]]].File), g[0]
		}
		name := GroupFileName(m)
		if written[name] {
			name = strings.TrimSuffix(name, ".json") + "_" + g[0].Sources[0].SHA256[:8] + ".json"
		}
		written[name] = true
		if single != "" {
			if err := linkOrCopy(single, filepath.Join(dir, name)); err != nil {
				return nil, err
			}
		} else if err := WriteFileAtomic(filepath.Join(dir, name), data); err != nil {
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
		if base := filepath.Base(p); !written[base] && IsGroupFile(base) {
			os.Remove(p)
		}
	}
	return out, nil
}

// mergedGroup is a group of several files merged: its document and JSON.
type mergedGroup struct {
	doc  *schema.Document
	data []byte
	err  error
}

// mergeGroup reads the documents of a group and merges them.
func mergeGroup(dir string, g []*schema.Document, entries map[string]schema.ManifestEntry, byDoc map[*schema.Document]string, r *rules.Rules, compact bool) mergedGroup {
	full := make([]*schema.Document, len(g))
	seen := map[string]bool{} // text fingerprints of the files before
	for i, d := range g {
		if len(d.Sources) == 1 && d.Sources[0].Fingerprint != "" && seen[d.Sources[0].Fingerprint] {
			// A copy of a file before (the same text): Merge takes only
			// its source, which its head holds; it is not read.
			full[i] = d
			continue
		}
		for _, src := range d.Sources {
			seen[src.Fingerprint] = true
		}
		file := entries[byDoc[d]].File
		raw, err := os.ReadFile(filepath.Join(dir, file))
		if err != nil {
			return mergedGroup{err: err}
		}
		full[i] = &schema.Document{}
		if err := json.Unmarshal(raw, full[i]); err != nil {
			return mergedGroup{err: fmt.Errorf("%s: %w", file, err)}
		}
	}
	m := normalize.Merge(full, r)
	var buf bytes.Buffer
	if err := WriteJSON(&buf, m, compact); err != nil {
		return mergedGroup{err: err}
	}
	return mergedGroup{doc: m, data: buf.Bytes()}
}

// GroupFileName names a department document in ASCII:
// YEAR_STAGE_SCOPE_CODE_HASH.json, HASH from the department's name (the
// name itself is inside), or from the content for a document that names
// no department.
func GroupFileName(d *schema.Document) string {
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

// IsGroupFile reports whether a file name is one GroupFileName makes.
func IsGroupFile(name string) bool {
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

// Merge combines the output folders of sharded runs into out: the
// per-file documents copied, the documents grouped by department, year
// and stage again (files of one department may have landed in different
// shards) and one manifest of all inputs written. It returns the number
// of inputs.
func Merge(out string, dirs []string, r *rules.Rules, compact bool) (int, error) {
	if err := os.MkdirAll(filepath.Join(out, "files"), 0o755); err != nil {
		return 0, err
	}
	unlock, err := lockDir(out)
	if err != nil {
		return 0, err
	}
	defer unlock()
	entries := map[string]schema.ManifestEntry{}
	for _, dir := range dirs {
		m := ReadManifest(filepath.Join(dir, "manifest.jsonl"))
		if len(m) == 0 {
			return 0, fmt.Errorf("%s: no manifest.jsonl (not a convert output folder?)", dir)
		}
		keys := sortedKeys(m)
		sort.Strings(keys)
		for _, k := range keys {
			ent := m[k]
			if _, dup := entries[k]; dup {
				continue // the first folder's record wins
			}
			if ent.File != "" {
				dst := filepath.Join(out, ent.File)
				if _, err := os.Stat(dst); err != nil {
					data, err := os.ReadFile(filepath.Join(dir, ent.File))
					if err != nil {
						return 0, fmt.Errorf("%s: %w", dir, err)
					}
					if err := WriteFileAtomic(dst, data); err != nil {
						return 0, err
					}
				}
			}
			ent.Output = ""
			entries[k] = ent
		}
	}
	outputs, err := groupOutputs(out, entries, nil, r, compact)
	if err != nil {
		return 0, err
	}
	for k, v := range outputs {
		ent := entries[k]
		ent.Output = v
		entries[k] = ent
	}
	return len(entries), WriteManifest(filepath.Join(out, "manifest.jsonl"), entries)
}

// readHead reads the sources and metadata of a document file, which come
// before its tables: the rest of the file is not read (merging shards of
// thousands of documents reads each one's head only).
func readHead(path string) (docHead, error) {
	var h docHead
	f, err := os.Open(path)
	if err != nil {
		return h, err
	}
	defer f.Close()
	dec := json.NewDecoder(bufio.NewReaderSize(f, 64<<10))
	bad := func(err error) (docHead, error) {
		return docHead{}, fmt.Errorf("not a cnbudget document: %v", err)
	}
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return bad(err)
	}
	var sources, meta bool
	for dec.More() && !(sources && meta) {
		t, err := dec.Token()
		if err != nil {
			return bad(err)
		}
		switch t {
		case "sources":
			err, sources = dec.Decode(&h.Sources), true
		case "document":
			err, meta = dec.Decode(&h.Document), true
		default:
			var skip json.RawMessage
			err = dec.Decode(&skip)
		}
		if err != nil {
			return bad(err)
		}
	}
	if len(h.Sources) == 0 {
		return bad(errors.New("no sources"))
	}
	return h, nil
}
