package session

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"testing"
	"time"

	"github.com/manouche-go/manouche/framework/signing"
)

const (
	testSecret = "django-insecure-test-vector-key"
	key1       = "existingkey0000000000000000000001"
)

// frozen is the vectors' frozen time, 2023-11-14T22:13:20Z.
var frozen = time.Unix(1700000000, 0).UTC()

// env is a Config over a fakeStore with frozen time, deterministic keys
// (newkey…1, newkey…2, …) and captured logs.
type env struct {
	store *fakeStore
	cfg   *Config
	logs  *recordHandler
}

func newEnv(t *testing.T) *env {
	t.Helper()
	logs := &recordHandler{}
	codec, err := NewCodec(testSecret, nil, slog.New(logs))
	if err != nil {
		t.Fatalf("NewCodec: %v", err)
	}
	now := func() time.Time { return frozen }
	n := 0
	cfg := &Config{
		Store:  newFakeStore(now),
		Codec:  codec,
		Now:    now,
		NewKey: func() string { n++; return fmt.Sprintf("newkey%026d", n) },
		Logger: slog.New(logs),
	}
	return &env{store: cfg.Store.(*fakeStore), cfg: cfg, logs: logs}
}

// seed stores the JSON object js under key, valid for a day.
func (e *env) seed(t *testing.T, key, js string) {
	t.Helper()
	d, err := signing.UnmarshalDict([]byte(js))
	if err != nil {
		t.Fatalf("seed %s: %v", js, err)
	}
	enc, err := e.cfg.Codec.Encode(d, frozen)
	if err != nil {
		t.Fatalf("seed %s: %v", js, err)
	}
	e.store.put(key, enc, frozen.Add(24*time.Hour))
}

// stored returns the record of key decoded to JSON text, or "<none>".
func (e *env) stored(t *testing.T, key string) string {
	t.Helper()
	r, ok := e.store.get(key)
	if !ok {
		return "<none>"
	}
	js, err := signing.MarshalJSON(e.cfg.Codec.Decode(r.data))
	if err != nil {
		t.Fatalf("stored %s: %v", key, err)
	}
	return string(js)
}

func (e *env) session(key string) *Session { return New(context.Background(), e.cfg, key) }

// dataJSON returns the session's data as JSON text without touching flags.
func dataJSON(t *testing.T, s *Session) string {
	t.Helper()
	if s.data == nil {
		return "<not loaded>"
	}
	js, err := signing.MarshalJSON(s.data)
	if err != nil {
		t.Fatal(err)
	}
	return string(js)
}

// recordHandler is a slog.Handler keeping every record.
type recordHandler struct {
	mu      sync.Mutex
	records []slog.Record
}

func (h *recordHandler) Enabled(context.Context, slog.Level) bool { return true }
func (h *recordHandler) WithAttrs([]slog.Attr) slog.Handler       { return h }
func (h *recordHandler) WithGroup(string) slog.Handler            { return h }

func (h *recordHandler) Handle(_ context.Context, r slog.Record) error {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.records = append(h.records, r.Clone())
	return nil
}

func (h *recordHandler) take() []slog.Record {
	h.mu.Lock()
	defer h.mu.Unlock()
	r := h.records
	h.records = nil
	return r
}

func TestNew_lazy(t *testing.T) {
	e := newEnv(t)
	e.seed(t, key1, `{"a":1}`)
	s := e.session(key1)
	_ = s.Key()
	_ = s.IsEmpty()
	_, _ = s.Accessed(), s.Modified()
	if got := e.store.counts(); got != "loads=0 creates=0 saves=0 deletes=0" {
		t.Fatalf("untouched session: got %s, want no store calls", got)
	}
	if s.Accessed() || s.Modified() {
		t.Errorf("untouched session: got accessed=%v modified=%v, want false, false", s.Accessed(), s.Modified())
	}
	for range 3 {
		if v, ok := s.Get("a"); !ok || v != int64(1) {
			t.Fatalf("Get(a): got %v, %v, want 1, true", v, ok)
		}
	}
	if e.store.loads != 1 {
		t.Errorf("loads after 3 Gets: got %d, want 1", e.store.loads)
	}
}

func TestNew_key(t *testing.T) {
	tests := []struct {
		key, want string
	}{
		{"", ""},
		{"a", ""},
		{"1234567", ""},
		{"12345678", "12345678"},
		{key1, key1},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("len%d", len(tt.key)), func(t *testing.T) {
			e := newEnv(t)
			s := e.session(tt.key)
			if got := s.Key(); got != tt.want {
				t.Errorf("Key(): got %q, want %q", got, tt.want)
			}
			if tt.want == "" {
				s.Get("x")
				if e.store.loads != 0 {
					t.Errorf("keyless session: got %d loads, want 0", e.store.loads)
				}
				if !s.IsEmpty() {
					t.Errorf("keyless session: got IsEmpty false, want true")
				}
			}
		})
	}
}

func TestNew_nilArguments(t *testing.T) {
	s := New(nil, nil, key1) // both documented: Background and an empty Config
	if _, ok := s.Get("a"); ok {
		t.Errorf("Get on an unconfigured session: got ok, want absent")
	}
	if err := s.Err(); !errors.Is(err, errNoStore) {
		t.Errorf("Err(): got %v, want %v", err, errNoStore)
	}
	s = New(context.Background(), &Config{}, "")
	if err := s.Save(context.Background()); !errors.Is(err, errNoStore) {
		t.Errorf("Save without a store: got %v, want %v", err, errNoStore)
	}
}

func TestSession_load(t *testing.T) {
	tests := []struct {
		name     string
		prepare  func(t *testing.T, e *env)
		wantKey  string
		wantData string
		wantLogs int
	}{
		{"found", func(t *testing.T, e *env) { e.seed(t, key1, `{"a":1}`) }, key1, `{"a":1}`, 0},
		{"unknown key dropped", func(*testing.T, *env) {}, "", `{}`, 0},
		{"expired key dropped", func(t *testing.T, e *env) {
			e.seed(t, key1, `{"a":1}`)
			e.store.put(key1, e.store.records[key1].data, frozen)
		}, "", `{}`, 0},
		{"corrupted data keeps key", func(t *testing.T, e *env) {
			e.store.put(key1, "eyJhIjoxfQ:1r31eq:tampered", frozen.Add(time.Hour))
		}, key1, `{}`, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t)
			tt.prepare(t, e)
			s := e.session(key1)
			s.Has("a")
			if got := s.Key(); got != tt.wantKey {
				t.Errorf("Key(): got %q, want %q", got, tt.wantKey)
			}
			if got := dataJSON(t, s); got != tt.wantData {
				t.Errorf("data: got %s, want %s", got, tt.wantData)
			}
			if got := len(e.logs.take()); got != tt.wantLogs {
				t.Errorf("log records: got %d, want %d", got, tt.wantLogs)
			}
			if s.Err() != nil || s.Modified() {
				t.Errorf("got Err=%v modified=%v, want nil, false", s.Err(), s.Modified())
			}
		})
	}
}

func TestSession_loadError(t *testing.T) {
	e := newEnv(t)
	e.seed(t, key1, `{"user":"bob"}`)
	boom := errors.New("database is down")
	e.store.loadErr = boom
	s := e.session(key1)

	if _, ok := s.Get("user"); ok {
		t.Errorf("Get after a failed load: got a value, want none")
	}
	if err := s.Err(); !errors.Is(err, boom) {
		t.Fatalf("Err(): got %v, want it to wrap %v", err, boom)
	}
	if s.Key() != key1 || s.IsEmpty() {
		t.Errorf("got Key=%q IsEmpty=%v, want the key kept and not empty", s.Key(), s.IsEmpty())
	}
	if err := s.Load(context.Background()); !errors.Is(err, boom) {
		t.Errorf("Load: got %v, want it to wrap %v", err, boom)
	}
	if err := s.Set("user", "eve"); !errors.Is(err, boom) {
		t.Errorf("Set: got %v, want it to wrap %v", err, boom)
	}
	s.Clear()
	if err := s.Save(context.Background()); !errors.Is(err, boom) {
		t.Errorf("Save: got %v, want a refusal wrapping %v", err, boom)
	}
	if err := s.CycleKey(); !errors.Is(err, boom) {
		t.Errorf("CycleKey: got %v, want a refusal wrapping %v", err, boom)
	}
	if e.store.saves+e.store.creates+e.store.deletes != 0 {
		t.Errorf("store writes after a failed load: got %s, want none", e.store.counts())
	}
	if got := e.stored(t, key1); got != `{"user":"bob"}` {
		t.Errorf("stored data: got %s, want it untouched", got)
	}
}

func TestSession_Load(t *testing.T) {
	e := newEnv(t)
	e.seed(t, key1, `{"a":1}`)
	s := e.session(key1)
	if err := s.Load(context.Background()); err != nil {
		t.Fatalf("Load: %v", err)
	}
	if err := s.Load(context.Background()); err != nil {
		t.Fatalf("second Load: %v", err)
	}
	if e.store.loads != 1 || s.Accessed() {
		t.Errorf("got loads=%d accessed=%v, want 1, false", e.store.loads, s.Accessed())
	}
	if got := dataJSON(t, s); got != `{"a":1}` {
		t.Errorf("data: got %s, want {\"a\":1}", got)
	}
}
