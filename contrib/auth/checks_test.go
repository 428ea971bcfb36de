package auth_test

import (
	"strings"
	"testing"

	"github.com/manouche-go/manouche/contrib/auth"
	"github.com/manouche-go/manouche/contrib/contenttypes"
	"github.com/manouche-go/manouche/contrib/sessions"
	"github.com/manouche-go/manouche/framework/checks"
	"github.com/manouche-go/manouche/framework/settings"
	"github.com/manouche-go/manouche/framework/site"
)

func TestChecks(t *testing.T) {
	tests := []struct {
		name   string
		change func(*settings.Settings)
		id     string
		text   string
	}{
		{"middleware before sessions", func(s *settings.Settings) {
			s.Middleware = []string{auth.MiddlewareName, sessions.MiddlewareName}
		}, "middleware.E002", "contrib.sessions.SessionMiddleware"},
		{"no session middleware", func(s *settings.Settings) { s.Middleware = []string{auth.MiddlewareName} }, "middleware.E001", ""},
		{"no contenttypes", func(s *settings.Settings) { s.InstalledApps = []string{auth.Label, sessions.Label} }, "auth.E101", "contenttypes"},
		{"middleware without app", func(s *settings.Settings) {
			s.InstalledApps = []string{contenttypes.Label, sessions.Label}
		}, "auth.E102", ""},
		{"app without middleware", func(s *settings.Settings) { s.Middleware = []string{sessions.MiddlewareName} }, "auth.W101", ""},
		{"unknown hasher", func(s *settings.Settings) {
			s.PasswordHashers = []string{"django.contrib.auth.hashers.CryptPasswordHasher"}
		}, "auth.E103", "CryptPasswordHasher"},
		{"unknown validator", func(s *settings.Settings) {
			s.AuthPasswordValidators = []settings.PasswordValidator{{Name: "my.Validator"}}
		}, "auth.E103", "my.Validator"},
		{"unknown backend", func(s *settings.Settings) { s.AuthenticationBackends = []string{"my.Backend"} }, "auth.E103", "my.Backend"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := testSettings(t.TempDir())
			tt.change(s)
			st, err := site.New(s, site.Options{})
			if err != nil {
				t.Fatal(err)
			}
			var found *checks.Message
			for _, m := range st.Checks() {
				if m.ID == tt.id {
					found = &m
				}
			}
			if found == nil || !strings.Contains(found.Text+found.Hint, tt.text) {
				t.Errorf("checks %v: want %s mentioning %q", st.Checks(), tt.id, tt.text)
			}
		})
	}
	st, _ := site.New(testSettings(t.TempDir()), site.Options{})
	for _, m := range st.Checks() {
		if strings.HasPrefix(m.ID, "auth.") || strings.HasPrefix(m.ID, "middleware.") {
			t.Errorf("a correct site reports %v", m)
		}
	}
}

func TestMiddleware_badSettings(t *testing.T) {
	s := testSettings(t.TempDir())
	s.PasswordHashers = []string{"nope"}
	st, _ := site.New(s, site.Options{})
	if _, err := st.Handler(); err == nil || !strings.Contains(err.Error(), "PASSWORD_HASHERS") {
		t.Errorf("a site with an unknown hasher starts: %v", err)
	}
}
