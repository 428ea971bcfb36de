package staticfiles

import (
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"slices"
	"strings"
)

// FinderHandler returns middleware that serves, under the URL path prefix
// (STATIC_URL), the files f finds as they are now: Django's runserver
// under DEBUG. Each request looks its file up again, so an edit shows at
// once, and responses must be revalidated (Cache-Control: no-cache; 304
// when the file has not changed). Requests outside prefix, and names f
// does not find, go to the next handler (whose 404 page answers).
func FinderHandler(prefix string, f *Finder) func(http.Handler) http.Handler {
	lookup := func(name string) (*asset, bool) {
		if name == "" {
			return nil, false
		}
		src, ok := f.Find(name)
		if !ok {
			return nil, false
		}
		fi, err := fs.Stat(src.FS, name)
		if err != nil {
			return nil, false
		}
		a, err := newAsset(src.FS, name, fi, cacheDebug)
		return a, err == nil
	}
	return func(next http.Handler) http.Handler {
		return &handler{prefix: prefix, lookup: lookup, next: next}
	}
}

// RootHandler returns middleware that serves, under the URL path prefix
// (STATIC_URL), the files collectstatic wrote into root (STATIC_ROOT), as
// WhiteNoise does, so that the site's binary serves its own static files
// in production:
//
//   - the files are indexed once, here; the handler never looks at the
//     file system for a name it does not know;
//   - the hashed names of root's staticfiles.json are cached for ten years
//     (Cache-Control: max-age=315360000, public, immutable), other files
//     for a minute;
//   - each file's .br or .gz variant is served to clients that accept it
//     (Content-Encoding, Vary: Accept-Encoding);
//   - every response has an ETag, and a matching If-None-Match gets 304.
//
// Requests outside prefix, and names not in root, go to the next handler.
// Files of up to 128 KiB (the usual CSS, JavaScript and icons) are read
// into memory here, up to 32 MiB in all, and served without touching the
// file system. Run collectstatic before the server starts: files added to
// root later are not served until it restarts.
func RootHandler(prefix string, root fs.FS) (func(http.Handler) http.Handler, error) {
	index, err := indexRoot(root)
	if err != nil {
		return nil, err
	}
	lookup := func(name string) (*asset, bool) {
		a, ok := index[name]
		return a, ok
	}
	return func(next http.Handler) http.Handler {
		return &handler{prefix: prefix, lookup: lookup, next: next}
	}, nil
}

// indexRoot describes every file of root; compressed variants are
// attached to the file they compress.
func indexRoot(root fs.FS) (map[string]*asset, error) {
	manifest, err := LoadManifest(root)
	if err != nil && !errors.Is(err, ErrNoManifest) {
		return nil, err
	}
	immutable := map[string]bool{}
	for _, h := range manifest {
		immutable[h] = true
	}
	index := map[string]*asset{}
	mem := &memory{left: memoryBudget}
	err = fs.WalkDir(root, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || isVariant(root, p) {
			return err
		}
		fi, err := d.Info()
		if err != nil {
			return err
		}
		cache := cacheMinute
		if immutable[p] {
			cache = cacheForever
		}
		a, err := newAsset(root, p, fi, cache)
		if err != nil {
			return err
		}
		index[p] = a
		if a.data, err = mem.load(root, p, fi.Size()); err != nil {
			return err
		}
		return attachVariants(root, a, mem)
	})
	if err != nil {
		return nil, fmt.Errorf("staticfiles: index STATIC_ROOT: %w", err)
	}
	return index, nil
}

// isVariant reports whether p is a compressed variant of a file of root.
func isVariant(root fs.FS, p string) bool {
	return slices.ContainsFunc(encodings, func(e struct{ suffix, name string }) bool {
		base, ok := strings.CutSuffix(p, e.suffix)
		if !ok {
			return false
		}
		fi, err := fs.Stat(root, base)
		return err == nil && fi.Mode().IsRegular()
	})
}

// attachVariants adds a's compressed variants found in root, best first.
func attachVariants(root fs.FS, a *asset, mem *memory) error {
	for _, e := range encodings {
		fi, err := fs.Stat(root, a.path+e.suffix)
		if err != nil {
			continue
		}
		etag, err := etagOf(root, a.path+e.suffix, fi)
		if err != nil {
			return err
		}
		data, err := mem.load(root, a.path+e.suffix, fi.Size())
		if err != nil {
			return err
		}
		a.variants = append(a.variants, variant{encoding: e.name, path: a.path + e.suffix, etag: etag, modTime: fi.ModTime(), data: data})
	}
	return nil
}

// What RootHandler keeps in memory: files up to memoryFileSize, up to
// memoryBudget bytes in all.
const (
	memoryFileSize = 128 << 10
	memoryBudget   = 32 << 20
)

// memory reads small files into memory while the budget lasts.
type memory struct{ left int64 }

// load returns the content of the file p of root when it is small enough
// and the budget allows, else nil.
func (m *memory) load(root fs.FS, p string, size int64) ([]byte, error) {
	if size > memoryFileSize || size > m.left {
		return nil, nil
	}
	b, err := fs.ReadFile(root, p)
	if err != nil {
		return nil, err
	}
	m.left -= int64(len(b))
	return b, nil
}
