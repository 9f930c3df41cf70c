// Package cnbudget is the root of the cnbudget module. It only carries the
// default configuration, config.yaml, so that the tool and its tests work
// from any directory; the stages live in extract (one), normalize (two and
// three) and schema (the output), the command in cmd/cnbudget.
package cnbudget

import _ "embed"

//go:embed config.yaml
var defaultConfig []byte

// DefaultConfig returns a copy of the bundled config.yaml.
func DefaultConfig() []byte { return append([]byte(nil), defaultConfig...) }
