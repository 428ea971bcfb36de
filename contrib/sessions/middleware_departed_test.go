package sessions

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/manouche-go/manouche/framework"
	"github.com/manouche-go/manouche/framework/session"
)

// ctxStore is an in-memory store that fails, as network stores do, when
// the context of a call is done, and records the deadline of each Create.
type ctxStore struct {
	mu        sync.Mutex
	data      map[string]string
	deadlines []time.Time
	createErr error
}

func (c *ctxStore) Load(ctx context.Context, key string) (string, error) {
	if err := ctx.Err(); err != nil {
		return "", err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	d, ok := c.data[key]
	if !ok {
		return "", session.ErrNotFound
	}
	return d, nil
}

func (c *ctxStore) Create(ctx context.Context, key, data string, _ time.Time) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.createErr != nil {
		return c.createErr
	}
	dl, _ := ctx.Deadline()
	c.deadlines = append(c.deadlines, dl)
	c.data[key] = data
	return nil
}

func (c *ctxStore) Save(ctx context.Context, key, data string, expiry time.Time) error {
	return c.Create(ctx, key, data, expiry)
}

func (c *ctxStore) Delete(ctx context.Context, key string) error { return ctx.Err() }

// TestMiddleware_clientGoes cancels the request's context, as net/http
// does when the client closes its connection, at two points of a request.
func TestMiddleware_clientGoes(t *testing.T) {
	tests := []struct {
		name      string
		view      func(s *session.Session, clientGoes func())
		wantSaved int    // sessions in the store afterwards
		wantLog   string // "" for no log line
	}{
		// The view ran: its session is saved all the same.
		{"after the view", func(s *session.Session, clientGoes func()) {
			s.Set("greeting", "hello")
			clientGoes()
		}, 1, ""},
		// The session could not be loaded: logged at DEBUG, not as a
		// server error.
		{"before the load", func(s *session.Session, clientGoes func()) {
			clientGoes()
			s.Get("greeting")
		}, 0, `level=DEBUG msg="sessions: client went away during load" engine=test-engine status=500 err="session: load: context canceled"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st := &ctxStore{data: map[string]string{}}
			var logs bytes.Buffer
			logger := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
			codec, err := session.NewCodec(testSecret, nil, logger)
			if err != nil {
				t.Fatal(err)
			}
			ctx, clientGoes := context.WithCancel(context.Background())
			h := Middleware(MiddlewareOptions{
				Config: &session.Config{Store: st, Codec: codec, Logger: logger},
				Cookie: framework.Cookie{Name: "sessionid", Path: "/"},
				Engine: "test-engine",
				Logger: logger,
			})(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				s, _ := session.FromContext(r.Context())
				tt.view(s, clientGoes)
				w.Write([]byte("view body"))
			}))
			r := httptest.NewRequest("GET", "/", nil).WithContext(ctx)
			r.Header.Set("Cookie", "sessionid=abcdefghijklmnopqrstuvwxyz012345")
			start := time.Now()
			h.ServeHTTP(httptest.NewRecorder(), r)
			if len(st.data) != tt.wantSaved {
				t.Errorf("got %d sessions stored, want %d", len(st.data), tt.wantSaved)
			}
			for _, dl := range st.deadlines {
				if dl.IsZero() || dl.Before(start) || dl.After(time.Now().Add(SaveTimeout)) {
					t.Errorf("got a save with deadline %v, want one within SaveTimeout (%v) of the request", dl, SaveTimeout)
				}
			}
			if got := strings.TrimSpace(logs.String()); !strings.Contains(got, tt.wantLog) || (tt.wantLog == "") != (got == "") || strings.Count(got, "\n") > 0 {
				t.Errorf("got logs %q, want one line %q", got, tt.wantLog)
			}
		})
	}
}

// TestMiddleware_saveTimedOut: a save that ran out of SaveTimeout (a
// store too slow, or too many saves of one session waiting their turn)
// answers 503, as an unreachable store does.
func TestMiddleware_saveTimedOut(t *testing.T) {
	st := &ctxStore{data: map[string]string{}, createErr: fmt.Errorf("dbstore: create: %w", context.DeadlineExceeded)}
	h, logs := testMiddleware(t, &session.Config{Store: st}, setGreeting)
	rec := serve(h, "")
	if rec.Code != http.StatusServiceUnavailable || len(rec.Result().Cookies()) != 0 {
		t.Errorf("got %d with cookies %v, want 503 and no cookie", rec.Code, rec.Result().Cookies())
	}
	if !strings.Contains(logs.String(), "level=ERROR") || !strings.Contains(logs.String(), "status=503") {
		t.Errorf("got logs %q, want one ERROR line with status=503", logs)
	}
}
