// Package cache is the cache vocabulary of manouche: the small [Cache]
// interface the session engines use (the subset of Django's
// django.core.cache BaseCache that django.contrib.sessions needs: get, set,
// add and delete with a timeout) and a registry of backends by name, which
// the CACHES setting's BACKEND selects.
//
// Backends register themselves in init, the way database/sql drivers do:
//
//	import _ "github.com/manouche-go/manouche/framework/cache/locmem"
//
//	c, err := cache.Open(cache.Config{Backend: "locmem"})
package cache

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"sync"
	"time"
)

// ErrUnavailable is wrapped by backends whose cache cannot be reached (a
// network cache that is down). Callers that can live without the cache,
// such as the cached_db session engine, branch on it with errors.Is.
var ErrUnavailable = errors.New("cache: unavailable")

// Cache is a byte cache with per-entry time to live (Django's BaseCache
// get, set, add and delete). Implementations must be safe for concurrent
// use and must copy values in and out, so a caller may reuse its slices.
// Keys are the caller's logical keys: a backend that is shared (a network
// cache) adds its KEY_PREFIX itself. An error that means the cache cannot
// be reached right now wraps [ErrUnavailable]. The conformance suite in
// framework/cache/cachetest checks every sentence of this contract.
type Cache interface {
	// Get returns the value stored under key and true, or false when the
	// key is absent or has expired. A missing key is not an error; an
	// empty value is present.
	Get(ctx context.Context, key string) ([]byte, bool, error)

	// Set stores value under key, replacing any entry and its expiry. The
	// entry expires after ttl; a ttl <= 0 means it never expires.
	Set(ctx context.Context, key string, value []byte, ttl time.Duration) error

	// Add stores value under key only if the key is absent or expired, and
	// reports whether it did (Django's add). The check and the store are
	// one atomic step: of concurrent Adds of one key, exactly one wins. A
	// present entry is left untouched, expiry included.
	Add(ctx context.Context, key string, value []byte, ttl time.Duration) (added bool, err error)

	// Delete removes key. Deleting a missing key is not an error.
	Delete(ctx context.Context, key string) error
}

// Replacer is implemented by caches that can replace an entry only if it
// is present, in one atomic step (Redis's SET XX). The session engines use
// it so that saving a session never brings back one deleted meanwhile.
type Replacer interface {
	// Replace stores value under key, with a new expiry, only if a live
	// entry is there, and reports whether it did. An absent or expired key
	// stays absent. A ttl <= 0 means the entry never expires.
	Replace(ctx context.Context, key string, value []byte, ttl time.Duration) (replaced bool, err error)
}

// Swapper is implemented by caches that can replace an entry only if it
// still holds the bytes the caller read, in one atomic step (a compare and
// swap: a Redis script, the locmem lock). The session engines use it to
// merge concurrent writes to one session instead of losing one of them.
type Swapper interface {
	// Swap stores value under key, with a new expiry, only if a live entry
	// holds exactly the bytes old, and reports whether it did. A missing or
	// expired entry, or one holding other bytes, is left as it is and Swap
	// reports false. A ttl <= 0 means the entry never expires.
	Swap(ctx context.Context, key string, old, value []byte, ttl time.Duration) (swapped bool, err error)
}

// Pinger is implemented by caches that live in another process and can
// check that it answers. In-process caches do not implement it.
type Pinger interface {
	// Ping returns nil when the cache answers, or an error (wrapping
	// [ErrUnavailable] when it cannot be reached).
	Ping(ctx context.Context) error
}

// Ping checks that c answers when it is a [Pinger], and returns nil for
// caches that cannot be unreachable (in-process ones). The start-up checks
// of check and runserver use it to report an unreachable cache.
func Ping(ctx context.Context, c Cache) error {
	p, ok := c.(Pinger)
	if !ok {
		return nil
	}
	if err := p.Ping(ctx); err != nil {
		return fmt.Errorf("cache: ping: %w", err)
	}
	return nil
}

// Config is one entry of the CACHES setting, as a backend receives it.
type Config struct {
	// Backend is BACKEND: the registered name of the backend.
	Backend string
	// Location is LOCATION; its meaning is the backend's.
	Location string
	// KeyPrefix is KEY_PREFIX, for backends shared between sites.
	KeyPrefix string
	// Timeout is TIMEOUT, Django's default entry lifetime. The [Cache]
	// methods always take an explicit ttl, so backends may ignore it (the
	// built-in ones do).
	Timeout time.Duration
	// Options is OPTIONS, passed to the backend as is.
	Options map[string]any
	// MaxEntries is OPTIONS' MAX_ENTRIES when set by code; 0 means the
	// backend reads Options or uses its own default.
	MaxEntries int
}

// Factory builds a [Cache] from its configuration.
type Factory func(cfg Config) (Cache, error)

var registry = struct {
	sync.RWMutex
	m map[string]Factory
}{m: map[string]Factory{}}

// Register makes a backend available to [Open] under name (Django's
// BACKEND dotted path, or a short name). It is meant to be called from
// init and panics on an empty name, a nil factory or a duplicate name, as
// database/sql's Register does.
func Register(name string, f Factory) {
	if name == "" || f == nil {
		panic("cache: Register needs a name and a factory")
	}
	registry.Lock()
	defer registry.Unlock()
	if _, dup := registry.m[name]; dup {
		panic("cache: Register called twice for backend " + name)
	}
	registry.m[name] = f
}

// Open builds the cache cfg describes with the backend registered under
// cfg.Backend. An unknown backend is an error listing the registered ones.
func Open(cfg Config) (Cache, error) {
	registry.RLock()
	f, ok := registry.m[cfg.Backend]
	names := make([]string, 0, len(registry.m))
	if !ok {
		for n := range registry.m {
			names = append(names, n)
		}
	}
	registry.RUnlock()
	if !ok {
		sort.Strings(names)
		list := strings.Join(names, ", ")
		if list == "" {
			list = "none; import a backend package such as framework/cache/locmem"
		}
		return nil, fmt.Errorf("cache: unknown backend %q (registered: %s)", cfg.Backend, list)
	}
	c, err := f(cfg)
	if err != nil {
		return nil, fmt.Errorf("cache: open %s: %w", cfg.Backend, err)
	}
	return c, nil
}
