// Package cachestore is Django's cache session engine,
// django.contrib.sessions.backends.cache: each session is one entry of a
// [cache.Cache], which expires it natively, and nothing is written to the
// database.
//
// Settings: SESSION_ENGINE "cache", SESSION_CACHE_ALIAS (the CACHES entry
// to use, default "default"; contrib/sessions opens it and passes it to
// [New]). The entry key is Django's logical key,
// "django.contrib.sessions.cache" followed by the session key, and its
// time to live is the session's remaining lifetime.
//
// Interop: the value is the encoded session string (what the db and file
// engines store), not the pickled dict Django's cache backends keep, so a
// cache shared with a Django site cannot be read across (spec section
// 6.2: cache-level interop is unsupported). Sessions vanish when the cache
// evicts them or restarts; use cached_db when that matters.
package cachestore

import (
	"context"
	"fmt"
	"time"

	"github.com/manouche-go/manouche/framework/cache"
	"github.com/manouche-go/manouche/framework/session"
)

// KeyPrefix starts every cache key, Django's
// "django.contrib.sessions.cache".
const KeyPrefix = "django.contrib.sessions.cache"

// Options configures [New]. The zero value uses the system clock.
type Options struct {
	// Now is the clock that turns expiry dates into time to live; nil
	// means time.Now.
	Now func() time.Time
}

// Store is a [session.Store] over a [cache.Cache]. It also implements
// [session.Exister] and, as a no-op, [session.ExpiredClearer]. It is safe
// for concurrent use if the cache is.
type Store struct {
	c   cache.Cache
	now func() time.Time
}

var (
	_ session.Store          = (*Store)(nil)
	_ session.ExpiredClearer = (*Store)(nil)
	_ session.Exister        = (*Store)(nil)
)

// New returns a store keeping sessions in c.
func New(c cache.Cache, opts Options) *Store {
	s := &Store{c: c, now: opts.Now}
	if s.now == nil {
		s.now = time.Now
	}
	return s
}

// Load returns the cached data of key. An absent entry (never stored,
// expired or evicted) is ErrNotFound. A cache error is returned wrapped,
// where Django counts it as a miss: an outage then answers 500 instead of
// silently starting empty sessions.
func (s *Store) Load(ctx context.Context, key string) (string, error) {
	b, ok, err := s.c.Get(ctx, KeyPrefix+key)
	if err != nil {
		return "", fmt.Errorf("cachestore: load: %w", err)
	}
	if !ok {
		return "", session.ErrNotFound
	}
	return string(b), nil
}

// Create adds the entry with the cache's atomic Add (Django's cache.add
// with must_create); a present entry is ErrKeyExists. With an expiry
// already past nothing is stored, as a zero timeout stores nothing in
// Django, but a present entry is still reported.
func (s *Store) Create(ctx context.Context, key, data string, expiry time.Time) error {
	ttl := expiry.Sub(s.now())
	if ttl <= 0 {
		_, ok, err := s.c.Get(ctx, KeyPrefix+key)
		if err != nil {
			return fmt.Errorf("cachestore: create: %w", err)
		}
		if ok {
			return session.ErrKeyExists
		}
		return nil
	}
	added, err := s.c.Add(ctx, KeyPrefix+key, []byte(data), ttl)
	if err != nil {
		return fmt.Errorf("cachestore: create: %w", err)
	}
	if !added {
		return session.ErrKeyExists
	}
	return nil
}

// Save replaces the entry only if it is present, else ErrNotFound
// (Django's UpdateError). As in Django, presence is checked with a Get
// before the Set, so a Delete landing between the two is undone: the
// cache interface has no atomic replace. An expiry already past deletes
// the entry.
func (s *Store) Save(ctx context.Context, key, data string, expiry time.Time) error {
	k := KeyPrefix + key
	_, ok, err := s.c.Get(ctx, k)
	if err != nil {
		return fmt.Errorf("cachestore: save: %w", err)
	}
	if !ok {
		return session.ErrNotFound
	}
	ttl := expiry.Sub(s.now())
	if ttl <= 0 {
		err = s.c.Delete(ctx, k)
	} else {
		err = s.c.Set(ctx, k, []byte(data), ttl)
	}
	if err != nil {
		return fmt.Errorf("cachestore: save: %w", err)
	}
	return nil
}

// Delete removes the entry of key.
func (s *Store) Delete(ctx context.Context, key string) error {
	if err := s.c.Delete(ctx, KeyPrefix+key); err != nil {
		return fmt.Errorf("cachestore: delete: %w", err)
	}
	return nil
}

// Exists reports whether the cache holds an entry for key (Django's
// exists). Expired entries are gone from the cache, so they count as
// missing.
func (s *Store) Exists(ctx context.Context, key string) (bool, error) {
	_, ok, err := s.c.Get(ctx, KeyPrefix+key)
	if err != nil {
		return false, fmt.Errorf("cachestore: exists: %w", err)
	}
	return ok, nil
}

// ClearExpired does nothing and returns nil, as Django's cache engine
// does: the cache expires entries itself. It lets clearsessions succeed.
func (s *Store) ClearExpired(context.Context) error { return nil }
