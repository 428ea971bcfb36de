package cachetest

import (
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/manouche-go/manouche/framework/cache"
)

// goroutines is how many goroutines race in each concurrency case.
const goroutines = 32

var concurrencyCases = []testCase{
	{"of concurrent Adds of one key exactly one wins", func(t *testing.T, c cache.Cache) {
		key := newKey()
		var wins atomic.Int32
		var winner atomic.Value
		var wg sync.WaitGroup
		for i := range goroutines {
			wg.Go(func() {
				v := fmt.Sprint("value ", i)
				added, err := c.Add(t.Context(), key, []byte(v), time.Hour)
				if err != nil {
					t.Errorf("Add: got error %v, want nil", err)
				}
				if added {
					wins.Add(1)
					winner.Store(v)
				}
			})
		}
		wg.Wait()
		if got := wins.Load(); got != 1 {
			t.Fatalf("got %d winners, want 1", got)
		}
		wantValue(t, c, key, winner.Load().(string))
	}},
	{"concurrent Sets of one key leave one whole value", func(t *testing.T, c cache.Cache) {
		key := newKey()
		values := map[string]bool{}
		for i := range goroutines {
			values[fmt.Sprint("value ", i)] = true
		}
		var wg sync.WaitGroup
		for v := range values {
			wg.Go(func() {
				if err := c.Set(t.Context(), key, []byte(v), time.Hour); err != nil {
					t.Errorf("Set: got error %v, want nil", err)
				}
			})
		}
		wg.Wait()
		got, ok, err := c.Get(t.Context(), key)
		if err != nil || !ok || !values[string(got)] {
			t.Errorf("Get: got %s, %v, %v, want one of the values set", abbrev(got), ok, err)
		}
	}},
	{"concurrent use of many keys keeps each key's value", func(t *testing.T, c cache.Cache) {
		prefix := newKey()
		var wg sync.WaitGroup
		for g := range goroutines {
			wg.Go(func() {
				for i := range 20 {
					key := fmt.Sprint(prefix, g, ":", i)
					if err := c.Set(t.Context(), key, []byte(key), time.Hour); err != nil {
						t.Errorf("Set: got error %v, want nil", err)
						return
					}
					got, ok, err := c.Get(t.Context(), key)
					if err != nil || !ok || string(got) != key {
						t.Errorf("Get(%q): got %s, %v, %v, want its own value", key, abbrev(got), ok, err)
						return
					}
				}
			})
		}
		wg.Wait()
	}},
	{"Replace racing Delete never brings the key back", testReplaceRacingDelete},
}

// testReplaceRacingDelete deletes a key while goroutines replace it: once
// Delete has returned, the key stays absent.
func testReplaceRacingDelete(t *testing.T, c cache.Cache) {
	r, key := replacer(t, c), newKey()
	mustSet(t, c, key, "first", time.Hour)
	var wg sync.WaitGroup
	deleted := make(chan struct{})
	for range goroutines {
		wg.Go(func() {
			for {
				if _, err := r.Replace(t.Context(), key, []byte("replaced"), time.Hour); err != nil {
					t.Errorf("Replace: got error %v, want nil", err)
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
	time.Sleep(10 * time.Millisecond)
	mustDelete(t, c, key)
	close(deleted)
	wg.Wait()
	wantAbsent(t, c, key)
}
