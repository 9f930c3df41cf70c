package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/spf13/viper"

	"github.com/cnbudget/cnbudget"
	"github.com/cnbudget/cnbudget/normalize"
	"github.com/cnbudget/cnbudget/normalize/codes"
	"github.com/cnbudget/cnbudget/normalize/regions"
	"github.com/cnbudget/cnbudget/normalize/rules"
)

// config is the effective configuration of one run.
type config struct {
	source string // where the file came from
	v      *viper.Viper
	// The table rules are compiled on first use: commands of stage one
	// alone (text) do without them.
	once      sync.Once
	compiled  *rules.Rules
	rulesErr  error
	codesOnce sync.Once
	codeList  *codes.List
	codesErr  error
	// The division table, read on first use.
	regionsOnce sync.Once
	regionTable *regions.Table
	regionsErr  error
	jobs        int
	timeout     time.Duration
	password    string
	maxPages    int
	maxFileMB   int
	workerMB    int
}

// loadConfig reads config.yaml (the --config file, else ./config.yaml when
// present, else the built-in copy), lets CNBUDGET_* environment variables
// override it and the flags that were set override both.
func loadConfig(o *opts, set map[string]bool) (*config, error) {
	v := viper.New()
	v.SetConfigType("yaml")
	v.SetEnvPrefix("CNBUDGET")
	v.AutomaticEnv()
	source := "built-in config.yaml"
	switch {
	case o.configFile != "":
		v.SetConfigFile(o.configFile)
		if err := v.ReadInConfig(); err != nil {
			return nil, fmt.Errorf("config %s: %w", o.configFile, err)
		}
		source = o.configFile
	default:
		if _, err := os.Stat("config.yaml"); err == nil {
			v.SetConfigFile("config.yaml")
			if err := v.ReadInConfig(); err != nil {
				return nil, fmt.Errorf("config config.yaml: %w", err)
			}
			source = "config.yaml"
		} else if !errors.Is(err, os.ErrNotExist) {
			return nil, fmt.Errorf("config config.yaml: %w", err)
		} else if err := v.ReadConfig(bytes.NewReader(cnbudget.DefaultConfig())); err != nil {
			return nil, fmt.Errorf("built-in config: %w", err)
		}
	}
	if set["j"] {
		v.Set("jobs", o.jobs)
	}
	if set["password"] {
		v.Set("password", o.password)
	}
	if set["timeout"] {
		v.Set("timeout", o.timeout)
	}
	c := &config{source: source, v: v, password: v.GetString("password")}
	// A setting that does not read as what it must be is a mistake to
	// report, not a default to fall back on (CNBUDGET_MAX_FILE_MB=200MB).
	var errs []error
	whole := func(key string, least int) int {
		s := strings.TrimSpace(v.GetString(key))
		if s == "" {
			return 0
		}
		n, err := strconv.Atoi(s)
		if err != nil || n < least {
			errs = append(errs, fmt.Errorf("%s %q: want a whole number of at least %d", settingName(key), s, least))
			return 0
		}
		return n
	}
	c.jobs = whole("jobs", 0)
	c.maxPages = whole("max_pages", 0)
	c.maxFileMB = whole("max_file_mb", 1)
	c.workerMB = whole("worker_memory_mb", 64)
	if s := strings.TrimSpace(v.GetString("timeout")); s != "" {
		d, err := time.ParseDuration(s)
		if err != nil || d <= 0 {
			errs = append(errs, fmt.Errorf("%s %q: want a duration such as 90s or 2m", settingName("timeout"), s))
		}
		c.timeout = d
	}
	if len(errs) > 0 {
		return nil, usageError(fmt.Sprintf("%v (from %s, CNBUDGET_* or the flags)", errors.Join(errs...), source))
	}
	if c.jobs <= 0 {
		c.jobs = runtime.NumCPU()
	}
	if c.timeout <= 0 {
		c.timeout = 2 * time.Minute
	}
	if c.maxFileMB <= 0 {
		c.maxFileMB = 200
	}
	if c.workerMB <= 0 {
		c.workerMB = 1024
	}
	return c, nil
}

// settingName names a setting as a user sets it: the key of config.yaml,
// or the environment variable.
func settingName(key string) string {
	return fmt.Sprintf("%s (CNBUDGET_%s)", key, strings.ToUpper(key))
}

// rules returns the compiled table rules.
func (c *config) rules() (*rules.Rules, error) {
	c.once.Do(func() {
		c.compiled, c.rulesErr = rules.FromViper(c.v)
		if c.rulesErr != nil {
			c.rulesErr = fmt.Errorf("config %s: %w", c.source, c.rulesErr)
		}
	})
	return c.compiled, c.rulesErr
}

// codes returns the reference list of classification codes.
func (c *config) codes() (*codes.List, error) {
	c.codesOnce.Do(func() { c.codeList, c.codesErr = codes.Default() })
	return c.codeList, c.codesErr
}

// normalizeOptions are the options of stage three for this run.
func (c *config) normalizeOptions() (normalize.Options, error) {
	l, err := c.codes()
	if err != nil {
		return normalize.Options{}, err
	}
	c.regionsOnce.Do(func() { c.regionTable, c.regionsErr = regions.Load() })
	if c.regionsErr != nil {
		return normalize.Options{}, c.regionsErr
	}
	return normalize.Options{ToolVersion: version, Codes: l, Regions: c.regionTable}, nil
}
