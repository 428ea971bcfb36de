package settings

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"
)

// load writes yaml to a temporary settings file (none when yaml is "") and
// loads it with env.
func load(t *testing.T, yaml string, env ...string) (*Settings, error) {
	t.Helper()
	path := ""
	if yaml != "" {
		path = filepath.Join(t.TempDir(), "settings.yaml")
		if err := os.WriteFile(path, []byte(yaml), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return Load(path, env)
}

func mustLoad(t *testing.T, yaml string, env ...string) *Settings {
	t.Helper()
	s, err := load(t, yaml, env...)
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	return s
}

func TestDefault(t *testing.T) {
	s := Default()
	tests := []struct {
		name string
		got  any
		want any
	}{
		{"DEBUG", s.Debug, false},
		{"SECRET_KEY", s.SecretKey, ""},
		{"SECRET_KEY_FALLBACKS", s.SecretKeyFallbacks, []string{}},
		{"ALLOWED_HOSTS", s.AllowedHosts, []string{}},
		{"INSTALLED_APPS", s.InstalledApps, []string{}},
		{"MIDDLEWARE", s.Middleware, []string{}},
		{"DATABASES", s.Databases, map[string]Database{"default": {Engine: "sqlite", Name: "db.sqlite3"}}},
		{"TEMPLATES", s.Templates, Templates{Dirs: []string{}}},
		{"CACHES", s.Caches, map[string]Cache{"default": {Backend: "locmem", Timeout: 300 * time.Second}}},
		{"APPEND_SLASH", s.AppendSlash, true},
		{"USE_TZ", s.UseTZ, true},
		{"TIME_ZONE", s.TimeZone, "UTC"},
		{"SESSION_ENGINE", s.SessionEngine, "db"},
		{"SESSION_COOKIE_NAME", s.SessionCookieName, "sessionid"},
		{"SESSION_COOKIE_AGE", s.SessionCookieAge, 1209600},
		{"SESSION_COOKIE_DOMAIN", s.SessionCookieDomain, ""},
		{"SESSION_COOKIE_PATH", s.SessionCookiePath, "/"},
		{"SESSION_COOKIE_SECURE", s.SessionCookieSecure, false},
		{"SESSION_COOKIE_HTTPONLY", s.SessionCookieHTTPOnly, true},
		{"SESSION_COOKIE_SAMESITE", s.SessionCookieSameSite, "Lax"},
		{"SESSION_SAVE_EVERY_REQUEST", s.SessionSaveEveryRequest, false},
		{"SESSION_EXPIRE_AT_BROWSER_CLOSE", s.SessionExpireAtBrowserClose, false},
		{"SESSION_FILE_PATH", s.SessionFilePath, ""},
		{"SESSION_CACHE_ALIAS", s.SessionCacheAlias, "default"},
		{"SESSION_SERIALIZER", s.SessionSerializer, "django.contrib.sessions.serializers.JSONSerializer"},
		{"Warnings", s.Warnings, []string(nil)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if !reflect.DeepEqual(tt.got, tt.want) {
				t.Errorf("got %#v, want %#v", tt.got, tt.want)
			}
		})
	}
}

func TestDefault_fresh(t *testing.T) {
	a, b := Default(), Default()
	a.Databases["default"] = Database{Engine: "mysql"}
	a.InstalledApps = append(a.InstalledApps, "x")
	if b.Databases["default"].Engine != "sqlite" || len(b.InstalledApps) != 0 {
		t.Errorf("Default shares state between calls: got %+v", b)
	}
}

func TestLoad_defaultsOnly(t *testing.T) {
	s := mustLoad(t, "", "MANOUCHE_DEBUG=true")
	want := Default()
	want.Debug = true
	if !reflect.DeepEqual(s, want) {
		t.Errorf("got %+v, want %+v", s, want)
	}
}

// TestLoad_sessionAges checks that SESSION_COOKIE_AGE 0 stays 0 (zero
// seconds, as in Django) while an unset one is two weeks, and that the
// session timeouts are off unless set.
func TestLoad_sessionAges(t *testing.T) {
	s := mustLoad(t, "SECRET_KEY: k\nSESSION_COOKIE_AGE: 0\nSESSION_IDLE_TIMEOUT: 1800\nSESSION_ABSOLUTE_TIMEOUT: 43200\n")
	if s.SessionCookieAge != 0 || s.SessionIdleTimeout != 1800 || s.SessionAbsoluteTimeout != 43200 {
		t.Errorf("got age %d, idle %d, absolute %d, want 0, 1800, 43200",
			s.SessionCookieAge, s.SessionIdleTimeout, s.SessionAbsoluteTimeout)
	}
	s = mustLoad(t, "SECRET_KEY: k\n")
	if s.SessionCookieAge != 1209600 || s.SessionIdleTimeout != 0 || s.SessionAbsoluteTimeout != 0 {
		t.Errorf("unset: got age %d, idle %d, absolute %d, want 1209600, 0, 0",
			s.SessionCookieAge, s.SessionIdleTimeout, s.SessionAbsoluteTimeout)
	}
}

func TestLoad_file(t *testing.T) {
	s := mustLoad(t, `
DEBUG: false
SECRET_KEY: s3cret
ALLOWED_HOSTS: [example.com, .example.org]
INSTALLED_APPS: [contrib.sessions, greetings]
DATABASES:
  default: {NAME: site.sqlite3}
  replica: {ENGINE: django.db.backends.postgresql, HOST: db, PORT: 5432, OPTIONS: {sslmode: require}}
CACHES:
  sessions: {BACKEND: redis, LOCATION: "redis://cache:6379/1", TIMEOUT: 60}
TEMPLATES: {DIRS: [tpl]}
SESSION_COOKIE_AGE: 3600
SESSION_COOKIE_SAMESITE: strict
SESSION_FILE_PATH: null
session_cookie_secure: true
TIME_ZONE: Europe/Paris
`)
	tests := []struct {
		name string
		got  any
		want any
	}{
		{"SECRET_KEY", s.SecretKey, "s3cret"},
		{"ALLOWED_HOSTS", s.AllowedHosts, []string{"example.com", ".example.org"}},
		{"INSTALLED_APPS", s.InstalledApps, []string{"contrib.sessions", "greetings"}},
		{"DATABASES.default keeps ENGINE", s.Databases["default"], Database{Engine: "sqlite", Name: "site.sqlite3"}},
		{"DATABASES.replica Django engine name", s.Databases["replica"].Engine, "postgres"},
		{"DATABASES.replica.PORT number as text", s.Databases["replica"].Port, "5432"},
		{"DATABASES.replica.OPTIONS", s.Databases["replica"].Options, map[string]any{"sslmode": "require"}},
		{"CACHES.default kept", s.Caches["default"], Cache{Backend: "locmem", Timeout: 300 * time.Second}},
		{"CACHES.sessions", s.Caches["sessions"], Cache{Backend: "redis", Location: "redis://cache:6379/1", Timeout: time.Minute}},
		{"TEMPLATES", s.Templates.Dirs, []string{"tpl"}},
		{"SESSION_COOKIE_AGE", s.SessionCookieAge, 3600},
		{"SESSION_COOKIE_SAMESITE case kept", s.SessionCookieSameSite, "strict"},
		{"SESSION_FILE_PATH null", s.SessionFilePath, ""},
		{"lower-case key", s.SessionCookieSecure, true},
		{"TIME_ZONE", s.TimeZone, "Europe/Paris"},
		{"no warnings", s.Warnings, []string(nil)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if !reflect.DeepEqual(tt.got, tt.want) {
				t.Errorf("got %#v, want %#v", tt.got, tt.want)
			}
		})
	}
}

func TestLoad_sameSite(t *testing.T) {
	tests := []struct{ yaml, want string }{
		{"SESSION_COOKIE_SAMESITE: Lax", "Lax"},
		{"SESSION_COOKIE_SAMESITE: None", "None"},
		{"SESSION_COOKIE_SAMESITE: STRICT", "STRICT"},
		{"SESSION_COOKIE_SAMESITE: false", ""},
		{`SESSION_COOKIE_SAMESITE: "false"`, ""},
		{`SESSION_COOKIE_SAMESITE: "False"`, ""},
		{`SESSION_COOKIE_SAMESITE: ""`, ""},
		{"SESSION_COOKIE_SAMESITE: null", ""},
		{"SESSION_COOKIE_SAMESITE: ~", ""},
	}
	for _, tt := range tests {
		t.Run(tt.yaml, func(t *testing.T) {
			s := mustLoad(t, "DEBUG: true\n"+tt.yaml+"\n")
			if s.SessionCookieSameSite != tt.want {
				t.Errorf("got %q, want %q", s.SessionCookieSameSite, tt.want)
			}
		})
	}
}

// TestLoad_repositorySettings loads this repository's own settings.yaml,
// which must stay valid and free of warnings.
func TestLoad_repositorySettings(t *testing.T) {
	s, err := Load(filepath.Join("..", "..", "settings.yaml"), nil)
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	if len(s.Warnings) != 0 {
		t.Errorf("warnings: got %q, want none", s.Warnings)
	}
}
