package auth_test

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/mattn/go-sqlite3"
	"gorm.io/driver/sqlite"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"

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

// TestRequest_queries counts the statements a request sends to the
// database: a logged-in request reads its session and its user (one
// query each); one that saves its session writes it too, and nothing
// else (the user→sessions index already knows the session); a request
// that never looks at its user or session, and an anonymous one without a
// cookie, send nothing.
func TestRequest_queries(t *testing.T) {
	dsn := "file:" + filepath.Join(t.TempDir(), "db.sqlite3") + "?_busy_timeout=5000&_txlock=immediate&_journal_mode=WAL&_foreign_keys=1"
	ts := newSiteOn(t, nil, func() (*gorm.DB, error) {
		return gorm.Open(sqlite.Dialector{DriverName: countingDriverName, DSN: dsn}, &gorm.Config{Logger: logger.Discard})
	})
	ts.user(t, "alice", "pw-alice-1")
	c := ts.NewClient(t)
	ts.login(t, c, "alice", "pw-alice-1")
	c.Get("/whoami/")
	for _, tt := range []struct {
		name       string
		c          *sitetest.Client
		path, body string
		statements int64
	}{
		{"logged in", c, "/whoami/", "alice", 2},
		{"logged in, session saved", c, "/touch/", "alice", 3},
		{"logged in, neither user nor session used", c, "/plain/", "plain", 0},
		{"anonymous", ts.NewClient(t), "/whoami/", "anonymous", 0},
	} {
		statements.Store(0)
		if got := tt.c.Get(tt.path).Body; got != tt.body {
			t.Errorf("%s: %q, want %q", tt.name, got, tt.body)
		}
		if n := statements.Load(); n != tt.statements {
			t.Errorf("%s: %d statements, want %d", tt.name, n, tt.statements)
		}
	}
}

// countingDriverName is go-sqlite3 counting the statements it runs.
const countingDriverName = "sqlite3-counting"

var statements atomic.Int64

func init() { sql.Register(countingDriverName, countingDriver{}) }

type countingDriver struct{}

func (countingDriver) Open(dsn string) (driver.Conn, error) {
	c, err := (&sqlite3.SQLiteDriver{}).Open(dsn)
	if err != nil {
		return nil, err
	}
	return countingConn{c.(*sqlite3.SQLiteConn)}, nil
}

// countingConn counts the queries and statements run on a connection,
// prepared or not.
type countingConn struct{ *sqlite3.SQLiteConn }

func (c countingConn) QueryContext(ctx context.Context, q string, args []driver.NamedValue) (driver.Rows, error) {
	statements.Add(1)
	return c.SQLiteConn.QueryContext(ctx, q, args)
}

func (c countingConn) ExecContext(ctx context.Context, q string, args []driver.NamedValue) (driver.Result, error) {
	statements.Add(1)
	return c.SQLiteConn.ExecContext(ctx, q, args)
}

func (c countingConn) PrepareContext(ctx context.Context, q string) (driver.Stmt, error) {
	st, err := c.SQLiteConn.PrepareContext(ctx, q)
	if err != nil {
		return nil, err
	}
	return countingStmt{st}, nil
}

type countingStmt struct{ driver.Stmt }

func (s countingStmt) QueryContext(ctx context.Context, args []driver.NamedValue) (driver.Rows, error) {
	statements.Add(1)
	return s.Stmt.(driver.StmtQueryContext).QueryContext(ctx, args)
}

func (s countingStmt) ExecContext(ctx context.Context, args []driver.NamedValue) (driver.Result, error) {
	statements.Add(1)
	return s.Stmt.(driver.StmtExecContext).ExecContext(ctx, args)
}
