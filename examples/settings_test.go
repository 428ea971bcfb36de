package examples_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"path/filepath"
	"slices"
	"testing"

	"github.com/manouche-go/manouche/contrib/auth"
	"github.com/manouche-go/manouche/contrib/sessions"
	"github.com/manouche-go/manouche/examples/all"
	"github.com/manouche-go/manouche/framework/settings"
	"github.com/manouche-go/manouche/framework/site"
	"github.com/manouche-go/manouche/framework/sitetest"
)

// TestSettingsYAML checks that the repository's own settings.yaml, which
// `make run` uses, installs every example and serves them (with a
// temporary database instead of db.sqlite3).
func TestSettingsYAML(t *testing.T) {
	s, err := settings.Load(filepath.Join("..", "settings.yaml"), nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, label := range all.Labels() {
		if !slices.Contains(s.InstalledApps, label) {
			t.Errorf("settings.yaml: INSTALLED_APPS lacks %s, so `make run` does not serve it", label)
		}
	}
	if !slices.Contains(s.Middleware, sessions.MiddlewareName) {
		t.Errorf("settings.yaml: MIDDLEWARE lacks %s", sessions.MiddlewareName)
	}
	if !slices.Contains(s.Middleware, auth.MiddlewareName) {
		t.Errorf("settings.yaml: MIDDLEWARE lacks %s", auth.MiddlewareName)
	}
	if t.Failed() {
		t.FailNow()
	}
	db := s.Databases["default"]
	db.Name = filepath.Join(t.TempDir(), "db.sqlite3")
	s.Databases["default"] = db
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	logger := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelWarn}))
	srv := sitetest.NewServer(t, s, site.Options{BaseDir: root, Logger: logger, Stdout: io.Discard, Stderr: io.Discard})
	if err := srv.Migrate(context.Background()); err != nil {
		t.Fatal(err)
	}
	c := srv.NewClient(t)
	for _, p := range []string{"/", "/myapp/connection/", "/catalog/", "/session/", "/mail/", "/cookie-test/", "/shop/welcome/", "/ajax/counter/", "/accounts/login/"} {
		if resp := c.Get(p); resp.StatusCode != http.StatusOK {
			t.Errorf("GET %s: got status %d, want 200", p, resp.StatusCode)
		}
	}
}
