package batch_test

import (
	"bytes"
	"context"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/cnbudget/cnbudget"
	"github.com/cnbudget/cnbudget/normalize"
	"github.com/cnbudget/cnbudget/normalize/batch"
	"github.com/cnbudget/cnbudget/normalize/rules"
	"github.com/cnbudget/cnbudget/schema"
)

const (
	workerArg = "__batch_test_worker"
	// dyingArg makes the test binary a worker that answers every input
	// without converting it, but dies on one whose path says "die".
	dyingArg = "__batch_test_dying_worker"
)

// TestMain lets the test binary serve as the workers of the runs it
// starts.
func TestMain(m *testing.M) {
	if len(os.Args) > 1 && os.Args[1] == workerArg {
		r, err := rules.Parse(cnbudget.DefaultConfig())
		if err != nil {
			panic(err)
		}
		if err := batch.ServeWorker(context.Background(), os.Stdin, os.Stdout, r, normalize.Options{ToolVersion: "test"}); err != nil {
			os.Stderr.WriteString(err.Error() + "\n")
			os.Exit(1)
		}
		os.Exit(0)
	}
	if len(os.Args) > 1 && os.Args[1] == dyingArg {
		os.Exit(dyingWorker(os.Stdin, os.Stdout))
	}
	os.Exit(m.Run())
}

// dyingWorker speaks the worker protocol as a test needs it (frames of a
// 4-byte length and JSON): it answers each input read by path with a
// failed record saying "answered by the test worker", and dies as of an
// exhausted memory on an input whose path holds "die".
func dyingWorker(in io.Reader, out io.Writer) int {
	frame := func() ([]byte, error) {
		var n [4]byte
		if _, err := io.ReadFull(in, n[:]); err != nil {
			return nil, err
		}
		b := make([]byte, binary.BigEndian.Uint32(n[:]))
		_, err := io.ReadFull(in, b)
		return b, err
	}
	if _, err := frame(); err != nil { // hello
		return 1
	}
	for {
		raw, err := frame()
		if err != nil {
			return 0
		}
		var job struct {
			ID   int    `json:"id"`
			Path string `json:"path"`
		}
		json.Unmarshal(raw, &job)
		if strings.Contains(filepath.Base(job.Path), "die") {
			os.Stderr.WriteString("fatal error: runtime: out of memory\n")
			return 2
		}
		res, _ := json.Marshal(map[string]any{"id": job.ID, "entry": map[string]any{
			"path": job.Path, "status": "failed", "reason": "answered by the test worker"}})
		var n [4]byte
		binary.BigEndian.PutUint32(n[:], uint32(len(res)))
		out.Write(append(n[:], res...))
	}
}

func mustRules(t testing.TB) *rules.Rules {
	t.Helper()
	r, err := rules.Parse(cnbudget.DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func options(t testing.TB, out string) batch.Options {
	return batch.Options{
		Out:          out,
		Jobs:         2,
		Timeout:      30 * time.Second,
		Rules:        mustRules(t),
		Normalize:    normalize.Options{ToolVersion: "test"},
		WorkerMemory: 512 << 20,
		Worker:       func() *exec.Cmd { return exec.Command(os.Args[0], workerArg) },
	}
}

func manifest(t *testing.T, out string) map[string]schema.ManifestEntry {
	t.Helper()
	return batch.ReadManifest(filepath.Join(out, "manifest.jsonl"))
}

// TestHostileBatch runs the samples (and the real corpus, when it is
// beside the project) with a hostile file of every class that once ended
// a run: the run ends, every input has a record with a precise reason,
// every good document is converted, memory stays bounded, and a resumed
// run completes without trying the files that stopped a worker again.
func TestHostileBatch(t *testing.T) {
	hostile := t.TempDir()
	names := hostileFiles(t, hostile)
	ins := []string{hostile}
	samples, _ := filepath.Glob(filepath.Join("..", "..", "samples", "*.pdf"))
	ins = append(ins, samples...)
	if real := filepath.Join("..", "..", "..", "shared", "corpus", "real"); dirExists(real) {
		pdfs, _ := filepath.Glob(filepath.Join(real, "*.pdf"))
		ins = append(ins, pdfs...)
	} else {
		t.Log("../shared is absent: the batch holds the samples and the hostile files only")
	}
	out := t.TempDir()
	opt := options(t, out)
	res, err := batch.Run(context.Background(), ins, opt)
	if err != nil {
		t.Fatal(err)
	}
	m := manifest(t, out)
	if res.Interrupted || len(m) != res.Inputs {
		t.Fatalf("%d records for %d inputs (interrupted %v)", len(m), res.Inputs, res.Interrupted)
	}
	for name, e := range m {
		base := filepath.Base(e.Path)
		switch {
		case strings.HasPrefix(name, hostile):
			t.Logf("%-22s %-8s %s %s", base+"!"+e.Member, e.Status, e.Reason, map[bool]string{true: "(crashed)"}[e.Crashed])
			if e.Status == schema.StatusFailed && (e.Reason == "" || strings.Contains(e.Reason, "internal error")) {
				t.Errorf("%s: no precise reason: %q", name, e.Reason)
			}
		case e.Status != schema.StatusOK && e.Status != schema.StatusPartial && e.Status != schema.StatusNoTextLayer:
			t.Errorf("good input %s: %s %s", name, e.Status, e.Reason)
		}
		if strings.HasPrefix(name, hostile) && e.Crashed {
			t.Errorf("%s stopped its worker: the reader should refuse it first (%s)", name, e.Reason)
		}
	}
	// The archives' members, one record each.
	members := 0
	for _, e := range m {
		if filepath.Base(e.Path) == "stored3.zip" || filepath.Base(e.Path) == "tar_in_zip.zip" {
			members++
			if e.Status == schema.StatusFailed || e.Status == schema.StatusSkipped {
				t.Errorf("%s!%s: %s %s", e.Path, e.Member, e.Status, e.Reason)
			}
		}
	}
	if members != 4 {
		t.Errorf("%d archive members recorded, want 4 (3 in the stored zip, 1 in the tar inside a zip)", members)
	}
	if len(names) < 12 {
		t.Errorf("only %d hostile files", len(names))
	}
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_CHILDREN, &ru)
	if kb := ru.Maxrss; kb > 1536<<10 && !raceBuild {
		t.Errorf("a worker peaked at %d MB", kb>>10)
	}
	var self syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &self)
	t.Logf("peak RSS: run %d MB, largest worker %d MB", self.Maxrss>>10, ru.Maxrss>>10)

	// Resumed: everything is recorded already; the files that stopped a
	// worker are not tried again.
	opt.Resume = true
	res2, err := batch.Run(context.Background(), ins, opt)
	if err != nil {
		t.Fatal(err)
	}
	m2 := manifest(t, out)
	if len(m2) != len(m) || res2.Interrupted {
		t.Errorf("resumed: %d records, want %d", len(m2), len(m))
	}
	for name, e := range m {
		if e2 := m2[name]; e2.Status != e.Status || e2.Reason != e.Reason {
			t.Errorf("resumed: %s changed: %s %q -> %s %q", name, e.Status, e.Reason, e2.Status, e2.Reason)
		}
	}
}

func dirExists(p string) bool {
	fi, err := os.Stat(p)
	return err == nil && fi.IsDir()
}

// TestLocked checks that a second run into a folder in use is refused.
func TestLocked(t *testing.T) {
	out := t.TempDir()
	opt := options(t, out)
	opt.Worker = nil
	block := make(chan struct{})
	started := make(chan struct{})
	opt.Progress = &blockingProgress{started: started, block: block}
	samples, _ := filepath.Glob(filepath.Join("..", "..", "samples", "*.pdf"))
	done := make(chan error, 1)
	go func() {
		_, err := batch.Run(context.Background(), samples, opt)
		done <- err
	}()
	<-started
	opt2 := options(t, out)
	opt2.Worker = nil
	if _, err := batch.Run(context.Background(), samples, opt2); err == nil || !strings.Contains(err.Error(), "another cnbudget run") {
		t.Errorf("second run: %v", err)
	}
	close(block)
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if _, err := batch.Run(context.Background(), samples, opt2); err != nil {
		t.Errorf("after the first run ended: %v", err)
	}
}

// blockingProgress holds a run at its start until told to go on.
type blockingProgress struct {
	started, block chan struct{}
}

func (p *blockingProgress) Note(string) {}
func (p *blockingProgress) Start(int) {
	close(p.started)
	<-p.block
}
func (p *blockingProgress) Done(schema.ManifestEntry) {}
func (p *blockingProgress) Finish()                   {}

// TestSameOutputs checks that outputs do not depend on isolation or on
// the number of workers.
func TestSameOutputs(t *testing.T) {
	samples, _ := filepath.Glob(filepath.Join("..", "..", "samples", "*"))
	var outs []string
	for _, v := range []struct {
		jobs     int
		isolated bool
	}{{1, true}, {3, true}, {2, false}} {
		out := t.TempDir()
		opt := options(t, out)
		opt.Jobs = v.jobs
		if !v.isolated {
			opt.Worker = nil
		}
		if _, err := batch.Run(context.Background(), samples, opt); err != nil {
			t.Fatal(err)
		}
		outs = append(outs, snapshot(t, out))
	}
	for i := 1; i < len(outs); i++ {
		if outs[i] != outs[0] {
			t.Errorf("run %d differs from run 0", i)
		}
	}
}

// snapshot is the content of an output folder (the manifest without its
// timings).
func snapshot(t *testing.T, dir string) string {
	t.Helper()
	var parts []string
	filepath.Walk(dir, func(p string, fi os.FileInfo, err error) error {
		if err != nil || fi.IsDir() || filepath.Base(p) == ".lock" {
			return nil
		}
		rel, _ := filepath.Rel(dir, p)
		data, _ := os.ReadFile(p)
		if rel == "manifest.jsonl" {
			var lines []string
			for _, e := range batch.ReadManifest(p) {
				e.Seconds = 0
				lines = append(lines, e.Path+e.Member+e.Status+e.Reason+e.File+e.Output)
			}
			sort.Strings(lines)
			data = []byte(strings.Join(lines, "\n"))
		}
		parts = append(parts, rel+"\n"+string(data))
		return nil
	})
	sort.Strings(parts)
	return strings.Join(parts, "\n\n")
}

// TestCopiesMerged checks the department document of a group whose files
// are copies of one another (the same text, other bytes): the copies are
// not read again for the merge, and the result is what merging every
// file's whole document gives.
func TestCopiesMerged(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "..", "samples", "shanghai_putuo_justice_2026_dept-budget.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	in := t.TempDir()
	for i, name := range []string{"a.pdf", "b.pdf", "c.pdf"} {
		copy := append(append([]byte{}, data...), fmt.Sprintf("\n%%copy %d\n", i)...)
		if err := os.WriteFile(filepath.Join(in, name), copy, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out := t.TempDir()
	opt := options(t, out)
	if _, err := batch.Run(context.Background(), []string{in}, opt); err != nil {
		t.Fatal(err)
	}
	m := manifest(t, out)
	var full []*schema.Document
	group := ""
	for _, name := range []string{"a.pdf", "b.pdf", "c.pdf"} {
		e, ok := m[filepath.Join(in, name)]
		if !ok || e.File == "" {
			t.Fatalf("%s: no document (%+v)", name, e)
		}
		if group != "" && e.Output != group {
			t.Fatalf("%s went into %s, not %s", name, e.Output, group)
		}
		group = e.Output
		raw, err := os.ReadFile(filepath.Join(out, e.File))
		if err != nil {
			t.Fatal(err)
		}
		d := &schema.Document{}
		if err := json.Unmarshal(raw, d); err != nil {
			t.Fatal(err)
		}
		full = append(full, d)
	}
	var want bytes.Buffer
	if err := batch.WriteJSON(&want, normalize.Merge(full, opt.Rules), false); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(filepath.Join(out, group))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want.Bytes()) {
		t.Errorf("%s is not the merge of the three documents", group)
	}
	var merged schema.Document
	if err := json.Unmarshal(got, &merged); err != nil {
		t.Fatal(err)
	}
	if len(merged.Sources) != 3 || merged.Sources[1].CopyOf == nil || merged.Sources[2].CopyOf == nil || len(merged.Tables) == 0 {
		t.Errorf("merged: %d sources (copies %v %v), %d tables", len(merged.Sources), merged.Sources[1].CopyOf, merged.Sources[2].CopyOf, len(merged.Tables))
	}
}
