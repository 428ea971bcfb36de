package benchapp_test

import (
	"context"
	"io"
	"log/slog"
	"testing"

	"github.com/manouche-go/manouche/contrib/sessions"
	"github.com/manouche-go/manouche/examples/benchapp"
	"github.com/manouche-go/manouche/framework/settings"
	"github.com/manouche-go/manouche/framework/site"
	"github.com/manouche-go/manouche/framework/sitetest"
)

// start serves the bench app over the cache engine.
func start(t *testing.T) *sitetest.Server {
	t.Helper()
	s := settings.Default()
	s.SecretKey = "benchapp-test-secret-key-0123456789-abcdefghijklmnop"
	s.AllowedHosts = []string{"127.0.0.1"}
	s.InstalledApps = []string{sessions.Label, benchapp.Label}
	s.Middleware = []string{sessions.MiddlewareName}
	s.SessionEngine = "cache"
	logger := slog.New(slog.NewTextHandler(io.Discard, nil))
	srv, err := sitetest.Start(s, site.Options{BaseDir: t.TempDir(), Logger: logger, Stdout: io.Discard, Stderr: io.Discard})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(srv.Close)
	if err := srv.Migrate(context.Background()); err != nil {
		t.Fatal(err)
	}
	return srv
}

// TestBenchApp drives the three endpoints with one client over the cache
// engine: /plain sets no cookie, /incr counts, /read reads the count.
func TestBenchApp(t *testing.T) {
	c := start(t).NewClient(t)
	steps := []struct{ path, want string }{
		{"/plain", "ok"}, {"/read", "0"}, {"/incr", "1"}, {"/incr", "2"}, {"/read", "2"}, {"/plain", "ok"},
		{"/fill?bytes=4096", "4"}, {"/read", "2"}, {"/fill?bytes=100", "1"}, {"/incr", "3"},
	}
	for _, st := range steps {
		resp := c.Get(st.path)
		if resp.StatusCode != 200 || string(resp.Body) != st.want {
			t.Fatalf("GET %s: got %d %q, want 200 %q", st.path, resp.StatusCode, resp.Body, st.want)
		}
		if st.path == "/plain" && len(resp.SetCookies()) != 0 {
			t.Errorf("GET /plain: got Set-Cookie %v, want none", resp.SetCookies())
		}
	}
}

// TestFill_badBytes: /fill refuses a size it cannot mean.
func TestFill_badBytes(t *testing.T) {
	c := start(t).NewClient(t)
	for _, q := range []string{"", "?bytes=x", "?bytes=-1", "?bytes=2000000"} {
		if resp := c.Get("/fill" + q); resp.StatusCode != 400 {
			t.Errorf("GET /fill%s: got %d, want 400", q, resp.StatusCode)
		}
	}
}
