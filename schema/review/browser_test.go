package review_test

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/cnbudget/cnbudget/extract"
	"github.com/cnbudget/cnbudget/normalize/tables"
	"github.com/cnbudget/cnbudget/schema/review"
)

// chromium finds a Chromium to run headless; .ci/run installs Debian's.
func chromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{os.Getenv("CNBUDGET_CHROMIUM"), "chromium", "chromium-browser", "google-chrome", "headless_shell"} {
		if name == "" {
			continue
		}
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	t.Skip("no Chromium to render the report with: apt-get install chromium (.ci/run installs it), or set CNBUDGET_CHROMIUM")
	return ""
}

// browse runs headless Chromium on a local file: with screenshot set it
// writes a PNG there, else it returns the DOM after the page ran.
func browse(t *testing.T, bin, file, screenshot string, w, h int) string {
	t.Helper()
	abs, _ := filepath.Abs(file)
	args := []string{"--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--hide-scrollbars",
		"--no-first-run", "--user-data-dir=" + t.TempDir(), "--virtual-time-budget=5000",
		fmt.Sprintf("--window-size=%d,%d", w, h)}
	if screenshot != "" {
		args = append(args, "--screenshot="+screenshot)
	} else {
		args = append(args, "--dump-dom")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, append(args, "file://"+abs)...)
	var out, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("chromium %s: %v\n%s", file, err, lastLines(stderr.String(), 10))
	}
	return out.String()
}

func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return strings.Join(lines[max(0, len(lines)-n):], "\n")
}

// notBlank fails unless a screenshot shows something: enough pixels that
// are not the background, in several colours.
func notBlank(t *testing.T, file string) {
	t.Helper()
	f, err := os.Open(file)
	if err != nil {
		t.Fatalf("no screenshot: %v", err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatalf("screenshot %s: %v", file, err)
	}
	ink, colours := inkShare(img)
	if ink < 0.01 || colours < 8 {
		t.Errorf("%s looks blank: %.2f%% ink, %d colours", filepath.Base(file), 100*ink, colours)
	}
}

func inkShare(img image.Image) (float64, int) {
	b := img.Bounds()
	ink, total := 0, 0
	seen := map[[3]uint32]bool{}
	for y := b.Min.Y; y < b.Max.Y; y += 2 {
		for x := b.Min.X; x < b.Max.X; x += 2 {
			r, g, bl, _ := img.At(x, y).RGBA()
			total++
			if r < 0xF000 || g < 0xF000 || bl < 0xF000 {
				ink++
			}
			if len(seen) < 1000 {
				seen[[3]uint32{r >> 12, g >> 12, bl >> 12}] = true
			}
		}
	}
	return float64(ink) / float64(max(total, 1)), len(seen)
}

// TestReportInBrowser renders the report of the samples and one page
// drawing in headless Chromium: the screenshots are not blank, and the
// DOM after the page ran lists every document and every failed check.
// With CNBUDGET_SCREENSHOTS=DIR the screenshots are kept there (the
// README's pictures are made so).
func TestReportInBrowser(t *testing.T) {
	bin := chromium(t)
	dir, docs := sampleRun(t)
	rep, err := review.Load(dir, review.Options{Rules: mustRules(t)})
	if err != nil {
		t.Fatal(err)
	}
	tmp := t.TempDir()
	report := filepath.Join(tmp, "report.html")
	f, err := os.Create(report)
	if err != nil {
		t.Fatal(err)
	}
	if err := rep.WriteFile(context.Background(), f); err != nil {
		t.Fatal(err)
	}
	f.Close()

	dom := browse(t, bin, report, "", 1200, 1600)
	for _, d := range docs {
		if !strings.Contains(dom, d.Document.Department) {
			t.Errorf("the rendered report does not name %s", d.Document.Department)
		}
	}
	if got := strings.Count(dom, `class="failed-check"`); got != 1 {
		t.Errorf("the rendered report lists %d failed checks, want 1", got)
	}
	shots := os.Getenv("CNBUDGET_SCREENSHOTS")
	if shots == "" {
		shots = tmp
	}
	shot := filepath.Join(shots, "review-report.png")
	browse(t, bin, report, shot, 1200, 1400)
	notBlank(t, shot)

	// One page drawing, as `cnbudget inspect -svg` writes it.
	doc, err := extract.Open(filepath.Join("..", "..", "samples", "shanghai_putuo_justice_2026_dept-budget.pdf"), extract.Options{})
	if err != nil {
		t.Fatal(err)
	}
	p := review.Pages(doc, tables.Assemble(doc, mustRules(t)))[12]
	svg := filepath.Join(tmp, "page.svg")
	var buf bytes.Buffer
	if err := review.WriteSVG(&buf, p); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(svg, buf.Bytes(), 0o644)
	shot = filepath.Join(shots, "review-page.png")
	browse(t, bin, svg, shot, int(p.Page.Width), int(p.Page.Height))
	notBlank(t, shot)
}
