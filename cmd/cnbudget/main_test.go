package main

import (
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cnbudget/cnbudget/extract"
	"github.com/cnbudget/cnbudget/schema"
)

func runCLI(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(context.Background(), args, &out, &errb)
	return code, out.String(), errb.String()
}

const sample = "../../samples/yongqing_rsj_2024.txt"

func TestVersionAndHelp(t *testing.T) {
	if code, out, _ := runCLI(t, "version"); code != 0 || !strings.Contains(out, version) {
		t.Errorf("version: %d %q", code, out)
	}
	if code, out, _ := runCLI(t, "help"); code != 0 || !strings.Contains(out, "extract") || !strings.Contains(out, "convert") {
		t.Errorf("help: %d %q", code, out)
	}
	for _, c := range commands() {
		code, out, _ := runCLI(t, c.name, "-h")
		if c.hidden {
			continue
		}
		if code != 0 || !strings.Contains(out, "Example:") {
			t.Errorf("%s -h: %d %q", c.name, code, out)
		}
	}
	if code, _, errs := runCLI(t, "frobnicate"); code != 2 || !strings.Contains(errs, "unknown command") {
		t.Errorf("unknown command: %d %q", code, errs)
	}
}

func TestExtractSample(t *testing.T) {
	code, out, errs := runCLI(t, "extract", sample)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var d schema.Document
	if err := json.Unmarshal([]byte(out), &d); err != nil {
		t.Fatal(err)
	}
	if len(d.Tables) != 12 || len(d.Projects) != 30 || d.Document.Year != 2024 {
		t.Errorf("%d tables, %d projects, year %d", len(d.Tables), len(d.Projects), d.Document.Year)
	}
}

func TestErrorsNameTheFile(t *testing.T) {
	code, _, errs := runCLI(t, "extract", "no/such/file.pdf")
	if code != 1 || !strings.Contains(errs, "no/such/file.pdf") {
		t.Errorf("missing file: %d %q", code, errs)
	}
	bin := filepath.Join(t.TempDir(), "blob.bin")
	os.WriteFile(bin, []byte{0, 1, 2, 3, 0xff}, 0o644)
	code, _, errs = runCLI(t, "extract", bin)
	if code != 1 || !strings.Contains(errs, "blob.bin") || !strings.Contains(errs, "not a PDF or text file") {
		t.Errorf("binary file: %d %q", code, errs)
	}
	if code, _, _ := runCLI(t, "extract"); code != 2 {
		t.Errorf("missing argument: exit %d, want 2", code)
	}
}

func TestConvertWritesOneFilePerDepartmentYear(t *testing.T) {
	dir := t.TempDir()
	code, _, errs := runCLI(t, "convert", "-o", dir, sample)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*.json"))
	if len(files) != 1 || !strings.HasPrefix(filepath.Base(files[0]), "2024_budget_department_316_") {
		t.Errorf("files = %v", files)
	}
}

// TestReadmeCommand runs the README's first command as written: flags after
// the inputs.
func TestReadmeCommand(t *testing.T) {
	dir := t.TempDir()
	code, _, errs := runCLI(t, "convert", "../../samples", "-o", dir)
	if code != 0 {
		t.Fatalf("convert samples -o DIR: exit %d: %s", code, errs)
	}
	if files, _ := filepath.Glob(filepath.Join(dir, "*.json")); len(files) == 0 {
		t.Errorf("convert samples -o DIR wrote no JSON into %s", dir)
	}
}

func TestInterspersedFlags(t *testing.T) {
	for _, tc := range []struct {
		args []string
		out  string
		pos  []string
	}{
		{[]string{"a", "-o", "d", "b"}, "d", []string{"a", "b"}},
		{[]string{"-o", "d", "a"}, "d", []string{"a"}},
		{[]string{"a", "--", "-o", "x"}, "", []string{"a", "-o", "x"}},
	} {
		o := &opts{}
		fs := flagSet(cmdConvert(), o)
		pos, err := parseInterspersed(fs, tc.args)
		if err != nil || o.outDir != tc.out || strings.Join(pos, " ") != strings.Join(tc.pos, " ") {
			t.Errorf("%q: out %q, args %q, err %v; want out %q, args %q", tc.args, o.outDir, pos, err, tc.out, tc.pos)
		}
	}
}

func TestEvalSample(t *testing.T) {
	truth := "../../normalize/testdata/seed/yongqing_rsj_2024.truth.json"
	code, out, errs := runCLI(t, "eval", truth, sample)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if !strings.Contains(out, "ALL TABLES") || !strings.Contains(out, "1.0000") {
		t.Errorf("eval output:\n%s", out)
	}
}

func TestConfigFromEnvironment(t *testing.T) {
	t.Setenv("CNBUDGET_JOBS", "3")
	o := &opts{}
	cfg, err := loadConfig(o, map[string]bool{})
	if err != nil {
		t.Fatal(err)
	}
	if cfg.jobs != 3 {
		t.Errorf("jobs = %d, want 3 from CNBUDGET_JOBS", cfg.jobs)
	}
	o.jobs = 5
	cfg, _ = loadConfig(o, map[string]bool{"j": true})
	if cfg.jobs != 5 {
		t.Errorf("jobs = %d, want the flag's 5", cfg.jobs)
	}
}

// TestInspectSVG draws the first page of every sample PDF: well-formed
// SVG holding every run of the page and a shape for every rule.
func TestInspectSVG(t *testing.T) {
	files, _ := filepath.Glob("../../samples/*.pdf")
	for _, f := range files {
		code, out, errs := runCLI(t, "inspect", "-svg", "-pages", "1", f)
		if code != 0 {
			t.Fatalf("%s: exit %d: %s", f, code, errs)
		}
		doc, err := extract.Open(f, extract.Options{})
		if err != nil {
			t.Fatal(err)
		}
		p := &doc.Pages[0]
		runs := 0
		for _, l := range p.Lines {
			for _, r := range l.Runs {
				if strings.TrimSpace(r.Text) != "" {
					runs++
				}
			}
		}
		counts := map[string]int{}
		dec := xml.NewDecoder(strings.NewReader(out))
		for {
			tok, err := dec.Token()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatalf("%s: not well-formed SVG: %v", f, err)
			}
			if se, ok := tok.(xml.StartElement); ok {
				counts[se.Name.Local]++
			}
		}
		if counts["svg"] != 1 || counts["text"] < runs || counts["rect"] < len(p.Rules) || runs == 0 {
			t.Errorf("%s: %v for %d runs and %d rules", f, counts, runs, len(p.Rules))
		}
	}
	if code, _, errs := runCLI(t, "inspect", "-svg", "-pages", "1-2", files[0]); code != 2 || !strings.Contains(errs, "one page") {
		t.Errorf("-svg over two pages: %d %q", code, errs)
	}
}
