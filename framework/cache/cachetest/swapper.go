package cachetest

import (
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/manouche-go/manouche/framework/cache"
)

var swapperCases = []testCase{
	{"Swap stores over the bytes it was given and reports it", func(t *testing.T, c cache.Cache) {
		s, key := swapper(t, c), newKey()
		mustSet(t, c, key, "first", time.Hour)
		mustSwap(t, s, key, "first", "second", time.Hour, true)
		wantValue(t, c, key, "second")
	}},
	{"Swap leaves an entry holding other bytes as it is", func(t *testing.T, c cache.Cache) {
		s, key := swapper(t, c), newKey()
		mustSet(t, c, key, "changed", time.Hour)
		mustSwap(t, s, key, "first", "second", time.Hour, false)
		wantValue(t, c, key, "changed")
	}},
	{"Swap leaves a missing key absent", func(t *testing.T, c cache.Cache) {
		s, key := swapper(t, c), newKey()
		mustSwap(t, s, key, "", "value", time.Hour, false)
		wantAbsent(t, c, key)
	}},
	{"Swap after Delete leaves the key absent", func(t *testing.T, c cache.Cache) {
		s, key := swapper(t, c), newKey()
		mustSet(t, c, key, "first", time.Hour)
		mustDelete(t, c, key)
		mustSwap(t, s, key, "first", "second", time.Hour, false)
		wantAbsent(t, c, key)
	}},
	{"Swap gives the entry its new expiry", func(t *testing.T, c cache.Cache) {
		s, key := swapper(t, c), newKey()
		mustSet(t, c, key, "first", time.Hour)
		mustSwap(t, s, key, "first", "second", time.Second, true)
		time.Sleep(1100 * time.Millisecond)
		wantAbsent(t, c, key)
	}},
	{"of concurrent Swaps from one value exactly one wins", func(t *testing.T, c cache.Cache) {
		s, key := swapper(t, c), newKey()
		mustSet(t, c, key, "start", time.Hour)
		var wins atomic.Int32
		var wg sync.WaitGroup
		for i := range goroutines {
			wg.Go(func() {
				ok, err := s.Swap(t.Context(), key, []byte("start"), []byte{'v', byte('a' + i%26)}, time.Hour)
				if err != nil {
					t.Errorf("Swap: got error %v, want nil", err)
				}
				if ok {
					wins.Add(1)
				}
			})
		}
		wg.Wait()
		if got := wins.Load(); got != 1 {
			t.Errorf("concurrent Swaps from one value: %d won, want exactly 1", got)
		}
	}},
	{"changing the slices given to Swap does not change the entry", func(t *testing.T, c cache.Cache) {
		s, key := swapper(t, c), newKey()
		mustSet(t, c, key, "first", time.Hour)
		in := []byte("value")
		if _, err := s.Swap(t.Context(), key, []byte("first"), in, time.Hour); err != nil {
			t.Fatalf("Swap: got error %v, want nil", err)
		}
		in[0] = 'X'
		wantValue(t, c, key, "value")
	}},
}

func swapper(t *testing.T, c cache.Cache) cache.Swapper {
	t.Helper()
	s, ok := c.(cache.Swapper)
	if !ok {
		t.Skipf("%T does not implement cache.Swapper", c)
	}
	return s
}

// mustSwap calls Swap and checks whether it stored.
func mustSwap(t *testing.T, s cache.Swapper, key, old, value string, ttl time.Duration, want bool) {
	t.Helper()
	swapped, err := s.Swap(t.Context(), key, []byte(old), []byte(value), ttl)
	if err != nil {
		t.Fatalf("Swap: got error %v, want nil", err)
	}
	if swapped != want {
		t.Errorf("Swap(%q → %q): got swapped %v, want %v", old, value, swapped, want)
	}
}
