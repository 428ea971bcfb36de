package checks

import (
	"testing"

	"github.com/manouche-go/manouche/framework/settings"
)

// djangoMiddleware is Django's default MIDDLEWARE (startproject's), in
// manouche's names.
var djangoMiddleware = []string{
	"framework.security.SecurityMiddleware",
	"contrib.sessions.SessionMiddleware",
	"framework.csrf.CsrfViewMiddleware",
	"contrib.messages.MessageMiddleware",
	"framework.clickjacking.XFrameOptionsMiddleware",
}

// hardened returns settings that pass every deployment check.
func hardened() *settings.Settings {
	s := settings.Default()
	s.SecretKey = goodKey
	s.AllowedHosts = []string{"example.com"}
	s.InstalledApps = []string{"contrib.sessions"}
	s.Middleware = djangoMiddleware
	s.SecureHSTSSeconds = 31536000
	s.SecureHSTSIncludeSubdomains = true
	s.SecureHSTSPreload = true
	s.SecureSSLRedirect = true
	s.SessionCookieSecure = true
	s.CSRFCookieSecure = true
	return s
}

func TestDeploy(t *testing.T) {
	tests := []struct {
		name   string
		change func(s *settings.Settings)
		want   string
	}{
		{"hardened", func(*settings.Settings) {}, ""},
		{"Django's default settings, DEBUG on", func(s *settings.Settings) { *s = *startproject() },
			"security.W004/WARNING security.W008/WARNING security.W016/WARNING security.W012/WARNING security.W018/WARNING"},
		{"no HSTS", func(s *settings.Settings) { s.SecureHSTSSeconds = 0 }, "security.W004/WARNING"},
		{"HSTS without subdomains or preload", func(s *settings.Settings) {
			s.SecureHSTSIncludeSubdomains, s.SecureHSTSPreload = false, false
		}, "security.W005/WARNING security.W021/WARNING"},
		{"no nosniff, no referrer policy", func(s *settings.Settings) {
			s.SecureContentTypeNosniff, s.SecureReferrerPolicy = false, ""
		}, "security.W006/WARNING security.W022/WARNING"},
		{"no SSL redirect", func(s *settings.Settings) { s.SecureSSLRedirect = false }, "security.W008/WARNING"},
		{"SAMEORIGIN", func(s *settings.Settings) { s.XFrameOptions = "SAMEORIGIN" }, "security.W019/WARNING"},
		{"no middleware at all", func(s *settings.Settings) { s.Middleware = nil },
			"security.W001/WARNING security.W002/WARNING security.W003/WARNING"},
		{"Django's names", func(s *settings.Settings) {
			s.Middleware = []string{"django.middleware.security.SecurityMiddleware", "django.middleware.csrf.CsrfViewMiddleware",
				"django.middleware.clickjacking.XFrameOptionsMiddleware"}
		}, ""},
		{"CSRF cookie not secure", func(s *settings.Settings) { s.CSRFCookieSecure = false }, "security.W016/WARNING"},
		{"CSRF in the session needs no secure cookie", func(s *settings.Settings) { s.CSRFCookieSecure, s.CSRFUseSessions = false, true }, ""},
		{"DEBUG", func(s *settings.Settings) { s.Debug = true }, "security.W018/WARNING"},
		{"DEBUG, session cookie app only", func(s *settings.Settings) {
			s.Debug, s.SessionCookieSecure, s.Middleware = true, false, s.Middleware[:1]
		}, "security.W002/WARNING security.W003/WARNING security.W010/WARNING security.W018/WARNING"},
		{"DEBUG, session cookie not HttpOnly", func(s *settings.Settings) { s.Debug, s.SessionCookieHTTPOnly = true, false },
			"security.W015/WARNING security.W018/WARNING"},
		{"no ALLOWED_HOSTS", func(s *settings.Settings) { s.AllowedHosts = nil }, "security.W020/WARNING"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := hardened()
			tt.change(s)
			if got := ids(Deploy(s, nil)); got != tt.want {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
		})
	}
}

// startproject is what a new project's settings.yaml holds: DEBUG on, the
// default middleware, Django's defaults otherwise.
func startproject() *settings.Settings {
	s := settings.Default()
	s.Debug = true
	s.SecretKey = goodKey
	s.AllowedHosts = []string{"127.0.0.1"}
	s.InstalledApps = []string{"contrib.sessions"}
	s.Middleware = djangoMiddleware
	return s
}

// TestDeploy_once checks that a finding the other checks reported (W020
// with DEBUG off) is not repeated.
func TestDeploy_once(t *testing.T) {
	s := hardened()
	s.AllowedHosts = nil
	msgs := Run(s)
	if got := ids(msgs); got != "security.W020/WARNING" {
		t.Fatalf("checks: got %s, want security.W020", got)
	}
	if got := ids(Deploy(s, msgs)); got != "" {
		t.Errorf("deploy checks: got %s, want nothing more", got)
	}
}
