package settings

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// The converters turn a raw value, as YAML (through viper) or the
// environment (always a string) gives it, into a Go type. YAML null is
// Django's None: an empty string, false, an empty list.

const (
	allowedBool   = "true or false"
	allowedString = "a string"
	allowedList   = "a list of strings (comma-separated in the environment)"
	allowedAge    = "a non-negative integer (seconds)"
)

func asBool(setting string, v any) (bool, error) {
	switch x := v.(type) {
	case nil:
		return false, nil
	case bool:
		return x, nil
	case int:
		if x == 0 || x == 1 {
			return x == 1, nil
		}
	case string:
		switch strings.ToLower(strings.TrimSpace(x)) {
		case "true", "t", "1", "yes", "y", "on":
			return true, nil
		case "false", "f", "0", "no", "n", "off":
			return false, nil
		}
	}
	return false, badValue(setting, v, allowedBool)
}

func asString(setting string, v any) (string, error) {
	switch x := v.(type) {
	case nil:
		return "", nil
	case string:
		return x, nil
	case int:
		return strconv.Itoa(x), nil
	case int64:
		return strconv.FormatInt(x, 10), nil
	case uint64:
		return strconv.FormatUint(x, 10), nil
	case float64:
		return strconv.FormatFloat(x, 'g', -1, 64), nil
	}
	return "", badValue(setting, v, allowedString)
}

// asInt accepts a YAML integer, a whole float or a decimal string.
func asInt(setting string, v any, allowed string) (int, error) {
	switch x := v.(type) {
	case int:
		return x, nil
	case int64:
		if x >= math.MinInt && x <= math.MaxInt {
			return int(x), nil
		}
	case uint64:
		if x <= math.MaxInt {
			return int(x), nil
		}
	case float64:
		if x == math.Trunc(x) && math.Abs(x) < 1<<53 {
			return int(x), nil
		}
	case string:
		if n, err := strconv.Atoi(strings.TrimSpace(x)); err == nil {
			return n, nil
		}
	}
	return 0, badValue(setting, v, allowed)
}

// asList accepts a YAML sequence of scalars or a comma-separated string.
func asList(setting string, v any) ([]string, error) {
	switch x := v.(type) {
	case nil:
		return []string{}, nil
	case string:
		return splitList(x), nil
	case []any:
		out := make([]string, 0, len(x))
		for _, e := range x {
			s, err := asString(setting, e)
			if err != nil || e == nil {
				return nil, badValue(setting, v, allowedList)
			}
			out = append(out, s)
		}
		return out, nil
	}
	return nil, badValue(setting, v, allowedList)
}

func splitList(s string) []string {
	out := []string{}
	for _, e := range strings.Split(s, ",") {
		if e = strings.TrimSpace(e); e != "" {
			out = append(out, e)
		}
	}
	return out
}

// asMap accepts a YAML mapping; null is an empty one.
func asMap(setting string, v any, allowed string) (map[string]any, error) {
	switch x := v.(type) {
	case nil:
		return map[string]any{}, nil
	case map[string]any:
		return x, nil
	}
	return nil, badValue(setting, v, allowed)
}

func badValue(setting string, v any, allowed string) *Error {
	return &Error{Setting: setting, Value: redact(setting, show(v)), Allowed: allowed}
}

// show writes a raw value as the user wrote it, near enough.
func show(v any) string {
	switch x := v.(type) {
	case nil:
		return "null"
	case string:
		return x
	case []any:
		parts := make([]string, len(x))
		for i, e := range x {
			parts[i] = show(e)
		}
		return "[" + strings.Join(parts, ", ") + "]"
	}
	return fmt.Sprint(v)
}

// redact hides secret values: the secret keys, and anything under
// DATABASES except ENGINE, NAME, HOST, PORT and USER (a password, a URL
// with credentials, options, or a whole entry written as a string).
func redact(setting, value string) string {
	if value == "" {
		return value
	}
	if strings.HasPrefix(setting, "SECRET_KEY") {
		return Redacted
	}
	if strings.HasPrefix(setting, "DATABASES") {
		for _, safe := range []string{".ENGINE", ".NAME", ".HOST", ".PORT", ".USER"} {
			if strings.HasSuffix(setting, safe) {
				return value
			}
		}
		return Redacted
	}
	return value
}
