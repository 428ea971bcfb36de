package sessions

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/manouche-go/manouche/contrib/sessions/cookiestore"
	"github.com/manouche-go/manouche/contrib/sessions/filestore"
	"github.com/manouche-go/manouche/contrib/sessions/sessiontest"
	"github.com/manouche-go/manouche/framework"
	"github.com/manouche-go/manouche/framework/session"
)

const testSecret = "middleware-test-secret-key-0123456789-abcdefghijklmnop"

// memStore is sessiontest.MemStore told to fail on demand, counting the
// calls that read or change it. Its fields are set before it serves.
type memStore struct {
	*sessiontest.MemStore
	loadErr, saveErr error
	loads, writes    atomic.Int32
}

func newMemStore() *memStore { return &memStore{MemStore: &sessiontest.MemStore{}} }

// data returns the stored data of key, "" when there is none.
func (m *memStore) data(key string) string {
	d, _ := m.MemStore.Load(context.Background(), key)
	return d
}

// put replaces the data of key's record.
func (m *memStore) put(key, data string) {
	if err := m.MemStore.Save(context.Background(), key, data, time.Now().Add(time.Hour)); err != nil {
		panic(err)
	}
}

func (m *memStore) Load(ctx context.Context, key string) (string, error) {
	m.loads.Add(1)
	if m.loadErr != nil {
		return "", m.loadErr
	}
	return m.MemStore.Load(ctx, key)
}

func (m *memStore) Create(ctx context.Context, key, data string, expiry time.Time) error {
	m.writes.Add(1)
	if m.saveErr != nil {
		return m.saveErr
	}
	return m.MemStore.Create(ctx, key, data, expiry)
}

func (m *memStore) Save(ctx context.Context, key, data string, expiry time.Time) error {
	m.writes.Add(1)
	if m.saveErr != nil {
		return m.saveErr
	}
	return m.MemStore.Save(ctx, key, data, expiry)
}

func (m *memStore) SaveIf(ctx context.Context, key, old, data string, expiry time.Time) error {
	m.writes.Add(1)
	if m.saveErr != nil {
		return m.saveErr
	}
	return m.MemStore.SaveIf(ctx, key, old, data, expiry)
}

func (m *memStore) Delete(ctx context.Context, key string) error {
	m.writes.Add(1)
	return m.MemStore.Delete(ctx, key)
}

// testMiddleware wraps view with Middleware over cfg and returns the
// handler and a buffer that collects the logs.
func testMiddleware(t *testing.T, cfg *session.Config, view func(*session.Session)) (http.Handler, *bytes.Buffer) {
	t.Helper()
	var logs bytes.Buffer
	logger := slog.New(slog.NewTextHandler(&logs, nil))
	if cfg.Codec == nil {
		codec, err := session.NewCodec(testSecret, nil, logger)
		if err != nil {
			t.Fatal(err)
		}
		cfg.Codec = codec
	}
	cfg.Logger = logger
	o := MiddlewareOptions{
		Config: cfg,
		Cookie: framework.Cookie{Name: "sessionid", Path: "/", HttpOnly: true, SameSite: "Lax"},
		Engine: "test-engine",
		Logger: logger,
	}
	return Middleware(o)(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s, ok := session.FromContext(r.Context())
		if !ok {
			t.Fatal("no session in the request context")
		}
		view(s)
		io.WriteString(w, "view body")
	})), &logs
}

func serve(h http.Handler, cookie string) *httptest.ResponseRecorder {
	r := httptest.NewRequest("GET", "/", nil)
	if cookie != "" {
		r.Header.Set("Cookie", cookie)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, r)
	return rec
}

func setGreeting(s *session.Session) { s.Set("greeting", "hello") }

// saved runs one writing request and returns the new session key.
func saved(t *testing.T, st *memStore) string {
	t.Helper()
	h, _ := testMiddleware(t, &session.Config{Store: st}, setGreeting)
	rec := serve(h, "")
	c := rec.Result().Cookies()
	if len(c) != 1 || len(c[0].Value) != 32 {
		t.Fatalf("first request: got cookies %v, want one new session key", c)
	}
	return c[0].Value
}

func TestMiddleware_storeLoadFails(t *testing.T) {
	st := newMemStore()
	key := saved(t, st)
	before := st.data(key)
	st.loadErr = errors.New("connection refused")
	writes := st.writes.Load()
	h, logs := testMiddleware(t, &session.Config{Store: st}, func(s *session.Session) { s.Set("greeting", "overwritten") })

	rec := serve(h, "sessionid="+key)
	if rec.Code != http.StatusInternalServerError {
		t.Errorf("status: got %d, want 500", rec.Code)
	}
	if strings.Contains(rec.Body.String(), "view body") || len(rec.Result().Cookies()) != 0 {
		t.Errorf("the view's response leaked: body %q, cookies %v", rec.Body.String(), rec.Result().Cookies())
	}
	if st.writes.Load() != writes || st.data(key) != before {
		t.Error("the store was written after a failed load: the user's data must be left untouched")
	}
	assertOneLogLine(t, logs, "engine=test-engine", key)
}

func TestMiddleware_storeUnavailable(t *testing.T) {
	st := newMemStore()
	key := saved(t, st)
	st.loadErr = fmt.Errorf("dial tcp 127.0.0.1:6379: %w", session.ErrUnavailable)
	h, logs := testMiddleware(t, &session.Config{Store: st}, setGreeting)
	if rec := serve(h, "sessionid="+key); rec.Code != http.StatusServiceUnavailable {
		t.Errorf("store down: got %d, want 503", rec.Code)
	}
	assertOneLogLine(t, logs, "engine=test-engine", key)
	st.loadErr = nil // the store is back: service resumes by itself
	h, _ = testMiddleware(t, &session.Config{Store: st}, setGreeting)
	if rec := serve(h, "sessionid="+key); rec.Code != http.StatusOK {
		t.Errorf("store back: got %d, want 200", rec.Code)
	}
}

func TestMiddleware_storeSaveFails(t *testing.T) {
	st := newMemStore()
	st.saveErr = errors.New("disk full")
	h, logs := testMiddleware(t, &session.Config{Store: st}, setGreeting)
	rec := serve(h, "")
	if rec.Code != http.StatusInternalServerError || len(rec.Result().Cookies()) != 0 {
		t.Errorf("got %d with cookies %v, want 500 and no cookie", rec.Code, rec.Result().Cookies())
	}
	assertOneLogLine(t, logs, "disk full", "")
}

// TestMiddleware_interrupted: a session deleted by a concurrent request
// answers 400, as Django's SessionInterrupted, and is not resurrected.
func TestMiddleware_interrupted(t *testing.T) {
	st := newMemStore()
	key := saved(t, st)
	h, logs := testMiddleware(t, &session.Config{Store: st}, func(s *session.Session) {
		s.Get("greeting")
		st.MemStore.Delete(context.Background(), key) // a logout in another request
		s.Set("greeting", "again")
	})
	rec := serve(h, "sessionid="+key)
	if rec.Code != http.StatusBadRequest || len(rec.Result().Cookies()) != 0 {
		t.Errorf("got %d with cookies %v, want 400 and no cookie", rec.Code, rec.Result().Cookies())
	}
	if st.data(key) != "" {
		t.Error("the deleted session was brought back")
	}
	assertOneLogLine(t, logs, "engine=test-engine", key)
}

func TestMiddleware_signedCookieTooLarge(t *testing.T) {
	cs, err := cookiestore.New(cookiestore.Options{Key: testSecret})
	if err != nil {
		t.Fatal(err)
	}
	big := randomText(8000)
	h, logs := testMiddleware(t, &session.Config{Cookie: cs}, func(s *session.Session) { s.Set("big", big) })
	rec := serve(h, "")
	if rec.Code != http.StatusInternalServerError || len(rec.Result().Cookies()) != 0 {
		t.Errorf("got %d with cookies %v, want 500 and no silently dropped cookie", rec.Code, rec.Result().Cookies())
	}
	assertOneLogLine(t, logs, "engine=test-engine", "")
}

// TestMiddleware_badCookies: hostile or malformed cookies get a fresh
// session, never an adopted key, and nothing stored is touched.
func TestMiddleware_badCookies(t *testing.T) {
	st := newMemStore()
	key := saved(t, st)
	stored := st.data(key)
	tests := []struct {
		name, cookie string
	}{
		{"path characters", "sessionid=../../../../etc/passwd"},
		{"control characters", "sessionid=abc\x01\x02defghijk"},
		{"empty", "sessionid="},
		{"quoted", `sessionid="abcdefghijklmnopqrstuvwxyz012345"`},
		{"oversized", "sessionid=" + strings.Repeat("a", 8000)},
		{"garbage header", ";;;=;sessionid;==="},
		{"unknown key", "sessionid=abcdefghijklmnopqrstuvwxyz012345"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h, _ := testMiddleware(t, &session.Config{Store: st}, setGreeting)
			rec := serve(h, tt.cookie)
			c := rec.Result().Cookies()
			if rec.Code != http.StatusOK || len(c) != 1 || len(c[0].Value) != 32 || c[0].Value == key {
				t.Fatalf("got %d with cookies %v, want 200 and a fresh 32-character key", rec.Code, c)
			}
			if strings.Contains(tt.cookie, c[0].Value) {
				t.Errorf("the client's key was adopted")
			}
			if st.data(key) != stored {
				t.Errorf("another user's session was changed")
			}
		})
	}
}

// TestMiddleware_fileKeysNeverReachFilesystem sends path-like keys to the
// file engine: nothing is created outside SESSION_FILE_PATH.
func TestMiddleware_fileKeysNeverReachFilesystem(t *testing.T) {
	parent := t.TempDir()
	dir := parent + "/sessions"
	if err := os.Mkdir(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	codec, _ := session.NewCodec(testSecret, nil, nil)
	fs, err := filestore.New(filestore.Options{Dir: dir, Codec: codec})
	if err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{"../escaped0000", "..%2fescaped00", "/tmp/escaped000", "ABCDEFGHIJKLMNOP"} {
		h, _ := testMiddleware(t, &session.Config{Store: fs, Codec: codec}, setGreeting)
		if rec := serve(h, "sessionid="+key); rec.Code != http.StatusOK {
			t.Errorf("key %q: got status %d, want 200 with a fresh session", key, rec.Code)
		}
	}
	entries, _ := os.ReadDir(parent)
	if len(entries) != 1 {
		t.Errorf("files outside SESSION_FILE_PATH: %v", entries)
	}
	files, _ := os.ReadDir(dir)
	for _, f := range files {
		if !strings.HasPrefix(f.Name(), "sessionid") || len(f.Name()) != len("sessionid")+32 {
			t.Errorf("unexpected file %q in SESSION_FILE_PATH", f.Name())
		}
	}
}

// TestMiddleware_tamperedData reads a tampered record as an empty session
// with a warning; the key is kept, as in Django.
func TestMiddleware_tamperedData(t *testing.T) {
	st := newMemStore()
	key := saved(t, st)
	st.put(key, strings.Replace(st.data(key), ":", "x:", 1))
	var got any = "unset"
	h, logs := testMiddleware(t, &session.Config{Store: st}, func(s *session.Session) { got, _ = s.Get("greeting") })
	rec := serve(h, "sessionid="+key)
	if rec.Code != http.StatusOK || got != nil {
		t.Errorf("got status %d and greeting %v, want 200 and an empty session", rec.Code, got)
	}
	if !strings.Contains(logs.String(), "session data corrupted") {
		t.Errorf("no 'session data corrupted' warning in %q", logs.String())
	}
}

// TestMiddleware_lastCookieWins follows Django's cookie parser.
func TestMiddleware_lastCookieWins(t *testing.T) {
	st := newMemStore()
	key := saved(t, st)
	var got any
	h, _ := testMiddleware(t, &session.Config{Store: st}, func(s *session.Session) { got, _ = s.Get("greeting") })
	serve(h, "sessionid=abcdefghijklmnopqrstuvwxyz012345; sessionid="+key)
	if got != "hello" {
		t.Errorf("got %v, want the session of the last sessionid cookie", got)
	}
}

// TestMiddleware_untouched: a view that never touches the session costs no
// store access, sets no cookie and adds no Vary.
func TestMiddleware_untouched(t *testing.T) {
	st := newMemStore()
	key := saved(t, st)
	loads := st.loads.Load()
	h, _ := testMiddleware(t, &session.Config{Store: st}, func(*session.Session) {})
	rec := serve(h, "sessionid="+key)
	if st.loads.Load() != loads {
		t.Errorf("store loads: got %d, want 0", st.loads.Load()-loads)
	}
	if len(rec.Result().Cookies()) != 0 || rec.Header().Get("Vary") != "" {
		t.Errorf("got cookies %v and Vary %q, want neither", rec.Result().Cookies(), rec.Header().Get("Vary"))
	}
}

// TestMiddleware_viewWritesNothing saves the session even when the view
// returns without writing a response.
func TestMiddleware_viewWritesNothing(t *testing.T) {
	st := newMemStore()
	var logs bytes.Buffer
	codec, _ := session.NewCodec(testSecret, nil, nil)
	h := Middleware(MiddlewareOptions{
		Config: &session.Config{Store: st, Codec: codec},
		Cookie: framework.Cookie{Name: "sessionid", Path: "/"},
		Logger: slog.New(slog.NewTextHandler(&logs, nil)),
	})(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s, _ := session.FromContext(r.Context())
		s.Set("a", 1)
	}))
	rec := serve(h, "")
	if len(rec.Result().Cookies()) != 1 || st.Len() != 1 {
		t.Errorf("got cookies %v and %d records, want the session saved", rec.Result().Cookies(), st.Len())
	}
}

// assertOneLogLine checks the logs hold exactly one line, containing want
// and never the session key.
func assertOneLogLine(t *testing.T, logs *bytes.Buffer, want, key string) {
	t.Helper()
	lines := strings.Split(strings.TrimSpace(logs.String()), "\n")
	if len(lines) != 1 || !strings.Contains(lines[0], want) {
		t.Errorf("logs: got %q, want one line containing %q", logs.String(), want)
	}
	if key != "" && strings.Contains(logs.String(), key) {
		t.Errorf("the session key appears in the logs: %q", logs.String())
	}
}

// randomText is incompressible text, so compression cannot shrink it.
func randomText(n int) string {
	b := make([]byte, n)
	x := uint32(2463534242)
	for i := range b {
		x ^= x << 13
		x ^= x >> 17
		x ^= x << 5
		b[i] = 'a' + byte(x%26)
	}
	return string(b)
}

// TestMiddleware_flush: a streaming handler finds http.Flusher, and the
// session cookie goes out with the first flush.
func TestMiddleware_flush(t *testing.T) {
	st := newMemStore()
	codec, _ := session.NewCodec(testSecret, nil, nil)
	h := Middleware(MiddlewareOptions{
		Config: &session.Config{Store: st, Codec: codec},
		Cookie: framework.Cookie{Name: "sessionid", Path: "/"},
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil)),
	})(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s, _ := session.FromContext(r.Context())
		s.Set("a", 1)
		f, ok := w.(http.Flusher)
		if !ok {
			t.Fatal("the middleware's ResponseWriter is not an http.Flusher")
		}
		f.Flush()
		io.WriteString(w, "streamed")
	}))
	rec := serve(h, "")
	if !rec.Flushed || len(rec.Result().Cookies()) != 1 || st.Len() != 1 {
		t.Errorf("got flushed %v, cookies %v, %d records; want a flush after the session was saved", rec.Flushed, rec.Result().Cookies(), st.Len())
	}
}
