package cachetest_test

import (
	"bytes"
	"context"
	"sync"
	"testing"
	"time"

	"github.com/manouche-go/manouche/framework/cache"
	"github.com/manouche-go/manouche/framework/cache/cachetest"
)

// memCache is the smallest correct cache.Cache, with every optional
// abilities: the suite must pass on it.
type memCache struct {
	mu sync.Mutex
	m  map[string]entry
}

type entry struct {
	v   []byte
	exp time.Time // zero: never
}

func (e entry) live() bool { return e.exp.IsZero() || time.Now().Before(e.exp) }

func expiry(ttl time.Duration) time.Time {
	if ttl <= 0 {
		return time.Time{}
	}
	return time.Now().Add(ttl)
}

func (c *memCache) Get(_ context.Context, k string) ([]byte, bool, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.m[k]
	if !ok || !e.live() {
		return nil, false, nil
	}
	return append([]byte{}, e.v...), true, nil
}

func (c *memCache) Set(_ context.Context, k string, v []byte, ttl time.Duration) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.m[k] = entry{append([]byte{}, v...), expiry(ttl)}
	return nil
}

func (c *memCache) Add(_ context.Context, k string, v []byte, ttl time.Duration) (bool, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.m[k]; ok && e.live() {
		return false, nil
	}
	c.m[k] = entry{append([]byte{}, v...), expiry(ttl)}
	return true, nil
}

func (c *memCache) Replace(_ context.Context, k string, v []byte, ttl time.Duration) (bool, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.m[k]; !ok || !e.live() {
		return false, nil
	}
	c.m[k] = entry{append([]byte{}, v...), expiry(ttl)}
	return true, nil
}

func (c *memCache) Swap(_ context.Context, k string, old, v []byte, ttl time.Duration) (bool, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.m[k]; !ok || !e.live() || !bytes.Equal(e.v, old) {
		return false, nil
	}
	c.m[k] = entry{append([]byte{}, v...), expiry(ttl)}
	return true, nil
}

func (c *memCache) Delete(_ context.Context, k string) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	delete(c.m, k)
	return nil
}

func (c *memCache) Ping(context.Context) error { return nil }

// basic hides the optional abilities of the cache it wraps.
type basic struct{ cache.Cache }

func TestRun(t *testing.T) {
	t.Run("with abilities", func(t *testing.T) {
		cachetest.Run(t, func(*testing.T) cache.Cache { return &memCache{m: map[string]entry{}} })
	})
	t.Run("without abilities", func(t *testing.T) {
		cachetest.Run(t, func(*testing.T) cache.Cache { return basic{&memCache{m: map[string]entry{}}} })
	})
}
