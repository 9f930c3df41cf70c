package batch

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"sort"

	"github.com/cnbudget/cnbudget/extract/inputs"
	"github.com/cnbudget/cnbudget/schema"
)

// record keeps an entry and appends it to the journal, one line, flushed:
// a record in the journal means its file is complete.
func (r *run) record(ent schema.ManifestEntry) {
	line, _ := json.Marshal(ent)
	r.mu.Lock()
	defer r.mu.Unlock()
	r.entries[ItemName(ent)] = ent
	r.journal.Write(append(line, '\n'))
}

// remember keeps an earlier entry without writing it again.
func (r *run) remember(ent schema.ManifestEntry) {
	r.mu.Lock()
	r.entries[ItemName(ent)] = ent
	r.mu.Unlock()
}

func (r *run) entry(name string) (schema.ManifestEntry, bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	e, ok := r.entries[name]
	return e, ok
}

// ItemName is the name of the input an entry records: its path, with its
// member after "!/".
func ItemName(e schema.ManifestEntry) string {
	return inputs.Item{Path: e.Path, Member: e.Member}.Name()
}

// hasFile reports whether the document an entry points to is there.
func (r *run) hasFile(e schema.ManifestEntry) bool {
	if e.File == "" {
		return true
	}
	// Outputs are renamed into place without fsync: a file that a power
	// failure left empty is converted again.
	fi, err := os.Stat(filepath.Join(r.opt.Out, e.File))
	return err == nil && fi.Size() > 0
}

// ReadManifest reads the entries of a manifest by input name; a line cut
// by a crash is ignored, a missing manifest is empty.
func ReadManifest(path string) map[string]schema.ManifestEntry {
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
			out[ItemName(e)] = e
		}
	}
	return out
}

// writeManifest rewrites the manifest in input order, one entry per input.
func (r *run) writeManifest() error {
	r.mu.Lock()
	defer r.mu.Unlock()
	return WriteManifest(filepath.Join(r.opt.Out, "manifest.jsonl"), r.entries)
}

// WriteManifest writes entries as a manifest, in input order, replacing
// the file at path atomically.
func WriteManifest(path string, entries map[string]schema.ManifestEntry) error {
	list := make([]schema.ManifestEntry, 0, len(entries))
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
	return WriteFileAtomic(path, buf.Bytes())
}
