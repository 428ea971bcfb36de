package staticfiles

import (
	"errors"
	"fmt"
	"strings"
)

// Storage builds static files' URLs: Django's staticfiles_storage.url, and
// so the {% static %} tag, whose manouche form is the static template
// function: << static "css/site.css" >>.
type Storage struct {
	prefix      string
	debug       bool
	manifest    Manifest
	manifestErr error
}

// NewStorage returns the storage of a site whose STATIC_URL is prefix.
// With debug (DEBUG), URLs name the files themselves; otherwise they name
// the hashed copies listed in manifest, and manifestErr, when not nil,
// says why there is no manifest (it is part of every URL's error).
func NewStorage(prefix string, debug bool, manifest Manifest, manifestErr error) *Storage {
	return &Storage{prefix: prefix, debug: debug, manifest: manifest, manifestErr: manifestErr}
}

// ErrMissingEntry is wrapped by [Storage.URL]'s error for a name the
// manifest does not list.
var ErrMissingEntry = errors.New("staticfiles: missing staticfiles manifest entry")

// URL returns the URL of the static file name (Django's
// ManifestStaticFilesStorage.url): STATIC_URL followed by the name under
// DEBUG, or by its hashed name otherwise, so that the URL changes when the
// file does and can be cached forever. Without DEBUG a name the manifest
// does not list is an error wrapping [ErrMissingEntry] (Django's
// manifest_strict), which a template shows as a server error. A query or
// fragment in name is kept; an empty STATIC_URL is an error.
func (s *Storage) URL(name string) (string, error) {
	if s.prefix == "" {
		return "", errors.New("staticfiles: STATIC_URL is not set: set it to serve static files, e.g. /static/")
	}
	p, suffix := name, ""
	if i := strings.IndexAny(name, "?#"); i >= 0 {
		p, suffix = name[:i], name[i:]
	}
	if s.debug || strings.HasSuffix(p, "/") {
		return s.prefix + quote(strings.TrimPrefix(p, "/")) + suffix, nil
	}
	hashed, ok := s.manifest[strings.TrimPrefix(p, "/")]
	if !ok {
		if s.manifestErr != nil {
			return "", fmt.Errorf("%w for '%s' (%w)", ErrMissingEntry, p, s.manifestErr)
		}
		return "", fmt.Errorf("%w for '%s' (run collectstatic)", ErrMissingEntry, p)
	}
	return s.prefix + quote(hashed) + suffix, nil
}

// quote percent-encodes a path as Django's filepath_to_uri does (Python's
// quote with safe="/~!*()'").
func quote(p string) string {
	const safe = "/~!*()'_.-"
	var b strings.Builder
	for _, c := range []byte(p) {
		if ('a' <= c && c <= 'z') || ('A' <= c && c <= 'Z') || ('0' <= c && c <= '9') || strings.IndexByte(safe, c) >= 0 {
			b.WriteByte(c)
		} else {
			fmt.Fprintf(&b, "%%%02X", c)
		}
	}
	return b.String()
}
