package apps

import (
	"errors"
	"strings"
	"testing"
)

func TestRegistry_LookupMiddleware(t *testing.T) {
	r := newTestRegistry()
	r.RegisterMiddleware(mw("chi.middleware.RequestID", "RequestID"))
	tests := []struct {
		name, in, want string
	}{
		{"app middleware by name", "contrib.sessions.SessionMiddleware", "contrib.sessions.SessionMiddleware"},
		{"app middleware by alias", "django.contrib.sessions.middleware.SessionMiddleware", "contrib.sessions.SessionMiddleware"},
		{"plain by name", "chi.middleware.RequestID", "chi.middleware.RequestID"},
		{"plain by alias", "RequestID", "chi.middleware.RequestID"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := r.LookupMiddleware(tt.in)
			if err != nil {
				t.Fatalf("got error %v, want nil", err)
			}
			if m.Name != tt.want {
				t.Errorf("got %q, want %q", m.Name, tt.want)
			}
			if m.New == nil {
				t.Errorf("New: got nil, want the constructor")
			}
		})
	}
}

func TestRegistry_LookupMiddleware_unknown(t *testing.T) {
	r := newTestRegistry()
	r.RegisterMiddleware(mw("chi.middleware.Logger"))
	_, err := r.LookupMiddleware("Sessions")
	want := `apps: unknown middleware "Sessions"; registered middleware: chi.middleware.Logger, contrib.sessions.SessionMiddleware`
	if err == nil || err.Error() != want {
		t.Fatalf("got %v, want %q", err, want)
	}
	if !errors.Is(err, ErrUnknown) {
		t.Errorf("errors.Is(err, ErrUnknown): got false, want true")
	}
}

func TestRegistry_RegisterMiddleware_panics(t *testing.T) {
	tests := []struct {
		name string
		m    Middleware
		want string
	}{
		{"empty name", Middleware{New: newIdentity}, "apps: middleware with empty name"},
		{"nil New", Middleware{Name: "x"}, `apps: middleware "x" has nil New`},
		{"duplicate", mw("contrib.sessions.SessionMiddleware"), `apps: middleware "contrib.sessions.SessionMiddleware" is already registered`},
		{"name is an alias", mw("django.contrib.sessions.middleware.SessionMiddleware"),
			`apps: name "django.contrib.sessions.middleware.SessionMiddleware" of middleware "django.contrib.sessions.middleware.SessionMiddleware" is already taken by middleware "contrib.sessions.SessionMiddleware"`},
		{"empty alias", mw("x", ""), `apps: middleware "x" has an empty alias`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := newTestRegistry()
			if got := mustPanic(t, func() { r.RegisterMiddleware(tt.m) }); got != tt.want {
				t.Errorf("panic: got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestRegistry_RegisterMiddleware_copiesSlices(t *testing.T) {
	r := NewRegistry()
	req := []string{"a"}
	r.RegisterMiddleware(Middleware{Name: "m", Requires: req, New: newIdentity})
	req[0] = "changed"
	m, _ := r.LookupMiddleware("m")
	if m.Requires[0] != "a" {
		t.Errorf("Requires after caller's change: got %q, want %q", m.Requires[0], "a")
	}
}

func TestRegistry_Middlewares(t *testing.T) {
	r := newTestRegistry()
	r.RegisterMiddleware(mw("chi.middleware.RequestID", "RequestID"))
	tests := []struct {
		name    string
		names   []string
		want    string
		wantErr string
	}{
		{name: "empty", names: nil, want: ""},
		{name: "order kept", names: []string{"RequestID", "django.contrib.sessions.middleware.SessionMiddleware"},
			want: "chi.middleware.RequestID contrib.sessions.SessionMiddleware"},
		{name: "unknown", names: []string{"RequestID", "nope"},
			wantErr: `apps: unknown middleware "nope" in MIDDLEWARE; registered middleware: chi.middleware.RequestID, contrib.sessions.SessionMiddleware`},
		{name: "duplicate via alias", names: []string{"chi.middleware.RequestID", "RequestID"},
			wantErr: `apps: duplicate middleware "chi.middleware.RequestID" in MIDDLEWARE (as "chi.middleware.RequestID" and "RequestID")`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := r.Middlewares(tt.names)
			if tt.wantErr != "" {
				if err == nil || err.Error() != tt.wantErr {
					t.Fatalf("got error %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("got error %v, want nil", err)
			}
			var names []string
			for _, m := range got {
				names = append(names, m.Name)
			}
			if s := strings.Join(names, " "); s != tt.want {
				t.Errorf("got %q, want %q", s, tt.want)
			}
		})
	}
}

func TestRegistry_CheckMiddlewareOrder(t *testing.T) {
	r := newTestRegistry()
	auth := mw("contrib.auth.AuthenticationMiddleware", "django.contrib.auth.middleware.AuthenticationMiddleware")
	auth.Requires = []string{"django.contrib.sessions.middleware.SessionMiddleware"}
	r.RegisterMiddleware(auth)
	msgs := func(names ...string) []string {
		var out []string
		for _, m := range r.CheckMiddlewareOrder(names) {
			out = append(out, m.ID+"|"+m.Level.String()+"|"+m.Obj+"|"+m.Text+"|"+m.Hint)
		}
		return out
	}
	tests := []struct {
		name  string
		names []string
		want  []string
	}{
		{"empty", nil, nil},
		{"right order", []string{"contrib.sessions.SessionMiddleware", "contrib.auth.AuthenticationMiddleware"}, nil},
		{"right order by aliases", []string{"django.contrib.sessions.middleware.SessionMiddleware",
			"django.contrib.auth.middleware.AuthenticationMiddleware"}, nil},
		{"unknown names skipped", []string{"nope", "contrib.sessions.SessionMiddleware"}, nil},
		{"missing", []string{"contrib.auth.AuthenticationMiddleware"}, []string{
			"middleware.E001|ERROR|contrib.auth.AuthenticationMiddleware|" +
				"'contrib.auth.AuthenticationMiddleware' requires 'django.contrib.sessions.middleware.SessionMiddleware' in MIDDLEWARE, but it is not listed.|" +
				"Add 'django.contrib.sessions.middleware.SessionMiddleware' to MIDDLEWARE before 'contrib.auth.AuthenticationMiddleware'."}},
		{"wrong order", []string{"django.contrib.auth.middleware.AuthenticationMiddleware", "contrib.sessions.SessionMiddleware"}, []string{
			"middleware.E002|ERROR|django.contrib.auth.middleware.AuthenticationMiddleware|" +
				"'django.contrib.auth.middleware.AuthenticationMiddleware' requires 'django.contrib.sessions.middleware.SessionMiddleware' to come before it in MIDDLEWARE, but it comes after.|" +
				"Move 'django.contrib.sessions.middleware.SessionMiddleware' above 'django.contrib.auth.middleware.AuthenticationMiddleware' in MIDDLEWARE."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := msgs(tt.names...)
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestRegistry_CheckMiddlewareOrder_unregisteredRequirement(t *testing.T) {
	r := NewRegistry()
	m := mw("m")
	m.Requires = []string{"chi.middleware.RealIP"} // not registered: compared by name
	r.RegisterMiddleware(m)
	if got := r.CheckMiddlewareOrder([]string{"chi.middleware.RealIP", "m"}); len(got) != 0 {
		t.Errorf("listed before: got %v, want no messages", got)
	}
	if got := r.CheckMiddlewareOrder([]string{"m"}); len(got) != 1 || got[0].ID != "middleware.E001" {
		t.Errorf("missing: got %v, want one middleware.E001", got)
	}
}
