package apps

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"
)

// testApp is an app with aliases and middleware.
type testApp struct {
	label   string
	aliases []string
	mws     []Middleware
}

func (a testApp) Label() string            { return a.label }
func (a testApp) Aliases() []string        { return a.aliases }
func (a testApp) Middleware() []Middleware { return a.mws }

// plainApp implements only App.
type plainApp struct{}

func (plainApp) Label() string { return "plain" }

func identity(h http.Handler) http.Handler { return h }

func newIdentity(*Env) (func(http.Handler) http.Handler, error) { return identity, nil }

func mw(name string, aliases ...string) Middleware {
	return Middleware{Name: name, Aliases: aliases, New: newIdentity}
}

// sessionsApp mirrors contrib.sessions.
var sessionsApp = testApp{
	label:   "contrib.sessions",
	aliases: []string{"django.contrib.sessions"},
	mws:     []Middleware{mw("contrib.sessions.SessionMiddleware", "django.contrib.sessions.middleware.SessionMiddleware")},
}

// newTestRegistry returns a registry with contrib.sessions, examples.shop
// and plain.
func newTestRegistry() *Registry {
	r := NewRegistry()
	r.Register(sessionsApp)
	r.Register(testApp{label: "examples.shop"})
	r.Register(plainApp{})
	return r
}

func TestRegistry_Lookup(t *testing.T) {
	r := newTestRegistry()
	tests := []struct {
		name, in, want string
	}{
		{"label", "contrib.sessions", "contrib.sessions"},
		{"alias", "django.contrib.sessions", "contrib.sessions"},
		{"app without optional interfaces", "plain", "plain"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := r.Lookup(tt.in)
			if err != nil {
				t.Fatalf("Lookup(%q): got error %v, want nil", tt.in, err)
			}
			if got := a.Label(); got != tt.want {
				t.Errorf("Lookup(%q): got label %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestRegistry_Lookup_unknown(t *testing.T) {
	tests := []struct {
		name string
		r    *Registry
		want string
	}{
		{"lists labels sorted", newTestRegistry(),
			`apps: unknown app "foo"; registered apps: contrib.sessions, examples.shop, plain`},
		{"empty registry", NewRegistry(), `apps: unknown app "foo"; registered apps: (none)`},
		{"zero value registry", &Registry{}, `apps: unknown app "foo"; registered apps: (none)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := tt.r.Lookup("foo")
			if err == nil || err.Error() != tt.want {
				t.Fatalf("got %v, want %q", err, tt.want)
			}
			if !errors.Is(err, ErrUnknown) {
				t.Errorf("errors.Is(err, ErrUnknown): got false, want true")
			}
		})
	}
}

func TestRegistry_Installed(t *testing.T) {
	r := NewRegistry()
	r.Register(sessionsApp)
	r.Register(testApp{label: "examples.shop"})
	tests := []struct {
		name    string
		labels  []string
		want    string // labels joined by space
		wantErr string
	}{
		{name: "empty", labels: nil, want: ""},
		{name: "given order", labels: []string{"examples.shop", "contrib.sessions"},
			want: "examples.shop contrib.sessions"},
		{name: "alias", labels: []string{"django.contrib.sessions", "examples.shop"},
			want: "contrib.sessions examples.shop"},
		{name: "unknown", labels: []string{"contrib.sessions", "foo"},
			wantErr: `apps: unknown app "foo" in INSTALLED_APPS; registered apps: contrib.sessions, examples.shop`},
		{name: "duplicate", labels: []string{"examples.shop", "examples.shop"},
			wantErr: `apps: duplicate app "examples.shop" in INSTALLED_APPS`},
		{name: "duplicate via alias", labels: []string{"contrib.sessions", "django.contrib.sessions"},
			wantErr: `apps: duplicate app "contrib.sessions" in INSTALLED_APPS (as "contrib.sessions" and "django.contrib.sessions")`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := r.Installed(tt.labels)
			if tt.wantErr != "" {
				if err == nil || err.Error() != tt.wantErr {
					t.Fatalf("got error %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("got error %v, want nil", err)
			}
			var labels []string
			for _, a := range got {
				labels = append(labels, a.Label())
			}
			if s := strings.Join(labels, " "); s != tt.want {
				t.Errorf("got %q, want %q", s, tt.want)
			}
		})
	}
}

func TestRegistry_Installed_unknownIsErrUnknown(t *testing.T) {
	_, err := newTestRegistry().Installed([]string{"nope"})
	if !errors.Is(err, ErrUnknown) {
		t.Errorf("errors.Is(%v, ErrUnknown): got false, want true", err)
	}
}

// mustPanic calls f and returns the panic value as a string.
func mustPanic(t *testing.T, f func()) (msg string) {
	t.Helper()
	defer func() {
		r := recover()
		if r == nil {
			t.Fatalf("got no panic, want one")
		}
		msg = fmt.Sprint(r)
	}()
	f()
	return ""
}

func TestRegistry_Register_panics(t *testing.T) {
	tests := []struct {
		name string
		app  App
		want string
	}{
		{"nil", nil, "apps: Register of nil App"},
		{"empty label", testApp{}, "apps: Register of app apps.testApp with empty label"},
		{"duplicate label", testApp{label: "examples.shop"}, `apps: Register called twice for app "examples.shop"`},
		{"label is another app's alias", testApp{label: "django.contrib.sessions"},
			`apps: name "django.contrib.sessions" of app "django.contrib.sessions" is already taken by app "contrib.sessions"`},
		{"alias is another app's label", testApp{label: "x", aliases: []string{"examples.shop"}},
			`apps: name "examples.shop" of app "x" is already taken by app "examples.shop"`},
		{"alias is another app's alias", testApp{label: "x", aliases: []string{"django.contrib.sessions"}},
			`apps: name "django.contrib.sessions" of app "x" is already taken by app "contrib.sessions"`},
		{"empty alias", testApp{label: "x", aliases: []string{""}}, `apps: app "x" has an empty alias`},
		{"alias repeated", testApp{label: "x", aliases: []string{"y", "y"}},
			`apps: app "x" lists alias "y" twice or as its own name`},
		{"alias is own label", testApp{label: "x", aliases: []string{"x"}},
			`apps: app "x" lists alias "x" twice or as its own name`},
		{"middleware empty name", testApp{label: "x", mws: []Middleware{{New: newIdentity}}},
			"apps: middleware with empty name"},
		{"middleware nil New", testApp{label: "x", mws: []Middleware{{Name: "m"}}},
			`apps: middleware "m" has nil New`},
		{"middleware already registered", testApp{label: "x", mws: []Middleware{mw("contrib.sessions.SessionMiddleware")}},
			`apps: middleware "contrib.sessions.SessionMiddleware" is already registered`},
		{"middleware alias taken", testApp{label: "x", mws: []Middleware{mw("m", "contrib.sessions.SessionMiddleware")}},
			`apps: name "contrib.sessions.SessionMiddleware" of middleware "m" is already taken by middleware "contrib.sessions.SessionMiddleware"`},
		{"app's own middleware clash", testApp{label: "x", mws: []Middleware{mw("m1", "m"), mw("m")}},
			`apps: name "m" of middleware "m" is already taken by middleware "m1"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := newTestRegistry()
			if got := mustPanic(t, func() { r.Register(tt.app) }); got != tt.want {
				t.Errorf("panic: got %q, want %q", got, tt.want)
			}
			if _, err := r.Lookup("x"); err == nil {
				t.Errorf("Lookup(x) after panic: got the app, want nothing registered")
			}
			if _, err := r.LookupMiddleware("m"); err == nil {
				t.Errorf("LookupMiddleware(m) after panic: got it, want nothing registered")
			}
		})
	}
}
