package messages

import (
	"strings"
	"testing"

	"github.com/manouche-go/manouche/framework/settings"
)

func TestCheckInstall(t *testing.T) {
	session := "contrib.sessions.SessionMiddleware"
	tests := []struct {
		name     string
		apps, mw []string
		storage  string
		want     string
	}{
		{"installed", []string{Label}, []string{session, MiddlewareName}, Fallback, ""},
		{"Django's names", []string{"django.contrib.messages"}, []string{"django.contrib.sessions.middleware.SessionMiddleware", "django.contrib.messages.middleware.MessageMiddleware"}, Session, ""},
		{"app without middleware", []string{Label}, nil, Fallback, "messages.W001"},
		{"middleware without app", nil, []string{session, MiddlewareName}, Fallback, "messages.E001"},
		{"fallback without session", []string{Label}, []string{MiddlewareName}, Fallback, "messages.E002"},
		{"session after messages", []string{Label}, []string{MiddlewareName, session}, Session, "messages.E002"},
		{"cookie needs no session", []string{Label}, []string{MiddlewareName}, Cookie, ""},
		{"neither", nil, nil, Fallback, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := settings.Default()
			s.InstalledApps, s.Middleware, s.MessageStorage = tt.apps, tt.mw, tt.storage
			var ids []string
			for _, m := range checkInstall(s) {
				ids = append(ids, m.ID)
			}
			if got := strings.Join(ids, " "); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}
