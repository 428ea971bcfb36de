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

const key = "abcdefghijklmnopqrstuvwxyz012345"

// flaky is a cache.Cache that records write ttls and can fail.
type flaky struct {
	cache.Cache
	ttl                time.Duration
	failRead, failSave bool
	failDelete         bool
}

var errDown = errors.Join(errors.New("dial: refused"), cache.ErrUnavailable)

func (f *flaky) Get(ctx context.Context, k string) ([]byte, bool, error) {
	if f.failRead {
		return nil, false, errDown
	}
	return f.Cache.Get(ctx, k)
}

func (f *flaky) Set(ctx context.Context, k string, v []byte, ttl time.Duration) error {
	f.ttl = ttl
	if f.failSave {
		return errDown
	}
	return f.Cache.Set(ctx, k, v, ttl)
}

func (f *flaky) Add(ctx context.Context, k string, v []byte, ttl time.Duration) (bool, error) {
	f.ttl = ttl
	if f.failSave {
		return false, errDown
	}
	return f.Cache.Add(ctx, k, v, ttl)
}

func (f *flaky) Delete(ctx context.Context, k string) error {
	if f.failDelete {
		return errDown
	}
	return f.Cache.Delete(ctx, k)
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

func TestCacheFailuresAreNotFatal(t *testing.T) {
	f := newFixture(t)
	f.cache.failRead, f.cache.failSave = true, true
	exp := f.now.Add(time.Hour)
	if err := f.s.Create(t.Context(), key, "created", exp); err != nil {
		t.Errorf("Create: got %v, want nil", err)
	}
	if err := f.s.Save(t.Context(), key, "saved", exp); err != nil {
		t.Errorf("Save: got %v, want nil", err)
	}
	if got := f.load(t); got != "saved" {
		t.Errorf("Load: got %q, want the row's %q", got, "saved")
	}
	if ok, err := f.s.Exists(t.Context(), key); !ok || err != nil {
		t.Errorf("Exists: got %v, %v, want true, nil", ok, err)
	}
	logs := f.logs.String()
	if !strings.Contains(logs, "error saving to cache") || !strings.Contains(logs, "engine=cached_db") {
		t.Errorf("got logs %q, want an \"error saving to cache\" warning for engine cached_db", logs)
	}
	if strings.Contains(logs, key) {
		t.Errorf("got logs %q, which contain the session key", logs)
	}
}

func TestDeleteReportsCacheFailure(t *testing.T) {
	f := newFixture(t)
	f.s.Create(t.Context(), key, "d", f.now.Add(time.Hour))
	f.cache.failDelete = true
	err := f.s.Delete(t.Context(), key)
	if !errors.Is(err, cache.ErrUnavailable) || !errors.Is(err, session.ErrUnavailable) {
		t.Errorf("got %v, want it to wrap cache.ErrUnavailable and session.ErrUnavailable", err)
	}
}

func TestSaveAfterRowDeleted(t *testing.T) {
	f := newFixture(t)
	f.s.Create(t.Context(), key, "d", f.now.Add(time.Hour))
	f.db.Exec(`DELETE FROM django_session`)
	if err := f.s.Save(t.Context(), key, "again", f.now.Add(time.Hour)); !errors.Is(err, session.ErrNotFound) {
		t.Fatalf("got %v, want ErrNotFound", err)
	}
	if _, ok, _ := f.cache.Cache.Get(t.Context(), KeyPrefix+key); ok {
		t.Errorf("got the cached copy still present, want it dropped with the row")
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
