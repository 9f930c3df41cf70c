package rules

import (
	"bytes"
	"fmt"

	"github.com/spf13/viper"
)

// Parse decodes the "rules" section of a YAML configuration and compiles it.
func Parse(yaml []byte) (*Rules, error) {
	v := viper.New()
	v.SetConfigType("yaml")
	if err := v.ReadConfig(bytes.NewReader(yaml)); err != nil {
		return nil, fmt.Errorf("rules: %w", err)
	}
	return FromViper(v)
}

// FromViper compiles the "rules" section of an already loaded configuration.
func FromViper(v *viper.Viper) (*Rules, error) {
	var c Config
	if err := v.UnmarshalKey("rules", &c); err != nil {
		return nil, fmt.Errorf("rules: %w", err)
	}
	return Compile(c)
}
