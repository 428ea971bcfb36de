package examples_test

import (
	"path/filepath"
	"slices"
	"testing"

	"github.com/manouche-go/manouche/contrib/auth"
	cmessages "github.com/manouche-go/manouche/contrib/messages"
	"github.com/manouche-go/manouche/contrib/sessions"
	"github.com/manouche-go/manouche/framework/settings"
)

// siteMiddleware is the repository's MIDDLEWARE: Django's default order.
func siteMiddleware() []string {
	return []string{
		"framework.security.SecurityMiddleware",
		sessions.MiddlewareName,
		"framework.csrf.CsrfViewMiddleware",
		auth.MiddlewareName,
		cmessages.MiddlewareName,
		"framework.clickjacking.XFrameOptionsMiddleware",
	}
}

// TestSettings_middleware checks that the tests serve the middleware
// settings.yaml lists, in its order.
func TestSettings_middleware(t *testing.T) {
	s, err := settings.Load(filepath.Join("..", "settings.yaml"), nil)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(s.Middleware, siteMiddleware()) {
		t.Errorf("settings.yaml MIDDLEWARE: got %v, want %v", s.Middleware, siteMiddleware())
	}
	if !slices.Contains(s.InstalledApps, cmessages.Label) {
		t.Errorf("settings.yaml INSTALLED_APPS: got %v, want %s", s.InstalledApps, cmessages.Label)
	}
}
