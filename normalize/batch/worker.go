package batch

import (
	"bufio"
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os/exec"
	"runtime/debug"
	"strings"
	"sync"
	"time"

	"github.com/cnbudget/cnbudget/extract"
	"github.com/cnbudget/cnbudget/extract/inputs"
	"github.com/cnbudget/cnbudget/normalize"
	"github.com/cnbudget/cnbudget/normalize/rules"
	"github.com/cnbudget/cnbudget/schema"
)

// The parent and a worker talk over the worker's standard input and
// output in frames: a 4-byte big-endian length, then the payload. The
// parent first sends a hello; then, per input, a job and the content (a
// file that is not in an archive the worker reads itself: the job says
// so and no content follows), and the worker answers with a result. The
// worker's standard error is kept by the parent to tell why a worker
// died.

// hello configures a worker.
type hello struct {
	Out     string          `json:"out"`
	Compact bool            `json:"compact"`
	Timeout time.Duration   `json:"timeout"`
	Extract extract.Options `json:"extract"`
	Memory  int64           `json:"memory"`
	Limits  inputs.Limits   `json:"limits"`
}

// jobMsg names the input whose content follows.
type jobMsg struct {
	ID     int    `json:"id"`
	Path   string `json:"path"`
	Member string `json:"member,omitempty"`
	SHA256 string `json:"sha256"`
	Type   string `json:"type"`
	Size   int64  `json:"size"`
	// Read: the worker reads the file at Path itself; no content follows.
	Read bool `json:"read,omitempty"`
}

// resultMsg is a worker's answer.
type resultMsg struct {
	ID    int                  `json:"id"`
	Entry schema.ManifestEntry `json:"entry"`
	Head  *docHead             `json:"head,omitempty"`
}

// maxFrame bounds a frame: the content of one input (the batch's file
// limit) plus room.
const maxFrame = 1 << 31

// maxStack is a worker's stack ceiling: deep enough for any document,
// small enough that a file nested millions deep fails fast.
const maxStack = 256 << 20

func writeFrame(w io.Writer, payload []byte) error {
	var n [4]byte
	if len(payload) > maxFrame-1 {
		return fmt.Errorf("frame of %d bytes", len(payload))
	}
	binary.BigEndian.PutUint32(n[:], uint32(len(payload)))
	if _, err := w.Write(n[:]); err != nil {
		return err
	}
	_, err := w.Write(payload)
	return err
}

func readFrame(r io.Reader) ([]byte, error) { return readFrameInto(r, nil) }

// readFrameInto reads a frame into buf when it is large enough.
func readFrameInto(r io.Reader, buf []byte) ([]byte, error) {
	var n [4]byte
	if _, err := io.ReadFull(r, n[:]); err != nil {
		return nil, err
	}
	size := binary.BigEndian.Uint32(n[:])
	if size >= maxFrame {
		return nil, fmt.Errorf("frame of %d bytes", size)
	}
	if uint32(cap(buf)) < size {
		buf = make([]byte, size)
	}
	buf = buf[:size]
	_, err := io.ReadFull(r, buf)
	return buf, err
}

// maxKeptContent bounds the content buffer a worker keeps from one input
// to the next.
const maxKeptContent = 32 << 20

// ServeWorker is the worker mode of a program that runs batches (Options.
// Worker starts the program so): it reads jobs from in, converts each
// input with the rules and options given (the worker's own, read from the
// same configuration as the parent's) and writes each result to out, until
// in ends. It sets the process's memory and stack ceilings from the
// parent's hello: a file beyond them ends the worker, not the run.
func ServeWorker(ctx context.Context, in io.Reader, out io.Writer, r *rules.Rules, nopt normalize.Options) error {
	br := bufio.NewReaderSize(in, 1<<16)
	bw := bufio.NewWriter(out)
	raw, err := readFrame(br)
	if err != nil {
		return fmt.Errorf("worker: no hello: %w", err)
	}
	var h hello
	if err := json.Unmarshal(raw, &h); err != nil {
		return fmt.Errorf("worker: hello: %w", err)
	}
	if h.Memory > 0 {
		debug.SetMemoryLimit(h.Memory)
		limitAddressSpace(h.Memory)
	}
	debug.SetMaxStack(maxStack)
	s := stages{Out: h.Out, Compact: h.Compact, Timeout: h.Timeout, Extract: h.Extract, Rules: r, Normalize: nopt,
		JSON: newJSONBuffer(h.Compact)}
	var content []byte // reused: nothing converted refers to it afterwards
	for {
		raw, err := readFrame(br)
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("worker: %w", err)
		}
		var j jobMsg
		if err := json.Unmarshal(raw, &j); err != nil {
			return fmt.Errorf("worker: job: %w", err)
		}
		it := inputs.Item{Path: j.Path, Member: j.Member, SHA256: j.SHA256, Type: j.Type, Size: j.Size}
		var data []byte
		var ent schema.ManifestEntry
		var head *docHead
		if j.Read {
			// As the parent reads it when it converts in process.
			data, err = inputs.ReadInto(it, h.Limits, content)
		} else if data, err = readFrameInto(br, content); err != nil {
			return fmt.Errorf("worker: content of %s: %w", j.Path, err)
		}
		if err != nil {
			ent = newEntry(it, nopt.ToolVersion)
			ent.Status, ent.Reason = schema.StatusFailed, err.Error()
		} else {
			ent, head = s.convert(ctx, it, data)
		}
		if content = data[:0]; cap(content) > maxKeptContent {
			content = nil
		}
		data = nil
		res, _ := json.Marshal(resultMsg{ID: j.ID, Entry: ent, Head: head})
		if err := writeFrame(bw, res); err != nil {
			return err
		}
		if err := bw.Flush(); err != nil {
			return err
		}
	}
}

// proc is a worker process as the parent sees it: started when first
// needed, replaced when it dies.
type proc struct {
	r       *run
	cmd     *exec.Cmd
	stdin   io.WriteCloser
	results chan resultMsg // closed when the worker's output ends
	stderr  *head
	waited  chan struct{} // closed once the process has been waited for
	waitErr error
	nextID  int
	// ahead is the id of a job handed over before the worker answered
	// the one before it, aheadName the input it names (see convert).
	ahead     int
	aheadName string
}

// start starts a worker and greets it.
func (p *proc) start() error {
	cmd := p.r.opt.Worker()
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return err
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return err
	}
	p.stderr = &head{max: 8 << 10}
	cmd.Stderr = p.stderr
	if cmd.WaitDelay == 0 {
		// A killed worker's children (none of ours has any) must not
		// hold its pipes open and the run with them.
		cmd.WaitDelay = 2 * time.Second
	}
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("cannot start a worker process: %w", err)
	}
	p.cmd, p.stdin = cmd, stdin
	p.ahead, p.aheadName = 0, ""
	p.results = make(chan resultMsg)
	p.waited = make(chan struct{})
	go func(results chan resultMsg) {
		defer close(results)
		br := bufio.NewReaderSize(stdout, 1<<16)
		for {
			raw, err := readFrame(br)
			if err != nil {
				return
			}
			var res resultMsg
			if json.Unmarshal(raw, &res) != nil {
				return
			}
			results <- res
		}
	}(p.results)
	h, _ := json.Marshal(hello{Out: p.r.opt.Out, Compact: p.r.opt.Compact, Timeout: p.r.opt.Timeout,
		Extract: p.r.opt.Extract, Memory: p.r.opt.WorkerMemory, Limits: p.r.opt.Limits})
	if err := writeFrame(stdin, h); err != nil {
		p.kill()
		return fmt.Errorf("cannot start a worker process: %w", err)
	}
	return nil
}

// grace is how long past the deadline a worker may take to answer before
// it is killed: it stops at the deadline itself when it can.
const grace = 5 * time.Second

// convert hands an input to the worker and waits for its answer, the
// worker's death or the deadline (which counts from the moment the
// content is handed over, or for an input handed over ahead, from the
// call). The next input, when the worker reads it itself, is handed over
// as soon as this one is: the worker takes it up once it has answered. If
// the worker dies or is killed first, the next call hands it to a new one.
func (p *proc) convert(ctx context.Context, it inputs.Item, data []byte, next *inputs.Item) (schema.ManifestEntry, *docHead, bool) {
	ent := p.r.entryFor(it)
	start := time.Now()
	if p.cmd != nil && p.ahead != 0 && (p.aheadName != it.Name() || data != nil) {
		// Handed over ahead, and not the input that came: a caller's
		// mistake; a new worker starts clean.
		p.kill()
	}
	if p.cmd == nil {
		if err := p.start(); err != nil {
			ent.Status, ent.Reason, ent.Transient = schema.StatusFailed, err.Error(), true
			return ent, nil, true
		}
	}
	var id int
	var sent chan error
	if p.ahead != 0 {
		id, p.ahead, p.aheadName = p.ahead, 0, ""
	} else {
		p.nextID++
		id = p.nextID
		// A file of its own the worker reads itself (see produce).
		byPath := readsItself(it, data)
		msg, _ := json.Marshal(jobMsg{ID: id, Path: it.Path, Member: it.Member, SHA256: it.SHA256, Type: it.Type, Size: it.Size, Read: byPath})
		sent = make(chan error, 1)
		go func(stdin io.Writer) { sent <- p.send(stdin, msg, data, byPath) }(p.stdin)
	}
	if sent == nil && next != nil {
		p.handAhead(*next)
	}
	timer := time.NewTimer(p.r.opt.Timeout + grace)
	defer timer.Stop()
	crashed := func(reason string) (schema.ManifestEntry, *docHead, bool) {
		ent.Status, ent.Reason, ent.Crashed = schema.StatusFailed, reason, true
		ent.Seconds = roundSeconds(time.Since(start))
		return ent, nil, true
	}
	for {
		select {
		case err := <-sent:
			if err != nil {
				// It stopped reading: it died taking the input in.
				return crashed(p.death())
			}
			sent = nil
			if next != nil {
				p.handAhead(*next)
			}
		case res, ok := <-p.results:
			if ok && res.ID == id {
				return res.Entry, res.Head, true
			}
			return crashed(p.death())
		case <-timer.C:
			p.kill()
			return crashed(fmt.Sprintf("killed at the deadline: still running after %s", p.r.opt.Timeout))
		case <-ctx.Done():
			p.kill()
			return ent, nil, false
		}
	}
}

// readsItself reports whether a worker reads an input itself: a file of
// its own to convert, whose content is not sent.
func readsItself(it inputs.Item, data []byte) bool {
	return data == nil && it.Member == "" && convertible(it.Type)
}

// handAhead hands the worker the input it converts next, before it has
// answered the one it converts: a small frame the worker reads when it is
// done. Only an input the worker reads itself is handed over so (its frame
// is a few hundred bytes, which the pipe takes at once); a worker that
// cannot take it (dying) is found out by the next call.
func (p *proc) handAhead(it inputs.Item) {
	if p.ahead != 0 || !readsItself(it, nil) {
		return
	}
	p.nextID++
	msg, _ := json.Marshal(jobMsg{ID: p.nextID, Path: it.Path, SHA256: it.SHA256, Type: it.Type, Size: it.Size, Read: true})
	if p.send(p.stdin, msg, nil, true) == nil {
		p.ahead, p.aheadName = p.nextID, it.Name()
	}
}

func (p *proc) send(stdin io.Writer, msg, data []byte, byPath bool) error {
	bw := bufio.NewWriterSize(stdin, 1<<16)
	if err := writeFrame(bw, msg); err != nil {
		return err
	}
	if !byPath {
		if err := writeFrame(bw, data); err != nil {
			return err
		}
	}
	return bw.Flush()
}

// death waits for a worker whose output ended and says why it died.
func (p *proc) death() string {
	p.stdin.Close()
	done := make(chan error, 1)
	go func() { done <- p.cmd.Wait() }()
	var err error
	select {
	case err = <-done:
	case <-time.After(5 * time.Second):
		p.cmd.Process.Kill()
		err = <-done
	}
	for range p.results {
	}
	msg := p.stderr.String()
	p.cmd = nil
	return "the worker process converting it died: " + deathReason(err, msg)
}

// deathReason reads the end of a dead worker's standard error.
func deathReason(err error, stderr string) string {
	lower := strings.ToLower(stderr)
	switch {
	case strings.Contains(lower, "out of memory") || strings.Contains(lower, "cannot allocate memory"):
		return "out of memory (the file needs more than the worker's limit; see worker_memory_mb)"
	case strings.Contains(lower, "stack exceeds") || strings.Contains(lower, "stack overflow"):
		return "stack overflow (the file nests objects too deeply)"
	}
	var line string
	for _, l := range strings.Split(stderr, "\n") {
		if strings.HasPrefix(l, "fatal error:") || strings.HasPrefix(l, "panic:") || strings.HasPrefix(l, "runtime:") {
			line = strings.TrimSpace(l)
			break
		}
	}
	var ee *exec.ExitError
	switch {
	case line != "":
		return line
	case errors.As(err, &ee) && !ee.Exited():
		return ee.String() + " (killed from outside: most often the system running out of memory)"
	case err != nil:
		return err.Error()
	}
	return "it ended without answering"
}

// kill ends the worker at once.
func (p *proc) kill() {
	if p.cmd == nil {
		return
	}
	p.stdin.Close()
	if p.cmd.Process != nil {
		p.cmd.Process.Kill()
	}
	p.cmd.Wait()
	// Drain what the reader goroutine still holds.
	for range p.results {
	}
	p.cmd = nil
}

// stop ends an idle worker: its input closed, it exits.
func (p *proc) stop() {
	if p.cmd == nil {
		return
	}
	p.stdin.Close()
	done := make(chan struct{})
	go func() {
		p.cmd.Wait()
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		p.cmd.Process.Kill()
		<-done
	}
	for range p.results {
	}
	p.cmd = nil
}

// head keeps the first bytes written to it: a Go runtime's fatal error
// says its cause first, then dumps every goroutine.
type head struct {
	mu  sync.Mutex
	max int
	buf []byte
}

func (h *head) Write(b []byte) (int, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if room := h.max - len(h.buf); room > 0 {
		h.buf = append(h.buf, b[:min(room, len(b))]...)
	}
	return len(b), nil
}

func (h *head) String() string {
	h.mu.Lock()
	defer h.mu.Unlock()
	return string(h.buf)
}
