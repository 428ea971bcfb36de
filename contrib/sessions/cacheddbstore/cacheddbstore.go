// Package cacheddbstore is Django's cached_db session engine,
// django.contrib.sessions.backends.cached_db: a write-through cache in
// front of the db engine. Reads try the cache first and fall back to the
// django_session table; writes go to the table first, then to the cache.
// The table stays the source of truth, so sessions survive a cache flush.
//
// Settings: SESSION_ENGINE "cached_db", SESSION_CACHE_ALIAS (the CACHES
// entry, default "default"), plus the db engine's database settings.
// Entries are keyed "django.contrib.sessions.cached_db" followed by the
// session key and live as long as the session. As with the cache engine,
// their values are encoded session strings, not Django's pickles: share
// the database with a Django site, not the cache.
//
// Cache failures never fail a request that the database can serve: a
// failed read is a miss, and a failed write after a successful database
// write is logged ("error saving to cache", as Django 5.1+ does). Only
// Delete reports a cache failure, because a logout that leaves a live copy
// in the cache would not be a logout; when the cache is unreachable that
// error wraps [session.ErrUnavailable], and the middleware answers 503.
//
// # Several servers and concurrent requests
//
// With a shared cache (framework/cache/redis) and a shared database every
// server sees every session. Each request writes the whole session back,
// so of two concurrent requests to one session the last to save wins, as
// in Django; the db engine's own guarantees hold for the row.
// When the cache implements [cache.Replacer], as locmem and redis do, Save
// refreshes the cached copy only if one is there (SET XX), so a save
// racing a logout cannot put the deleted session back in the cache; an
// absent copy is filled by the next Load. As in Django, a Load that misses
// the cache just as another request deletes the session can still cache
// the copy it read, until the session's own expiry.
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
// also implements [session.ExpiredClearer] and [session.Exister]. It is
// safe for concurrent use.
type Store struct {
	c      cache.Cache
	db     *dbstore.Store
	logger *slog.Logger
	now    func() time.Time
}

var (
	_ session.Store          = (*Store)(nil)
	_ session.ExpiredClearer = (*Store)(nil)
	_ session.ExpiredCounter = (*Store)(nil)
	_ session.Exister        = (*Store)(nil)
)

// New returns a store caching the sessions of db in c.
func New(c cache.Cache, db *dbstore.Store, opts Options) *Store {
	s := &Store{c: c, db: db, logger: opts.Logger, now: opts.Now}
	if s.now == nil {
		s.now = time.Now
	}
	return s
}

// Load returns the cached data of key if the cache has it, as Django does
// without looking at the row. On a miss it loads the row (ErrNotFound when
// missing or expired) and caches it until the row's expire_date. The fill
// uses the cache's Add, so it never replaces what a concurrent Save cached.
func (s *Store) Load(ctx context.Context, key string) (string, error) {
	b, ok, err := s.c.Get(ctx, KeyPrefix+key)
	if err != nil {
		s.log().WarnContext(ctx, "error reading from cache", "engine", "cached_db", "err", err)
	} else if ok {
		return string(b), nil
	}
	data, expiry, err := s.db.LoadWithExpiry(ctx, key)
	if err != nil {
		if errors.Is(err, session.ErrNotFound) {
			return "", err
		}
		return "", fmt.Errorf("cacheddbstore: %w", err)
	}
	if ttl := expiry.Sub(s.now()); ttl > 0 {
		if _, err := s.c.Add(ctx, KeyPrefix+key, []byte(data), ttl); err != nil {
			s.log().WarnContext(ctx, "error saving to cache", "engine", "cached_db", "err", err)
		}
	}
	return data, nil
}

// Create inserts the row (ErrKeyExists on a duplicate key), then caches it.
func (s *Store) Create(ctx context.Context, key, data string, expiry time.Time) error {
	if err := s.db.Create(ctx, key, data, expiry); err != nil {
		if errors.Is(err, session.ErrKeyExists) {
			return err
		}
		return fmt.Errorf("cacheddbstore: %w", err)
	}
	s.cache(ctx, key, data, expiry, false)
	return nil
}

// Save updates the row (ErrNotFound when it is gone, and then the cached
// copy is dropped too), then caches it: with a [cache.Replacer] cache,
// only over a cached copy that is still there.
func (s *Store) Save(ctx context.Context, key, data string, expiry time.Time) error {
	if err := s.db.Save(ctx, key, data, expiry); err != nil {
		if errors.Is(err, session.ErrNotFound) {
			s.uncache(ctx, key)
			return err
		}
		return fmt.Errorf("cacheddbstore: %w", err)
	}
	s.cache(ctx, key, data, expiry, true)
	return nil
}

// Delete deletes the row, then the cache entry. A cache failure is
// returned: the cached copy would otherwise keep the session alive.
func (s *Store) Delete(ctx context.Context, key string) error {
	if err := s.db.Delete(ctx, key); err != nil {
		return fmt.Errorf("cacheddbstore: %w", err)
	}
	if err := s.c.Delete(ctx, KeyPrefix+key); err != nil {
		if errors.Is(err, cache.ErrUnavailable) {
			return fmt.Errorf("cacheddbstore: delete from cache: %w: %w", session.ErrUnavailable, err)
		}
		return fmt.Errorf("cacheddbstore: delete from cache: %w", err)
	}
	return nil
}

// Exists reports whether key is cached or has a row, expired or not.
func (s *Store) Exists(ctx context.Context, key string) (bool, error) {
	if _, ok, err := s.c.Get(ctx, KeyPrefix+key); err == nil && ok {
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

// cache stores data until expiry, or drops the entry if expiry has
// passed. With replace and a [cache.Replacer], it stores only over an
// entry that is there. Failures are logged, and the entry is then dropped
// if possible so that the cache never serves data older than the table's.
func (s *Store) cache(ctx context.Context, key, data string, expiry time.Time, replace bool) {
	ttl := expiry.Sub(s.now())
	if ttl <= 0 {
		s.uncache(ctx, key)
		return
	}
	var err error
	if r, ok := s.c.(cache.Replacer); ok && replace {
		_, err = r.Replace(ctx, KeyPrefix+key, []byte(data), ttl)
	} else {
		err = s.c.Set(ctx, KeyPrefix+key, []byte(data), ttl)
	}
	if err != nil {
		s.log().WarnContext(ctx, "error saving to cache", "engine", "cached_db", "err", err)
		s.uncache(ctx, key)
	}
}

func (s *Store) uncache(ctx context.Context, key string) {
	if err := s.c.Delete(ctx, KeyPrefix+key); err != nil {
		s.log().WarnContext(ctx, "error deleting from cache", "engine", "cached_db", "err", err)
	}
}

func (s *Store) log() *slog.Logger {
	if s.logger != nil {
		return s.logger
	}
	return slog.Default()
}
