package cacheddbstore

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"gorm.io/driver/sqlite"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"

	"github.com/manouche-go/manouche/contrib/sessions/dbstore"
	"github.com/manouche-go/manouche/contrib/sessions/sessiontest"
	"github.com/manouche-go/manouche/framework/cache"
	"github.com/manouche-go/manouche/framework/cache/locmem"
	"github.com/manouche-go/manouche/framework/session"
)

func openDB(t testing.TB) *gorm.DB {
	t.Helper()
	dsn := filepath.Join(t.TempDir(), "db.sqlite3") + "?_journal_mode=WAL&_busy_timeout=5000"
	db, err := gorm.Open(sqlite.Open(dsn), &gorm.Config{Logger: logger.Discard})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if sqlDB, err := db.DB(); err == nil {
			sqlDB.Close()
		}
	})
	if err := dbstore.CreateTable(db); err != nil {
		t.Fatal(err)
	}
	return db
}

func TestConformance(t *testing.T) {
	sessiontest.Run(t, func(t *testing.T) session.Store {
		return New(locmem.New(locmem.Options{}), dbstore.New(openDB(t), dbstore.Options{}), Options{})
	})
}

// TestSessions runs the session-level suite, concurrent requests
// included, over locmem and SQLite.
func TestSessions(t *testing.T) {
	sessiontest.RunSessions(t, func(t *testing.T) *session.Config {
		return &session.Config{Store: New(locmem.New(locmem.Options{}), dbstore.New(openDB(t), dbstore.Options{}), Options{}), Codec: testCodec(t)}
	})
}

func testCodec(t *testing.T) *session.Codec {
	t.Helper()
	codec, err := session.NewCodec("cacheddbstore-test-secret-0123456789-abcdefghijklmnop", nil, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	return codec
}

const key = "abcdefghijklmnopqrstuvwxyz012345"

// flaky is a cache.Cache and cache.Swapper over locmem that records
// write ttls and can fail each kind of call.
type flaky struct {
	*locmem.Cache
	ttl                                  time.Duration
	failRead, failSet, failAdd, failSwap bool
}

var errDown = errors.Join(errors.New("dial: refused"), cache.ErrUnavailable)

func (f *flaky) Get(ctx context.Context, k string) ([]byte, bool, error) {
	if f.failRead {
		return nil, false, errDown
	}
	return f.Cache.Get(ctx, k)
}

func (f *flaky) Set(ctx context.Context, k string, v []byte, ttl time.Duration) error {
	if f.failSet {
		return errDown
	}
	if !isMarker(v) {
		f.ttl = ttl
	}
	return f.Cache.Set(ctx, k, v, ttl)
}

func (f *flaky) Add(ctx context.Context, k string, v []byte, ttl time.Duration) (bool, error) {
	if f.failAdd {
		return false, errDown
	}
	if !isMarker(v) {
		f.ttl = ttl
	}
	return f.Cache.Add(ctx, k, v, ttl)
}

func (f *flaky) Swap(ctx context.Context, k string, old, v []byte, ttl time.Duration) (bool, error) {
	if f.failSwap {
		return false, errDown
	}
	f.ttl = ttl
	return f.Cache.Swap(ctx, k, old, v, ttl)
}

type fixture struct {
	s     *Store
	db    *gorm.DB
	cache *flaky
	logs  *bytes.Buffer
	now   time.Time
}

func newFixture(t *testing.T) *fixture {
	f := &fixture{db: openDB(t), logs: &bytes.Buffer{}, now: time.Date(2023, 11, 14, 22, 13, 20, 0, time.UTC)}
	clock := func() time.Time { return f.now }
	f.cache = &flaky{Cache: locmem.New(locmem.Options{Now: clock})}
	f.s = New(f.cache, dbstore.New(f.db, dbstore.Options{Now: clock}), Options{
		Logger: slog.New(slog.NewTextHandler(f.logs, nil)),
		Now:    clock,
	})
	return f
}

func (f *fixture) setRow(t *testing.T, data string) {
	t.Helper()
	if err := f.db.Exec(`UPDATE django_session SET session_data = ? WHERE session_key = ?`, data, key).Error; err != nil {
		t.Fatal(err)
	}
}

func (f *fixture) load(t *testing.T) string {
	t.Helper()
	got, err := f.s.Load(t.Context(), key)
	if err != nil {
		t.Fatalf("Load: got %v, want nil", err)
	}
	return got
}

func TestCacheFirst(t *testing.T) {
	f := newFixture(t)
	if err := f.s.Create(t.Context(), key, "created", f.now.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	f.setRow(t, "row changed behind the cache")
	if got := f.load(t); got != "created" {
		t.Errorf("got %q, want the cached %q (cache first, row not read)", got, "created")
	}
	f.cache.Cache.Delete(t.Context(), KeyPrefix+key)
	if got := f.load(t); got != "row changed behind the cache" {
		t.Errorf("after a cache miss: got %q, want the row's data", got)
	}
	f.setRow(t, "second change")
	if got := f.load(t); got != "row changed behind the cache" {
		t.Errorf("got %q, want the copy cached by the miss", got)
	}
}

func TestTTL(t *testing.T) {
	f := newFixture(t)
	exp := f.now.Add(90 * time.Minute)
	if err := f.s.Create(t.Context(), key, "d", exp); err != nil {
		t.Fatal(err)
	}
	if f.cache.ttl != 90*time.Minute {
		t.Errorf("Create: got ttl %v, want %v", f.cache.ttl, 90*time.Minute)
	}
	if err := f.s.Save(t.Context(), key, "d", exp.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	if f.cache.ttl != 150*time.Minute {
		t.Errorf("Save: got ttl %v, want %v", f.cache.ttl, 150*time.Minute)
	}
	f.cache.Cache.Delete(t.Context(), KeyPrefix+key)
	f.now = f.now.Add(30 * time.Minute)
	f.load(t)
	if f.cache.ttl != 120*time.Minute {
		t.Errorf("fill after a miss: got ttl %v, want %v (until the row's expire_date)", f.cache.ttl, 120*time.Minute)
	}
	f.now = exp.Add(time.Hour)
	if _, err := f.s.Load(t.Context(), key); !errors.Is(err, session.ErrNotFound) {
		t.Errorf("after expiry: got %v, want ErrNotFound (the cached copy expired with the session)", err)
	}
}

// cached returns what the cache holds for key: data, "marker" or "".
func (f *fixture) cached(t *testing.T) string {
	t.Helper()
	b, ok, err := f.cache.Cache.Get(t.Context(), KeyPrefix+key)
	switch {
	case err != nil:
		t.Fatal(err)
	case !ok:
		return ""
	case isMarker(b):
		return "marker"
	}
	return string(b)
}

func (f *fixture) row(t *testing.T) string {
	t.Helper()
	var data string
	if err := f.db.Raw(`SELECT session_data FROM django_session WHERE session_key = ?`, key).Scan(&data).Error; err != nil {
		t.Fatal(err)
	}
	return data
}

// TestCacheReadFailuresAreNotFatal: a cache that cannot be read is a miss.
func TestCacheReadFailuresAreNotFatal(t *testing.T) {
	f := newFixture(t)
	f.s.Create(t.Context(), key, "created", f.now.Add(time.Hour))
	f.setRow(t, "row")
	f.cache.failRead = true
	if got := f.load(t); got != "row" {
		t.Errorf("Load: got %q, want the row's %q", got, "row")
	}
	if ok, err := f.s.Exists(t.Context(), key); !ok || err != nil {
		t.Errorf("Exists: got %v, %v, want true, nil", ok, err)
	}
	if logs := f.logs.String(); !strings.Contains(logs, "level=WARN msg=\"error reading from cache\" engine=cached_db") {
		t.Errorf("got logs %q, want an \"error reading from cache\" warning for engine cached_db", logs)
	}
}

// TestWriteFailures: a write the cache cannot invalidate stops before the
// table with ErrUnavailable (503); a refill that fails is logged at ERROR
// with the error and leaves a marker, never older data.
func TestWriteFailures(t *testing.T) {
	tests := []struct {
		name      string
		fail      func(*flaky)
		op        func(*Store, context.Context) error
		wantErr   bool   // an error wrapping session.ErrUnavailable and cache.ErrUnavailable
		wantRow   string // "" for no row
		wantCache string
		wantLog   string
	}{
		{"save, invalidate fails", func(c *flaky) { c.failSet = true }, save("saved"), true, "created", "created", ""},
		{"save, refill fails", func(c *flaky) { c.failSwap = true }, save("saved"), false, "saved", "marker", "level=ERROR msg=\"error saving to cache\" engine=cached_db err=\"dial: refused\\ncache: unavailable\""},
		{"delete, invalidate fails", func(c *flaky) { c.failSet = true }, del, true, "created", "created", ""},
		{"create, fill fails", func(c *flaky) { c.failAdd = true }, create, false, "created", "", "level=ERROR msg=\"error saving to cache\""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t)
			if !strings.HasPrefix(tt.name, "create") { // the others change a session that exists
				f.s.Create(t.Context(), key, "created", f.now.Add(time.Hour))
			}
			tt.fail(f.cache)
			err := tt.op(f.s, t.Context())
			if gotErr := errors.Is(err, session.ErrUnavailable) && errors.Is(err, cache.ErrUnavailable); gotErr != tt.wantErr || (err != nil) != tt.wantErr {
				t.Errorf("got error %v, want an ErrUnavailable error: %v", err, tt.wantErr)
			}
			if got := f.row(t); got != tt.wantRow {
				t.Errorf("got row %q, want %q", got, tt.wantRow)
			}
			if got := f.cached(t); got != tt.wantCache {
				t.Errorf("got cached %q, want %q", got, tt.wantCache)
			}
			if logs := f.logs.String(); !strings.Contains(logs, tt.wantLog) || strings.Contains(logs, key) {
				t.Errorf("got logs %q, want them to contain %q and not the session key", logs, tt.wantLog)
			}
			*f.cache = flaky{Cache: f.cache.Cache}
			if got, err := f.s.Load(t.Context(), key); got != tt.wantRow || (err != nil) != (tt.wantRow == "") {
				t.Errorf("Load once the cache is back: got %q, %v, want the row's %q", got, err, tt.wantRow)
			}
		})
	}
}

func save(data string) func(*Store, context.Context) error {
	return func(s *Store, ctx context.Context) error {
		return s.Save(ctx, key, data, time.Date(2023, 11, 14, 23, 13, 20, 0, time.UTC))
	}
}

func del(s *Store, ctx context.Context) error { return s.Delete(ctx, key) }

func create(s *Store, ctx context.Context) error {
	return s.Create(ctx, key, "created", time.Date(2023, 11, 14, 23, 13, 20, 0, time.UTC))
}

func TestSaveAfterRowDeleted(t *testing.T) {
	f := newFixture(t)
	f.s.Create(t.Context(), key, "d", f.now.Add(time.Hour))
	f.db.Exec(`DELETE FROM django_session`)
	if err := f.s.Save(t.Context(), key, "again", f.now.Add(time.Hour)); !errors.Is(err, session.ErrNotFound) {
		t.Fatalf("got %v, want ErrNotFound", err)
	}
	if got := f.cached(t); got != "marker" {
		t.Errorf("got cached %q, want the write's marker (the cached copy dropped with the row)", got)
	}
	if _, err := f.s.Load(t.Context(), key); !errors.Is(err, session.ErrNotFound) {
		t.Errorf("Load: got %v, want ErrNotFound", err)
	}
}

func TestClearExpiredUsesTheTable(t *testing.T) {
	f := newFixture(t)
	f.s.Create(t.Context(), key, "d", f.now.Add(time.Minute))
	f.now = f.now.Add(time.Hour)
	if err := f.s.ClearExpired(t.Context()); err != nil {
		t.Fatal(err)
	}
	var n int64
	f.db.Raw(`SELECT count(*) FROM django_session`).Scan(&n)
	if n != 0 {
		t.Errorf("got %d rows, want 0", n)
	}
}
