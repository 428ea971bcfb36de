package staticfiles

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"strings"
)

// Source is one place static files are found: a STATICFILES_DIRS
// directory or an installed app's static/ tree.
type Source struct {
	// Name names the source in messages: the directory, or "app LABEL".
	Name string
	// FS holds the files, by slash-separated name ("polls/style.css").
	FS fs.FS
}

// Finder finds static files in its sources, in order: the first source
// holding a name wins, as Django's finders search STATICFILES_DIRS, then
// each installed app's static/ directory in INSTALLED_APPS order.
type Finder struct {
	sources []Source
}

// NewFinder returns a finder over sources, searched in order.
func NewFinder(sources ...Source) *Finder { return &Finder{sources: sources} }

// Find returns the source that holds name (Django's finders.find), or
// false. Names are slash-separated and relative, as fs.ValidPath wants.
func (f *Finder) Find(name string) (Source, bool) {
	if !fs.ValidPath(name) || name == "." || ignored(name) {
		return Source{}, false
	}
	for _, s := range f.sources {
		if fi, err := fs.Stat(s.FS, name); err == nil && fi.Mode().IsRegular() {
			return s, true
		}
	}
	return Source{}, false
}

// File is a static file found by a [Finder].
type File struct {
	// Name is the file's name under STATIC_URL: "polls/style.css".
	Name string
	// Source is where it was found.
	Source Source
}

// List returns every static file, sorted by name within each source,
// sources in order; a name found again in a later source is left out
// (Django's collectstatic keeps the first). Names that Django's
// collectstatic ignores by default (CVS, dot files and directories, names
// ending in ~) are left out too. A source whose directory does not exist
// is skipped.
func (f *Finder) List() ([]File, error) {
	seen := map[string]bool{}
	var files []File
	for _, s := range f.sources {
		err := fs.WalkDir(s.FS, ".", func(p string, d fs.DirEntry, err error) error {
			switch {
			case err != nil && p == "." && errors.Is(err, fs.ErrNotExist):
				return fs.SkipAll
			case err != nil:
				return err
			case p != "." && ignored(d.Name()) && d.IsDir():
				return fs.SkipDir
			case d.IsDir() || ignored(d.Name()) || seen[p]:
				return nil
			}
			seen[p] = true
			files = append(files, File{Name: p, Source: s})
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("staticfiles: list %s: %w", s.Name, err)
		}
	}
	return files, nil
}

// ignored reports whether a name (or any element of it) matches Django's
// default ignore_patterns: CVS, .* and *~.
func ignored(name string) bool {
	for _, elem := range strings.Split(name, "/") {
		if elem == "CVS" || strings.HasPrefix(elem, ".") || strings.HasSuffix(elem, "~") {
			return true
		}
	}
	return false
}

// clean is name as a static file name, or "" when it is not one: no
// leading slash, no "." or ".." elements.
func clean(name string) string {
	if name == "" || !fs.ValidPath(name) || name == "." || path.Clean(name) != name {
		return ""
	}
	return name
}
