package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
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
writes -o FILE with one row per amount: region and its code, department and
its id (department_id, the panel key), year, stage, scope, table kind,
classification code, level, name, column key and measure, the amount in 元
(exact, as text, and as a number), the printed value and unit, page, source
file and SHA-256. Beside it, FILE's name with _tables, _forms and
_indicators added: an index of the tables with their pages and check
counts, the self-evaluation forms of final accounts (a row per form: funds
budget, actual, rate, score), and their indicators.

With --partition KEYS (Parquet only), -o names a folder and the four tables
are written as a hive-partitioned dataset: OUT/amounts/year=2026/
province=上海市/part-0.parquet, OUT/tables/…, OUT/forms/…, OUT/indicators/…;
an empty value goes into __HIVE_DEFAULT_PARTITION__ (read as NULL). Keys:
year, province, stage, region_code.`,
		example: `  cnbudget export out -f parquet -o budget.parquet
  duckdb -c "SELECT year, sum(yuan_num) FROM 'budget.parquet' WHERE column_key='total' AND total GROUP BY year"
  cnbudget export out -f parquet --partition year,province -o dataset/
  duckdb -c "SELECT * FROM read_parquet('dataset/amounts/**/*.parquet', hive_partitioning=true) LIMIT 5"`,
		setup: func(fs *flag.FlagSet, o *opts) {
			fs.StringVar(&o.format, "f", "csv", "`format`: csv, jsonl or parquet")
			fs.StringVar(&o.outFile, "o", "", "output `FILE` (a folder with --partition) (required)")
			fs.StringVar(&o.partition, "partition", "", "write a hive-partitioned Parquet dataset by these `KEYS` (e.g. year,province)")
		},
		run: func(ctx context.Context, e *env, args []string) error {
			if len(args) != 1 {
				return usageError("export takes exactly one DIR")
			}
			if e.o.outFile == "" {
				return usageError("export needs -o FILE")
			}
			var keys []string
			if e.o.partition != "" {
				if e.o.format != "parquet" {
					return usageError("--partition writes Parquet: give -f parquet")
				}
				for _, k := range strings.Split(e.o.partition, ",") {
					if k = strings.TrimSpace(k); k != "" {
						keys = append(keys, k)
					}
				}
			}
			if !slices.Contains(export.Formats, e.o.format) {
				return usageError(fmt.Sprintf("unknown format %q (want %s)", e.o.format, strings.Join(export.Formats, ", ")))
			}
			paths, _ := filepath.Glob(filepath.Join(args[0], "*.json"))
			var ds export.Dataset
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
				ds.Add(filepath.Base(p), &d)
			}
			if ds.Documents == 0 {
				return fmt.Errorf("%s: no department documents (run convert first)", args[0])
			}
			var written []string
			var err error
			if keys != nil {
				written, err = ds.WritePartitioned(e.o.outFile, keys)
				if err != nil && strings.Contains(err.Error(), "cannot partition") {
					return usageError(err.Error())
				}
			} else {
				written, err = ds.WriteFiles(e.o.outFile, e.o.format)
			}
			if err != nil {
				return err
			}
			where := strings.Join(written, ", ")
			if keys != nil {
				where = fmt.Sprintf("%d files under %s", len(written), e.o.outFile)
			}
			fmt.Fprintf(e.stderr, "%d amounts of %d tables, %d forms with %d indicators, from %d documents: %s\n",
				len(ds.Facts), len(ds.Tables), len(ds.Forms), len(ds.Indicators), ds.Documents, where)
			return nil
		},
	}
}
