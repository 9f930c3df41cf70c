package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/cnbudget/cnbudget/normalize/batch"
	"github.com/cnbudget/cnbudget/schema"
	"github.com/cnbudget/cnbudget/schema/export"
)

func cmdMerge() *command {
	return &command{
		name:  "merge",
		args:  "DIR...",
		short: "combine the output folders of sharded convert runs into one",
		long: `Reads the manifest.jsonl and files/ of every DIR written by convert (each
shard of a cluster run: --shard I/N), copies the per-file documents into
-o OUT, groups them again by department, year and stage (files of one
department may have landed in different shards) and writes the department
documents and one manifest of all inputs.`,
		example: "  cnbudget merge -o all shard-0 shard-1 shard-2",
		setup: func(fs *flag.FlagSet, o *opts) {
			fs.StringVar(&o.outDir, "o", "", "output `DIR` (required)")
			fs.BoolVar(&o.compact, "compact", false, "write JSON on one line")
		},
		run: func(ctx context.Context, e *env, args []string) error {
			if len(args) == 0 {
				return usageError("merge needs at least one DIR")
			}
			if e.o.outDir == "" {
				return usageError("merge needs -o DIR")
			}
			r, err := e.cfg.rules()
			if err != nil {
				return err
			}
			n, err := batch.Merge(e.o.outDir, args, r, e.o.compact)
			if err != nil {
				return err
			}
			fmt.Fprintf(e.stderr, "%d inputs from %d folders merged into %s\n", n, len(args), e.o.outDir)
			return nil
		},
	}
}

func cmdExport() *command {
	return &command{
		name:  "export",
		args:  "DIR",
		short: "write the amounts of a convert output folder as one long table (CSV, JSON lines, Parquet)",
		long: `Reads the department documents in DIR (written by convert or merge) and
writes -o FILE with one row per amount: region, department, year, stage,
scope, table kind, classification code, level, name, column key, the amount
in 元 (exact, as text, and as a number), the printed value and unit, page,
source file and SHA-256. Beside it, FILE's name with _tables added holds an
index of the tables with their pages and check counts.`,
		example: `  cnbudget export out -f parquet -o budget.parquet
  duckdb -c "SELECT year, sum(yuan_num) FROM 'budget.parquet' WHERE column_key='total' AND total GROUP BY year"`,
		setup: func(fs *flag.FlagSet, o *opts) {
			fs.StringVar(&o.format, "f", "csv", "`format`: csv, jsonl or parquet")
			fs.StringVar(&o.outFile, "o", "", "output `FILE` (required)")
		},
		run: func(ctx context.Context, e *env, args []string) error {
			if len(args) != 1 {
				return usageError("export takes exactly one DIR")
			}
			if e.o.outFile == "" {
				return usageError("export needs -o FILE")
			}
			paths, _ := filepath.Glob(filepath.Join(args[0], "*.json"))
			var facts []export.Fact
			var tables []export.Table
			n := 0
			for _, p := range paths {
				if !batch.IsGroupFile(filepath.Base(p)) {
					continue
				}
				data, err := os.ReadFile(p)
				if err != nil {
					return err
				}
				var d schema.Document
				if err := json.Unmarshal(data, &d); err != nil {
					return fmt.Errorf("%s: %w", p, err)
				}
				f, t := export.Rows(filepath.Base(p), &d)
				facts = append(facts, f...)
				tables = append(tables, t...)
				n++
			}
			if n == 0 {
				return fmt.Errorf("%s: no department documents (run convert first)", args[0])
			}
			ext := filepath.Ext(e.o.outFile)
			index := strings.TrimSuffix(e.o.outFile, ext) + "_tables" + ext
			for _, w := range []struct {
				path  string
				write func(*bytes.Buffer) error
			}{
				{e.o.outFile, func(b *bytes.Buffer) error { return export.Write(b, e.o.format, facts) }},
				{index, func(b *bytes.Buffer) error { return export.Write(b, e.o.format, tables) }},
			} {
				var buf bytes.Buffer
				if err := w.write(&buf); err != nil {
					return err
				}
				if err := batch.WriteFileAtomic(w.path, buf.Bytes()); err != nil {
					return err
				}
			}
			fmt.Fprintf(e.stderr, "%d amounts of %d tables from %d documents: %s, %s\n", len(facts), len(tables), n, e.o.outFile, index)
			return nil
		},
	}
}
