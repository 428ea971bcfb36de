package auth

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// URLHasAllowedHostAndScheme reports whether url is safe to redirect to:
// a relative URL, or one whose host is in allowedHosts (host[:port], as
// the Host header gives it) with scheme http or https (https only when
// requireHTTPS). It is Django's url_has_allowed_host_and_scheme, and
// refuses what browsers read as another site: "//evil.example",
// "https://evil.example", "\\evil" (Chrome reads \ as /), "///evil",
// "http:///evil", "javascript:..." and URLs starting with a character of
// Unicode category C. Stricter than Django, it also refuses ASCII control
// characters anywhere, which browsers drop ("/\t/evil" reads as
// "//evil"). Surrounding spaces are ignored; an empty url is unsafe.
func URLHasAllowedHostAndScheme(url string, allowedHosts []string, requireHTTPS bool) bool {
	url = strings.TrimSpace(url)
	if url == "" || hasControl(url) {
		return false
	}
	return hasAllowedHostAndScheme(url, allowedHosts, requireHTTPS) &&
		hasAllowedHostAndScheme(strings.ReplaceAll(url, `\`, "/"), allowedHosts, requireHTTPS)
}

func hasAllowedHostAndScheme(url string, allowedHosts []string, requireHTTPS bool) bool {
	if strings.HasPrefix(url, "///") {
		return false
	}
	scheme, netloc, ok := splitURL(url)
	if !ok || netloc == "" && scheme != "" {
		return false
	}
	if r, _ := utf8.DecodeRuneInString(url); isOther(r) {
		return false
	}
	if scheme == "" && netloc != "" {
		scheme = "http"
	}
	valid := scheme == "" || scheme == "https" || scheme == "http" && !requireHTTPS
	return valid && (netloc == "" || slices.Contains(allowedHosts, netloc))
}

// isOther reports whether r is in Unicode's general category C (control,
// format, surrogate, private use, unassigned), as Django's check of the
// first character does; invalid UTF-8 counts too.
func isOther(r rune) bool {
	return r == utf8.RuneError || unicode.In(r, unicode.C) ||
		!unicode.In(r, unicode.L, unicode.M, unicode.N, unicode.P, unicode.S, unicode.Z)
}

// schemeChars are the characters of a URL scheme, as Python's urlparse
// takes them.
const schemeChars = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+-."

// splitURL returns the scheme (lower case) and network location of url as
// Django's copy of Python's urlsplit does; ok is false where it raises
// ValueError (an unbalanced IPv6 bracket).
func splitURL(url string) (scheme, netloc string, ok bool) {
	if i := strings.IndexByte(url, ':'); i > 0 && strings.Trim(url[:i], schemeChars) == "" {
		scheme, url = strings.ToLower(url[:i]), url[i+1:]
	}
	if rest, found := strings.CutPrefix(url, "//"); found {
		end := strings.IndexAny(rest, "/?#")
		if end < 0 {
			end = len(rest)
		}
		netloc = rest[:end]
	}
	ok = strings.Contains(netloc, "[") == strings.Contains(netloc, "]")
	return scheme, netloc, ok
}

// hasControl reports whether url holds an ASCII control character, which
// browsers drop from URLs ("/\t/evil" is read as "//evil").
func hasControl(url string) bool {
	return strings.IndexFunc(url, func(r rune) bool { return r < 0x20 || r == 0x7f }) >= 0
}
