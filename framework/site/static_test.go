package site

import (
	"io"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/manouche-go/manouche/framework"
	"github.com/manouche-go/manouche/framework/apps"
	"github.com/manouche-go/manouche/framework/checks"
	"github.com/manouche-go/manouche/framework/settings"
	"github.com/manouche-go/manouche/framework/staticfiles"
	"github.com/manouche-go/manouche/framework/urls"
)

// staticApp has a page linking its stylesheet with the static function.
type staticApp struct{}

func (staticApp) Label() string { return "sitestatictest" }
func (staticApp) URLs() []urls.Pattern {
	return []urls.Pattern{
		urls.Path("/styled/", func(req *framework.Request) *framework.Response {
			return framework.Render(req, "styled.html", nil)
		}, "styled"),
		urls.Path("/broken/", func(req *framework.Request) *framework.Response {
			return framework.Render(req, "broken.html", nil)
		}, "broken"),
	}
}
func (staticApp) Templates() fs.FS {
	return fstest.MapFS{
		"styled.html": {Data: []byte(`<link href="<< static "app/site.css" >>">`)},
		"broken.html": {Data: []byte(`<link href="<< static "app/missing.css" >>">`)},
	}
}
func (staticApp) Static() fs.FS {
	return fstest.MapFS{"app/site.css": {Data: []byte(strings.Repeat("body { color: #222 }\n", 20))}}
}

var registerStaticOnce sync.Once

// staticSite builds a site with the static app; root, if not empty, is
// STATIC_ROOT.
func staticSite(t *testing.T, debug bool, root string) (*Site, http.Handler) {
	t.Helper()
	registerStaticOnce.Do(func() { apps.Register(staticApp{}) })
	s := settings.Default()
	s.Debug, s.SecretKey, s.AllowedHosts = debug, strings.Repeat("k", 50), []string{"localhost"}
	s.InstalledApps = []string{"sitestatictest"}
	s.StaticRoot = root
	st, err := New(s, Options{BaseDir: t.TempDir(), Logger: discardLogger(), Stdout: io.Discard, Stderr: io.Discard})
	if err != nil {
		t.Fatal(err)
	}
	if root != "" {
		if _, err := staticfiles.Collect(st.StaticFinder(), root, staticfiles.CollectOptions{StaticURL: s.StaticURL}); err != nil {
			t.Fatal(err)
		}
	}
	h, err := st.Handler()
	if err != nil {
		t.Fatal(err)
	}
	return st, h
}

func TestSite_staticDebug(t *testing.T) {
	_, h := staticSite(t, true, "")
	if body := get(t, h, "localhost", "/styled/").Body.String(); body != `<link href="/static/app/site.css">` {
		t.Errorf("page: got %q", body)
	}
	rec := get(t, h, "localhost", "/static/app/site.css")
	if rec.Code != 200 || rec.Header().Get("Cache-Control") != "no-cache" || !strings.HasPrefix(rec.Body.String(), "body") {
		t.Errorf("stylesheet: got %d, Cache-Control %q", rec.Code, rec.Header().Get("Cache-Control"))
	}
	if rec := get(t, h, "localhost", "/static/app/missing.css"); rec.Code != 404 {
		t.Errorf("missing file: got %d, want 404", rec.Code)
	}
}

// TestSite_staticProduction: with DEBUG off the site serves STATIC_ROOT
// itself, and pages name the hashed files.
func TestSite_staticProduction(t *testing.T) {
	root := t.TempDir()
	_, h := staticSite(t, false, root)
	m, err := staticfiles.LoadManifest(os.DirFS(root))
	if err != nil {
		t.Fatal(err)
	}
	hashed := "/static/" + m["app/site.css"]
	if body := get(t, h, "localhost", "/styled/").Body.String(); body != `<link href="`+hashed+`">` {
		t.Errorf("page: got %q, want the hashed name %s", body, hashed)
	}
	rec := get(t, h, "localhost", hashed)
	if rec.Code != 200 || rec.Header().Get("Cache-Control") != "max-age=315360000, public, immutable" {
		t.Fatalf("stylesheet: got %d, Cache-Control %q", rec.Code, rec.Header().Get("Cache-Control"))
	}
	r, _ := http.NewRequest("GET", hashed, nil)
	r.Header.Set("If-None-Match", rec.Header().Get("ETag"))
	r.Header.Set("Accept-Encoding", "gzip")
	r.Host = "localhost"
	gz := getRequest(h, r)
	if gz.Code != 200 || gz.Header().Get("Content-Encoding") != "gzip" {
		t.Errorf("gzip with the identity ETag: got %d, %q; want the gzip variant", gz.Code, gz.Header().Get("Content-Encoding"))
	}
	r.Header.Set("If-None-Match", gz.Header().Get("ETag"))
	if rec := getRequest(h, r); rec.Code != http.StatusNotModified {
		t.Errorf("matching ETag: got %d, want 304", rec.Code)
	}
	if rec := get(t, h, "localhost", "/static/app/missing.css"); rec.Code != 404 {
		t.Errorf("missing file: got %d, want 404", rec.Code)
	}
	if rec := get(t, h, "localhost", "/broken/"); rec.Code != 500 {
		t.Errorf("template naming a file the manifest lacks: got %d, want 500 (Django's ValueError)", rec.Code)
	}
}

func getRequest(h http.Handler, r *http.Request) *httptest.ResponseRecorder {
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, r)
	return rec
}

func TestSite_staticWithoutRoot(t *testing.T) {
	_, h := staticSite(t, false, "")
	if rec := get(t, h, "localhost", "/styled/"); rec.Code != 500 {
		t.Errorf("DEBUG off, no STATIC_ROOT: got %d, want 500", rec.Code)
	}
	if rec := get(t, h, "localhost", "/static/app/site.css"); rec.Code != 404 {
		t.Errorf("DEBUG off, no STATIC_ROOT: the file got %d, want 404", rec.Code)
	}
}

func TestCheckStaticFiles(t *testing.T) {
	dir := t.TempDir()
	ids := func(mutate func(s *settings.Settings)) string {
		s := settings.Default()
		mutate(s)
		var out []string
		for _, m := range checkStaticFiles(s, true) {
			out = append(out, m.ID)
		}
		return strings.Join(out, " ")
	}
	tests := []struct {
		name   string
		mutate func(s *settings.Settings)
		want   string
	}{
		{"debug", func(s *settings.Settings) { s.Debug = true }, ""},
		{"no STATIC_ROOT", func(s *settings.Settings) {}, "staticfiles.W101"},
		{"CDN", func(s *settings.Settings) { s.StaticURL = "https://cdn.example.com/" }, ""},
		{"not collected", func(s *settings.Settings) { s.StaticRoot = dir }, "staticfiles.W102"},
		{"root in dirs", func(s *settings.Settings) {
			s.Debug, s.StaticRoot, s.StaticFilesDirs = true, dir, []string{dir, filepath.Join(dir, "missing")}
		}, "staticfiles.E002 staticfiles.W004"},
	}
	for _, tt := range tests {
		if got := ids(tt.mutate); got != tt.want {
			t.Errorf("%s: got %q, want %q", tt.name, got, tt.want)
		}
	}
	if got := checkStaticFiles(settings.Default(), false); len(got) != 0 {
		t.Errorf("a site without static files: got %q, want no message", checksIDs(got))
	}
	st, _ := staticSite(t, false, "")
	if got := checksIDs(st.Checks()); !strings.Contains(got, "staticfiles.W101") {
		t.Errorf("Site.Checks of a site with static files and no STATIC_ROOT: got %q, want staticfiles.W101", got)
	}
}

func checksIDs(msgs []checks.Message) string {
	var out []string
	for _, m := range msgs {
		out = append(out, m.ID)
	}
	return strings.Join(out, " ")
}
