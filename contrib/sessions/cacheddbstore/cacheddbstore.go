// Package cacheddbstore is Django's cached_db session engine,
// django.contrib.sessions.backends.cached_db: a write-through cache in
// front of the db engine. Reads try the cache first and fall back to the
// django_session table; writes go to the table, then to the cache. The
// table stays the source of truth, so sessions survive a cache flush.
//
// Settings: SESSION_ENGINE "cached_db", SESSION_CACHE_ALIAS (the CACHES
// entry, default "default"), plus the db engine's database settings.
// Entries are keyed "django.contrib.sessions.cached_db" followed by the
// session key and live as long as the session. As with the cache engine,
// their values are encoded session strings, not Django's pickles: share
// the database with a Django site, not the cache.
//
// # Never older than the table
//
// Once a request has been answered, the cache never serves a session
// older than the table, whatever failed. Every write runs in this order:
//
//  1. Invalidate: the cache entry is replaced by a marker of this write
//     (a value no session string can be, living two minutes), so that no
//     reader caches what it read before the write. When the cache cannot
//     do even that, the write stops before the table and returns an error
//     wrapping [session.ErrUnavailable]: the middleware answers 503, and
//     the session is as it was, in the table and in the cache.
//  2. Write the table (SaveIf when the session merges concurrent writes).
//  3. Refill: with a [cache.Swapper], the marker is swapped for the new
//     data only if it is still this write's marker. If another write
//     started meanwhile, either may have reached the table last, so a new
//     marker is put in place instead (and if that fails, the write returns
//     ErrUnavailable: the row is written but the cache may hold the other
//     write's data). A refill that fails is logged at ERROR with the error,
//     as Django's logger.exception, and is not fatal: the cache holds this
//     write's marker, not old data. A cache without Swap is refilled with
//     Set, then the row is read back: if it no longer holds this write's
//     data (a later save or a logout got there), the entry is invalidated
//     again. Between that Set and that check, a read may still see the
//     earlier save's data.
//
// Delete (logout) invalidates, deletes the row, then invalidates again,
// because a save that started before the logout may have refilled the
// cache in between; either invalidation failing is an error wrapping
// ErrUnavailable, so a logout answered 200 never leaves the cookie
// logged in.
//
// A read that finds a marker reads the table and caches nothing. A read
// that finds nothing reads the table and fills the cache without ever
// replacing an entry: with a Swapper it first takes a lease (an Add of a
// marker of its own, ten seconds), reads the row, then swaps its lease for
// the row only if no write replaced the lease meanwhile, so a reader that
// read the row just before a write can never cache it after. A cache
// without Swap is filled with Add, which never replaces a write's marker
// or data, but may fill an entry that a write's marker has just left by
// expiring, if the reader took over two minutes between its read and its
// fill. Cache read failures count as misses, logged at WARN.
//
// # Several servers and concurrent requests
//
// With a shared cache (framework/cache/redis) and a shared database every
// server sees every session, and the ordering above holds across servers.
// Concurrent saves of one session merge through the table's SaveIf, which
// compares with the row, never with the cache.
package cacheddbstore

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/manouche-go/manouche/contrib/sessions/dbstore"
	"github.com/manouche-go/manouche/framework/cache"
	"github.com/manouche-go/manouche/framework/session"
)

// KeyPrefix starts every cache key, Django's
// "django.contrib.sessions.cached_db".
const KeyPrefix = "django.contrib.sessions.cached_db"

// Options configures [New]. The zero value logs to slog.Default() and
// uses the system clock.
type Options struct {
	// Logger receives cache failures; nil means slog.Default().
	Logger *slog.Logger
	// Now is the clock that turns expiry dates into time to live; nil
	// means time.Now.
	Now func() time.Time
}

// Store is a [session.Store] combining a cache and a [dbstore.Store]. It
// also implements [session.ConditionalSaver] (when the db store does),
// [session.ExpiredClearer] and [session.Exister]. It is safe for
// concurrent use.
type Store struct {
	c      cache.Cache
	db     rows
	logger *slog.Logger
	now    func() time.Time
}

// rows is what Store uses of a [dbstore.Store].
type rows interface {
	session.Store
	session.Exister
	session.ExpiredClearer
	session.ExpiredCounter
	LoadWithExpiry(ctx context.Context, key string) (string, time.Time, error)
}

var (
	_ session.Store            = (*Store)(nil)
	_ session.ConditionalSaver = (*Store)(nil)
	_ session.ExpiredClearer   = (*Store)(nil)
	_ session.ExpiredCounter   = (*Store)(nil)
	_ session.Exister          = (*Store)(nil)
)

// New returns a store caching the sessions of db in c.
func New(c cache.Cache, db *dbstore.Store, opts Options) *Store {
	return newStore(c, db, opts)
}

func newStore(c cache.Cache, db rows, opts Options) *Store {
	s := &Store{c: c, db: db, logger: opts.Logger, now: opts.Now}
	if s.now == nil {
		s.now = time.Now
	}
	return s
}

// Load returns the cached data of key if the cache has it, as Django does
// without looking at the row. Otherwise it loads the row (ErrNotFound when
// missing or expired) and, on a plain miss, caches it until the row's
// expire_date, never over an entry a write put there (see the package
// documentation).
func (s *Store) Load(ctx context.Context, key string) (string, error) {
	b, ok, err := s.c.Get(ctx, KeyPrefix+key)
	switch {
	case err != nil:
		s.logCache(ctx, slog.LevelWarn, "error reading from cache", err)
	case ok && !isMarker(b):
		return string(b), nil
	}
	fill := err == nil && !ok
	var lease []byte
	if _, swaps := s.c.(cache.Swapper); fill && swaps {
		lease, fill = s.lease(ctx, key)
	}
	data, expiry, err := s.db.LoadWithExpiry(ctx, key)
	if err != nil {
		if errors.Is(err, session.ErrNotFound) {
			return "", err
		}
		return "", fmt.Errorf("cacheddbstore: %w", err)
	}
	if ttl := expiry.Sub(s.now()); fill && ttl > 0 {
		s.fill(ctx, key, lease, data, ttl)
	}
	return data, nil
}

// lease takes the right to fill the missing entry of key: a marker added
// only if the entry is still missing. It reports false when another reader
// or a write got there first, or the cache failed.
func (s *Store) lease(ctx context.Context, key string) ([]byte, bool) {
	m := newMarker()
	added, err := s.c.Add(ctx, KeyPrefix+key, m, leaseTTL)
	if err != nil {
		s.logCache(ctx, slog.LevelError, "error saving to cache", err)
	}
	return m, added
}

// fill caches data read from the table: in place of lease if there is
// one (only if it is still there), else only if the entry is missing.
func (s *Store) fill(ctx context.Context, key string, lease []byte, data string, ttl time.Duration) {
	var err error
	if lease != nil {
		_, err = s.c.(cache.Swapper).Swap(ctx, KeyPrefix+key, lease, []byte(data), ttl)
	} else {
		_, err = s.c.Add(ctx, KeyPrefix+key, []byte(data), ttl)
	}
	if err != nil {
		s.logCache(ctx, slog.LevelError, "error saving to cache", err)
	}
}

// Create inserts the row (ErrKeyExists on a duplicate key), then caches
// it if the key has no entry (a new key has none).
func (s *Store) Create(ctx context.Context, key, data string, expiry time.Time) error {
	if err := s.db.Create(ctx, key, data, expiry); err != nil {
		if errors.Is(err, session.ErrKeyExists) {
			return err
		}
		return fmt.Errorf("cacheddbstore: %w", err)
	}
	if ttl := expiry.Sub(s.now()); ttl > 0 {
		s.fill(ctx, key, nil, data, ttl)
	}
	return nil
}

// Save invalidates the cached copy, updates the row (ErrNotFound when it
// is gone), then refills the cache, in the order the package
// documentation explains. An unreachable cache fails the save before the
// row is written, with an error wrapping [session.ErrUnavailable].
func (s *Store) Save(ctx context.Context, key, data string, expiry time.Time) error {
	return s.write(ctx, key, data, expiry, func() error {
		return s.db.Save(ctx, key, data, expiry)
	})
}

// SaveIf is Save through the db store's SaveIf: the row is updated only
// if it still holds old (ErrConflict otherwise). The comparison is with
// the row, never with the cache. A db store without SaveIf is an error.
func (s *Store) SaveIf(ctx context.Context, key, old, data string, expiry time.Time) error {
	cs, ok := s.db.(session.ConditionalSaver)
	if !ok {
		return errors.New("cacheddbstore: SaveIf: the db store cannot save conditionally")
	}
	return s.write(ctx, key, data, expiry, func() error {
		return cs.SaveIf(ctx, key, old, data, expiry)
	})
}

// write runs one save: invalidate, write the row with dbWrite, refill.
func (s *Store) write(ctx context.Context, key, data string, expiry time.Time, dbWrite func() error) error {
	m, err := s.invalidate(ctx, key)
	if err != nil {
		return err
	}
	if err := dbWrite(); err != nil {
		if errors.Is(err, session.ErrNotFound) || errors.Is(err, session.ErrConflict) {
			return err // the marker stays until it expires: reads go to the table
		}
		return fmt.Errorf("cacheddbstore: %w", err)
	}
	return s.refill(ctx, key, m, data, expiry)
}

// refill puts data in place of m, the marker this write left, as the
// package documentation explains.
func (s *Store) refill(ctx context.Context, key string, m []byte, data string, expiry time.Time) error {
	ttl := expiry.Sub(s.now())
	if ttl <= 0 {
		return nil // an expired session is not cached; the marker expires
	}
	sw, ok := s.c.(cache.Swapper)
	if !ok {
		if err := s.c.Set(ctx, KeyPrefix+key, []byte(data), ttl); err != nil {
			s.logCache(ctx, slog.LevelError, "error saving to cache", err)
			return nil
		}
		return s.recheck(ctx, key, data)
	}
	swapped, err := sw.Swap(ctx, KeyPrefix+key, m, []byte(data), ttl)
	switch {
	case err != nil:
		s.logCache(ctx, slog.LevelError, "error saving to cache", err)
		return nil
	case swapped:
		return nil
	}
	_, err = s.invalidate(ctx, key) // another write overlapped this one
	return err
}

// recheck follows a refill by Set: if the row no longer holds data (a
// later save or a logout reached the table first, and its own refill or
// invalidation may already have run), the entry is invalidated again.
func (s *Store) recheck(ctx context.Context, key, data string) error {
	row, _, err := s.db.LoadWithExpiry(ctx, key)
	if err == nil && row == data {
		return nil
	}
	_, err = s.invalidate(ctx, key)
	return err
}

// Delete invalidates the cached copy, deletes the row, then invalidates
// again. A cache failure is returned, wrapping [session.ErrUnavailable]
// when the cache is unreachable: a cached copy would keep the session
// alive.
func (s *Store) Delete(ctx context.Context, key string) error {
	if _, err := s.invalidate(ctx, key); err != nil {
		return err
	}
	if err := s.db.Delete(ctx, key); err != nil {
		return fmt.Errorf("cacheddbstore: %w", err)
	}
	_, err := s.invalidate(ctx, key)
	return err
}

// invalidate replaces the entry of key with a new marker of writeTTL and
// returns the marker.
func (s *Store) invalidate(ctx context.Context, key string) ([]byte, error) {
	m := newMarker()
	if err := s.c.Set(ctx, KeyPrefix+key, m, writeTTL); err != nil {
		if errors.Is(err, cache.ErrUnavailable) {
			return nil, fmt.Errorf("cacheddbstore: invalidate the cached copy: %w: %w", session.ErrUnavailable, err)
		}
		return nil, fmt.Errorf("cacheddbstore: invalidate the cached copy: %w", err)
	}
	return m, nil
}

// Exists reports whether key is cached or has a row, expired or not.
func (s *Store) Exists(ctx context.Context, key string) (bool, error) {
	if b, ok, err := s.c.Get(ctx, KeyPrefix+key); err == nil && ok && !isMarker(b) {
		return true, nil
	}
	ok, err := s.db.Exists(ctx, key)
	if err != nil {
		return false, fmt.Errorf("cacheddbstore: %w", err)
	}
	return ok, nil
}

// ClearExpired deletes the expired rows. Cached copies are left to expire
// by themselves, as in Django; their time to live ends with the session.
func (s *Store) ClearExpired(ctx context.Context) error {
	_, err := s.ClearExpiredCount(ctx)
	return err
}

// ClearExpiredCount is ClearExpired returning how many rows it deleted.
func (s *Store) ClearExpiredCount(ctx context.Context) (int64, error) {
	n, err := s.db.ClearExpiredCount(ctx)
	if err != nil {
		return n, fmt.Errorf("cacheddbstore: %w", err)
	}
	return n, nil
}

// logCache logs a cache failure at level, or at DEBUG when the context
// was cancelled: the client went away, which is no server error.
func (s *Store) logCache(ctx context.Context, level slog.Level, msg string, err error) {
	if errors.Is(ctx.Err(), context.Canceled) {
		level = slog.LevelDebug
	}
	l := s.logger
	if l == nil {
		l = slog.Default()
	}
	l.Log(ctx, level, msg, "engine", "cached_db", "err", err)
}
