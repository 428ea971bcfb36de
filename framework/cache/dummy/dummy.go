// Package dummy is a cache that stores nothing, the Go form of Django's
// django.core.cache.backends.dummy.DummyCache. It registers itself with
// cache.Register as backend "dummy" and under Django's dotted name
// "django.core.cache.backends.dummy.DummyCache".
//
// Use it where a cache is required but must not serve stale data: the
// cached_db session engine of a site that shares the django_session table
// with a Django site whose cached_db sessions use a dummy cache too (every
// read then goes to the table, which both sides write), or in tests.
package dummy

import (
	"context"
	"time"

	"github.com/manouche-go/manouche/framework/cache"
)

func init() {
	cache.Register("dummy", open)
	cache.Register("django.core.cache.backends.dummy.DummyCache", open)
}

func open(cache.Config) (cache.Cache, error) { return Cache{}, nil }

// Cache stores nothing: every Get misses, Set and Delete do nothing, and
// Add reports that it stored the value, as Django's DummyCache.add does.
// The zero value is ready to use and safe for concurrent use.
type Cache struct{}

var _ cache.Cache = Cache{}

// Get always misses.
func (Cache) Get(context.Context, string) ([]byte, bool, error) { return nil, false, nil }

// Set does nothing.
func (Cache) Set(context.Context, string, []byte, time.Duration) error { return nil }

// Add does nothing and reports true (Django's DummyCache.add).
func (Cache) Add(context.Context, string, []byte, time.Duration) (bool, error) { return true, nil }

// Delete does nothing.
func (Cache) Delete(context.Context, string) error { return nil }
