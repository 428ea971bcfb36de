package settings

import (
	"bytes"
	"fmt"
	"os"
	"strings"

	"github.com/spf13/viper"
)

// Load reads a site's settings, Django's settings module made data: the
// defaults of [Default], then the YAML file at path (none when path is
// ""), then the MANOUCHE_<NAME> variables of environ (os.Environ's
// "NAME=value" form). It validates the result once: a bad setting is an
// [*Error]. Unknown settings end up in [Settings.Warnings]. The package
// doc describes the layering and how variable names are resolved.
func Load(path string, environ []string) (*Settings, error) {
	raw, err := readFile(path)
	if err != nil {
		return nil, err
	}
	envWarnings := applyEnv(raw, environ)
	s := Default()
	if err := s.decode(raw); err != nil {
		return nil, err
	}
	s.Warnings = append(s.Warnings, envWarnings...)
	if err := s.Validate(); err != nil {
		return nil, err
	}
	return s, nil
}

// readFile parses the YAML file with viper into a tree of lower-case keys.
// The tree is rebuilt from viper's leaf keys so that null values, which
// carry meaning (Django's None), are kept.
func readFile(path string) (map[string]any, error) {
	raw := map[string]any{}
	if path == "" {
		return raw, nil
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("settings: %w", err)
	}
	v := viper.New()
	v.SetConfigType("yaml")
	if err := v.ReadConfig(bytes.NewReader(b)); err != nil {
		return nil, fmt.Errorf("settings: parse %s: %w", path, oneLineError{err})
	}
	for _, k := range v.AllKeys() {
		insert(raw, strings.Split(k, "."), v.Get(k))
	}
	return raw, nil
}

// oneLineError keeps a multi-line YAML error on one line, still wrapped.
type oneLineError struct{ err error }

func (e oneLineError) Error() string { return strings.Join(strings.Fields(e.err.Error()), " ") }
func (e oneLineError) Unwrap() error { return e.err }
