package staticfiles

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
)

// CollectOptions configure [Collect]. The zero value collects into an
// existing tree, keeping the files already there.
type CollectOptions struct {
	// StaticURL is STATIC_URL: CSS files may refer to static files by
	// absolute URLs that start with it.
	StaticURL string
	// Clear removes everything in the destination first (collectstatic
	// --clear).
	Clear bool
	// DryRun does everything except writing (collectstatic --dry-run).
	DryRun bool
}

// Result counts what [Collect] did.
type Result struct {
	// Root is the destination, STATIC_ROOT.
	Root string
	// Copied and Unmodified count the static files written and those
	// already there with the same content.
	Copied, Unmodified int
	// PostProcessed counts the hashed copies written.
	PostProcessed int
	// Compressed counts the compressed variants written.
	Compressed int
}

// String returns Django's summary line: "3 static files copied to
// '/srv/static', 1 unmodified, 3 post-processed.".
func (r Result) String() string {
	s := fmt.Sprintf("%d static file%s copied to '%s'", r.Copied, plural(r.Copied), r.Root)
	if r.Unmodified > 0 {
		s += fmt.Sprintf(", %d unmodified", r.Unmodified)
	}
	if r.PostProcessed > 0 {
		s += fmt.Sprintf(", %d post-processed", r.PostProcessed)
	}
	return s + "."
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// Collect writes every static file f lists into root, STATIC_ROOT
// (Django's collectstatic with ManifestStaticFilesStorage, and
// WhiteNoise's CompressedManifestStaticFilesStorage):
//
//   - each file under its own name;
//   - a copy under its hashed name ([HashedName]), CSS files with their
//     url() and @import references rewritten to hashed names;
//   - staticfiles.json, the [Manifest] of hashed names;
//   - .br and .gz variants of every file worth compressing.
//
// Hashed names depend on the content only, so they are the same on every
// run. Files are replaced atomically, so a running server never serves a
// half-written one; files of earlier runs stay, so that pages cached
// with old hashed names keep working.
func Collect(f *Finder, root string, o CollectOptions) (Result, error) {
	res := Result{Root: root}
	if root == "" {
		return res, errors.New("staticfiles: STATIC_ROOT is not set: set it to the directory collectstatic writes to")
	}
	contents, err := readAll(f)
	if err != nil {
		return res, err
	}
	hashed, rewritten, err := postProcess(contents, o.StaticURL)
	if err != nil || o.DryRun {
		res.Copied = len(contents)
		return res, err
	}
	if o.Clear {
		if err := clear(root); err != nil {
			return res, err
		}
	}
	w := &writer{root: root, res: &res}
	for _, name := range slices.Sorted(maps.Keys(contents)) {
		w.file(name, contents[name], &res.Copied, &res.Unmodified)
		content, ok := rewritten[name]
		if !ok {
			content = contents[name]
		}
		w.file(hashed[name], content, &res.PostProcessed, nil)
	}
	manifest, _ := Manifest(hashed).MarshalJSON()
	w.file(ManifestName, manifest, nil, nil)
	return res, w.err
}

// readAll reads every file f lists.
func readAll(f *Finder) (map[string][]byte, error) {
	files, err := f.List()
	if err != nil {
		return nil, err
	}
	contents := make(map[string][]byte, len(files))
	for _, file := range files {
		b, err := fs.ReadFile(file.Source.FS, file.Name)
		if err != nil {
			return nil, fmt.Errorf("staticfiles: read %s from %s: %w", file.Name, file.Source.Name, err)
		}
		contents[file.Name] = b
	}
	return contents, nil
}

// clear removes everything in root, keeping root.
func clear(root string) error {
	entries, err := os.ReadDir(root)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("staticfiles: clear %s: %w", root, err)
	}
	for _, e := range entries {
		if err := os.RemoveAll(filepath.Join(root, e.Name())); err != nil {
			return fmt.Errorf("staticfiles: clear %s: %w", root, err)
		}
	}
	return nil
}

// writer writes collected files and their compressed variants, keeping
// the first error.
type writer struct {
	root string
	res  *Result
	err  error
}

// file writes name with content unless it holds that content already,
// counting it in written or same, then its compressed variants.
func (w *writer) file(name string, content []byte, written, same *int) {
	if w.err != nil {
		return
	}
	changed, err := writeIfChanged(filepath.Join(w.root, filepath.FromSlash(name)), content)
	if err != nil {
		w.err = err
		return
	}
	switch {
	case changed && written != nil:
		*written++
	case !changed && same != nil:
		*same++
	}
	if name != ManifestName && compressible(name) {
		w.variants(name, content)
	}
}

// variants writes name's compressed variants, and removes one left by an
// earlier run that is no longer worth keeping.
func (w *writer) variants(name string, content []byte) {
	for _, e := range encodings {
		p := filepath.Join(w.root, filepath.FromSlash(name)+e.suffix)
		c, keep := compressed(e.name, content)
		if !keep {
			if err := os.Remove(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
				w.err = fmt.Errorf("staticfiles: %w", err)
			}
			continue
		}
		changed, err := writeIfChanged(p, c)
		if err != nil {
			w.err = err
			return
		}
		if changed {
			w.res.Compressed++
		}
	}
}

// writeIfChanged replaces the file p by content, atomically, unless it
// holds content already.
func writeIfChanged(p string, content []byte) (bool, error) {
	if old, err := os.ReadFile(p); err == nil && bytes.Equal(old, content) {
		return false, nil
	}
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return false, fmt.Errorf("staticfiles: %w", err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(p), ".collect-*")
	if err != nil {
		return false, fmt.Errorf("staticfiles: %w", err)
	}
	_, err = tmp.Write(content)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(tmp.Name(), 0o644)
	}
	if err == nil {
		err = os.Rename(tmp.Name(), p)
	}
	if err != nil {
		os.Remove(tmp.Name())
		return false, fmt.Errorf("staticfiles: write %s: %w", p, err)
	}
	return true, nil
}
