// Package scaleout tests several manouche servers sharing one session
// store, as behind a load balancer: it builds the repository's cmd/manage,
// starts two `manage runserver` processes on the same settings, and checks
// that a user logged in through one is known to the other, and that 50
// concurrent clients spread over both keep exact counters. It runs once
// with sessions in Redis (SESSION_ENGINE cache) and once in PostgreSQL
// (SESSION_ENGINE db), each only when its server is configured: see
// [sitetest.ServiceURL]. It has only tests, and skips with -short.
package scaleout

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/manouche-go/manouche/contrib/sessions"
	"github.com/manouche-go/manouche/examples/all"
	"github.com/manouche-go/manouche/framework/cache"
	"github.com/manouche-go/manouche/framework/cache/redis"
	"github.com/manouche-go/manouche/framework/cache/redis/redistest"
	"github.com/manouche-go/manouche/framework/sitetest"
)

// scenario is one shared session store: setup returns the settings lines
// that choose it (after skipping t if its server is not configured) and
// creates what it needs, removed when t ends.
type scenario struct {
	name  string
	setup func(t *testing.T, dir string) string
}

var scenarios = []scenario{
	{"redis", func(t *testing.T, dir string) string {
		u := sitetest.ServiceURL(t, redistest.EnvURL)
		return fmt.Sprintf(`DATABASES: {default: {ENGINE: sqlite, NAME: %q}}
CACHES:
  default: {BACKEND: locmem}
  sessions: {BACKEND: redis, LOCATION: %q, KEY_PREFIX: %q}
SESSION_ENGINE: cache
SESSION_CACHE_ALIAS: sessions
`, filepath.Join(dir, "db.sqlite3"), u, redistest.NewPrefix(t))
	}},
	{"postgres", func(t *testing.T, dir string) string {
		base := sitetest.ServiceURL(t, "MANOUCHE_TEST_POSTGRES_DSN")
		ctx, cancel := context.WithTimeout(context.Background(), runTimeout)
		defer cancel()
		u, drop, err := sitetest.NewDatabase(ctx, base)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() {
			ctx, cancel := context.WithTimeout(context.Background(), runTimeout)
			defer cancel()
			if err := drop(ctx); err != nil {
				t.Error(err)
			}
		})
		return fmt.Sprintf("DATABASES: {default: {ENGINE: postgres, URL: %q}}\nSESSION_ENGINE: db\n", u)
	}},
}

// writeSettings writes the examples' settings with the scenario's store.
func writeSettings(t *testing.T, dir, store string) string {
	t.Helper()
	apps := []string{strconv.Quote(sessions.Label)}
	for _, l := range all.Labels() {
		apps = append(apps, strconv.Quote(l))
	}
	text := fmt.Sprintf(`DEBUG: false
SECRET_KEY: "scaleout-test-secret-key-not-for-production-0123456789"
ALLOWED_HOSTS: ["127.0.0.1"]
INSTALLED_APPS: [%s]
MIDDLEWARE: [%s]
STATIC_ROOT: %q
%s`, strings.Join(apps, ", "), sessions.MiddlewareName, filepath.Join(dir, "static"), store)
	f := filepath.Join(dir, "settings.yaml")
	if err := os.WriteFile(f, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	return f
}

// TestTwoServers runs each scenario on two server processes: migrate and
// check, then the login and concurrent tests, then SIGINT, after which
// both servers must exit 0 without a panic.
func TestTwoServers(t *testing.T) {
	if testing.Short() {
		t.Skip("builds cmd/manage and starts server processes")
	}
	binDir, bin := t.TempDir(), ""
	for _, sc := range scenarios {
		t.Run(sc.name, func(t *testing.T) {
			dir := t.TempDir()
			f := writeSettings(t, dir, sc.setup(t, dir))
			if bin == "" {
				bin = buildManage(t, binDir)
			}
			manage(t, bin, f, "migrate")
			manage(t, bin, f, "collectstatic")
			manage(t, bin, f, "check")
			a, b := startServer(t, bin, f), startServer(t, bin, f)
			t.Run("login", func(t *testing.T) { testLogin(t, a, b) })
			t.Run("concurrent", func(t *testing.T) { testConcurrent(t, a, b) })
			t.Run("one session", func(t *testing.T) {
				if _, ok := any(&redis.Cache{}).(cache.Swapper); sc.name == "redis" && !ok {
					t.Skip("the Redis cache is no cache.Swapper: the cache engine cannot merge concurrent requests")
				}
				testOneSession(t, a, b)
			})
			stop(t, a, b)
		})
	}
}

// testLogin logs in through a and out through b with one cookie jar. The
// jar sends the cookie to both: cookies ignore ports.
func testLogin(t *testing.T, a, b *server) {
	c := newClient(nil)
	admin := url.Values{"username": {"admin"}, "password": {"admin"}}
	for _, s := range []struct {
		name     string
		srv      *server
		path     string
		form     url.Values // POSTed when set
		status   int
		location string
		want     string
	}{
		{"log in through A", a, "/shop/login/", admin, http.StatusFound, "/shop/", ""},
		{"A knows the user", a, "/shop/", nil, http.StatusOK, "", "Welcome, admin!"},
		{"B knows the user", b, "/shop/", nil, http.StatusOK, "", "Welcome, admin!"},
		{"log out through B", b, "/shop/logout/", nil, http.StatusFound, "/", ""},
		{"A forgot the user", a, "/shop/", nil, http.StatusFound, "/shop/login/", ""},
	} {
		resp, body, err := send(context.Background(), c, s.srv.URL+s.path, s.form)
		switch {
		case err != nil:
			t.Fatalf("%s: %v", s.name, err)
		case resp.StatusCode != s.status:
			t.Fatalf("%s: got status %d, want %d; body %.300q", s.name, resp.StatusCode, s.status, body)
		case resp.Header.Get("Location") != s.location:
			t.Fatalf("%s: got Location %q, want %q", s.name, resp.Header.Get("Location"), s.location)
		case !strings.Contains(body, s.want):
			t.Fatalf("%s: got body %.300q, want it to contain %q", s.name, body, s.want)
		}
	}
}

// Load of testConcurrent: 2,000 requests.
const (
	clients   = 50
	perClient = 40
)

// testConcurrent runs 50 clients at once, each with its own cookie jar
// (its own session) sending 40 requests in turn, alternately to a and b,
// on /ajax/counter/ and /catalog/. Each response must show the client's
// own count so far: each counter ends exactly at the number of requests
// that hit it, and no response is 5xx.
func testConcurrent(t *testing.T, a, b *server) {
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	tr := &http.Transport{MaxIdleConnsPerHost: clients}
	defer tr.CloseIdleConnections()
	start := time.Now()
	var wg sync.WaitGroup
	for i := range clients {
		wg.Go(func() {
			if err := runClient(ctx, newClient(tr), i, [2]*server{a, b}); err != nil {
				t.Errorf("client %d: %v", i, err)
			}
		})
	}
	wg.Wait()
	d := time.Since(start)
	t.Logf("%d requests in %v (%.0f requests/s)", clients*perClient, d.Round(time.Millisecond), clients*perClient/d.Seconds())
}

var visitsText = regexp.MustCompile(`You have visited this page (\d+) times?\.`)

// runClient sends one client's requests. Request n goes to servers[(i+n)%2]
// and, in pairs, to /ajax/counter/ (which shows the count after this
// visit) or /catalog/ (before it).
func runClient(ctx context.Context, c *http.Client, i int, servers [2]*server) error {
	var ajax, catalog int
	for n := range perClient {
		srv, path := servers[(i+n)%2], "/ajax/counter/"
		if n/2%2 == 1 {
			path = "/catalog/"
		}
		resp, body, err := send(ctx, c, srv.URL+path, nil)
		if err != nil {
			return fmt.Errorf("request %d: %w", n+1, err)
		}
		if resp.StatusCode != http.StatusOK {
			return fmt.Errorf("request %d (%s%s): got status %d, want 200; body %.300q", n+1, srv.URL, path, resp.StatusCode, body)
		}
		var got, want int
		if path == "/catalog/" {
			m := visitsText.FindStringSubmatch(body)
			if m == nil {
				return fmt.Errorf("request %d (%s%s): got body %.300q, want %q", n+1, srv.URL, path, body, visitsText)
			}
			got, _ = strconv.Atoi(m[1])
			want = catalog
			catalog++
		} else {
			var v struct{ Count int }
			if err := json.Unmarshal([]byte(body), &v); err != nil {
				return fmt.Errorf("request %d (%s%s): body %.300q: %w", n+1, srv.URL, path, body, err)
			}
			ajax++
			got, want = v.Count, ajax
		}
		if got != want {
			return fmt.Errorf("request %d (%s%s): got count %d, want %d", n+1, srv.URL, path, got, want)
		}
	}
	return nil
}

// The load of testOneSession.
const (
	oneSessionVisits = 100 // /catalog/ visits at once with one cookie
	oneSessionPairs  = 100 // sessions written by two requests at once
)

// testOneSession sends the requests of one browser at once, half to each
// server, as tabs do behind a load balancer: every /catalog/ visit is
// counted, and of /session/set/ and /session/username/set/?value=Ann sent
// together, both writes are kept.
func testOneSession(t *testing.T, a, b *server) {
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	servers := [2]*server{a, b}
	tr := &http.Transport{MaxIdleConnsPerHost: oneSessionVisits}
	defer tr.CloseIdleConnections()
	c := newClient(tr)
	if _, err := get200(ctx, c, a.URL+"/catalog/"); err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for i := range oneSessionVisits {
		wg.Go(func() {
			if _, err := get200(ctx, c, servers[i%2].URL+"/catalog/"); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	body, err := get200(ctx, c, b.URL+"/catalog/")
	if err != nil {
		t.Fatal(err)
	}
	if m := visitsText.FindStringSubmatch(body); m == nil || m[1] != strconv.Itoa(oneSessionVisits+1) {
		t.Errorf("after %d concurrent visits: got %q, want %d visits shown", oneSessionVisits, m, oneSessionVisits+1)
	}
	lost := 0
	for i := range oneSessionPairs {
		c := newClient(tr)
		if _, err := get200(ctx, c, a.URL+"/catalog/"); err != nil {
			t.Fatal(err)
		}
		both := make(chan error, 2)
		go func() { _, err := get200(ctx, c, servers[i%2].URL+"/session/set/"); both <- err }()
		go func() { _, err := get200(ctx, c, servers[(i+1)%2].URL+"/session/username/set/?value=Ann"); both <- err }()
		if err := errors.Join(<-both, <-both); err != nil {
			t.Fatal(err)
		}
		greeting, err := get200(ctx, c, a.URL+"/session/")
		if err != nil {
			t.Fatal(err)
		}
		name, err := get200(ctx, c, b.URL+"/session/username/")
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(greeting, "Session Value: Hello, Django Sessions!") || !strings.Contains(name, "Username: Ann</p>") {
			lost++
		}
	}
	if lost > 0 {
		t.Errorf("got %d of %d pairs with a lost write, want 0", lost, oneSessionPairs)
	}
	warns := strings.Count(a.out.String()+b.out.String(), "concurrent requests kept changing the session")
	t.Logf("saves that gave up merging (last writer wins): %d", warns)
}

// get200 GETs u and returns its body, or an error unless it answers 200.
func get200(ctx context.Context, c *http.Client, u string) (string, error) {
	resp, body, err := send(ctx, c, u, nil)
	if err != nil {
		return "", fmt.Errorf("GET %s: %w", u, err)
	}
	if resp.StatusCode != http.StatusOK {
		return "", fmt.Errorf("GET %s: got status %d, want 200; body %.300q", u, resp.StatusCode, body)
	}
	return body, nil
}

// newClient is a browser: its own cookie jar, no redirects followed.
func newClient(tr http.RoundTripper) *http.Client {
	jar, _ := cookiejar.New(nil)
	return &http.Client{
		Jar:           jar,
		Transport:     tr,
		Timeout:       30 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
}

// send GETs u, or POSTs form to it when form is not nil, and reads the
// whole response.
func send(ctx context.Context, c *http.Client, u string, form url.Values) (*http.Response, string, error) {
	method, body := http.MethodGet, io.Reader(nil)
	if form != nil {
		method, body = http.MethodPost, strings.NewReader(form.Encode())
	}
	req, err := http.NewRequestWithContext(ctx, method, u, body)
	if err != nil {
		return nil, "", err
	}
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	resp, err := c.Do(req)
	if err != nil {
		return nil, "", err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return resp, string(b), err
}
