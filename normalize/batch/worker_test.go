package batch_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/cnbudget/cnbudget/normalize/batch"
	"github.com/cnbudget/cnbudget/schema"
)

// fakeWorker is a worker process that misbehaves as a shell script: it
// reads some of what it is sent, then does what script says.
func fakeWorker(t *testing.T, script string) func() *exec.Cmd {
	t.Helper()
	sh, err := exec.LookPath("sh")
	if err != nil {
		t.Skip("no sh to play a misbehaving worker")
	}
	return func() *exec.Cmd { return exec.Command(sh, "-c", "head -c 16 >/dev/null; "+script) }
}

func twoSamples(t *testing.T) []string {
	files, _ := filepath.Glob(filepath.Join("..", "..", "samples", "*.pdf"))
	if len(files) < 2 {
		t.Fatal("samples missing")
	}
	return files[:2]
}

// TestWorkerDeaths checks what the run records when a worker dies:
// exhausted memory, the stack, killed from outside, or still running at
// the deadline. Every input gets a record saying so, and the run ends.
func TestWorkerDeaths(t *testing.T) {
	for _, c := range []struct {
		name, script, reason string
		timeout              time.Duration
	}{
		{"memory", `echo "fatal error: runtime: out of memory" >&2; exit 2`, "out of memory", 0},
		{"stack", `echo "runtime: goroutine stack exceeds 268435456-byte limit" >&2; echo "fatal error: stack overflow" >&2; exit 2`, "stack overflow", 0},
		{"signal", `kill -9 $$`, "killed", 0},
		{"deadline", `sleep 60`, "killed at the deadline", time.Second},
	} {
		t.Run(c.name, func(t *testing.T) {
			out := t.TempDir()
			opt := options(t, out)
			opt.Worker = fakeWorker(t, c.script)
			if c.timeout > 0 {
				opt.Timeout = c.timeout
			}
			ins := twoSamples(t)
			start := time.Now()
			res, err := batch.Run(context.Background(), ins, opt)
			if err != nil {
				t.Fatal(err)
			}
			m := manifest(t, out)
			if len(m) != len(ins) || res.Counts[schema.StatusFailed] != len(ins) {
				t.Fatalf("%d records, counts %v", len(m), res.Counts)
			}
			for name, e := range m {
				if !e.Crashed || !strings.Contains(e.Reason, c.reason) {
					t.Errorf("%s: crashed %v, reason %q, want %q", name, e.Crashed, e.Reason, c.reason)
				}
			}
			if c.timeout > 0 && time.Since(start) > 30*time.Second {
				t.Errorf("the run took %s", time.Since(start))
			}
		})
	}
}

// TestInterruptHangingWorker checks that an interrupted run ends at once
// even when its workers hang, and records nothing for their inputs.
func TestInterruptHangingWorker(t *testing.T) {
	out := t.TempDir()
	opt := options(t, out)
	opt.Worker = fakeWorker(t, "sleep 60")
	opt.Timeout = time.Minute
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(500*time.Millisecond, cancel)
	start := time.Now()
	res, err := batch.Run(ctx, twoSamples(t), opt)
	if err != nil {
		t.Fatal(err)
	}
	if !res.Interrupted || time.Since(start) > 10*time.Second {
		t.Errorf("interrupted %v after %s", res.Interrupted, time.Since(start))
	}
	if m := manifest(t, out); len(m) != 0 {
		t.Errorf("records for inputs not done: %v", m)
	}
}

// TestResumeRetries checks which failures a resumed run tries again: a
// passing one (a worker that could not start) always, one that stopped a
// worker only when asked.
func TestResumeRetries(t *testing.T) {
	out := t.TempDir()
	opt := options(t, out)
	opt.Worker = fakeWorker(t, `echo "fatal error: runtime: out of memory" >&2; exit 2`)
	ins := twoSamples(t)
	if _, err := batch.Run(context.Background(), ins, opt); err != nil {
		t.Fatal(err)
	}
	// Resumed with a sound worker: the crashed inputs stay as they were.
	opt = options(t, out)
	opt.Resume = true
	if _, err := batch.Run(context.Background(), ins, opt); err != nil {
		t.Fatal(err)
	}
	for name, e := range manifest(t, out) {
		if !e.Crashed {
			t.Errorf("%s was tried again without --retry-crashed: %s", name, e.Status)
		}
	}
	opt.RetryCrashed = true
	if _, err := batch.Run(context.Background(), ins, opt); err != nil {
		t.Fatal(err)
	}
	for name, e := range manifest(t, out) {
		if e.Crashed || e.Status != schema.StatusOK {
			t.Errorf("%s not converted on retry: %s %s", name, e.Status, e.Reason)
		}
	}
	// A worker that cannot start at all is a passing failure.
	out2 := t.TempDir()
	opt = options(t, out2)
	opt.Worker = func() *exec.Cmd { return exec.Command(filepath.Join(t.TempDir(), "no-such-program")) }
	if _, err := batch.Run(context.Background(), ins, opt); err != nil {
		t.Fatal(err)
	}
	for name, e := range manifest(t, out2) {
		if !e.Transient {
			t.Errorf("%s: %q is not marked to try again", name, e.Reason)
		}
	}
	opt = options(t, out2)
	opt.Resume = true
	if _, err := batch.Run(context.Background(), ins, opt); err != nil {
		t.Fatal(err)
	}
	for name, e := range manifest(t, out2) {
		if e.Status != schema.StatusOK {
			t.Errorf("%s not converted when resumed: %s %s", name, e.Status, e.Reason)
		}
	}
}

// TestWorkersEndBeforeRunReturns: workers are started before the inputs
// are listed and stopped without waiting while the run groups; Run still
// returns only once every worker it started has exited, used or not.
func TestWorkersEndBeforeRunReturns(t *testing.T) {
	mark := filepath.Join(t.TempDir(), "exited")
	out := t.TempDir()
	opt := options(t, out)
	opt.Jobs = 2
	// Reads its input to the end, then says it exited.
	opt.Worker = fakeWorker(t, `cat >/dev/null; sleep 0.2; echo x >>`+mark)
	empty := t.TempDir()
	if _, err := batch.Run(context.Background(), []string{empty}, opt); err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(mark)
	if got, want := strings.Count(string(data), "x"), min(2, runtime.NumCPU()); got != want {
		t.Errorf("%d workers had exited when the run returned, want %d", got, want)
	}
}

// TestHandedAheadOutlivesItsWorker: a worker is handed its next input
// while it converts one; when it dies on the one it converts, or on the
// one handed to it, each input is recorded for what happened to it: the
// one that killed the worker as crashed, the others answered by a new
// worker.
func TestHandedAheadOutlivesItsWorker(t *testing.T) {
	dir := t.TempDir()
	var ins []string
	// Converted largest first: an input, the one that kills the worker
	// (handed ahead while the first is converted), then two more, the
	// first of them handed ahead to the worker that dies.
	for i, name := range []string{"a.pdf", "b_die.pdf", "c.pdf", "d.pdf"} {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, append([]byte("%PDF-1.4\n"), make([]byte, 4000-1000*i)...), 0o644); err != nil {
			t.Fatal(err)
		}
		ins = append(ins, p)
	}
	out := t.TempDir()
	opt := options(t, out)
	opt.Jobs = 1
	opt.Timeout = 5 * time.Second // a lost input shows as a deadline
	opt.Worker = func() *exec.Cmd { return exec.Command(os.Args[0], dyingArg) }
	if _, err := batch.Run(context.Background(), ins, opt); err != nil {
		t.Fatal(err)
	}
	m := manifest(t, out)
	if len(m) != len(ins) {
		t.Fatalf("%d records for %d inputs", len(m), len(ins))
	}
	for name, e := range m {
		die := strings.Contains(filepath.Base(name), "die")
		switch {
		case die && (!e.Crashed || !strings.Contains(e.Reason, "out of memory")):
			t.Errorf("%s: crashed %v, %q; want the worker's death", name, e.Crashed, e.Reason)
		case !die && (e.Crashed || e.Reason != "answered by the test worker"):
			t.Errorf("%s: crashed %v, %q; want an answer", name, e.Crashed, e.Reason)
		}
	}
}
