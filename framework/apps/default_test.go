package apps

import (
	"strings"
	"testing"

	"github.com/manouche-go/manouche/framework/checks"
	"github.com/manouche-go/manouche/framework/settings"
)

func TestDefaultRegistry(t *testing.T) {
	Register(testApp{label: "apps_test.default", aliases: []string{"apps_test.alias"},
		mws: []Middleware{mw("apps_test.Middleware")}})
	RegisterMiddleware(mw("apps_test.Plain"))
	if Default() != defaultRegistry {
		t.Fatalf("Default(): got %p, want the default registry %p", Default(), defaultRegistry)
	}
	if a, err := Lookup("apps_test.alias"); err != nil || a.Label() != "apps_test.default" {
		t.Errorf("Lookup: got %v, %v, want apps_test.default", a, err)
	}
	if got, err := Installed([]string{"apps_test.default"}); err != nil || len(got) != 1 {
		t.Errorf("Installed: got %v, %v, want one app", got, err)
	}
	if m, err := LookupMiddleware("apps_test.Plain"); err != nil || m.Name != "apps_test.Plain" {
		t.Errorf("LookupMiddleware: got %v, %v, want apps_test.Plain", m.Name, err)
	}
	if got, err := Middlewares([]string{"apps_test.Middleware", "apps_test.Plain"}); err != nil || len(got) != 2 {
		t.Errorf("Middlewares: got %v, %v, want two", got, err)
	}
	if got := CheckMiddlewareOrder([]string{"apps_test.Plain"}); len(got) != 0 {
		t.Errorf("CheckMiddlewareOrder: got %v, want none", got)
	}
}

func TestRegistry_Check(t *testing.T) {
	r := newTestRegistry()
	needs := mw("needs")
	needs.Requires = []string{"contrib.sessions.SessionMiddleware"}
	r.RegisterMiddleware(needs)
	tests := []struct {
		name string
		s    settings.Settings
		want string
	}{
		{"good", settings.Settings{InstalledApps: []string{"contrib.sessions"},
			Middleware: []string{"contrib.sessions.SessionMiddleware", "needs"}}, ""},
		{"unknown app", settings.Settings{InstalledApps: []string{"nope"}}, "apps.E001"},
		{"duplicate app", settings.Settings{InstalledApps: []string{"plain", "plain"}}, "apps.E001"},
		{"unknown middleware", settings.Settings{Middleware: []string{"needs", "x"}}, "middleware.E003"},
		{"duplicate middleware", settings.Settings{Middleware: []string{"needs", "needs"}}, "middleware.E003"},
		{"bad order is not Check's job", settings.Settings{Middleware: []string{"needs"}}, ""},
		{"both", settings.Settings{InstalledApps: []string{"x"}, Middleware: []string{"x"}},
			"apps.E001 middleware.E003"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var ids []string
			for _, m := range r.Check(&tt.s) {
				ids = append(ids, m.ID)
			}
			if got := strings.Join(ids, " "); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestCheckRegisteredWithChecks(t *testing.T) {
	s := &settings.Settings{Debug: true, SecretKey: strings.Repeat("0123456789", 5),
		InstalledApps: []string{"apps_test.never_registered"}}
	for _, m := range checks.Run(s) {
		if m.ID == "apps.E001" {
			want := `apps: unknown app "apps_test.never_registered" in INSTALLED_APPS; registered apps: `
			if !strings.HasPrefix(m.Text, want) {
				t.Errorf("Text: got %q, want prefix %q", m.Text, want)
			}
			return
		}
	}
	t.Errorf("checks.Run: got no apps.E001, want the apps check to be registered")
}
