package staticfiles

import (
	"crypto/md5"
	"encoding/hex"
	"fmt"
	"net/url"
	"path"
	"regexp"
	"strings"
)

// HashedName returns the name Django's ManifestStaticFilesStorage gives
// a file with content: the first 12 hex digits of the content's MD5
// before the extension, "css/site.css" → "css/site.5e0ac1ac7b3a.css".
func HashedName(name string, content []byte) string {
	sum := md5.Sum(content)
	dir, file := path.Split(name)
	ext := path.Ext(file)
	return dir + strings.TrimSuffix(file, ext) + "." + hex.EncodeToString(sum[:])[:12] + ext
}

// cssPatterns are Django 3.2's HashedFilesMixin patterns for *.css, with
// the template each match is replaced by.
var cssPatterns = []struct {
	re       *regexp.Regexp
	template string
}{
	{regexp.MustCompile(`(?i)(url\(['"]{0,1}\s*(.*?)["']{0,1}\))`), `url("%s")`},
	{regexp.MustCompile(`(?i)(@import\s*["']\s*(.*?)["'])`), `@import url("%s")`},
}

// scheme matches the start of an absolute or data: URL, which Django
// leaves alone.
var scheme = regexp.MustCompile(`^[a-z]+:`)

// adjustable reports whether name's content refers to other files by
// URL: Django 3.2 rewrites *.css files.
func adjustable(name string) bool { return strings.HasSuffix(name, ".css") }

// references returns the static names a CSS file refers to, as Django's
// converter resolves them; URLs it leaves alone are not listed.
func references(name string, content []byte, staticURL string) []string {
	var refs []string
	for _, p := range cssPatterns {
		for _, m := range p.re.FindAllSubmatch(content, -1) {
			if target, ok := resolve(name, string(m[2]), staticURL); ok {
				refs = append(refs, target)
			}
		}
	}
	return refs
}

// resolve returns the static name a URL in name refers to, without query
// or fragment, or false for a URL Django leaves alone.
func resolve(name, u, staticURL string) (string, bool) {
	if scheme.MatchString(u) || (strings.HasPrefix(u, "/") && !strings.HasPrefix(u, staticURL)) {
		return "", false
	}
	p, _ := defrag(u)
	target := path.Join(path.Dir(name), p)
	if strings.HasPrefix(p, "/") {
		target = strings.TrimPrefix(p, staticURL)
	}
	target, _, _ = strings.Cut(target, "?")
	if t, err := url.PathUnescape(target); err == nil {
		target = t
	}
	return path.Clean(target), true
}

// defrag splits a URL at its fragment as Python's urldefrag does,
// dropping the empty query of "font.eot?#iefix".
func defrag(u string) (rest, fragment string) {
	rest, fragment, ok := strings.Cut(u, "#")
	if ok {
		rest = strings.TrimSuffix(rest, "?")
	}
	return rest, fragment
}

// rewrite replaces the URLs in a CSS file's content by the hashed names
// of their targets, as Django's url_converter does. hashed maps each
// static name to its hashed name; a target not in it is an error.
func rewrite(name string, content []byte, staticURL string, hashed map[string]string) ([]byte, error) {
	var missing error
	for _, p := range cssPatterns {
		content = p.re.ReplaceAllFunc(content, func(match []byte) []byte {
			u := string(p.re.FindSubmatch(match)[2])
			target, ok := resolve(name, u, staticURL)
			if !ok {
				return match
			}
			h, found := hashed[target]
			if !found {
				if missing == nil {
					missing = fmt.Errorf("staticfiles: %s refers to %q: the file %s could not be found", name, u, target)
				}
				return match
			}
			return []byte(fmt.Sprintf(p.template, converted(u, h)))
		})
	}
	return content, missing
}

// converted is the new URL of u once its target's hashed name is h: the
// directories of u with the hashed file name, its query and its fragment.
func converted(u, h string) string {
	p, fragment := defrag(u)
	p, query, hasQuery := strings.Cut(p, "?")
	out := path.Base(h)
	if i := strings.LastIndex(p, "/"); i >= 0 {
		out = p[:i+1] + out
	}
	if hasQuery && query != "" {
		out += "?" + query
	}
	if fragment != "" {
		sep := "#"
		if strings.Contains(u, "?#") {
			sep = "?#"
		}
		out += sep + fragment
	}
	if o, err := url.PathUnescape(out); err == nil {
		out = o
	}
	return out
}
