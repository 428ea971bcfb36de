package settings

import (
	"reflect"
	"testing"
	"time"
)

func TestLoad_env(t *testing.T) {
	const file = `
DEBUG: true
DATABASES:
  default: {ENGINE: sqlite, NAME: db.sqlite3}
  read_only: {ENGINE: sqlite, NAME: ro.sqlite3}
CACHES:
  default: {BACKEND: locmem}
`
	tests := []struct {
		env  []string
		got  func(s *Settings) any
		want any
	}{
		{[]string{"MANOUCHE_SESSION_ENGINE=file"}, func(s *Settings) any { return s.SessionEngine }, "file"},
		{[]string{"MANOUCHE_DEBUG=false", "MANOUCHE_SECRET_KEY=k"}, func(s *Settings) any { return s.Debug }, false},
		{[]string{"MANOUCHE_DEBUG=1"}, func(s *Settings) any { return s.Debug }, true},
		{[]string{"MANOUCHE_SESSION_COOKIE_AGE=60"}, func(s *Settings) any { return s.SessionCookieAge }, 60},
		{[]string{"MANOUCHE_SESSION_COOKIE_SAMESITE=false"}, func(s *Settings) any { return s.SessionCookieSameSite }, ""},
		{[]string{"MANOUCHE_SESSION_COOKIE_DOMAIN=.example.com"}, func(s *Settings) any { return s.SessionCookieDomain }, ".example.com"},
		{[]string{"MANOUCHE_INSTALLED_APPS=a,b"}, func(s *Settings) any { return s.InstalledApps }, []string{"a", "b"}},
		{[]string{"MANOUCHE_ALLOWED_HOSTS= a , ,b "}, func(s *Settings) any { return s.AllowedHosts }, []string{"a", "b"}},
		{[]string{"MANOUCHE_MIDDLEWARE="}, func(s *Settings) any { return s.Middleware }, []string{}},
		{[]string{"MANOUCHE_SECRET_KEY_FALLBACKS=old1,old2"}, func(s *Settings) any { return s.SecretKeyFallbacks }, []string{"old1", "old2"}},
		{[]string{"MANOUCHE_DATABASES_DEFAULT_NAME=/tmp/x.sqlite3"}, func(s *Settings) any { return s.Databases["default"] }, Database{Engine: "sqlite", Name: "/tmp/x.sqlite3"}},
		{[]string{"MANOUCHE_DATABASES_READ_ONLY_NAME=/tmp/ro"}, func(s *Settings) any { return s.Databases["read_only"].Name }, "/tmp/ro"},
		{[]string{"MANOUCHE_DATABASES_DEFAULT_OPTIONS_TIMEOUT=20"}, func(s *Settings) any { return s.Databases["default"].Options }, map[string]any{"timeout": "20"}},
		{[]string{"MANOUCHE_DATABASES_REPLICA_ENGINE=mysql", "MANOUCHE_DATABASES_REPLICA_HOST=h"}, func(s *Settings) any { return s.Databases["replica"] }, Database{Engine: "mysql", Host: "h"}},
		{[]string{"MANOUCHE_CACHES_SESSIONS_BACKEND=redis"}, func(s *Settings) any { return s.Caches["sessions"] }, Cache{Backend: "redis", Timeout: 300 * time.Second}},
		{[]string{"MANOUCHE_CACHES_DEFAULT_KEY_PREFIX=site"}, func(s *Settings) any { return s.Caches["default"].KeyPrefix }, "site"},
		{[]string{"MANOUCHE_CACHES_SESSION_STORE_KEY_PREFIX=p"}, func(s *Settings) any { return s.Caches["session_store"].KeyPrefix }, "p"},
		{[]string{"MANOUCHE_CACHES_DEFAULT_TIMEOUT=0"}, func(s *Settings) any { return s.Caches["default"].Timeout }, time.Duration(0)},
		{[]string{"MANOUCHE_CACHES_NEW_OPTIONS_SOCKET_TIMEOUT=3"}, func(s *Settings) any { return s.Caches["new"].Options }, map[string]any{"socket_timeout": "3"}},
		{[]string{"MANOUCHE_TEMPLATES_DIRS=/a,/b"}, func(s *Settings) any { return s.Templates.Dirs }, []string{"/a", "/b"}},
		{[]string{"MANOUCHE_SESSION_ENGINE=file", "MANOUCHE_SESSION_ENGINE=cache"}, func(s *Settings) any { return s.SessionEngine }, "cache"},
		{[]string{"manouche_SESSION_ENGINE=file", "SESSION_ENGINE=file"}, func(s *Settings) any { return s.SessionEngine }, "db"},
		{[]string{"MANOUCHE_session_engine=file"}, func(s *Settings) any { return s.SessionEngine }, "file"},
		{[]string{"MANOUCHE_SETTINGS=x.yaml", "MANOUCHE_REQUIRE_SERVICES=1", "MANOUCHE_REQUIRE_BROWSER=1", "MANOUCHE_TEST_REDIS_URL=redis://x"}, func(s *Settings) any { return s.Warnings }, []string(nil)},
	}
	for _, tt := range tests {
		t.Run(tt.env[0], func(t *testing.T) {
			s := mustLoad(t, file, tt.env...)
			if got := tt.got(s); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %#v, want %#v", got, tt.want)
			}
		})
	}
}

func TestResolveEnv(t *testing.T) {
	raw := map[string]any{"databases": map[string]any{"my_db": nil, "my": nil}}
	tests := []struct {
		key  string
		want []string
	}{
		{"DEBUG", []string{"debug"}},
		{"SECRET_KEY_FALLBACKS", []string{"secret_key_fallbacks"}},
		{"DATABASES", []string{"databases"}},
		{"DATABASES_MY_DB_NAME", []string{"databases", "my_db", "name"}},
		{"DATABASES_MY_NAME", []string{"databases", "my", "name"}},
		{"DATABASES_MY_DB_OPTIONS_INIT_COMMAND", []string{"databases", "my_db", "options", "init_command"}},
		{"DATABASES_OTHER_DB_PASSWORD", []string{"databases", "other_db", "password"}},
		{"DATABASES_OTHER_OPTIONS", []string{"databases", "other", "options"}},
		{"CACHES_DEFAULT_KEY_PREFIX", []string{"caches", "default", "key_prefix"}},
		{"TEMPLATES_DIRS", []string{"templates", "dirs"}},
		{"TEMPLATES_APP_DIRS", nil},
		{"DATABASES_DEFAULT", nil},
		{"DATABASES_DEFAULT_ENGIN", nil},
		{"CACHES_", nil},
		{"NOT_A_SETTING", nil},
	}
	for _, tt := range tests {
		t.Run(tt.key, func(t *testing.T) {
			if got := resolveEnv(raw, tt.key); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestLoad_warnings(t *testing.T) {
	s := mustLoad(t, `
DEBUG: true
STATICFILES_FINDERS: [a.Finder]
DATABASES: {default: {ENGIN: sqlite}}
CACHES: {default: {MAX_ENTRIES: 5}}
TEMPLATES: {APP_DIRS: true}
`, "MANOUCHE_DEBUGG=1", "MANOUCHE_TEMPLATES_APP_DIRS=1", "OTHER=1")
	want := []string{
		"settings: unknown setting DATABASES.default.ENGIN ignored",
		"settings: unknown setting TEMPLATES.APP_DIRS ignored",
		"settings: unknown setting CACHES.default.MAX_ENTRIES ignored",
		"settings: unknown setting STATICFILES_FINDERS ignored",
		"settings: unknown setting DEBUGG ignored (environment variable MANOUCHE_DEBUGG)",
		"settings: unknown setting TEMPLATES_APP_DIRS ignored (environment variable MANOUCHE_TEMPLATES_APP_DIRS)",
	}
	if !reflect.DeepEqual(s.Warnings, want) {
		t.Errorf("got %q,\nwant %q", s.Warnings, want)
	}
}
