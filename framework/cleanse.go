package framework

import (
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// CleansedSubstitute replaces every sensitive value on the DEBUG 500 page
// (Django's SafeExceptionReporterFilter.cleansed_substitute).
const CleansedSubstitute = "********************"

// hiddenNames matches the names whose values are hidden (Django's
// SafeExceptionReporterFilter.hidden_settings).
var hiddenNames = regexp.MustCompile(`(?i)API|TOKEN|KEY|SECRET|PASS|SIGNATURE`)

// Sensitive reports whether a setting, field, header or map key called
// name has its value hidden on the DEBUG 500 page: its name contains API,
// TOKEN, KEY, SECRET, PASS or SIGNATURE, in any case.
func Sensitive(name string) bool { return hiddenNames.MatchString(name) }

// CleanseSetting returns value with its sensitive parts replaced by
// [CleansedSubstitute], as Django's cleanse_setting does: the whole value
// when [Sensitive](key), otherwise, recursively, each map entry whose key
// is sensitive and each element of a list. It goes one step further than
// Django: the password of a URL in a string ("postgres://app:pw@db/site")
// is hidden too.
func CleanseSetting(key string, value any) any {
	if Sensitive(key) {
		return CleansedSubstitute
	}
	switch v := value.(type) {
	case map[string]any:
		out := make(map[string]any, len(v))
		for k, x := range v {
			out[k] = CleanseSetting(k, x)
		}
		return out
	case []any:
		out := make([]any, len(v))
		for i, x := range v {
			out[i] = CleanseSetting("", x)
		}
		return out
	case []string:
		out := make([]string, len(v))
		for i, x := range v {
			out[i] = hideURLPassword(x)
		}
		return out
	case string:
		return hideURLPassword(v)
	}
	return value
}

// hideURLPassword replaces the password of a URL with CleansedSubstitute.
func hideURLPassword(s string) string {
	if !strings.Contains(s, "://") || !strings.Contains(s, "@") {
		return s
	}
	u, err := url.Parse(s)
	if err != nil {
		return CleansedSubstitute // unparsable, and it may hold a password
	}
	if _, has := u.User.Password(); has {
		u.User = url.UserPassword(u.User.Username(), "PASSWORD")
		return strings.Replace(u.String(), ":PASSWORD@", ":"+CleansedSubstitute+"@", 1)
	}
	return s
}

// maskedHeaders are the request headers whose values are always hidden:
// they carry credentials whatever their names say.
var maskedHeaders = []string{"Authorization", "Cookie", "Proxy-Authorization", "Set-Cookie"}

// cleanseHeader returns a header value as the DEBUG page shows it.
func cleanseHeader(name, value string) string {
	if slices.Contains(maskedHeaders, name) || Sensitive(name) {
		return CleansedSubstitute
	}
	return value
}

// display writes a value for the DEBUG page, near Python's pprint: strings
// quoted, lists in brackets, maps with sorted keys.
func display(v any) string {
	switch x := v.(type) {
	case string:
		return strconv.Quote(x)
	case []string:
		parts := make([]string, len(x))
		for i, s := range x {
			parts[i] = strconv.Quote(s)
		}
		return "[" + strings.Join(parts, ", ") + "]"
	case []any:
		parts := make([]string, len(x))
		for i, e := range x {
			parts[i] = display(e)
		}
		return "[" + strings.Join(parts, ", ") + "]"
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		parts := make([]string, len(keys))
		for i, k := range keys {
			parts[i] = strconv.Quote(k) + ": " + display(x[k])
		}
		return "{" + strings.Join(parts, ", ") + "}"
	case nil:
		return "null"
	}
	return fmt.Sprint(v)
}
