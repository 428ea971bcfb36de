package staticfiles

import (
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

// notFound is the next handler of the tests: the site's 404.
var notFound = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
	http.Error(w, "site 404", http.StatusNotFound)
})

func request(t *testing.T, h http.Handler, method, target string, header ...string) *httptest.ResponseRecorder {
	t.Helper()
	r := httptest.NewRequest(method, target, nil)
	for i := 0; i+1 < len(header); i += 2 {
		r.Header.Set(header[i], header[i+1])
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, r)
	return rec
}

// collected returns RootHandler over the testdata collected into a
// temporary STATIC_ROOT, and its manifest.
func collected(t *testing.T) (http.Handler, Manifest) {
	t.Helper()
	root := t.TempDir()
	if _, err := Collect(testFinder(), root, CollectOptions{StaticURL: "/static/"}); err != nil {
		t.Fatal(err)
	}
	mw, err := RootHandler("/static/", os.DirFS(root))
	if err != nil {
		t.Fatal(err)
	}
	m, err := LoadManifest(os.DirFS(root))
	if err != nil {
		t.Fatal(err)
	}
	return mw(notFound), m
}

func TestRootHandler(t *testing.T) {
	h, m := collected(t)
	js := "/static/" + m["js/app.js"]
	tests := []struct {
		name      string
		method    string
		target    string
		header    []string
		code      int
		encoding  string
		cache     string
		bodyStart string
	}{
		{"hashed name, no compression", "GET", js, nil, 200, "", cacheForever, "// app.js"},
		{"original name", "GET", "/static/js/app.js", nil, 200, "", cacheMinute, "// app.js"},
		{"gzip", "GET", js, []string{"Accept-Encoding", "gzip, deflate"}, 200, "gzip", cacheForever, "\x1f\x8b"},
		{"brotli before gzip", "GET", js, []string{"Accept-Encoding", "gzip, br"}, 200, "br", cacheForever, ""},
		{"br refused with q=0", "GET", js, []string{"Accept-Encoding", "br;q=0, gzip"}, 200, "gzip", cacheForever, "\x1f\x8b"},
		{"any encoding", "GET", js, []string{"Accept-Encoding", "*"}, 200, "br", cacheForever, ""},
		{"image, never compressed", "GET", "/static/" + m["img/bg.png"], []string{"Accept-Encoding", "gzip, br"}, 200, "", cacheForever, "\x89PNG"},
		{"HEAD", "HEAD", js, nil, 200, "", cacheForever, ""},
		{"missing file", "GET", "/static/js/missing.js", nil, 404, "", "", "site 404"},
		{"traversal", "GET", "/static/../go.mod", nil, 404, "", "", "site 404"},
		{"outside STATIC_URL", "GET", "/js/app.js", nil, 404, "", "", "site 404"},
		{"POST", "POST", js, nil, 405, "", "", "405"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := request(t, h, tt.method, tt.target, tt.header...)
			if rec.Code != tt.code || rec.Header().Get("Content-Encoding") != tt.encoding || rec.Header().Get("Cache-Control") != tt.cache {
				t.Fatalf("got %d, Content-Encoding %q, Cache-Control %q; want %d, %q, %q",
					rec.Code, rec.Header().Get("Content-Encoding"), rec.Header().Get("Cache-Control"), tt.code, tt.encoding, tt.cache)
			}
			if !strings.HasPrefix(rec.Body.String(), tt.bodyStart) {
				t.Errorf("body starts %q, want %q", first(rec.Body.String(), 10), tt.bodyStart)
			}
			if tt.code == 200 && (rec.Header().Get("ETag") == "" || (tt.method == "HEAD") != (rec.Body.Len() == 0)) {
				t.Errorf("ETag %q, body of %d bytes", rec.Header().Get("ETag"), rec.Body.Len())
			}
		})
	}
	if ct := request(t, h, "GET", js).Header().Get("Content-Type"); ct != "text/javascript; charset=utf-8" {
		t.Errorf("Content-Type: got %q", ct)
	}
	if v := request(t, h, "GET", js).Header().Get("Vary"); v != "Accept-Encoding" {
		t.Errorf("Vary: got %q, want Accept-Encoding", v)
	}
}

func first(s string, n int) string { return s[:min(n, len(s))] }

// TestRootHandler_notModified: a matching If-None-Match gets 304 with no
// body, for each encoding's own ETag.
func TestRootHandler_notModified(t *testing.T) {
	h, m := collected(t)
	js := "/static/" + m["js/app.js"]
	for _, enc := range []string{"", "gzip", "br"} {
		first := request(t, h, "GET", js, "Accept-Encoding", enc)
		etag := first.Header().Get("ETag")
		rec := request(t, h, "GET", js, "Accept-Encoding", enc, "If-None-Match", etag)
		if rec.Code != http.StatusNotModified || rec.Body.Len() != 0 {
			t.Errorf("%q: If-None-Match %s: got %d with %d bytes, want 304", enc, etag, rec.Code, rec.Body.Len())
		}
		if rec := request(t, h, "GET", js, "Accept-Encoding", enc, "If-None-Match", `"other"`); rec.Code != 200 {
			t.Errorf("%q: another ETag: got %d, want 200", enc, rec.Code)
		}
	}
	plain := request(t, h, "GET", js).Header().Get("ETag")
	gz := request(t, h, "GET", js, "Accept-Encoding", "gzip").Header().Get("ETag")
	if plain == gz {
		t.Errorf("the plain and gzip responses share the ETag %s", plain)
	}
}

// TestFinderHandler: under DEBUG files are served from their sources as
// they are now, revalidated every time.
func TestFinderHandler(t *testing.T) {
	dir := t.TempDir()
	css := filepath.Join(dir, "site.css")
	os.WriteFile(css, []byte("body { color: red }"), 0o644)
	h := FinderHandler("/static/", NewFinder(Source{dir, os.DirFS(dir)}, Source{"app", os.DirFS("testdata/app")}))(notFound)
	rec := request(t, h, "GET", "/static/site.css")
	if rec.Code != 200 || rec.Body.String() != "body { color: red }" || rec.Header().Get("Cache-Control") != "no-cache" {
		t.Fatalf("got %d %q, Cache-Control %q", rec.Code, rec.Body.String(), rec.Header().Get("Cache-Control"))
	}
	if rec := request(t, h, "GET", "/static/site.css", "If-None-Match", rec.Header().Get("ETag")); rec.Code != 304 {
		t.Errorf("If-None-Match: got %d, want 304", rec.Code)
	}
	later := time.Now().Add(2 * time.Second)
	os.WriteFile(css, []byte("body { color: blue }"), 0o644)
	os.Chtimes(css, later, later)
	if rec := request(t, h, "GET", "/static/site.css"); rec.Body.String() != "body { color: blue }" {
		t.Errorf("after an edit: got %q", rec.Body.String())
	}
	if rec := request(t, h, "GET", "/static/polls/style.css"); rec.Code != 200 || !strings.Contains(rec.Body.String(), "green") {
		t.Errorf("app file: got %d %q", rec.Code, rec.Body.String())
	}
	for _, p := range []string{"/static/missing.css", "/static/.hidden", "/static/"} {
		if rec := request(t, h, "GET", p); rec.Code != 404 {
			t.Errorf("%s: got %d, want 404", p, rec.Code)
		}
	}
	b, _ := io.ReadAll(request(t, h, "GET", "/static/site.css").Result().Body)
	if len(b) == 0 {
		t.Error("empty body")
	}
}

// TestRootHandler_largeFile: files too big to keep in memory are served
// from STATIC_ROOT, with the same headers.
func TestRootHandler_largeFile(t *testing.T) {
	root := t.TempDir()
	big := make([]byte, memoryFileSize+1)
	for i := range big {
		big[i] = byte(i * 7919 >> 3)
	}
	src := fstest.MapFS{"img/big.png": {Data: big}, "css/small.css": {Data: []byte("p{}")}}
	if _, err := Collect(NewFinder(Source{"src", src}), root, CollectOptions{}); err != nil {
		t.Fatal(err)
	}
	mw, err := RootHandler("/static/", os.DirFS(root))
	if err != nil {
		t.Fatal(err)
	}
	h := mw(notFound)
	for _, name := range []string{"img/big.png", "css/small.css"} {
		rec := request(t, h, "GET", "/static/"+name)
		want, _ := os.ReadFile(filepath.Join(root, name))
		if rec.Code != 200 || rec.Body.String() != string(want) || rec.Header().Get("ETag") == "" {
			t.Errorf("%s: got %d, %d bytes, ETag %q; want 200 and the file", name, rec.Code, rec.Body.Len(), rec.Header().Get("ETag"))
		}
	}
	if rec := request(t, h, "GET", "/static/img/big.png", "Range", "bytes=0-9"); rec.Code != http.StatusPartialContent || rec.Body.Len() != 10 {
		t.Errorf("range: got %d, %d bytes; want 206 and 10", rec.Code, rec.Body.Len())
	}
}
