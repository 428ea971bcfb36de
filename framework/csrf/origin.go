package csrf

import (
	"errors"
	"fmt"
	"strings"
)

// trust is CSRF_TRUSTED_ORIGINS, indexed for the Origin and Referer checks.
type trust struct {
	exact      map[string]bool     // origins trusted as is: "https://example.com"
	subdomains map[string][]string // scheme → domain patterns: ".example.com"
	hosts      []string            // Referer host patterns: "example.com", ".example.com"
}

// newTrust reads CSRF_TRUSTED_ORIGINS. A Django 4.0 entry with a scheme is
// an origin, "*." allowing subdomains; a Django 3.2 entry without one is a
// host pattern, trusted for the Referer as in 3.2 and for the Origin as the
// HTTPS origin of that host (or, with a leading dot, of that domain).
func newTrust(origins []string) (trust, error) {
	t := trust{exact: map[string]bool{}, subdomains: map[string][]string{}}
	for _, o := range origins {
		scheme, host, err := "https", o, error(nil)
		if strings.Contains(o, "://") {
			var u splitResult
			u, err = splitURL(o)
			scheme, host = u.scheme, strings.TrimLeft(u.netloc, "*")
		}
		if err != nil || scheme == "" || host == "" || host == "." {
			return trust{}, fmt.Errorf("csrf: trusted origin %q: want https://example.com, https://*.example.com or example.com", o)
		}
		t.hosts = append(t.hosts, host)
		switch {
		case strings.Contains(o, "*"), !strings.Contains(o, "://") && strings.HasPrefix(o, "."):
			t.subdomains[scheme] = append(t.subdomains[scheme], host)
		case strings.Contains(o, "://"):
			t.exact[o] = true
		default:
			t.exact["https://"+o] = true
		}
	}
	return t, nil
}

// origin reports whether a request's Origin is trusted.
func (t *trust) origin(origin string) bool {
	if t.exact[origin] {
		return true
	}
	u, err := splitURL(origin)
	if err != nil {
		return false
	}
	for _, p := range t.subdomains[u.scheme] {
		if sameDomain(u.netloc, p) {
			return true
		}
	}
	return false
}

// refererHost reports whether a Referer's host (and port) is trusted.
func (t *trust) refererHost(netloc string) bool {
	for _, p := range t.hosts {
		if sameDomain(netloc, p) {
			return true
		}
	}
	return false
}

// sameDomain is Django's is_same_domain: pattern, lower-cased, equals host,
// or starts with "." and host is that domain or ends with the pattern.
// host is compared as given, not lower-cased.
func sameDomain(host, pattern string) bool {
	if pattern == "" {
		return false
	}
	pattern = strings.ToLower(pattern)
	if pattern[0] == '.' && (strings.HasSuffix(host, pattern) || host == pattern[1:]) {
		return true
	}
	return pattern == host
}

// splitResult is Python's urllib.parse.SplitResult.
type splitResult struct {
	scheme, netloc, path, query, fragment string
}

var errIPv6 = errors.New("csrf: invalid IPv6 URL")

// splitURL is Python's urllib.parse.urlsplit, which Django uses on Referer
// and Origin headers: leading control characters and spaces are stripped,
// tabs and newlines removed, the scheme lower-cased. Unbalanced brackets in
// the host are an error (Python's ValueError).
func splitURL(s string) (splitResult, error) {
	s = strings.TrimLeft(s, "\x00\x01\x02\x03\x04\x05\x06\x07\x08\t\n\x0b\x0c\r\x0e\x0f"+
		"\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f ")
	s = strings.NewReplacer("\t", "", "\r", "", "\n", "").Replace(s)
	var u splitResult
	if i := strings.IndexByte(s, ':'); i > 0 && isSchemeStart(s[0]) && isScheme(s[:i]) {
		u.scheme, s = strings.ToLower(s[:i]), s[i+1:]
	}
	if strings.HasPrefix(s, "//") {
		end := len(s)
		if i := strings.IndexAny(s[2:], "/?#"); i >= 0 {
			end = 2 + i
		}
		u.netloc, s = s[2:end], s[end:]
		if strings.Contains(u.netloc, "[") != strings.Contains(u.netloc, "]") {
			return splitResult{}, errIPv6
		}
	}
	s, u.fragment, _ = strings.Cut(s, "#")
	u.path, u.query, _ = strings.Cut(s, "?")
	return u, nil
}

func isSchemeStart(c byte) bool { return 'a' <= c|0x20 && c|0x20 <= 'z' }

func isScheme(s string) bool {
	for i := range len(s) {
		if c := s[i]; !isSchemeStart(c) && !('0' <= c && c <= '9') && c != '+' && c != '-' && c != '.' {
			return false
		}
	}
	return true
}

// String is Python's geturl (urlunsplit): the URL put back together, as
// Django writes it in ReasonBadReferer.
func (u splitResult) String() string {
	url := u.path
	if u.netloc != "" || (u.scheme != "" && usesNetloc(u.scheme) && !strings.HasPrefix(url, "//")) {
		if url != "" && url[0] != '/' {
			url = "/" + url
		}
		url = "//" + u.netloc + url
	}
	if u.scheme != "" {
		url = u.scheme + ":" + url
	}
	if u.query != "" {
		url += "?" + u.query
	}
	if u.fragment != "" {
		url += "#" + u.fragment
	}
	return url
}

// usesNetloc lists the schemes of Python's urllib.parse.uses_netloc that a
// Referer can have.
func usesNetloc(scheme string) bool {
	switch scheme {
	case "http", "https", "ftp", "ws", "wss", "file", "":
		return true
	}
	return false
}
