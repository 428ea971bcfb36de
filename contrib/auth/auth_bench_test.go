package auth_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"

	"gorm.io/gorm"

	"github.com/manouche-go/manouche/contrib/auth"
	"github.com/manouche-go/manouche/contrib/sessions"
	"github.com/manouche-go/manouche/framework/settings"
	"github.com/manouche-go/manouche/framework/site"
	"github.com/manouche-go/manouche/framework/sitetest"
)

// The benchmarks serve the test site in process (no network): a login
// (the hasher dominates at Django 5.2's 1000000 PBKDF2 iterations; md5
// shows the rest), a request of a logged-in user (session load, one user
// query, the constant-time hash check), an anonymous request that asks
// for its user, and one that never does, each next to the same site
// without the auth middleware. Report them as ratios.

// benchSite builds and migrates a site in b's temporary directory.
func benchSite(b *testing.B, change func(*settings.Settings)) (http.Handler, *gorm.DB) {
	b.Helper()
	s := testSettings(b.TempDir())
	if change != nil {
		change(s)
	}
	st, err := site.New(s, site.Options{Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), Stdout: io.Discard, Stderr: io.Discard})
	if err != nil {
		b.Fatal(err)
	}
	if err := st.Migrate(context.Background(), io.Discard); err != nil {
		b.Fatal(err)
	}
	h, err := st.Handler()
	if err != nil {
		b.Fatal(err)
	}
	g, _ := st.Env.DB()
	cfg, _ := auth.NewConfig(st.Env)
	if _, err := auth.CreateUser(auth.NewContext(context.Background(), cfg), "alice", "", "pw-alice-1"); err != nil {
		b.Fatal(err)
	}
	return h, g
}

func serve(b *testing.B, h http.Handler, r *http.Request, want int) *httptest.ResponseRecorder {
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	if w.Code != want {
		b.Fatalf("%s %s: %d %q, want %d", r.Method, r.URL, w.Code, w.Body, want)
	}
	return w
}

func loginRequest() *http.Request {
	r := httptest.NewRequest("POST", "http://127.0.0.1/login/", strings.NewReader(url.Values{"username": {"alice"}, "password": {"pw-alice-1"}}.Encode()))
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return r
}

func BenchmarkLogin(b *testing.B) {
	for _, hs := range []struct {
		name       string
		hashers    []string
		iterations int
	}{
		{"pbkdf2_1000000", []string{"pbkdf2_sha256"}, settings.DefaultPBKDF2Iterations},
		{"md5", []string{"md5"}, 1},
	} {
		b.Run(hs.name, func(b *testing.B) {
			h, _ := benchSite(b, func(s *settings.Settings) { s.PasswordHashers, s.PBKDF2Iterations = hs.hashers, hs.iterations })
			b.ReportAllocs()
			for b.Loop() {
				serve(b, h, loginRequest(), http.StatusFound)
			}
		})
	}
}

// sessionCookie logs alice in on h and returns her session cookie.
func sessionCookie(b *testing.B, h http.Handler) string {
	w := serve(b, h, loginRequest(), http.StatusFound)
	return strings.Split(w.Header().Get("Set-Cookie"), ";")[0]
}

func benchGet(b *testing.B, h http.Handler, path, cookie, body string) {
	b.ReportAllocs()
	for b.Loop() {
		r := httptest.NewRequest("GET", "http://127.0.0.1"+path, nil)
		if cookie != "" {
			r.Header.Set("Cookie", cookie)
		}
		if w := serve(b, h, r, 200); w.Body.String() != body {
			b.Fatalf("got %q, want %q", w.Body, body)
		}
	}
}

func BenchmarkRequest(b *testing.B) {
	h, _ := benchSite(b, nil)
	bare, _ := benchSite(b, func(s *settings.Settings) { s.Middleware = []string{sessions.MiddlewareName} })
	cookie := sessionCookie(b, h)
	b.Run("loggedIn", func(b *testing.B) { benchGet(b, h, "/whoami/", cookie, "alice") })
	b.Run("anonymous", func(b *testing.B) { benchGet(b, h, "/whoami/", "", "anonymous") })
	b.Run("loggedIn/userNotUsed", func(b *testing.B) { benchGet(b, h, "/plain/", cookie, "plain") })
	b.Run("anonymous/userNotUsed", func(b *testing.B) { benchGet(b, h, "/plain/", "", "plain") })
	b.Run("withoutAuth/plain", func(b *testing.B) { benchGet(b, bare, "/plain/", "", "plain") })
	b.Run("withoutAuth/whoami", func(b *testing.B) { benchGet(b, bare, "/whoami/", "", "anonymous") })
}

// TestRequest_queries counts the database queries of a logged-in request:
// one, the user's, besides the session's own load.
func TestRequest_queries(t *testing.T) {
	ts := newSite(t, nil)
	ts.user(t, "alice", "pw-alice-1")
	var queries, writes atomic.Int64
	ts.db.Callback().Query().After("gorm:query").Register("authtest:count", func(*gorm.DB) { queries.Add(1) })
	ts.db.Callback().Create().After("gorm:create").Register("authtest:count", func(*gorm.DB) { writes.Add(1) })
	ts.db.Callback().Update().After("gorm:update").Register("authtest:count", func(*gorm.DB) { writes.Add(1) })
	ts.db.Callback().Delete().After("gorm:delete").Register("authtest:count", func(*gorm.DB) { writes.Add(1) })
	c := ts.NewClient(t)
	ts.login(t, c, "alice", "pw-alice-1")
	c.Get("/whoami/")
	for _, tt := range []struct {
		name            string
		c               *sitetest.Client
		path, body      string
		queries, writes int64
	}{
		{"logged in", c, "/whoami/", "alice", 1, 0},
		{"logged in, session saved", c, "/touch/", "alice", 1, 0},
		{"logged in, user not used", c, "/plain/", "plain", 0, 0},
		{"anonymous", ts.NewClient(t), "/whoami/", "anonymous", 0, 0},
	} {
		queries.Store(0)
		writes.Store(0)
		if got := tt.c.Get(tt.path).Body; got != tt.body {
			t.Errorf("%s: %q, want %q", tt.name, got, tt.body)
		}
		if queries.Load() != tt.queries || writes.Load() != tt.writes {
			t.Errorf("%s: %d queries and %d writes through GORM, want %d and %d", tt.name, queries.Load(), writes.Load(), tt.queries, tt.writes)
		}
	}
}
