package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"runtime"
	"sync"
	"time"

	"github.com/spf13/viper"

	"github.com/cnbudget/cnbudget"
	"github.com/cnbudget/cnbudget/normalize"
	"github.com/cnbudget/cnbudget/normalize/codes"
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
	jobs      int
	timeout   time.Duration
	password  string
	maxPages  int
	maxFileMB int
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
	c := &config{
		source:    source,
		v:         v,
		jobs:      v.GetInt("jobs"),
		timeout:   v.GetDuration("timeout"),
		password:  v.GetString("password"),
		maxPages:  v.GetInt("max_pages"),
		maxFileMB: v.GetInt("max_file_mb"),
	}
	if c.jobs <= 0 {
		c.jobs = runtime.NumCPU()
	}
	if c.timeout <= 0 {
		c.timeout = 2 * time.Minute
	}
	return c, nil
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
	return normalize.Options{ToolVersion: version, Codes: l}, nil
}
