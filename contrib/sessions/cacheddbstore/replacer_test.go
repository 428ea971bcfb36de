package cacheddbstore

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/manouche-go/manouche/contrib/sessions/dbstore"
	"github.com/manouche-go/manouche/framework/cache"
	"github.com/manouche-go/manouche/framework/cache/locmem"
	"github.com/manouche-go/manouche/framework/session"
)

// counting is a cache.Replacer that counts Set and Replace calls.
type counting struct {
	*locmem.Cache
	mu             sync.Mutex
	sets, replaces int
}

func (c *counting) Set(ctx context.Context, k string, v []byte, ttl time.Duration) error {
	c.mu.Lock()
	c.sets++
	c.mu.Unlock()
	return c.Cache.Set(ctx, k, v, ttl)
}

func (c *counting) Replace(ctx context.Context, k string, v []byte, ttl time.Duration) (bool, error) {
	c.mu.Lock()
	c.replaces++
	c.mu.Unlock()
	return c.Cache.Replace(ctx, k, v, ttl)
}

func TestSave_replacer(t *testing.T) {
	c := &counting{Cache: locmem.New(locmem.Options{})}
	s := New(c, dbstore.New(openDB(t), dbstore.Options{}), Options{})
	exp := time.Now().Add(time.Hour)
	if err := s.Create(t.Context(), key, "created", exp); err != nil {
		t.Fatal(err)
	}
	if err := s.Save(t.Context(), key, "saved", exp); err != nil {
		t.Fatal(err)
	}
	if got, _, _ := c.Cache.Get(t.Context(), KeyPrefix+key); string(got) != "saved" || c.replaces != 1 || c.sets != 1 {
		t.Errorf("got cached %q after %d Replace and %d Set, want %q after one of each (Create sets, Save replaces)",
			got, c.replaces, c.sets, "saved")
	}
	c.Cache.Delete(t.Context(), KeyPrefix+key)
	if err := s.Save(t.Context(), key, "saved again", exp); err != nil {
		t.Fatal(err)
	}
	if _, ok, _ := c.Cache.Get(t.Context(), KeyPrefix+key); ok {
		t.Errorf("got a cached copy after Save over an evicted one, want none until the next Load")
	}
	if got := loadOK(t, s); got != "saved again" {
		t.Errorf("Load: got %q, want the row's %q", got, "saved again")
	}
	if got, _, _ := c.Cache.Get(t.Context(), KeyPrefix+key); string(got) != "saved again" {
		t.Errorf("got cached %q after Load, want the row filled in", got)
	}
}

func loadOK(t *testing.T, s *Store) string {
	t.Helper()
	got, err := s.Load(t.Context(), key)
	if err != nil {
		t.Fatalf("Load: got %v, want nil", err)
	}
	return got
}

// testSaveRacingDelete deletes a session while other requests keep saving
// it: once Delete has returned, the session stays deleted, in the table
// and in the cache.
func testSaveRacingDelete(t *testing.T, c cache.Cache) {
	s := New(c, dbstore.New(openDB(t), dbstore.Options{}), Options{})
	exp := time.Now().Add(time.Hour)
	if err := s.Create(t.Context(), key, "created", exp); err != nil {
		t.Fatal(err)
	}
	deleted := make(chan struct{})
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			for {
				if err := s.Save(t.Context(), key, "saved", exp); err != nil && !errors.Is(err, session.ErrNotFound) {
					t.Errorf("Save: got %v, want nil or ErrNotFound", err)
					return
				}
				select {
				case <-deleted:
					return
				default:
				}
			}
		})
	}
	time.Sleep(20 * time.Millisecond)
	if err := s.Delete(t.Context(), key); err != nil {
		t.Fatal(err)
	}
	close(deleted)
	wg.Wait()
	if _, err := s.Load(t.Context(), key); !errors.Is(err, session.ErrNotFound) {
		t.Errorf("Load after Delete: got %v, want ErrNotFound (a Save brought the cached copy back)", err)
	}
}

func TestSaveRacingDelete(t *testing.T) {
	testSaveRacingDelete(t, locmem.New(locmem.Options{}))
}
