package sessions_test

import (
	"fmt"
	"io"
	"log"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/manouche-go/manouche/contrib/sessions"
	"github.com/manouche-go/manouche/contrib/sessions/cachestore"
	"github.com/manouche-go/manouche/framework"
	"github.com/manouche-go/manouche/framework/cache/redis/redistest"
	"github.com/manouche-go/manouche/framework/session"
	"github.com/manouche-go/manouche/framework/sitetest"
)

// counterServer serves a view counting the visits of each session, with
// the cache engine over c, and returns the server, a client with a cookie
// jar, the middleware's logs and net/http's own error log (panics).
func counterServer(t *testing.T, store session.Store) (*httptest.Server, *http.Client, *sitetest.Buffer, *sitetest.Buffer) {
	t.Helper()
	logs, panics := &sitetest.Buffer{}, &sitetest.Buffer{}
	logger := slog.New(slog.NewTextHandler(logs, nil))
	codec, err := session.NewCodec("redis-outage-test-secret-key-0123456789-abcdefghijklmnop", nil, logger)
	if err != nil {
		t.Fatal(err)
	}
	mw := sessions.Middleware(sessions.MiddlewareOptions{
		Config: &session.Config{Store: store, Codec: codec, Logger: logger},
		Cookie: framework.Cookie{Name: "sessionid", Path: "/", HttpOnly: true, SameSite: "Lax"},
		Engine: "cache",
		Logger: logger,
	})
	srv := httptest.NewUnstartedServer(mw(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s, _ := session.FromContext(r.Context())
		n, _ := s.GetInt("visits")
		s.Set("visits", n+1)
		fmt.Fprint(w, n+1)
	})))
	srv.Config.ErrorLog = log.New(panics, "", 0)
	srv.Start()
	t.Cleanup(srv.Close)
	jar, _ := cookiejar.New(nil)
	return srv, &http.Client{Jar: jar, Timeout: 30 * time.Second}, logs, panics
}

func get(t *testing.T, c *http.Client, url string) (int, string) {
	t.Helper()
	resp, err := c.Get(url)
	if err != nil {
		t.Fatalf("GET: %v", err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// TestRedisOutage stops a real Redis under the cache engine and starts it
// again: requests answer 503 with one log line each while it is down, and
// succeed again by themselves once it is back, without a restart.
func TestRedisOutage(t *testing.T) {
	redis := redistest.StartServer(t)
	c := redistest.Open(t, redis.URL, "outage", nil)
	srv, client, logs, panics := counterServer(t, cachestore.New(c, cachestore.Options{}))

	for want := 1; want <= 2; want++ {
		if code, body := get(t, client, srv.URL); code != 200 || body != fmt.Sprint(want) {
			t.Fatalf("Redis up, visit %d: got %d %q, want 200 %q", want, code, body, fmt.Sprint(want))
		}
	}

	redis.Stop()
	fresh := &http.Client{Timeout: 30 * time.Second} // no cookie: a new session to create
	for i, c := range []*http.Client{client, client, fresh} {
		before := strings.Count(logs.String(), "\n")
		start := time.Now()
		code, body := get(t, c, srv.URL)
		if code != http.StatusServiceUnavailable || strings.Contains(body, "panic") {
			t.Errorf("Redis down, request %d: got %d %q, want 503", i, code, body)
		}
		lines := strings.Split(strings.TrimSpace(logs.String()), "\n")[before:]
		if len(lines) != 1 || !strings.Contains(lines[0], "status=503") || !strings.Contains(lines[0], "engine=cache") {
			t.Errorf("Redis down, request %d: got log lines %q, want one with status=503 and engine=cache", i, lines)
		}
		t.Logf("Redis down, request %d answered %d in %v", i, code, time.Since(start).Round(time.Millisecond))
	}

	redis.Start()
	deadline := time.Now().Add(20 * time.Second)
	code, body := get(t, client, srv.URL)
	for code != 200 && time.Now().Before(deadline) {
		time.Sleep(100 * time.Millisecond)
		code, body = get(t, client, srv.URL)
	}
	// The restarted Redis kept no data: the visitor starts a new session.
	if code != 200 || body != "1" {
		t.Fatalf("Redis back: got %d %q, want 200 %q within 20s", code, body, "1")
	}
	if code, body := get(t, client, srv.URL); code != 200 || body != "2" {
		t.Errorf("Redis back, next visit: got %d %q, want 200 %q", code, body, "2")
	}
	if p := panics.String(); p != "" {
		t.Errorf("got net/http errors %q, want none (no panic)", p)
	}
}
