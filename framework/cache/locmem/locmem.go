// Package locmem is an in-process cache, the Go form of Django's
// django.core.cache.backends.locmem.LocMemCache. It registers itself with
// [cache.Register] as backend "locmem" and under Django's dotted name
// "django.core.cache.backends.locmem.LocMemCache", so CACHES can name it
// either way.
//
// The cache is bounded: it holds at most MaxEntries entries (OPTIONS
// MAX_ENTRIES; the default here is [DefaultMaxEntries], 10000, rather than
// Django's 300, because session engines keep one entry per visitor) and
// evicts the least recently used entry when full, where Django culls a
// third of its entries. Entries past their time to live are removed when
// they are read or reach the eviction end. Unlike Django, two caches with
// the same LOCATION do not share entries: share the [Cache] value instead.
package locmem

import (
	"bytes"
	"context"
	"fmt"
	"math"
	"strings"
	"sync"
	"time"

	"github.com/manouche-go/manouche/framework/cache"
)

// DefaultMaxEntries is the capacity of a cache whose MaxEntries is zero.
const DefaultMaxEntries = 10000

func init() {
	cache.Register("locmem", open)
	cache.Register("django.core.cache.backends.locmem.LocMemCache", open)
}

// Options configures [New]. The zero value is a cache of
// [DefaultMaxEntries] entries on the system clock.
type Options struct {
	// MaxEntries bounds the number of entries (Django's MAX_ENTRIES);
	// zero or less means DefaultMaxEntries.
	MaxEntries int
	// Now is the clock for time-to-live checks; nil means time.Now.
	Now func() time.Time
}

// Cache is an in-process, bounded LRU [cache.Cache] with per-entry time to
// live. It also implements [cache.Replacer] and [cache.Swapper]. It is safe for concurrent use.
// Values are copied in and out. Context arguments are ignored: no method
// blocks on anything but a mutex.
type Cache struct {
	mu    sync.Mutex
	items map[string]*entry
	root  entry // root.next is the most recently used entry, root.prev the least
	max   int
	now   func() time.Time
}

type entry struct {
	key        string
	val        []byte // never mutated once stored: replaced as a whole
	exp        int64  // unix nanoseconds; 0 = never
	prev, next *entry
}

var (
	_ cache.Cache    = (*Cache)(nil)
	_ cache.Replacer = (*Cache)(nil)
	_ cache.Swapper  = (*Cache)(nil)
)

// New returns an empty cache configured by opts.
func New(opts Options) *Cache {
	c := &Cache{items: map[string]*entry{}, max: opts.MaxEntries, now: opts.Now}
	if c.max <= 0 {
		c.max = DefaultMaxEntries
	}
	if c.now == nil {
		c.now = time.Now
	}
	c.root.next, c.root.prev = &c.root, &c.root
	return c
}

// open is the registered [cache.Factory]: MaxEntries comes from
// cfg.MaxEntries, else from OPTIONS' MAX_ENTRIES (any letter case).
func open(cfg cache.Config) (cache.Cache, error) {
	n := cfg.MaxEntries
	if n <= 0 {
		for k, v := range cfg.Options {
			if !strings.EqualFold(k, "MAX_ENTRIES") {
				continue
			}
			var err error
			if n, err = positiveInt(v); err != nil {
				return nil, fmt.Errorf("locmem: OPTIONS MAX_ENTRIES: %w", err)
			}
		}
	}
	return New(Options{MaxEntries: n}), nil
}

func positiveInt(v any) (int, error) {
	var n float64
	switch v := v.(type) {
	case int:
		n = float64(v)
	case int64:
		n = float64(v)
	case float64:
		n = v
	default:
		return 0, fmt.Errorf("got %T %v, want a positive integer", v, v)
	}
	if n < 1 || n != math.Trunc(n) || n > math.MaxInt32 {
		return 0, fmt.Errorf("got %v, want a positive integer", v)
	}
	return int(n), nil
}

// Get returns a copy of the value under key, if present and not expired.
func (c *Cache) Get(_ context.Context, key string) ([]byte, bool, error) {
	c.mu.Lock()
	e := c.items[key]
	if e == nil {
		c.mu.Unlock()
		return nil, false, nil
	}
	if e.exp != 0 && c.now().UnixNano() >= e.exp {
		c.remove(e)
		c.mu.Unlock()
		return nil, false, nil
	}
	c.moveToFront(e)
	v := e.val
	c.mu.Unlock()
	return append([]byte{}, v...), true, nil
}

// Set stores a copy of value under key for ttl (ttl <= 0: no expiry).
func (c *Cache) Set(_ context.Context, key string, value []byte, ttl time.Duration) error {
	v := append([]byte{}, value...)
	c.mu.Lock()
	c.store(key, v, c.expiry(ttl))
	c.mu.Unlock()
	return nil
}

// Add stores a copy of value under key unless a live entry is there.
func (c *Cache) Add(_ context.Context, key string, value []byte, ttl time.Duration) (bool, error) {
	v := append([]byte{}, value...)
	c.mu.Lock()
	defer c.mu.Unlock()
	now := c.now().UnixNano()
	if e := c.items[key]; e != nil && (e.exp == 0 || now < e.exp) {
		return false, nil
	}
	c.store(key, v, expiryAt(now, ttl))
	return true, nil
}

// Replace stores a copy of value under key only if a live entry is there
// ([cache.Replacer]).
func (c *Cache) Replace(_ context.Context, key string, value []byte, ttl time.Duration) (bool, error) {
	return c.storeOver(key, value, ttl, func(*entry) bool { return true }), nil
}

// Swap stores value under key only if a live entry holds exactly old
// ([cache.Swapper]); the comparison and the store happen under one lock.
func (c *Cache) Swap(_ context.Context, key string, old, value []byte, ttl time.Duration) (bool, error) {
	return c.storeOver(key, value, ttl, func(e *entry) bool { return bytes.Equal(e.val, old) }), nil
}

// storeOver stores a copy of value under key only if a live entry is
// there and match accepts it, and reports whether it did. An expired
// entry is removed on the way.
func (c *Cache) storeOver(key string, value []byte, ttl time.Duration, match func(*entry) bool) bool {
	v := append([]byte{}, value...)
	c.mu.Lock()
	defer c.mu.Unlock()
	now := c.now().UnixNano()
	e := c.items[key]
	if e == nil {
		return false
	}
	if e.exp != 0 && now >= e.exp {
		c.remove(e)
		return false
	}
	if !match(e) {
		return false
	}
	c.store(key, v, expiryAt(now, ttl))
	return true
}

// Delete removes key.
func (c *Cache) Delete(_ context.Context, key string) error {
	c.mu.Lock()
	if e := c.items[key]; e != nil {
		c.remove(e)
	}
	c.mu.Unlock()
	return nil
}

// Len returns the number of entries held, counting expired entries not
// removed yet.
func (c *Cache) Len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.items)
}

func (c *Cache) expiry(ttl time.Duration) int64 {
	if ttl <= 0 {
		return 0
	}
	return expiryAt(c.now().UnixNano(), ttl)
}

// expiryAt returns now+ttl in unix nanoseconds, 0 for no expiry; it
// saturates instead of overflowing.
func expiryAt(now int64, ttl time.Duration) int64 {
	if ttl <= 0 {
		return 0
	}
	if int64(ttl) > math.MaxInt64-now {
		return math.MaxInt64
	}
	return now + int64(ttl)
}

// store inserts or replaces key as the most recently used entry, then
// evicts from the least recently used end down to the bound. c.mu is held.
func (c *Cache) store(key string, v []byte, exp int64) {
	if e := c.items[key]; e != nil {
		e.val, e.exp = v, exp
		c.moveToFront(e)
		return
	}
	e := &entry{key: key, val: v, exp: exp}
	c.items[key] = e
	c.link(e)
	for len(c.items) > c.max {
		c.remove(c.root.prev)
	}
}

func (c *Cache) link(e *entry) {
	e.prev, e.next = &c.root, c.root.next
	e.prev.next, e.next.prev = e, e
}

func (c *Cache) unlink(e *entry) {
	e.prev.next, e.next.prev = e.next, e.prev
	e.prev, e.next = nil, nil
}

func (c *Cache) moveToFront(e *entry) {
	if c.root.next != e {
		c.unlink(e)
		c.link(e)
	}
}

func (c *Cache) remove(e *entry) {
	c.unlink(e)
	delete(c.items, e.key)
}
