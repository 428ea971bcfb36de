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
//
// # Several servers and concurrent requests
//
// With a shared cache (framework/cache/redis) every server sees every
// session. Each request loads the session when it first uses it and, if
// it changed it, writes it back when it responds. When the cache
// implements [cache.Swapper] (locmem does), [New] returns a [SwapStore],
// whose SaveIf writes only if the entry still holds what the request
// loaded: concurrent requests to one session then merge their changes
// key by key ([session.ConditionalSaver]). Over other caches [New]
// returns a plain [Store]: of two concurrent requests to one session the
// last to save wins and the other's changes are lost, as in Django.
// Creating a session never
// overwrites another (the cache's atomic Add). When the cache implements
// [cache.Replacer], as locmem and redis do, Save is one atomic
// replace-if-present, so a save never brings back a session that a
// concurrent request deleted (logged out or cycled); other caches get
// Django's get-then-set, where such a save can land just after the delete.
//
// A cache that cannot be reached fails Load, Create, Save, Delete and
// Exists with an error wrapping both [cache.ErrUnavailable] and
// [session.ErrUnavailable], which the session middleware answers with 503.
package cachestore

import (
	"context"
	"errors"
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

// SwapStore is the [Store] of a cache that is a [cache.Swapper]; it also
// implements [session.ConditionalSaver].
type SwapStore struct {
	*Store
	sw cache.Swapper
}

var (
	_ session.Store            = (*Store)(nil)
	_ session.ExpiredClearer   = (*Store)(nil)
	_ session.Exister          = (*Store)(nil)
	_ session.ConditionalSaver = (*SwapStore)(nil)
)

// New returns a store keeping sessions in c: a *[SwapStore] when c is a
// [cache.Swapper], so that concurrent requests to one session merge, else
// a *[Store].
func New(c cache.Cache, opts Options) session.Store {
	s := &Store{c: c, now: opts.Now}
	if s.now == nil {
		s.now = time.Now
	}
	if sw, ok := c.(cache.Swapper); ok {
		return &SwapStore{Store: s, sw: sw}
	}
	return s
}

// Load returns the cached data of key. An absent entry (never stored,
// expired or evicted) is ErrNotFound. A cache error is returned wrapped,
// where Django counts it as a miss: an outage then answers 503 (other
// failures 500) instead of silently starting empty sessions.
func (s *Store) Load(ctx context.Context, key string) (string, error) {
	b, ok, err := s.c.Get(ctx, KeyPrefix+key)
	if err != nil {
		return "", wrap("load", err)
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
			return wrap("create", err)
		}
		if ok {
			return session.ErrKeyExists
		}
		return nil
	}
	added, err := s.c.Add(ctx, KeyPrefix+key, []byte(data), ttl)
	if err != nil {
		return wrap("create", err)
	}
	if !added {
		return session.ErrKeyExists
	}
	return nil
}

// Save replaces the entry only if it is present, else ErrNotFound
// (Django's UpdateError). With a [cache.Replacer] cache that is one atomic
// step. Otherwise presence is checked with a Get before the Set, as in
// Django, so a Delete landing between the two is undone. An expiry
// already past deletes the entry.
func (s *Store) Save(ctx context.Context, key, data string, expiry time.Time) error {
	k, ttl := KeyPrefix+key, expiry.Sub(s.now())
	if r, ok := s.c.(cache.Replacer); ok && ttl > 0 {
		replaced, err := r.Replace(ctx, k, []byte(data), ttl)
		if err != nil {
			return wrap("save", err)
		}
		if !replaced {
			return session.ErrNotFound
		}
		return nil
	}
	_, ok, err := s.c.Get(ctx, k)
	if err != nil {
		return wrap("save", err)
	}
	if !ok {
		return session.ErrNotFound
	}
	if ttl <= 0 {
		err = s.c.Delete(ctx, k)
	} else {
		err = s.c.Set(ctx, k, []byte(data), ttl)
	}
	if err != nil {
		return wrap("save", err)
	}
	return nil
}

// SaveIf replaces the entry of key only while it holds old, in one
// atomic Swap: ErrConflict when it holds other data, ErrNotFound when it
// is absent (told apart by a Get after a failed Swap). An expiry already
// past deletes the entry after comparing it, in two steps.
func (s *SwapStore) SaveIf(ctx context.Context, key, old, data string, expiry time.Time) error {
	k, ttl := KeyPrefix+key, expiry.Sub(s.now())
	if ttl > 0 {
		swapped, err := s.sw.Swap(ctx, k, []byte(old), []byte(data), ttl)
		if err != nil {
			return wrap("save", err)
		}
		if swapped {
			return nil
		}
	}
	cur, ok, err := s.c.Get(ctx, k)
	switch {
	case err != nil:
		return wrap("save", err)
	case !ok:
		return session.ErrNotFound
	case ttl > 0 || string(cur) != old:
		return session.ErrConflict
	}
	if err := s.c.Delete(ctx, k); err != nil {
		return wrap("save", err)
	}
	return nil
}

// Delete removes the entry of key.
func (s *Store) Delete(ctx context.Context, key string) error {
	if err := s.c.Delete(ctx, KeyPrefix+key); err != nil {
		return wrap("delete", err)
	}
	return nil
}

// Exists reports whether the cache holds an entry for key (Django's
// exists). Expired entries are gone from the cache, so they count as
// missing.
func (s *Store) Exists(ctx context.Context, key string) (bool, error) {
	_, ok, err := s.c.Get(ctx, KeyPrefix+key)
	if err != nil {
		return false, wrap("exists", err)
	}
	return ok, nil
}

// ClearExpired does nothing and returns nil, as Django's cache engine
// does: the cache expires entries itself. It lets clearsessions succeed.
func (s *Store) ClearExpired(context.Context) error { return nil }

// wrap names the operation; an unreachable cache also wraps
// session.ErrUnavailable, so the middleware answers 503.
func wrap(op string, err error) error {
	if errors.Is(err, cache.ErrUnavailable) {
		return fmt.Errorf("cachestore: %s: %w: %w", op, session.ErrUnavailable, err)
	}
	return fmt.Errorf("cachestore: %s: %w", op, err)
}
