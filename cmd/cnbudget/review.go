package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/cnbudget/cnbudget/extract/inputs"
	"github.com/cnbudget/cnbudget/schema/review"
)

func cmdReview() *command {
	return &command{
		name:  "review",
		args:  "DIR -o report.html|OUTDIR",
		short: "write an HTML report of a converted folder, with drawings of every table page",
		long: `Reads a folder written by convert (its manifest.jsonl and department
documents) and the source files they name, and writes a report to look at
in a browser: inputs by status with the reasons, documents, tables by kind,
checks and warnings; then every document, those with failed checks first,
with its tables (rows as printed beside the records), forms and projects,
each failed check on the drawing of its page, and a drawing of every page a
table stands on. -o FILE.html writes one self-contained file (for small
runs); -o OUTDIR writes OUTDIR/index.html and one page per document, for
runs of any size. The source files must be where convert read them.`,
		example: "  cnbudget convert samples -o out && cnbudget review out -o report.html\n  cnbudget review out -o review/   # then open review/index.html",
		setup: func(fs *flag.FlagSet, o *opts) {
			passwordFlag(fs, o)
			fs.StringVar(&o.outFile, "o", "", "the report: a `FILE` ending in .html, or a folder")
			fs.IntVar(&o.jobs, "j", 0, "documents drawn at a time (default: the number of CPUs)")
			fs.BoolVar(&o.quiet, "q", false, "no progress on stderr")
		},
		run: func(ctx context.Context, e *env, args []string) error {
			if len(args) != 1 {
				return usageError("review takes exactly one converted folder")
			}
			if e.o.outFile == "" {
				return usageError("-o is required: report.html or a folder")
			}
			r, err := e.cfg.rules()
			if err != nil {
				return err
			}
			opt := review.Options{
				Rules:   r,
				Extract: e.extractOptions(),
				Limits:  inputs.Limits{MaxBytes: int64(max(e.cfg.maxFileMB, 1)) << 20},
				Workers: e.o.jobs,
			}
			if !e.o.quiet {
				opt.Progress = func(done, total int) {
					fmt.Fprintf(e.stderr, "\rreview: %d/%d documents", done, total)
					if done == total {
						fmt.Fprintln(e.stderr)
					}
				}
			}
			rep, err := review.Load(args[0], opt)
			if err != nil {
				return err
			}
			out := e.o.outFile
			if strings.HasSuffix(strings.ToLower(out), ".html") {
				f, err := os.Create(out)
				if err != nil {
					return err
				}
				if err := rep.WriteFile(ctx, f); err != nil {
					f.Close()
					return fmt.Errorf("%s: %w", out, err)
				}
				if err := f.Close(); err != nil {
					return err
				}
			} else {
				if err := rep.WriteDir(ctx, out); err != nil {
					return fmt.Errorf("%s: %w", out, err)
				}
				out = filepath.Join(out, "index.html")
			}
			fmt.Fprintf(e.stdout, "%d documents: %s\n", rep.Documents(), out)
			return nil
		},
	}
}
