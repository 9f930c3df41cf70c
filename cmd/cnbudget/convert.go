package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"

	"github.com/cnbudget/cnbudget/extract/inputs"
	"github.com/cnbudget/cnbudget/normalize/batch"
	"github.com/cnbudget/cnbudget/schema"
)

func cmdConvert() *command {
	return &command{
		name:  "convert",
		args:  "INPUT...",
		short: "convert files, folders and archives of disclosures into one JSON file per department and year",
		long: `Reads every INPUT — files, folders (searched recursively), zip and tar(.gz)
archives (read in place; member names in GBK or UTF-8) — and runs the three
stages on each document, in parallel, each in a worker process with a
memory ceiling (worker_memory_mb) and a deadline (--timeout): a file that
exhausts memory or the stack, or hangs, is recorded as failed with the
reason and the run goes on. Identical documents (same SHA-256) are
converted once. Writes into DIR:

  files/SHA256.json    the document of each input file alone
  YEAR_STAGE_SCOPE_CODE_HASH.json
                       one document per department, year and stage: the
                       files published for it merged (tables and narrative
                       apart, copies), checks run over the whole
  manifest.jsonl       one line per input: status (ok, partial,
                       no_text_layer, text_unreliable, not_a_disclosure,
                       failed, skipped), reason, tables, failed checks,
                       pages, seconds, output

Outputs are written under a temporary name and renamed. --resume skips the
inputs the manifest already records for this tool version (it tries again
those that failed for a passing reason, as a full disk, and with
--retry-crashed those that stopped a worker), so a run killed at any moment
and resumed ends with the same outputs as one that was not. DIR is locked
while a run writes into it. Ctrl-C stops at once (the files in flight are
done again on --resume). The exit code is 1 when an input failed, 130 when
interrupted.`,
		example: `  cnbudget convert samples -o out
  cnbudget convert archive.zip downloads/ -o out -j 8 --log run.jsonl
  cnbudget convert corpus/ -o out --shard $SLURM_ARRAY_TASK_ID/16 --resume`,
		setup: func(fs *flag.FlagSet, o *opts) {
			passwordFlag(fs, o)
			fs.StringVar(&o.outDir, "o", "", "output `DIR` (required)")
			fs.IntVar(&o.jobs, "j", 0, "parallel workers (default: number of CPUs; env CNBUDGET_JOBS)")
			fs.BoolVar(&o.compact, "compact", false, "write JSON on one line")
			fs.BoolVar(&o.resume, "resume", false, "skip inputs already recorded in DIR/manifest.jsonl by this version")
			fs.BoolVar(&o.retryCrashed, "retry-crashed", false, "with --resume, try again the inputs that stopped a worker (memory, stack, deadline)")
			fs.BoolVar(&o.inProcess, "in-process", false, "convert in this process, without worker processes (a fatal error in one file then ends the run)")
			fs.StringVar(&o.shard, "shard", "", "take only share `I/N` of the inputs, by SHA-256 (I from 0 to N-1)")
			fs.StringVar(&o.logFile, "log", "", "write a structured (JSON lines) log to `FILE`")
			fs.StringVar(&o.timeout, "timeout", "", "give up on one input after this `duration` (default from config.yaml: 2m)")
			fs.BoolVar(&o.quiet, "q", false, "no progress output")
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
	shardI, shardN, err := parseShard(e.o.shard)
	if err != nil {
		return usageError(err.Error())
	}
	r, err := e.cfg.rules()
	if err != nil {
		return err
	}
	nopt, err := e.cfg.normalizeOptions()
	if err != nil {
		return err
	}
	opt := batch.Options{
		Out:          e.o.outDir,
		Jobs:         e.cfg.jobs,
		Timeout:      e.cfg.timeout,
		Limits:       inputs.Limits{MaxBytes: int64(e.cfg.maxFileMB) << 20},
		Extract:      e.extractOptions(),
		Rules:        r,
		Normalize:    nopt,
		Compact:      e.o.compact,
		Resume:       e.o.resume,
		RetryCrashed: e.o.retryCrashed,
		ShardI:       shardI,
		ShardN:       shardN,
		Progress:     newProgress(e.stderr, e.o.quiet),
		WorkerMemory: int64(e.cfg.workerMB) << 20,
	}
	if e.o.logFile != "" {
		f, err := os.OpenFile(e.o.logFile, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
		if err != nil {
			return err
		}
		defer f.Close()
		opt.Log = slog.New(slog.NewJSONHandler(f, nil))
	}
	if e.o.inProcess {
		// A batch allocates a lot and keeps little: collecting garbage
		// half as often is faster for some memory (GOGC, when set, wins).
		if os.Getenv("GOGC") == "" {
			defer debug.SetGCPercent(debug.SetGCPercent(200))
		}
	} else {
		exe, err := os.Executable()
		if err != nil {
			return fmt.Errorf("cannot find this program to start workers (use --in-process): %w", err)
		}
		wargs := []string{workerCommand}
		if e.o.configFile != "" {
			wargs = append(wargs, "--config", e.o.configFile)
		}
		// Workers share the CPUs: each takes its share for its own
		// garbage collection rather than all of them. (GOGC 300 in the
		// workers and 400 in the run were measured too: no faster over
		// 11 alternated runs, 30-50 MB more at the peak.) GOMAXPROCS and
		// GOGC, when set, win.
		env := os.Environ()
		if os.Getenv("GOMAXPROCS") == "" {
			env = append(env, fmt.Sprintf("GOMAXPROCS=%d", max(1, runtime.NumCPU()/max(e.cfg.jobs, 1))))
		}
		if os.Getenv("GOGC") == "" {
			env = append(env, "GOGC=200")
		}
		opt.Worker = func() *exec.Cmd {
			cmd := exec.Command(exe, wargs...)
			cmd.Env = env
			return cmd
		}
	}
	res, err := batch.Run(ctx, args, opt)
	if err != nil {
		return err
	}
	return summary(e.stderr, e.o.outDir, res)
}

// summary prints the count of every status and returns the exit error.
func summary(w io.Writer, out string, res batch.Result) error {
	var parts []string
	n := 0
	for _, s := range []string{schema.StatusOK, schema.StatusPartial, schema.StatusNoTextLayer, schema.StatusTextUnreliable,
		schema.StatusNotADisclosure, schema.StatusFailed, schema.StatusSkipped} {
		if c := res.Counts[s]; c > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", c, s))
			n += c
		}
	}
	if res.Interrupted {
		return exitError{code: 130, msg: fmt.Sprintf("interrupted: %d of %d inputs done; run again with --resume to go on", n, res.Inputs)}
	}
	fmt.Fprintf(w, "%d inputs: %s; manifest in %s\n", n, strings.Join(parts, ", "), filepath.Join(out, "manifest.jsonl"))
	if f := res.Counts[schema.StatusFailed]; f > 0 {
		return exitError{code: 1, msg: fmt.Sprintf("%d inputs failed (see the manifest)", f)}
	}
	return nil
}

// parseShard reads "I/N".
func parseShard(s string) (int, int, error) {
	if s == "" {
		return 0, 1, nil
	}
	a, c, ok := strings.Cut(s, "/")
	i, err1 := strconv.Atoi(a)
	n, err2 := strconv.Atoi(c)
	if !ok || err1 != nil || err2 != nil || n < 1 || i < 0 || i >= n {
		return 0, 0, fmt.Errorf("--shard %q: want I/N with 0 <= I < N", s)
	}
	return i, n, nil
}

// workerCommand is the hidden command a batch starts its workers with.
const workerCommand = "__worker"

// cmdWorker is convert's worker process: it converts the inputs its
// parent sends on standard input (see package batch).
func cmdWorker() *command {
	return &command{
		name:   workerCommand,
		short:  "(internal) a worker process of convert",
		hidden: true,
		run: func(ctx context.Context, e *env, args []string) error {
			r, err := e.cfg.rules()
			if err != nil {
				return err
			}
			nopt, err := e.cfg.normalizeOptions()
			if err != nil {
				return err
			}
			// The parent stops its workers; an interrupt from the
			// terminal goes to the whole group and is the parent's.
			err = batch.ServeWorker(context.WithoutCancel(ctx), os.Stdin, os.Stdout, r, nopt)
			if errors.Is(err, io.ErrUnexpectedEOF) {
				return nil // the parent went away
			}
			return err
		},
	}
}
