package sessions

import (
	"net/http"
	"strings"
)

// lastCookie returns the value of the last cookie called name in the
// request's Cookie headers, as Django's cookie parser does (Go's
// Request.Cookie returns the first). It reports whether one was present.
func lastCookie(r *http.Request, name string) (value string, ok bool) {
	for _, line := range r.Header["Cookie"] {
		for line != "" {
			var part string
			part, line, _ = strings.Cut(line, ";")
			k, v, _ := strings.Cut(part, "=")
			if strings.TrimSpace(k) != name {
				continue
			}
			value, ok = unquote(strings.TrimSpace(v)), true
		}
	}
	return value, ok
}

// unquote removes the double quotes Python puts around some cookie values.
func unquote(v string) string {
	if len(v) >= 2 && v[0] == '"' && v[len(v)-1] == '"' {
		return v[1 : len(v)-1]
	}
	return v
}
