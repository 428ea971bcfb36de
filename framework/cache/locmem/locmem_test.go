package locmem

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/manouche-go/manouche/framework/cache"
	"github.com/manouche-go/manouche/framework/cache/cachetest"
)

func TestConformance(t *testing.T) {
	cachetest.Run(t, func(t *testing.T) cache.Cache { return New(Options{}) })
}

// clock is a settable time source for TTL tests.
type clock struct{ t atomic.Int64 }

func newClock() *clock {
	c := &clock{}
	c.t.Store(time.Date(2023, 11, 14, 22, 13, 20, 0, time.UTC).UnixNano())
	return c
}
func (c *clock) now() time.Time          { return time.Unix(0, c.t.Load()) }
func (c *clock) advance(d time.Duration) { c.t.Add(int64(d)) }
func get(t *testing.T, c *Cache, k string) (string, bool) {
	t.Helper()
	v, ok, err := c.Get(context.Background(), k)
	if err != nil {
		t.Fatalf("Get(%q): got error %v, want nil", k, err)
	}
	return string(v), ok
}

func TestOperations(t *testing.T) {
	ctx := context.Background()
	type step struct {
		op     string // get, set, add, delete
		key    string
		val    string
		want   string
		wantOK bool // get: present; add: added
	}
	tests := []struct {
		name  string
		steps []step
	}{
		{"get missing", []step{{op: "get", key: "a"}}},
		{"set then get", []step{{op: "set", key: "a", val: "1"}, {op: "get", key: "a", want: "1", wantOK: true}}},
		{"set replaces", []step{{op: "set", key: "a", val: "1"}, {op: "set", key: "a", val: "2"}, {op: "get", key: "a", want: "2", wantOK: true}}},
		{"empty value is present", []step{{op: "set", key: "a"}, {op: "get", key: "a", wantOK: true}}},
		{"add absent", []step{{op: "add", key: "a", val: "1", wantOK: true}, {op: "get", key: "a", want: "1", wantOK: true}}},
		{"add present keeps the old value", []step{{op: "set", key: "a", val: "1"}, {op: "add", key: "a", val: "2"}, {op: "get", key: "a", want: "1", wantOK: true}}},
		{"delete", []step{{op: "set", key: "a", val: "1"}, {op: "delete", key: "a"}, {op: "get", key: "a"}}},
		{"delete missing", []step{{op: "delete", key: "a"}, {op: "get", key: "a"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := New(Options{})
			for i, s := range tt.steps {
				switch s.op {
				case "get":
					got, ok := get(t, c, s.key)
					if got != s.want || ok != s.wantOK {
						t.Errorf("step %d: got Get(%q) = %q, %v, want %q, %v", i, s.key, got, ok, s.want, s.wantOK)
					}
				case "set":
					if err := c.Set(ctx, s.key, []byte(s.val), 0); err != nil {
						t.Fatalf("step %d: got Set error %v, want nil", i, err)
					}
				case "add":
					added, err := c.Add(ctx, s.key, []byte(s.val), 0)
					if err != nil || added != s.wantOK {
						t.Errorf("step %d: got Add = %v, %v, want %v, nil", i, added, err, s.wantOK)
					}
				case "delete":
					if err := c.Delete(ctx, s.key); err != nil {
						t.Fatalf("step %d: got Delete error %v, want nil", i, err)
					}
				}
			}
		})
	}
}

func TestTTL(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name    string
		ttl     time.Duration
		advance time.Duration
		want    bool
	}{
		{"before expiry", 10 * time.Second, 10*time.Second - 1, true},
		{"at expiry", 10 * time.Second, 10 * time.Second, false},
		{"after expiry", 10 * time.Second, time.Hour, false},
		{"zero ttl never expires", 0, 1000 * time.Hour, true},
		{"negative ttl never expires", -time.Second, 1000 * time.Hour, true},
		{"huge ttl does not overflow", time.Duration(1<<63 - 1), 1000 * time.Hour, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			clk := newClock()
			c := New(Options{Now: clk.now})
			if err := c.Set(ctx, "k", []byte("v"), tt.ttl); err != nil {
				t.Fatal(err)
			}
			clk.advance(tt.advance)
			if _, ok := get(t, c, "k"); ok != tt.want {
				t.Errorf("got present %v, want %v", ok, tt.want)
			}
			wantLen := 0
			if tt.want {
				wantLen = 1
			}
			if got := c.Len(); got != wantLen {
				t.Errorf("got Len %d after the read, want %d (expired entries are removed on access)", got, wantLen)
			}
		})
	}
	t.Run("add replaces an expired entry", func(t *testing.T) {
		clk := newClock()
		c := New(Options{Now: clk.now})
		c.Set(ctx, "k", []byte("old"), time.Second)
		clk.advance(time.Second)
		added, _ := c.Add(ctx, "k", []byte("new"), time.Second)
		if got, _ := get(t, c, "k"); !added || got != "new" {
			t.Errorf("got added %v, value %q, want true, %q", added, got, "new")
		}
	})
	t.Run("set moves the expiry", func(t *testing.T) {
		clk := newClock()
		c := New(Options{Now: clk.now})
		c.Set(ctx, "k", []byte("v"), time.Second)
		c.Set(ctx, "k", []byte("v"), time.Hour)
		clk.advance(time.Minute)
		if _, ok := get(t, c, "k"); !ok {
			t.Errorf("got absent, want present (the second Set moved the expiry)")
		}
	})
}

func TestLRUEviction(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name    string
		touch   func(c *Cache) // between filling a, b, c and adding d
		evicted string
	}{
		{"least recently set goes first", func(*Cache) {}, "a"},
		{"a read makes an entry recent", func(c *Cache) { c.Get(ctx, "a") }, "b"},
		{"a set makes an entry recent", func(c *Cache) { c.Set(ctx, "a", []byte("x"), 0) }, "b"},
		{"a failed add does not count as use", func(c *Cache) { c.Add(ctx, "a", []byte("x"), 0) }, "a"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := New(Options{MaxEntries: 3})
			for _, k := range []string{"a", "b", "c"} {
				c.Set(ctx, k, []byte(k), 0)
			}
			tt.touch(c)
			c.Set(ctx, "d", []byte("d"), 0)
			if got := c.Len(); got != 3 {
				t.Errorf("got Len %d, want 3", got)
			}
			for _, k := range []string{"a", "b", "c", "d"} {
				if _, ok := get(t, c, k); ok == (k == tt.evicted) {
					t.Errorf("key %s: got present %v, want %v", k, ok, k != tt.evicted)
				}
			}
		})
	}
}

func TestDefaultMaxEntries(t *testing.T) {
	ctx := context.Background()
	c := New(Options{})
	for i := range DefaultMaxEntries + 5 {
		c.Set(ctx, fmt.Sprint(i), nil, 0)
	}
	if got := c.Len(); got != DefaultMaxEntries {
		t.Errorf("got Len %d, want %d", got, DefaultMaxEntries)
	}
}

func TestCopies(t *testing.T) {
	ctx := context.Background()
	c := New(Options{})
	in := []byte("value")
	c.Set(ctx, "k", in, 0)
	in[0] = 'X'
	out, _, _ := c.Get(ctx, "k")
	if string(out) != "value" {
		t.Fatalf("got %q after changing the Set argument, want %q", out, "value")
	}
	out[0] = 'Y'
	if got, _ := get(t, c, "k"); got != "value" {
		t.Errorf("got %q after changing a Get result, want %q", got, "value")
	}
	in2 := []byte("added")
	c.Add(ctx, "k2", in2, 0)
	in2[0] = 'X'
	if got, _ := get(t, c, "k2"); got != "added" {
		t.Errorf("got %q after changing the Add argument, want %q", got, "added")
	}
}

func TestConcurrentAddOneWins(t *testing.T) {
	ctx := context.Background()
	c := New(Options{})
	const n = 16
	var wins atomic.Int32
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			if ok, _ := c.Add(ctx, "k", []byte(fmt.Sprint(i)), time.Minute); ok {
				wins.Add(1)
			}
		})
	}
	wg.Wait()
	if got := wins.Load(); got != 1 {
		t.Errorf("got %d winners, want 1", got)
	}
}

func TestConcurrentMixed(t *testing.T) {
	ctx := context.Background()
	c := New(Options{MaxEntries: 50})
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for i := range 500 {
				k := fmt.Sprint((g*7 + i) % 100)
				switch i % 4 {
				case 0:
					c.Set(ctx, k, []byte(k), time.Millisecond*time.Duration(i%3))
				case 1:
					if v, ok, _ := c.Get(ctx, k); ok && string(v) != k {
						t.Errorf("got %q under key %q, want %q", v, k, k)
					}
				case 2:
					c.Add(ctx, k, []byte(k), 0)
				default:
					c.Delete(ctx, k)
				}
			}
		})
	}
	wg.Wait()
	if got := c.Len(); got > 50 {
		t.Errorf("got Len %d, want at most 50", got)
	}
}

func TestRegistered(t *testing.T) {
	tests := []struct {
		name    string
		cfg     cache.Config
		wantMax int
		wantErr string
	}{
		{"short name", cache.Config{Backend: "locmem"}, DefaultMaxEntries, ""},
		{"Django dotted name", cache.Config{Backend: "django.core.cache.backends.locmem.LocMemCache"}, DefaultMaxEntries, ""},
		{"MaxEntries field", cache.Config{Backend: "locmem", MaxEntries: 7}, 7, ""},
		{"OPTIONS MAX_ENTRIES", cache.Config{Backend: "locmem", Options: map[string]any{"MAX_ENTRIES": 300}}, 300, ""},
		{"lower-case option from settings", cache.Config{Backend: "locmem", Options: map[string]any{"max_entries": float64(42)}}, 42, ""},
		{"int64 option", cache.Config{Backend: "locmem", Options: map[string]any{"max_entries": int64(9)}}, 9, ""},
		{"field wins over option", cache.Config{Backend: "locmem", MaxEntries: 5, Options: map[string]any{"MAX_ENTRIES": 300}}, 5, ""},
		{"other options ignored", cache.Config{Backend: "locmem", Options: map[string]any{"cull_frequency": 3}}, DefaultMaxEntries, ""},
		{"zero option", cache.Config{Backend: "locmem", Options: map[string]any{"MAX_ENTRIES": 0}}, 0, "want a positive integer"},
		{"fractional option", cache.Config{Backend: "locmem", Options: map[string]any{"MAX_ENTRIES": 1.5}}, 0, "want a positive integer"},
		{"string option", cache.Config{Backend: "locmem", Options: map[string]any{"MAX_ENTRIES": "300"}}, 0, "want a positive integer"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := cache.Open(tt.cfg)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("got error %v, want one containing %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("got error %v, want nil", err)
			}
			if got := c.(*Cache).max; got != tt.wantMax {
				t.Errorf("got MaxEntries %d, want %d", got, tt.wantMax)
			}
		})
	}
}
