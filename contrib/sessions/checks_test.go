package sessions

import (
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/manouche-go/manouche/framework/checks"
	"github.com/manouche-go/manouche/framework/settings"
)

const (
	djangoLabel      = "django.contrib.sessions"
	djangoMiddleware = "django.contrib.sessions.middleware.SessionMiddleware"
)

// checkTest is one settings change and the messages a check must return,
// each written "ID LEVEL".
type checkTest struct {
	name string
	set  func(s *settings.Settings)
	want []string
}

func runCheckTests(t *testing.T, check checks.Check, tests []checkTest) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := settings.Default()
			if tt.set != nil {
				tt.set(s)
			}
			var got []string
			for _, m := range check(s) {
				got = append(got, m.ID+" "+m.Level.String())
				if m.Text == "" {
					t.Errorf("%s: got an empty Text, want a message", m.ID)
				}
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

// installed sets INSTALLED_APPS and MIDDLEWARE.
func installed(apps, middleware []string) func(s *settings.Settings) {
	return func(s *settings.Settings) {
		s.InstalledApps, s.Middleware = apps, middleware
	}
}

func TestCheckInstall(t *testing.T) {
	app, mw := []string{Label}, []string{MiddlewareName}
	runCheckTests(t, checkInstall, []checkTest{
		{"neither", installed(nil, nil), nil},
		{"other apps and middleware", installed([]string{"myapp"}, []string{"myapp.Middleware"}), nil},
		{"app without middleware", installed(app, nil), []string{"sessions.W001 WARNING"}},
		{"middleware without app", installed(nil, mw), []string{"sessions.E001 ERROR"}},
		{"both", installed(app, mw), nil},
		{"both, Django names", installed([]string{djangoLabel}, []string{djangoMiddleware}), nil},
		{"both, mixed names", installed([]string{djangoLabel}, mw), nil},
		{"Django app name without middleware", installed([]string{djangoLabel}, nil), []string{"sessions.W001 WARNING"}},
		{"Django middleware name without app", installed(nil, []string{djangoMiddleware}), []string{"sessions.E001 ERROR"}},
	})
}

func TestCheckEngine(t *testing.T) {
	dir := t.TempDir()
	notDir := filepath.Join(dir, "not-a-directory")
	if err := os.WriteFile(notDir, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	engine := func(name, alias, path string) func(s *settings.Settings) {
		return func(s *settings.Settings) {
			s.SessionEngine, s.SessionFilePath = name, path
			if alias != "" {
				s.SessionCacheAlias = alias
			}
		}
	}
	runCheckTests(t, checkEngine, []checkTest{
		{"default db", nil, nil},
		{"unknown engine", engine("redis", "", ""), []string{"sessions.E002 ERROR"}},
		{"unknown Django engine", engine("django.contrib.sessions.backends.redis", "", ""), []string{"sessions.E002 ERROR"}},
		{"signed_cookies", engine("signed_cookies", "", ""), nil},
		{"cache, alias in CACHES", engine("cache", "default", ""), nil},
		{"cache, alias missing", engine("cache", "sessions", ""), []string{"sessions.E003 ERROR"}},
		{"cached_db, alias missing", engine("cached_db", "sessions", ""), []string{"sessions.E003 ERROR"}},
		{"Django cache name, alias missing", engine("django.contrib.sessions.backends.cache", "sessions", ""), []string{"sessions.E003 ERROR"}},
		{"db ignores the cache alias", engine("db", "sessions", ""), nil},
		{"file, directory exists", engine("file", "", dir), nil},
		{"file, path unset (temp dir)", engine("file", "", ""), nil},
		{"file, path missing", engine("file", "", filepath.Join(dir, "missing")), []string{"sessions.E004 ERROR"}},
		{"file, path is a file", engine("file", "", notDir), []string{"sessions.E004 ERROR"}},
		{"Django file name, path missing", engine("django.contrib.sessions.backends.file", "", filepath.Join(dir, "missing")), []string{"sessions.E004 ERROR"}},
	})
}

func TestCheckCookieSecurity(t *testing.T) {
	cookie := func(apps []string, debug, secure, httpOnly bool) func(s *settings.Settings) {
		return func(s *settings.Settings) {
			s.InstalledApps, s.Debug = apps, debug
			s.SessionCookieSecure, s.SessionCookieHTTPOnly = secure, httpOnly
		}
	}
	app := []string{Label}
	runCheckTests(t, checkCookieSecurity, []checkTest{
		{"DEBUG off, defaults", installed(app, nil), []string{"security.W010 WARNING"}},
		{"DEBUG off, neither Secure nor HttpOnly", cookie(app, false, false, false), []string{"security.W010 WARNING", "security.W013 WARNING"}},
		{"DEBUG off, not HttpOnly", cookie(app, false, true, false), []string{"security.W013 WARNING"}},
		{"DEBUG off, Secure and HttpOnly", cookie(app, false, true, true), nil},
		{"DEBUG off, Django app name", cookie([]string{djangoLabel}, false, false, true), []string{"security.W010 WARNING"}},
		{"DEBUG off, app not installed", cookie(nil, false, false, false), nil},
		{"DEBUG on, neither Secure nor HttpOnly", cookie(app, true, false, false), nil},
	})
}
