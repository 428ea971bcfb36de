package settings

import (
	"errors"
	"strings"
	"testing"
)

func TestLoad_errors(t *testing.T) {
	tests := []struct {
		name string
		yaml string
		env  []string
		want string
	}{
		{"age not a number", `SESSION_COOKIE_AGE: "abc"`, nil,
			`settings: SESSION_COOKIE_AGE = "abc": must be a non-negative integer (seconds)`},
		{"age negative", `SESSION_COOKIE_AGE: -5`, nil,
			`settings: SESSION_COOKIE_AGE = "-5": must be a non-negative integer (seconds)`},
		{"age negative from env", "", []string{"MANOUCHE_SESSION_COOKIE_AGE=-5"},
			`settings: SESSION_COOKIE_AGE = "-5": must be a non-negative integer (seconds)`},
		{"age fraction", `SESSION_COOKIE_AGE: 1.5`, nil,
			`settings: SESSION_COOKIE_AGE = "1.5": must be a non-negative integer (seconds)`},
		{"idle timeout negative", `SESSION_IDLE_TIMEOUT: -1`, nil,
			`settings: SESSION_IDLE_TIMEOUT = "-1": must be a non-negative integer (seconds)`},
		{"idle timeout negative from env", "", []string{"MANOUCHE_SESSION_IDLE_TIMEOUT=-60"},
			`settings: SESSION_IDLE_TIMEOUT = "-60": must be a non-negative integer (seconds)`},
		{"absolute timeout negative", `SESSION_ABSOLUTE_TIMEOUT: -3600`, nil,
			`settings: SESSION_ABSOLUTE_TIMEOUT = "-3600": must be a non-negative integer (seconds)`},
		{"absolute timeout not a number", `SESSION_ABSOLUTE_TIMEOUT: "1h"`, nil,
			`settings: SESSION_ABSOLUTE_TIMEOUT = "1h": must be a non-negative integer (seconds)`},
		{"debug maybe", `DEBUG: "maybe"`, nil,
			`settings: DEBUG = "maybe": must be true or false`},
		{"debug maybe from env", "", []string{"MANOUCHE_DEBUG=maybe"},
			`settings: DEBUG = "maybe": must be true or false`},
		{"debug number", `DEBUG: 2`, nil,
			`settings: DEBUG = "2": must be true or false`},
		{"installed apps number", `INSTALLED_APPS: 5`, nil,
			`settings: INSTALLED_APPS = "5": must be a list of strings (comma-separated in the environment)`},
		{"list of lists", `MIDDLEWARE: [[a]]`, nil,
			`settings: MIDDLEWARE = "[[a]]": must be a list of strings (comma-separated in the environment)`},
		{"string is a list", `SESSION_ENGINE: [db]`, nil,
			`settings: SESSION_ENGINE = "[db]": must be a string`},
		{"engine unknown", `DATABASES: {default: {ENGINE: oracle}}`, nil,
			`settings: DATABASES.default.ENGINE = "oracle": must be one of sqlite, postgres, mysql`},
		{"engine unknown from env", "", []string{"MANOUCHE_DATABASES_DEFAULT_ENGINE=mongo"},
			`settings: DATABASES.default.ENGINE = "mongo": must be one of sqlite, postgres, mysql`},
		{"new alias without engine", "", []string{"MANOUCHE_DATABASES_REPLICA_NAME=r"},
			`settings: DATABASES.replica.ENGINE = "": must be one of sqlite, postgres, mysql`},
		{"databases not a mapping", `DATABASES: [a]`, nil,
			`settings: DATABASES = "[redacted]": must be a mapping of alias to database settings`},
		{"databases whole from env", "", []string{"MANOUCHE_DATABASES=postgres://u:pw@h/db"},
			`settings: DATABASES = "[redacted]": must be a mapping of alias to database settings`},
		{"database entry not a mapping", `DATABASES: {default: sqlite}`, nil,
			`settings: DATABASES.default = "[redacted]": must be a mapping of ENGINE, NAME, ... (a database)`},
		{"password not a string", `DATABASES: {default: {PASSWORD: [pw]}}`, nil,
			`settings: DATABASES.default.PASSWORD = "[redacted]": must be a string`},
		{"options not a mapping", "", []string{"MANOUCHE_CACHES_DEFAULT_OPTIONS=x"},
			`settings: CACHES.default.OPTIONS = "x": must be a mapping`},
		{"cache timeout negative", `CACHES: {default: {TIMEOUT: -1}}`, nil,
			`settings: CACHES.default.TIMEOUT = "-1": must be a non-negative integer (seconds) or null`},
		{"cache timeout word", "", []string{"MANOUCHE_CACHES_DEFAULT_TIMEOUT=never"},
			`settings: CACHES.default.TIMEOUT = "never": must be a non-negative integer (seconds) or null`},
		{"templates a list", `TEMPLATES: [a]`, nil,
			`settings: TEMPLATES = "[a]": must be a mapping with DIRS (a list of directories)`},
		{"samesite other", `SESSION_COOKIE_SAMESITE: Loose`, nil,
			`settings: SESSION_COOKIE_SAMESITE = "Loose": must be Lax, Strict, None or false`},
		{"samesite true", `SESSION_COOKIE_SAMESITE: true`, nil,
			`settings: SESSION_COOKIE_SAMESITE = "true": must be Lax, Strict, None or false`},
		{"secret key empty", `DEBUG: false`, nil,
			`settings: SECRET_KEY = "": must be a non-empty string when DEBUG is false`},
		{"secret key empty from env", "", []string{"MANOUCHE_SECRET_KEY="},
			`settings: SECRET_KEY = "": must be a non-empty string when DEBUG is false`},
		{"secret key wrong type", `SECRET_KEY: [hunter2]`, nil,
			`settings: SECRET_KEY = "[redacted]": must be a string`},
		{"fallbacks wrong type", `SECRET_KEY_FALLBACKS: {a: hunter2}`, nil,
			`settings: SECRET_KEY_FALLBACKS = "[redacted]": must be a list of strings (comma-separated in the environment)`},
		{"cookie name empty", `SESSION_COOKIE_NAME: ""`, nil,
			"settings: SESSION_COOKIE_NAME = \"\": must be a non-empty cookie name (letters, digits and !#$%&'*+-.^_`|~)"},
		{"cookie name space", `SESSION_COOKIE_NAME: "my session"`, nil,
			"settings: SESSION_COOKIE_NAME = \"my session\": must be a non-empty cookie name (letters, digits and !#$%&'*+-.^_`|~)"},
		{"cookie name semicolon", "", []string{"MANOUCHE_SESSION_COOKIE_NAME=a;b"},
			"settings: SESSION_COOKIE_NAME = \"a;b\": must be a non-empty cookie name (letters, digits and !#$%&'*+-.^_`|~)"},
		{"cookie name non-ascii", `SESSION_COOKIE_NAME: "sessión"`, nil,
			"settings: SESSION_COOKIE_NAME = \"sessión\": must be a non-empty cookie name (letters, digits and !#$%&'*+-.^_`|~)"},
		{"serializer pickle", `SESSION_SERIALIZER: django.contrib.sessions.serializers.PickleSerializer`, nil,
			`settings: SESSION_SERIALIZER = "django.contrib.sessions.serializers.PickleSerializer": must be django.contrib.sessions.serializers.JSONSerializer (JSON is the only session serializer)`},
		{"time zone unknown", `TIME_ZONE: Mars/Olympus`, nil,
			`settings: TIME_ZONE = "Mars/Olympus": must be an IANA time zone name such as UTC or Europe/Paris`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			yaml := tt.yaml
			if !strings.Contains(yaml, "DEBUG") && !strings.Contains(yaml, "SECRET_KEY") && !strings.Contains(tt.name, "secret key empty") {
				yaml = "SECRET_KEY: k\n" + yaml
			}
			_, err := load(t, yaml, tt.env...)
			var se *Error
			if !errors.As(err, &se) {
				t.Fatalf("got %v (%T), want a *settings.Error", err, err)
			}
			if got := err.Error(); got != tt.want {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
			if strings.Contains(err.Error(), "\n") || strings.Contains(err.Error(), "hunter2") || strings.Contains(err.Error(), "pw@") {
				t.Errorf("message must be one line without secrets: %q", err)
			}
		})
	}
}

func TestLoad_fileErrors(t *testing.T) {
	if _, err := Load("/nonexistent/settings.yaml", nil); err == nil || !strings.HasPrefix(err.Error(), "settings: open /nonexistent/settings.yaml:") {
		t.Errorf("missing file: got %v, want settings: open /nonexistent/settings.yaml: ...", err)
	}
	for _, yaml := range []string{"DEBUG: [unclosed\n", "DEBUG: true\nDEBUG: false\n"} {
		_, err := load(t, yaml)
		if err == nil || !strings.HasPrefix(err.Error(), "settings: parse ") || strings.Contains(err.Error(), "\n") {
			t.Errorf("bad YAML %q: got %q, want one line settings: parse ...", yaml, err)
		}
	}
}

func TestError_Error(t *testing.T) {
	e := &Error{Setting: "SESSION_COOKIE_AGE", Value: "-5", Allowed: "a non-negative integer (seconds)"}
	want := `settings: SESSION_COOKIE_AGE = "-5": must be a non-negative integer (seconds)`
	if got := e.Error(); got != want {
		t.Errorf("got %s, want %s", got, want)
	}
}

func TestValidate(t *testing.T) {
	s := Default()
	s.SecretKey = "k"
	if err := s.Validate(); err != nil {
		t.Errorf("defaults with a key: got %v, want nil", err)
	}
	s.SessionCookieAge = -1
	if err := s.Validate(); err == nil || err.Error() != `settings: SESSION_COOKIE_AGE = "-1": must be a non-negative integer (seconds)` {
		t.Errorf("negative age: got %v", err)
	}
	s.SessionCookieAge = 0
	s.SessionIdleTimeout = -1
	if err := s.Validate(); err == nil || err.Error() != `settings: SESSION_IDLE_TIMEOUT = "-1": must be a non-negative integer (seconds)` {
		t.Errorf("negative idle timeout: got %v", err)
	}
	s.SessionIdleTimeout = 0
	s.SessionAbsoluteTimeout = -1
	if err := s.Validate(); err == nil || err.Error() != `settings: SESSION_ABSOLUTE_TIMEOUT = "-1": must be a non-negative integer (seconds)` {
		t.Errorf("negative absolute timeout: got %v", err)
	}
}
