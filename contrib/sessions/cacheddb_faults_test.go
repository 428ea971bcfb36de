package sessions_test

import (
	"context"
	"crypto/rand"
	"fmt"
	"io"
	"log"
	"log/slog"
	mrand "math/rand/v2"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/logger"

	"github.com/manouche-go/manouche/contrib/sessions"
	"github.com/manouche-go/manouche/contrib/sessions/cacheddbstore"
	"github.com/manouche-go/manouche/contrib/sessions/dbstore"
	"github.com/manouche-go/manouche/framework"
	"github.com/manouche-go/manouche/framework/cache/redis"
	"github.com/manouche-go/manouche/framework/cache/redis/redistest"
	"github.com/manouche-go/manouche/framework/db"
	"github.com/manouche-go/manouche/framework/session"
	"github.com/manouche-go/manouche/framework/settings"
	"github.com/manouche-go/manouche/framework/sitetest"
)

// The fault tests of cached_db: a site on a private redis-server and a
// database (SQLite, and PostgreSQL with MANOUCHE_TEST_POSTGRES_DSN), under
// a stream of requests while Redis hangs, dies and comes back, and while
// clients go away mid-request. Each one-client session checks that what
// was acknowledged (a 200) is never lost nor read back older.

// faultSite is the site under test.
type faultSite struct {
	srv    *httptest.Server
	redis  *redistest.Server
	cache  *redis.Cache
	db     *gorm.DB
	panics *sitetest.Buffer
}

// cancelKey carries, in a request's context, the function that plays the
// client going away.
type cancelKey struct{}

// clientGoes cancels the request's context if the test asked for it.
func clientGoes(r *http.Request) {
	if c, ok := r.Context().Value(cancelKey{}).(context.CancelFunc); ok {
		c()
	}
}

func newFaultSite(t *testing.T, g *gorm.DB) *faultSite {
	t.Helper()
	f := &faultSite{redis: redistest.StartServer(t), db: g, panics: &sitetest.Buffer{}}
	f.cache = redistest.Open(t, f.redis.URL, "faults", map[string]any{
		"read_timeout": "200ms", "write_timeout": "200ms", "dial_timeout": "200ms",
		"pool_timeout": "300ms", "max_retries": -1,
	})
	logger := slog.New(slog.NewTextHandler(io.Discard, nil))
	codec, err := session.NewCodec("cached-db-faults-secret-key-0123456789-abcdefghijklmnop", nil, logger)
	if err != nil {
		t.Fatal(err)
	}
	store := cacheddbstore.New(f.cache, dbstore.New(g, dbstore.Options{}), cacheddbstore.Options{Logger: logger})
	mw := sessions.Middleware(sessions.MiddlewareOptions{
		Config: &session.Config{Store: store, Codec: codec, Logger: logger},
		Cookie: framework.Cookie{Name: "sessionid", Path: "/", HttpOnly: true, SameSite: "Lax"},
		Engine: "cached_db",
		Logger: logger,
	})
	f.srv = httptest.NewUnstartedServer(disconnecting(mw(http.HandlerFunc(faultView))))
	f.srv.Config.ErrorLog = log.New(f.panics, "", 0)
	f.srv.Start()
	t.Cleanup(f.srv.Close)
	return f
}

// faultView serves /incr, /read, /login, /whoami and /logout.
func faultView(w http.ResponseWriter, r *http.Request) {
	s, _ := session.FromContext(r.Context())
	var body string
	switch r.URL.Path {
	case "/incr":
		n, _ := s.GetInt("n")
		s.Set("n", n+1)
		body = strconv.Itoa(n + 1)
	case "/read":
		n, _ := s.GetInt("n")
		body = strconv.Itoa(n)
	case "/login":
		s.Set("user", "admin")
		body = "Welcome, admin!"
	case "/whoami":
		body = "anonymous"
		if u, _ := s.GetString("user"); u != "" {
			body = "Welcome, " + u + "!"
		}
	case "/logout":
		if err := s.Flush(); err != nil {
			clientGoes(r)
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		body = "bye"
	}
	clientGoes(r)
	io.WriteString(w, body)
}

// disconnecting plays a client that goes away: with "X-Disconnect: view"
// when the view has run, with "X-Disconnect: <µs>" that long after the
// request started.
func disconnecting(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		how := r.Header.Get("X-Disconnect")
		if how == "" {
			next.ServeHTTP(w, r)
			return
		}
		ctx, cancel := context.WithCancel(r.Context())
		defer cancel()
		if us, err := strconv.Atoi(how); err == nil {
			defer time.AfterFunc(time.Duration(us)*time.Microsecond, cancel).Stop()
		} else {
			ctx = context.WithValue(ctx, cancelKey{}, cancel)
		}
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

// client is one browser with its own session.
type client struct {
	f     *faultSite
	http  *http.Client
	acked int // the last count a 200 answered
}

func (f *faultSite) newClient() *client {
	jar, _ := cookiejar.New(nil)
	return &client{f: f, http: &http.Client{Jar: jar, Timeout: 30 * time.Second}}
}

// get requests path with the given X-Disconnect ("" for none) and returns
// the status and body.
func (c *client) get(t *testing.T, path, disconnect string) (int, string) {
	t.Helper()
	req, _ := http.NewRequest("GET", c.f.srv.URL+path, nil)
	if disconnect != "" {
		req.Header.Set("X-Disconnect", disconnect)
	}
	resp, err := c.http.Do(req)
	if err != nil {
		t.Errorf("GET %s: %v", path, err)
		return 0, ""
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func (c *client) key() string {
	u, _ := url.Parse(c.f.srv.URL)
	for _, ck := range c.http.Jar.Cookies(u) {
		if ck.Name == "sessionid" {
			return ck.Value
		}
	}
	return ""
}

// consistent checks that Redis holds, for key, nothing, a marker or the
// row's data: never data the table does not have.
func (f *faultSite) consistent(t *testing.T, key string) {
	t.Helper()
	cached, ok, err := f.cache.Get(t.Context(), cacheddbstore.KeyPrefix+key)
	if err != nil {
		t.Fatalf("read Redis: %v", err)
	}
	if !ok || strings.HasPrefix(string(cached), "\x00") {
		return
	}
	var rows []string
	if err := f.db.Raw(`SELECT session_data FROM django_session WHERE session_key = ?`, key).Scan(&rows).Error; err != nil {
		t.Fatal(err)
	}
	if len(rows) != 1 || rows[0] != string(cached) {
		t.Errorf("Redis holds %q, the table %q: the cache differs from the database", cached, rows)
	}
}

// counts are the answers a stream got.
type counts struct{ requests, ok, unavailable, other atomic.Int64 }

func (n *counts) String() string {
	return fmt.Sprintf("%d requests: %d answered 200, %d answered 503, %d other", n.requests.Load(), n.ok.Load(), n.unavailable.Load(), n.other.Load())
}

// stream runs one client incrementing its counter and reading it back
// until stop is closed: every 200 must count one more than the last one
// acknowledged, and every read after it must return that count.
func (c *client) stream(t *testing.T, n *counts, stop <-chan struct{}) {
	for {
		select {
		case <-stop:
			return
		default:
		}
		for _, path := range []string{"/incr", "/read"} {
			code, body := c.get(t, path, "")
			n.requests.Add(1)
			switch code {
			case http.StatusOK:
				n.ok.Add(1)
				want := c.acked
				if path == "/incr" {
					want++
				}
				if got, _ := strconv.Atoi(body); got != want {
					t.Errorf("GET %s: got %d, want %d (%d acknowledged)", path, got, want, c.acked)
				}
				c.acked = want
			case http.StatusServiceUnavailable:
				n.unavailable.Add(1)
			default:
				n.other.Add(1)
				t.Errorf("GET %s: got %d %q, want 200 or 503", path, code, body)
			}
		}
	}
}

// underFault runs 4 streaming clients through fault, then checks every
// session once more and logs the counts.
func (f *faultSite) underFault(t *testing.T, fault func(*counts)) *counts {
	clients := make([]*client, 4)
	var n counts
	stop := make(chan struct{})
	var wg sync.WaitGroup
	for i := range clients {
		clients[i] = f.newClient()
		wg.Go(func() { clients[i].stream(t, &n, stop) })
	}
	fault(&n)
	close(stop)
	wg.Wait()
	for _, c := range clients {
		if code, body := c.get(t, "/read", ""); code != 200 || body != strconv.Itoa(c.acked) {
			t.Errorf("after the fault: got %d %q, want 200 %q (the last count acknowledged)", code, body, strconv.Itoa(c.acked))
		}
		f.consistent(t, c.key())
	}
	if p := f.panics.String(); p != "" {
		t.Errorf("got net/http errors %q, want none", p)
	}
	return &n
}

// TestCachedDBFaults_redisPaused hangs Redis (SIGSTOP) for 3 s under a
// stream of increments: writes answer 503 while it hangs, reads are
// served from the table, and no acknowledged count is lost or read older.
func TestCachedDBFaults_redisPaused(t *testing.T) {
	forEachFaultDB(t, func(t *testing.T, g *gorm.DB) {
		f := newFaultSite(t, g)
		var paused int64
		n := f.underFault(t, func(n *counts) {
			time.Sleep(time.Second)
			before := n.unavailable.Load()
			f.redis.Pause()
			time.Sleep(3 * time.Second)
			f.redis.Resume()
			paused = n.unavailable.Load() - before
			time.Sleep(1500 * time.Millisecond)
		})
		t.Logf("Redis paused 3s: %v (%d of the 503s while it hung)", n, paused)
		if n.unavailable.Load() == 0 || n.ok.Load() == 0 {
			t.Errorf("got %v, want both 200s and 503s", n)
		}
	})
}

// TestCachedDBFaults_redisKilled kills Redis under a stream of increments
// and starts it again, empty: writes answer 503 while it is down, and the
// counts carry on from the table once it is back.
func TestCachedDBFaults_redisKilled(t *testing.T) {
	forEachFaultDB(t, func(t *testing.T, g *gorm.DB) {
		f := newFaultSite(t, g)
		n := f.underFault(t, func(*counts) {
			time.Sleep(time.Second)
			f.redis.Stop()
			time.Sleep(1500 * time.Millisecond)
			f.redis.Start()
			time.Sleep(1500 * time.Millisecond)
		})
		t.Logf("Redis killed for 1.5s and restarted: %v", n)
		if n.unavailable.Load() == 0 || n.ok.Load() == 0 {
			t.Errorf("got %v, want both 200s and 503s", n)
		}
	})
}

// TestCachedDBFaults_clientsGoAway: clients log in, count and log out,
// going away after the view ran or at a random point of the request.
// After every answer Redis holds nothing the table does not; after a 200
// the count reads back; a logout answered 200 leaves the old cookie
// logged out.
func TestCachedDBFaults_clientsGoAway(t *testing.T) {
	forEachFaultDB(t, func(t *testing.T, g *gorm.DB) {
		f := newFaultSite(t, g)
		var n counts
		var logouts, logoutsOK int
		for i := range 100 {
			c := f.newClient()
			if code, body := c.get(t, "/login", ""); code != 200 || body != "Welcome, admin!" {
				t.Fatalf("login: got %d %q", code, body)
			}
			key := c.key()
			for j, path := range []string{"/incr", "/incr", "/logout"} {
				how := "view"
				if (i+j)%2 == 1 {
					how = strconv.Itoa(mrand.IntN(600)) // µs: within the request
				}
				code, body := c.get(t, path, how)
				n.requests.Add(1)
				switch code {
				case 200:
					n.ok.Add(1)
				case 503:
					n.unavailable.Add(1)
				default:
					n.other.Add(1)
				}
				f.consistent(t, key)
				switch {
				case path == "/incr" && code == 200:
					c.acked++
					if body != strconv.Itoa(c.acked) {
						t.Errorf("GET /incr: got %q, want %d (one more than the last acknowledged)", body, c.acked)
					}
				case path == "/logout":
					logouts++
					if code != 200 {
						break
					}
					logoutsOK++
					old := &client{f: f, http: &http.Client{Timeout: 30 * time.Second}}
					req, _ := http.NewRequest("GET", f.srv.URL+"/whoami", nil)
					req.AddCookie(&http.Cookie{Name: "sessionid", Value: key})
					resp, err := old.http.Do(req)
					if err != nil {
						t.Fatal(err)
					}
					b, _ := io.ReadAll(resp.Body)
					resp.Body.Close()
					if string(b) != "anonymous" {
						t.Errorf("the old cookie after a logout answered 200: got %q, want %q", b, "anonymous")
					}
				}
			}
			if code, body := c.get(t, "/read", ""); c.key() == key && code == 200 && body != strconv.Itoa(c.acked) {
				t.Errorf("read back: got %q, want %d (the last count acknowledged)", body, c.acked)
			}
		}
		t.Logf("clients going away: %v; %d of %d logouts answered 200", &n, logoutsOK, logouts)
		if p := f.panics.String(); p != "" {
			t.Errorf("got net/http errors %q, want none", p)
		}
	})
}

// forEachFaultDB runs f on SQLite, and on PostgreSQL in a fresh schema
// when MANOUCHE_TEST_POSTGRES_DSN is set.
func forEachFaultDB(t *testing.T, f func(t *testing.T, g *gorm.DB)) {
	t.Run("sqlite", func(t *testing.T) {
		f(t, faultTable(t, faultDB(t, settings.Database{Engine: "sqlite", Name: filepath.Join(t.TempDir(), "db.sqlite3")})))
	})
	t.Run("postgres", func(t *testing.T) {
		dsn := os.Getenv("MANOUCHE_TEST_POSTGRES_DSN")
		if dsn == "" {
			if os.Getenv("MANOUCHE_REQUIRE_SERVICES") == "1" {
				t.Fatal("MANOUCHE_TEST_POSTGRES_DSN is not set and MANOUCHE_REQUIRE_SERVICES=1")
			}
			t.Skip("set MANOUCHE_TEST_POSTGRES_DSN to run the cached_db fault tests on PostgreSQL")
		}
		schema := "test_faults_" + strings.ToLower(rand.Text()[:10])
		admin := faultDB(t, settings.Database{URL: dsn})
		if err := admin.Exec("CREATE SCHEMA " + schema).Error; err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { admin.Exec("DROP SCHEMA IF EXISTS " + schema + " CASCADE") })
		u, _ := url.Parse(dsn)
		q := u.Query()
		q.Set("search_path", schema)
		u.RawQuery = q.Encode()
		f(t, faultTable(t, faultDB(t, settings.Database{URL: u.String()})))
	})
}

func faultDB(t *testing.T, d settings.Database) *gorm.DB {
	t.Helper()
	g, err := db.Open(d, nil)
	if err != nil {
		t.Fatal(err)
	}
	g.Logger = logger.Discard
	t.Cleanup(func() {
		if sqlDB, err := g.DB(); err == nil {
			sqlDB.Close()
		}
	})
	return g
}

func faultTable(t *testing.T, g *gorm.DB) *gorm.DB {
	t.Helper()
	if err := dbstore.CreateTable(g); err != nil {
		t.Fatal(err)
	}
	return g
}
