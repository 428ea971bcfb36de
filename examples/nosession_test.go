package examples_test

import (
	"io"
	"log/slog"
	"net/http"
	"path/filepath"
	"strings"
	"testing"

	"github.com/manouche-go/manouche/framework/site"
	"github.com/manouche-go/manouche/framework/sitetest"
)

// TestWithoutSessionMiddleware checks that a site whose MIDDLEWARE lacks
// the session middleware answers the session pages with a plain 500 (and
// one log line), and still serves the index, which needs no session.
func TestWithoutSessionMiddleware(t *testing.T) {
	dir := t.TempDir()
	s := newSettings("db", dir)
	s.Middleware = nil
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	var logs sitetest.Buffer // written by the server's goroutines
	logger := slog.New(slog.NewTextHandler(&logs, nil))
	o := site.Options{BaseDir: root, Logger: logger, Stdout: io.Discard, Stderr: io.Discard}
	if err := collectStatic(s, o); err != nil {
		t.Fatal(err)
	}
	srv := sitetest.NewServer(t, s, o)
	c := srv.NewClient(t)
	for _, p := range []string{"/catalog/", "/shop/", "/session/set/", "/ajax/counter/", "/mail/", "/myapp/connection/", "/cookie-test/"} {
		t.Run(p, func(t *testing.T) {
			resp := c.Get(p)
			wantStatus(t, resp, http.StatusInternalServerError)
			if strings.Contains(resp.Body, "SessionMiddleware") {
				t.Errorf("body: got %q, want the plain 500 page (no detail without DEBUG)", resp.Body)
			}
		})
	}
	if !strings.Contains(logs.String(), "add contrib.sessions.SessionMiddleware to MIDDLEWARE") {
		t.Errorf("logs: got %q, want the missing middleware named", logs.String())
	}
	wantStatus(t, c.Get("/"), http.StatusOK)
}
