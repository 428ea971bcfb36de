package site

import (
	"context"
	"io"
	"io/fs"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"github.com/manouche-go/manouche/framework"
	"github.com/manouche-go/manouche/framework/apps"
	"github.com/manouche-go/manouche/framework/settings"
	"github.com/manouche-go/manouche/framework/urls"
)

// slowStarted tells TestSite_ServeGraceful that /slow/ is in its view.
var slowStarted = make(chan struct{}, 1)

// testApp is an installed app with one page and one template.
type testApp struct{}

func (testApp) Label() string { return "sitetestapp" }
func (testApp) URLs() []urls.Pattern {
	return []urls.Pattern{
		urls.Path("/page/", func(req *framework.Request) *framework.Response {
			return framework.Render(req, "page.html", map[string]any{"Name": "app"})
		}, "page"),
		urls.Path("/csrfform/", func(req *framework.Request) *framework.Response {
			return framework.Render(req, "csrfform.html", nil)
		}, "csrfform"),
		urls.Path("/slow/", func(req *framework.Request) *framework.Response {
			select {
			case slowStarted <- struct{}{}:
			default:
			}
			time.Sleep(300 * time.Millisecond)
			return framework.Text("slow done")
		}, "slow"),
	}
}
func (testApp) Templates() fs.FS {
	return fstest.MapFS{
		"page.html":     {Data: []byte(`<< template "base.html" . >><< define "content" >>page from << .Name >><< end >>`)},
		"base.html":     {Data: []byte(`app base: << block "content" . >><< end >>`)},
		"csrfform.html": {Data: []byte(`<< .CSRF.Input >>`)},
	}
}

// order is a middleware pair that records the order it runs in.
func orderMiddleware(name string) apps.Middleware {
	return apps.Middleware{Name: name, New: func(*apps.Env) (func(http.Handler) http.Handler, error) {
		return func(next http.Handler) http.Handler {
			return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				w.Header().Add("X-Order", name)
				next.ServeHTTP(w, r)
			})
		}, nil
	}}
}

var registerOnce sync.Once

func testSite(t *testing.T, mutate func(*settings.Settings)) (*Site, string) {
	t.Helper()
	registerOnce.Do(func() {
		apps.Register(testApp{})
		apps.RegisterMiddleware(orderMiddleware("test.Outer"))
		apps.RegisterMiddleware(orderMiddleware("test.Inner"))
	})
	s := settings.Default()
	s.Debug = true
	s.SecretKey = strings.Repeat("k", 50)
	s.InstalledApps = []string{"sitetestapp"}
	s.Middleware = []string{"test.Outer", "test.Inner"}
	if mutate != nil {
		mutate(s)
	}
	base := t.TempDir()
	st, err := New(s, Options{BaseDir: base, Logger: discardLogger(), Stdout: io.Discard, Stderr: io.Discard})
	if err != nil {
		t.Fatal(err)
	}
	return st, base
}

func get(t *testing.T, h http.Handler, host, path string) *httptest.ResponseRecorder {
	t.Helper()
	r := httptest.NewRequest("GET", path, nil)
	r.Host = host
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, r)
	return rec
}

func TestSite_middlewareOrder(t *testing.T) {
	st, _ := testSite(t, nil)
	h, err := st.Handler()
	if err != nil {
		t.Fatal(err)
	}
	rec := get(t, h, "localhost", "/page/")
	if got := rec.Header().Values("X-Order"); strings.Join(got, ",") != "test.Outer,test.Inner" {
		t.Errorf("middleware order: got %v, want [test.Outer test.Inner] (outermost first)", got)
	}
}

func TestSite_templateLookupOrder(t *testing.T) {
	st, base := testSite(t, nil)
	h, err := st.Handler()
	if err != nil {
		t.Fatal(err)
	}
	if body := get(t, h, "localhost", "/page/").Body.String(); body != "app base: page from app" {
		t.Errorf("with only app templates: got %q", body)
	}
	// The project's templates/ comes before the app's (DEBUG re-reads).
	if err := os.MkdirAll(filepath.Join(base, "templates"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(base, "templates", "base.html"), []byte(`project base: << block "content" . >><< end >>`), 0o644); err != nil {
		t.Fatal(err)
	}
	if body := get(t, h, "localhost", "/page/").Body.String(); body != "project base: page from app" {
		t.Errorf("with a project base.html: got %q", body)
	}
}

func TestSite_unknownMiddleware(t *testing.T) {
	st, _ := testSite(t, func(s *settings.Settings) { s.Middleware = []string{"nope.Middleware"} })
	if _, err := st.Handler(); err == nil || !strings.Contains(err.Error(), "nope.Middleware") {
		t.Errorf("got %v, want an error naming nope.Middleware", err)
	}
}

func TestSite_allowedHosts(t *testing.T) {
	tests := []struct {
		name    string
		debug   bool
		allowed []string
		host    string
		want    int
	}{
		{"debug localhost default", true, nil, "localhost:8000", 200},
		{"debug 127.0.0.1 default", true, nil, "127.0.0.1:8000", 200},
		{"debug other host refused", true, nil, "evil.example", 400},
		{"exact", false, []string{"example.com"}, "example.com", 200},
		{"exact with port", false, []string{"example.com"}, "example.com:443", 200},
		{"subdomain pattern", false, []string{".example.com"}, "www.example.com", 200},
		{"subdomain pattern apex", false, []string{".example.com"}, "example.com", 200},
		{"wildcard", false, []string{"*"}, "anything.test", 200},
		{"not listed", false, []string{"example.com"}, "example.org", 400},
		{"empty without debug", false, nil, "localhost", 400},
		{"case-insensitive", false, []string{"Example.com"}, "EXAMPLE.COM", 200},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st, _ := testSite(t, func(s *settings.Settings) { s.Debug, s.AllowedHosts = tt.debug, tt.allowed })
			h, err := st.Handler()
			if err != nil {
				t.Fatal(err)
			}
			if got := get(t, h, tt.host, "/page/").Code; got != tt.want {
				t.Errorf("Host %q with ALLOWED_HOSTS %v: got %d, want %d", tt.host, tt.allowed, got, tt.want)
			}
		})
	}
}

// TestSite_ServeGraceful cancels the serving context while a request is in
// flight: the request completes and ServeListener returns nil.
func TestSite_ServeGraceful(t *testing.T) {
	st, _ := testSite(t, nil)
	h, err := st.Handler()
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- st.ServeListener(ctx, ln, h) }()

	type result struct {
		body string
		err  error
	}
	res := make(chan result, 1)
	go func() {
		resp, err := http.Get("http://" + ln.Addr().String() + "/slow/")
		if err != nil {
			res <- result{err: err}
			return
		}
		defer resp.Body.Close()
		b, err := io.ReadAll(resp.Body)
		res <- result{string(b), err}
	}()
	select {
	case <-slowStarted:
	case <-time.After(5 * time.Second):
		t.Fatal("the request never reached the view")
	}
	cancel()
	r := <-res
	if r.err != nil || r.body != "slow done" {
		t.Errorf("in-flight request: got %q, %v; want it to finish", r.body, r.err)
	}
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("ServeListener: %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("ServeListener did not return after cancel")
	}
}
