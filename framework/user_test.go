package framework_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/manouche-go/manouche/framework"
)

// member is a logged-in user as an auth app would load it.
type member struct {
	ID       int64
	Username string
	IsStaff  bool
}

func (m *member) IsAuthenticated() bool    { return true }
func (m *member) GetUsername() string      { return m.Username }
func (m *member) HasPerm(perm string) bool { return perm == "shop.view_item" }

// loader counts its loads and returns user or err.
type loader struct {
	loads int
	user  framework.User
	err   error
}

func (l *loader) LoadUser() (framework.User, error) {
	l.loads++
	return l.user, l.err
}

// withUser serves view behind a UserContext carrying l's user, with the
// template engine of files.
func withUser(t *testing.T, l *loader, files map[string]string, view framework.View) *httptest.ResponseRecorder {
	t.Helper()
	env := &framework.Env{Templates: newEngine(t, files), Logger: discardLogger()}
	r := httptest.NewRequest("GET", "/", nil)
	var uc framework.UserContext
	if l != nil {
		uc.Reset(framework.WithEnv(r.Context(), env), l)
		r = r.WithContext(&uc)
	} else {
		r = r.WithContext(framework.WithEnv(r.Context(), env))
	}
	w := httptest.NewRecorder()
	view.ServeHTTP(w, r)
	return w
}

func TestRequest_User(t *testing.T) {
	page := map[string]string{"u.html": `[<< .Request.User.Username >>|<< .Request.User.IsAuthenticated >>|<< .Request.User.IsStaff >>|<< .Request.User.HasPerm "shop.view_item" >>]`}
	render := func(req *framework.Request) *framework.Response { return framework.Render(req, "u.html", nil) }
	tests := []struct {
		name  string
		l     *loader
		want  string
		loads int
	}{
		{"no middleware: anonymous", nil, "[|false|false|false]", 0},
		{"anonymous", &loader{user: framework.AnonymousUser{}}, "[|false|false|false]", 1},
		{"member", &loader{user: &member{ID: 7, Username: "alice", IsStaff: true}}, "[alice|true|true|true]", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := withUser(t, tt.l, page, render)
			if got := w.Body.String(); w.Code != 200 || got != tt.want {
				t.Errorf("got %d %q, want 200 %q", w.Code, got, tt.want)
			}
			if tt.l != nil && tt.l.loads != tt.loads {
				t.Errorf("loaded %d times, want %d (once per request)", tt.l.loads, tt.loads)
			}
		})
	}
}

func TestRequest_User_lazy(t *testing.T) {
	l := &loader{user: &member{Username: "alice"}}
	w := withUser(t, l, map[string]string{"p.html": "plain"}, func(req *framework.Request) *framework.Response {
		if req.User == nil {
			t.Error("req.User is nil")
		}
		return framework.Render(req, "p.html", nil)
	})
	if w.Code != 200 || l.loads != 0 {
		t.Errorf("a view that never looks at its user loaded it %d times (status %d)", l.loads, w.Code)
	}
	w = withUser(t, l, nil, func(req *framework.Request) *framework.Response {
		if !req.User.IsAuthenticated() || req.User.GetUsername() != "alice" || !req.User.HasPerm("shop.view_item") {
			t.Errorf("req.User = %v, want alice", req.User)
		}
		again := framework.RequestFrom(req.HTTP)
		again.User.GetUsername()
		return framework.Text("ok")
	})
	if w.Code != 200 || l.loads != 1 {
		t.Errorf("status %d, %d loads; want 200 and one load shared by the request", w.Code, l.loads)
	}
}

func TestRequest_User_loadError(t *testing.T) {
	l := &loader{err: errors.New("auth: database is down")}
	w := withUser(t, l, nil, func(req *framework.Request) *framework.Response {
		if req.User.IsAuthenticated() {
			t.Error("a user that failed to load is authenticated")
		}
		return framework.Text("secret page for anonymous")
	})
	if w.Code != http.StatusInternalServerError || strings.Contains(w.Body.String(), "secret") {
		t.Errorf("got %d %q, want the 500 page", w.Code, w.Body.String())
	}
}

func TestUserFrom(t *testing.T) {
	if _, ok := framework.UserFrom(context.Background()); ok {
		t.Error("UserFrom of a bare context found a user")
	}
	var uc framework.UserContext
	uc.Reset(context.WithValue(context.Background(), struct{}{}, "parent value"), &loader{user: framework.AnonymousUser{}})
	ctx, cancel := context.WithCancel(&uc)
	defer cancel()
	u, ok := framework.UserFrom(ctx)
	if !ok || u.IsAuthenticated() || ctx.Value(struct{}{}) != "parent value" {
		t.Errorf("UserFrom through a derived context: %v, %v; parent values must pass", u, ok)
	}
}
