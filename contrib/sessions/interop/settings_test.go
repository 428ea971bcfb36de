package interop

import (
	"testing"

	"github.com/manouche-go/manouche/framework/settings"
)

// TestSettingsFile: the README's manouche settings load without warnings
// and agree with the Django site's settings.py on what sharing needs.
func TestSettingsFile(t *testing.T) {
	s, err := settings.Load(settingsFile, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Warnings) != 0 {
		t.Errorf("warnings: got %q, want none", s.Warnings)
	}
	tests := []struct {
		name      string
		got, want any
	}{
		{"USE_TZ", s.UseTZ, true},
		{"TIME_ZONE", s.TimeZone, "UTC"},
		{"SESSION_COOKIE_NAME", s.SessionCookieName, cookieName},
		{"SESSION_COOKIE_AGE", s.SessionCookieAge, defaultAge},
		{"SESSION_SERIALIZER", s.SessionSerializer, settings.JSONSerializer},
		{"SESSION_ENGINE", s.SessionEngine, "db"},
		{"DATABASES.default.ENGINE", s.Databases["default"].Engine, "sqlite"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s: got %v, want %v", tt.name, tt.got, tt.want)
		}
	}
}
