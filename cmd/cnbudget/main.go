// Command cnbudget turns Chinese government budget disclosures (部门预算 /
// 部门决算 信息公开 PDFs, or their TAB-separated text form) into validated,
// machine-readable JSON.
//
// Usage:
//
//	cnbudget <command> [flags] [arguments]
//
// Run "cnbudget help" for the list of commands and "cnbudget <command> -h"
// for the flags and an example of each.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"
)

// version is the tool version written into every output document; release
// builds set it with -ldflags "-X main.version=…".
var version = "0.1.0"

// command is one subcommand.
type command struct {
	name    string
	args    string // argument synopsis
	short   string // one line
	long    string // paragraph
	example string
	// setup declares the command's flags.
	setup func(fs *flag.FlagSet, o *opts)
	run   func(ctx context.Context, e *env, args []string) error
	// hidden commands are not listed (convert's worker mode).
	hidden bool
}

// env is what a running command can reach.
type env struct {
	stdout, stderr io.Writer
	cfg            *config
	o              *opts
}

// opts are all flags of all commands; each command declares the ones it
// uses.
type opts struct {
	configFile string
	outDir     string
	jobs       int
	password   string
	jsonOut    bool
	misses     bool
	compact    bool
	timeout    string
	resume     bool
	shard      string
	logFile    string
	format     string
	outFile    string
	quiet      bool
	boxes      bool
	pages      string
	only       string
	layoutRows bool
	svg        bool

	retryCrashed bool
	inProcess    bool
	partition    string
}

func commands() []*command {
	return []*command{cmdExtract(), cmdConvert(), cmdMerge(), cmdExport(), cmdText(), cmdInspect(), cmdReview(), cmdEval(), cmdSchema(), cmdVersion(), cmdWorker()}
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// run executes one command line and returns the exit code: 0 success, 1
// failure, 2 usage error.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	cmds := commands()
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		if len(args) > 1 {
			for _, c := range cmds {
				if c.name == args[1] {
					usage(stderr, c, flagSet(c, &opts{}))
					return 0
				}
			}
		}
		overview(stdout, cmds)
		return 0
	}
	var c *command
	for _, x := range cmds {
		if x.name == args[0] {
			c = x
		}
	}
	if c == nil {
		fmt.Fprintf(stderr, "cnbudget: unknown command %q\n\n", args[0])
		overview(stderr, cmds)
		return 2
	}
	o := &opts{}
	fs := flagSet(c, o)
	fs.SetOutput(io.Discard)
	rest, err := parseInterspersed(fs, args[1:])
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			usage(stdout, c, fs)
			return 0
		}
		fmt.Fprintf(stderr, "cnbudget %s: %v\n\n", c.name, err)
		usage(stderr, c, fs)
		return 2
	}
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	cfg, err := loadConfig(o, set)
	if err != nil {
		var ue usageError
		if errors.As(err, &ue) {
			fmt.Fprintf(stderr, "cnbudget %s: %v\n", c.name, err)
			return 2
		}
		fmt.Fprintf(stderr, "cnbudget: %v\n", err)
		return 1
	}
	e := &env{stdout: stdout, stderr: stderr, cfg: cfg, o: o}
	if err := c.run(ctx, e, rest); err != nil {
		var ue usageError
		if errors.As(err, &ue) {
			fmt.Fprintf(stderr, "cnbudget %s: %v\n\n", c.name, err)
			usage(stderr, c, fs)
			return 2
		}
		var ex exitError
		if errors.As(err, &ex) {
			if ex.msg != "" {
				fmt.Fprintf(stderr, "cnbudget %s: %s\n", c.name, ex.msg)
			}
			return ex.code
		}
		fmt.Fprintf(stderr, "cnbudget %s: %v\n", c.name, err)
		return 1
	}
	return 0
}

// usageError is a mistake on the command line.
type usageError string

func (e usageError) Error() string { return string(e) }

// exitError ends a command with a given exit code.
type exitError struct {
	code int
	msg  string
}

func (e exitError) Error() string { return e.msg }

// parseInterspersed parses flags wherever they stand among the arguments,
// as users write them ("convert samples -o out"); after "--" everything is
// an argument.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return pos, nil
		}
		if used := len(args) - len(rest); used > 0 && args[used-1] == "--" {
			return append(pos, rest...), nil
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}

func flagSet(c *command, o *opts) *flag.FlagSet {
	fs := flag.NewFlagSet(c.name, flag.ContinueOnError)
	fs.StringVar(&o.configFile, "config", "", "configuration `file` (default: ./config.yaml if present, else the built-in one)")
	if c.setup != nil {
		c.setup(fs, o)
	}
	return fs
}

func overview(w io.Writer, cmds []*command) {
	fmt.Fprintf(w, `cnbudget %s turns Chinese budget disclosures (部门预算/决算信息公开 PDFs) into validated JSON.

Usage:
  cnbudget <command> [flags] [arguments]

Commands:
`, version)
	for _, c := range cmds {
		if !c.hidden {
			fmt.Fprintf(w, "  %-9s %s\n", c.name, c.short)
		}
	}
	fmt.Fprint(w, `
Run "cnbudget <command> -h" for a command's flags and an example.
Settings come from config.yaml, CNBUDGET_* environment variables and flags
(flags win over the environment, the environment over the file).
`)
}

func usage(w io.Writer, c *command, fs *flag.FlagSet) {
	fmt.Fprintf(w, "Usage: cnbudget %s [flags] %s\n\n%s\n", c.name, c.args, c.short)
	if c.long != "" {
		fmt.Fprintf(w, "\n%s\n", strings.TrimSpace(c.long))
	}
	fmt.Fprintf(w, "\nFlags:\n")
	fs.SetOutput(w)
	fs.PrintDefaults()
	if c.example != "" {
		fmt.Fprintf(w, "\nExample:\n%s\n", c.example)
	}
}
