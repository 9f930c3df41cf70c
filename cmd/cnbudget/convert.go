package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/cnbudget/cnbudget/schema"
)

func cmdConvert() *command {
	return &command{
		name:  "convert",
		args:  "INPUT...",
		short: "convert files and folders of disclosures into one JSON file per department and year",
		long: `Reads every INPUT (files, or folders searched recursively for .pdf and .txt
files), runs the three stages on each and writes one JSON document per
department and year into DIR, named YEAR_STAGE_CODE_HASH.json (ASCII only;
the department's name is inside). A file that cannot be read is reported
and the others go on; the exit code is 1 when any input failed.`,
		example: "  cnbudget convert samples -o out",
		setup: func(fs *flag.FlagSet, o *opts) {
			passwordFlag(fs, o)
			fs.StringVar(&o.outDir, "o", "", "output `DIR` (required)")
			fs.IntVar(&o.jobs, "j", 0, "parallel workers (default: number of CPUs; env CNBUDGET_JOBS)")
			fs.BoolVar(&o.compact, "compact", false, "write JSON on one line")
		},
		run: runConvert,
	}
}

func runConvert(ctx context.Context, e *env, args []string) error {
	if len(args) == 0 {
		return usageError("convert needs at least one INPUT")
	}
	if e.o.outDir == "" {
		return usageError("convert needs -o DIR")
	}
	inputs, err := collectInputs(args)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(e.o.outDir, 0o755); err != nil {
		return err
	}
	failed := 0
	written := map[string]string{}
	for _, in := range inputs {
		if ctx.Err() != nil {
			return exitError{code: 1, msg: "interrupted"}
		}
		d, err := e.convertOne(in)
		if err != nil {
			fmt.Fprintf(e.stderr, "%v\n", err)
			failed++
			continue
		}
		name := outputName(d)
		if prev, dup := written[name]; dup {
			name = strings.TrimSuffix(name, ".json") + "_" + d.Sources[0].SHA256[:8] + ".json"
			fmt.Fprintf(e.stderr, "%s: same department and year as %s; written as %s\n", in, prev, name)
		}
		written[name] = in
		var buf bytes.Buffer
		if err := writeJSON(&buf, d, e.o.compact); err != nil {
			return err
		}
		if err := writeFileAtomic(filepath.Join(e.o.outDir, name), buf.Bytes()); err != nil {
			return err
		}
		fmt.Fprintf(e.stderr, "%s -> %s (%d tables, %d projects)\n", in, filepath.Join(e.o.outDir, name),
			len(d.Tables), len(d.Projects))
	}
	if failed > 0 {
		return exitError{code: 1, msg: fmt.Sprintf("%d of %d inputs failed", failed, len(inputs))}
	}
	return nil
}

// collectInputs expands folders into the disclosure files they hold.
func collectInputs(args []string) ([]string, error) {
	var out []string
	for _, a := range args {
		fi, err := os.Stat(a)
		if err != nil {
			return nil, err
		}
		if !fi.IsDir() {
			out = append(out, a)
			continue
		}
		err = filepath.WalkDir(a, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() {
				return nil
			}
			switch strings.ToLower(filepath.Ext(p)) {
			case ".pdf", ".txt":
				out = append(out, p)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	sort.Strings(out)
	if len(out) == 0 {
		return nil, errors.New("no .pdf or .txt files among the inputs")
	}
	return out, nil
}

// outputName names a document's file by year, stage and department, in
// ASCII: YEAR_STAGE_CODE_HASH.json where HASH is the start of the SHA-256
// of the department's name.
func outputName(d *schema.Document) string {
	year := "unknown-year"
	if d.Document.Year > 0 {
		year = fmt.Sprint(d.Document.Year)
	}
	stage := d.Document.Stage
	if stage == "" {
		stage = "unknown"
	}
	code := asciiSlug(d.Document.DepartmentCode)
	if code == "" {
		code = "x"
	}
	dept := d.Document.Department
	if dept == "" {
		// No department found: keep documents apart by their content.
		return fmt.Sprintf("%s_%s_%s_doc%s.json", year, stage, code, d.Sources[0].SHA256[:8])
	}
	h := sha256.Sum256([]byte(dept))
	return fmt.Sprintf("%s_%s_%s_%s.json", year, stage, code, hex.EncodeToString(h[:4]))
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

// writeFileAtomic writes data to a temporary file beside path and renames
// it into place, so that path is either absent or complete.
func writeFileAtomic(path string, data []byte) error {
	dir := filepath.Dir(path)
	f, err := os.CreateTemp(dir, ".tmp-"+filepath.Base(path)+"-*")
	if err != nil {
		return err
	}
	tmp := f.Name()
	if _, err := f.Write(data); err != nil {
		f.Close()
		os.Remove(tmp)
		return err
	}
	if err := f.Sync(); err != nil {
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
