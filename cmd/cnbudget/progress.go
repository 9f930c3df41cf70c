package main

import (
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/cnbudget/cnbudget/normalize/batch"
	"github.com/cnbudget/cnbudget/schema"
)

// progress reports a long run: on a terminal a status line redrawn in
// place (files, pages/s, ETA); otherwise a plain line every ten seconds.
// Failures are printed as they happen either way.
type progress struct {
	w     io.Writer
	quiet bool
	tty   bool

	mu               sync.Mutex
	total, n, failed int
	pages            int
	began, last      time.Time
	drawn            bool
}

func newProgress(w io.Writer, quiet bool) *progress {
	p := &progress{w: w, quiet: quiet}
	if f, ok := w.(*os.File); ok {
		if fi, err := f.Stat(); err == nil && fi.Mode()&os.ModeCharDevice != 0 {
			p.tty = true
		}
	}
	return p
}

// Note prints a message on a line of its own.
func (p *progress) Note(msg string) {
	if p.quiet {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.clear()
	fmt.Fprintln(p.w, msg)
}

func (p *progress) Start(total int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.total, p.began, p.last = total, time.Now(), time.Now()
}

// Done counts a finished input.
func (p *progress) Done(e schema.ManifestEntry) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.n++
	p.pages += e.Pages
	if e.Status == schema.StatusFailed {
		p.failed++
		if !p.quiet {
			p.clear()
			fmt.Fprintf(p.w, "failed: %s: %s\n", batch.ItemName(e), firstLine(e.Reason))
		}
	}
	if p.quiet {
		return
	}
	now := time.Now()
	switch {
	case p.tty && (now.Sub(p.last) >= 200*time.Millisecond || p.n == p.total):
		p.last = now
		p.clear()
		fmt.Fprint(p.w, p.line())
		p.drawn = true
	case !p.tty && now.Sub(p.last) >= 10*time.Second:
		p.last = now
		fmt.Fprintln(p.w, "progress: "+p.line())
	}
}

func (p *progress) Finish() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.quiet {
		return
	}
	p.clear()
	if p.total > 0 {
		fmt.Fprintf(p.w, "converted %d inputs, %d pages in %s (%.0f pages/s)\n", p.n, p.pages,
			time.Since(p.began).Round(time.Second), float64(p.pages)/max(time.Since(p.began).Seconds(), 1e-9))
	}
}

// line is the status: bar, counts, speed, ETA.
func (p *progress) line() string {
	el := time.Since(p.began)
	frac := float64(p.n) / float64(max(p.total, 1))
	const width = 24
	bar := strings.Repeat("#", int(frac*width)) + strings.Repeat(".", width-int(frac*width))
	eta := "?"
	if p.n > 0 {
		eta = (time.Duration(float64(el) / float64(p.n) * float64(p.total-p.n))).Round(time.Second).String()
	}
	s := fmt.Sprintf("[%s] %d/%d inputs, %.1f pages/s, ETA %s", bar, p.n, p.total, float64(p.pages)/max(el.Seconds(), 1e-9), eta)
	if p.failed > 0 {
		s += fmt.Sprintf(", %d failed", p.failed)
	}
	return s
}

// clear erases the status line on a terminal.
func (p *progress) clear() {
	if p.tty && p.drawn {
		fmt.Fprint(p.w, "\r\033[K")
		p.drawn = false
	}
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}
