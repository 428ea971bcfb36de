package settings

import (
	"errors"
	"os"
	"strings"
)

// DefaultFile is the settings file used when neither --settings nor
// MANOUCHE_SETTINGS names one (Django's DJANGO_SETTINGS_MODULE default of
// startproject: the project's own settings).
const DefaultFile = "settings.yaml"

// SplitArgs chooses the settings file for a manage program, as Django's
// --settings option and DJANGO_SETTINGS_MODULE do. The file is, in order:
// the value of --settings FILE or --settings=FILE anywhere in args (one
// dash works too; the last one wins), the MANOUCHE_SETTINGS variable of
// environ when not empty, or [DefaultFile] when it exists in the working
// directory; otherwise path is "" (defaults and environment only). rest is
// args without the --settings option; arguments from a "--" on are kept as
// they are and never scanned. A --settings without a file is an error.
func SplitArgs(args []string, environ []string) (path string, rest []string, err error) {
	rest = make([]string, 0, len(args))
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			rest = append(rest, args[i:]...)
			break
		}
		name, value, hasValue := strings.Cut(a, "=")
		if name != "--settings" && name != "-settings" {
			rest = append(rest, a)
			continue
		}
		if !hasValue {
			if i+1 == len(args) {
				return "", nil, errors.New("settings: " + name + " needs a FILE argument")
			}
			i++
			value = args[i]
		}
		if value == "" {
			return "", nil, errors.New("settings: " + name + " needs a non-empty FILE argument")
		}
		path = value
	}
	if path != "" {
		return path, rest, nil
	}
	if p := lookupEnv(environ, EnvPrefix+"SETTINGS"); p != "" {
		return p, rest, nil
	}
	if fi, err := os.Stat(DefaultFile); err == nil && fi.Mode().IsRegular() {
		return DefaultFile, rest, nil
	}
	return "", rest, nil
}

// lookupEnv returns the last value of name in environ.
func lookupEnv(environ []string, name string) string {
	value := ""
	for _, kv := range environ {
		if k, v, ok := strings.Cut(kv, "="); ok && k == name {
			value = v
		}
	}
	return value
}
