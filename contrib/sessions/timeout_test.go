package sessions

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/manouche-go/manouche/framework/session"
)

// writeCounter is a session.Store that counts the writes it passes on.
type writeCounter struct {
	session.Store
	writes atomic.Int64
}

func (c *writeCounter) Create(ctx context.Context, key, data string, expiry time.Time) error {
	c.writes.Add(1)
	return c.Store.Create(ctx, key, data, expiry)
}

func (c *writeCounter) Save(ctx context.Context, key, data string, expiry time.Time) error {
	c.writes.Add(1)
	return c.Store.Save(ctx, key, data, expiry)
}

func (c *writeCounter) Delete(ctx context.Context, key string) error {
	c.writes.Add(1)
	return c.Store.Delete(ctx, key)
}

// TestMiddleware_idleTimeoutWrites counts the store writes of requests
// under SESSION_IDLE_TIMEOUT = 100 s, one request per second of a frozen
// clock, on every engine with a store: the last-seen time is written once
// per 10 s whether the view reads the session or never touches it, and a
// session left alone for 100 s ends (cookie deleted, record deleted).
func TestMiddleware_idleTimeoutWrites(t *testing.T) {
	for _, name := range builtinEngines {
		if name == "signed_cookies" {
			continue // no store: nothing is written on the server
		}
		t.Run(name, func(t *testing.T) { testIdleTimeoutWrites(t, name) })
	}
}

func testIdleTimeoutWrites(t *testing.T, engine string) {
	env := engineEnv(t, engine)
	env.Settings.SessionIdleTimeout = 100
	o, err := NewMiddlewareOptions(env)
	if err != nil {
		t.Fatal(err)
	}
	counter := &writeCounter{Store: o.Config.Store}
	o.Config.Store = counter
	now := time.Now() // the stores check expiry dates against their own clock
	o.Config.Now = func() time.Time { return now }
	h := Middleware(o)(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s, _ := session.FromContext(r.Context())
		switch r.URL.Path {
		case "/write":
			s.Set("a", "A")
		case "/read":
			v, _ := s.GetString("a")
			io.WriteString(w, v)
		}
	}))
	get := func(path, cookie string) *http.Response {
		rec := httptest.NewRecorder()
		r := httptest.NewRequest("GET", path, nil)
		r.Header.Set("Cookie", cookie)
		h.ServeHTTP(rec, r)
		return rec.Result()
	}
	c := get("/write", "").Cookies()
	if len(c) != 1 {
		t.Fatalf("first request: got cookies %v, want one", c)
	}
	cookie := "sessionid=" + c[0].Value
	for _, path := range []string{"/read", "/untouched"} {
		before := counter.writes.Load()
		for range 100 {
			now = now.Add(time.Second)
			resp := get(path, cookie)
			if body, _ := io.ReadAll(resp.Body); path == "/read" && string(body) != "A" {
				t.Fatalf("GET %s at %v: got %q, want the session's value", path, now, body)
			}
		}
		if got := counter.writes.Load() - before; got != 10 {
			t.Errorf("store writes for 100 requests to %s, one a second: got %d, want 10", path, got)
		}
	}
	now = now.Add(100 * time.Second)
	before := counter.writes.Load()
	resp := get("/read", cookie)
	if body, _ := io.ReadAll(resp.Body); len(body) != 0 || !strings.Contains(resp.Header.Get("Set-Cookie"), "Max-Age=0") {
		t.Errorf("after 100 s idle: got %q, Set-Cookie %q, want an empty session and the cookie deleted",
			body, resp.Header.Get("Set-Cookie"))
	}
	if got := counter.writes.Load() - before; got != 1 {
		t.Errorf("store writes ending the session: got %d, want 1 (the delete)", got)
	}
	if found, err := session.New(t.Context(), o.Config, c[0].Value).Exists(t.Context(), c[0].Value); found || err != nil {
		t.Errorf("record of the ended session: got %v, %v, want deleted", found, err)
	}
}
