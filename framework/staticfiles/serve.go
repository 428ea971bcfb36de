package staticfiles

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strconv"
	"strings"
	"time"
)

// Cache-Control values: hashed names never change content, so they are
// cached for ten years (WhiteNoise's "forever"); other files for a
// minute in production (WhiteNoise's default) and revalidated every time
// under DEBUG.
const (
	cacheForever = "max-age=315360000, public, immutable"
	cacheMinute  = "max-age=60, public"
	cacheDebug   = "no-cache"
)

// asset is a file the handler serves, with its headers.
type asset struct {
	fsys         fs.FS
	path         string // the file's name in fsys
	data         []byte // its content when kept in memory
	modTime      time.Time
	etag         string
	contentType  string
	cacheControl string
	variants     []variant // compressed variants, best first
}

// variant is a compressed copy of an asset.
type variant struct {
	encoding, path, etag string
	modTime              time.Time
	data                 []byte // its content when kept in memory
}

// handler serves static files under a URL path prefix and passes every
// other request, and every name it does not know, to next.
type handler struct {
	prefix string
	lookup func(name string) (*asset, bool)
	next   http.Handler
}

func (h *handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	name, ok := strings.CutPrefix(r.URL.Path, h.prefix)
	if !ok {
		h.next.ServeHTTP(w, r)
		return
	}
	a, found := h.lookup(clean(name))
	if !found {
		h.next.ServeHTTP(w, r)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "405 method not allowed", http.StatusMethodNotAllowed)
		return
	}
	serve(w, r, a)
}

// serve writes a, or its best variant the client accepts, with
// http.ServeContent: 304 for a matching If-None-Match or
// If-Modified-Since, ranges, HEAD.
func serve(w http.ResponseWriter, r *http.Request, a *asset) {
	file, etag, modTime, data := a.path, a.etag, a.modTime, a.data
	hdr := w.Header()
	if len(a.variants) > 0 {
		hdr.Add("Vary", "Accept-Encoding")
		accepted := acceptedEncodings(r.Header.Get("Accept-Encoding"))
		for _, v := range a.variants {
			if accepted(v.encoding) {
				file, etag, modTime, data = v.path, v.etag, v.modTime, v.data
				hdr.Set("Content-Encoding", v.encoding)
				break
			}
		}
	}
	hdr.Set("Content-Type", a.contentType)
	hdr.Set("Cache-Control", a.cacheControl)
	hdr.Set("ETag", etag)
	if data != nil {
		http.ServeContent(w, r, "", modTime, bytes.NewReader(data))
		return
	}
	f, err := a.fsys.Open(file)
	if err != nil {
		http.Error(w, "500 internal server error", http.StatusInternalServerError)
		return
	}
	defer f.Close()
	rs, ok := f.(io.ReadSeeker)
	if !ok {
		b, err := io.ReadAll(f)
		if err != nil {
			http.Error(w, "500 internal server error", http.StatusInternalServerError)
			return
		}
		rs = strings.NewReader(string(b))
	}
	http.ServeContent(w, r, "", modTime, rs)
}

// acceptedEncodings parses Accept-Encoding: the returned function says
// whether an encoding has a q-value above zero, directly or through "*".
func acceptedEncodings(header string) func(string) bool {
	q := map[string]float64{}
	for _, part := range strings.Split(header, ",") {
		name, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		value := 1.0
		if v, ok := strings.CutPrefix(strings.TrimSpace(params), "q="); ok {
			if f, err := strconv.ParseFloat(v, 64); err == nil {
				value = f
			}
		}
		q[strings.ToLower(strings.TrimSpace(name))] = value
	}
	return func(enc string) bool {
		if v, ok := q[enc]; ok {
			return v > 0
		}
		return q["*"] > 0
	}
}

// newAsset describes the file p of fsys.
func newAsset(fsys fs.FS, p string, fi fs.FileInfo, cacheControl string) (*asset, error) {
	etag, err := etagOf(fsys, p, fi)
	if err != nil {
		return nil, err
	}
	return &asset{fsys: fsys, path: p, modTime: fi.ModTime(), etag: etag,
		contentType: contentType(p), cacheControl: cacheControl}, nil
}

// etagOf is WhiteNoise's ETag, "<mtime>-<size>" in hex, or, for a file
// without a modification time (embedded files), a hash of its content.
func etagOf(fsys fs.FS, p string, fi fs.FileInfo) (string, error) {
	if !fi.ModTime().IsZero() {
		return fmt.Sprintf(`"%x-%x"`, fi.ModTime().Unix(), fi.Size()), nil
	}
	b, err := fs.ReadFile(fsys, p)
	if err != nil {
		return "", fmt.Errorf("staticfiles: %w", err)
	}
	sum := sha256.Sum256(b)
	return `"` + hex.EncodeToString(sum[:8]) + `"`, nil
}

// contentTypes are the types of the usual static files, so that they do
// not depend on the machine's mime.types.
var contentTypes = map[string]string{
	".css": "text/css; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".mjs": "text/javascript; charset=utf-8",
	".json": "application/json", ".map": "application/json", ".html": "text/html; charset=utf-8",
	".txt": "text/plain; charset=utf-8", ".xml": "text/xml; charset=utf-8", ".svg": "image/svg+xml",
	".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".gif": "image/gif", ".webp": "image/webp",
	".avif": "image/avif", ".ico": "image/vnd.microsoft.icon", ".woff": "font/woff", ".woff2": "font/woff2",
	".ttf": "font/ttf", ".otf": "font/otf", ".eot": "application/vnd.ms-fontobject", ".wasm": "application/wasm",
	".pdf": "application/pdf", ".mp4": "video/mp4", ".webm": "video/webm", ".webmanifest": "application/manifest+json",
}

// contentType is the Content-Type of a file name.
func contentType(name string) string {
	ext := strings.ToLower(path.Ext(name))
	if t, ok := contentTypes[ext]; ok {
		return t
	}
	if t := mime.TypeByExtension(ext); t != "" {
		return t
	}
	return "application/octet-stream"
}
