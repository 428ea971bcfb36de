package session

import (
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/manouche-go/manouche/framework/signing"
)

// sizedDict returns a session of about n bytes of JSON: a counter and
// pseudo-random strings of up to 1 KiB, plus a nested list.
func sizedDict(n int) *signing.Dict {
	d := signing.NewDict()
	d.Set("n", int64(1))
	d.Set("cart", []any{map[string]any{"sku": "a1", "qty": int64(2)}})
	seed := uint32(n)
	for i := 0; n > 0; i++ {
		size := min(n, 1024)
		var b strings.Builder
		for range size {
			seed = seed*1664525 + 1013904223
			b.WriteByte("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_"[seed>>26])
		}
		d.Set(fmt.Sprintf("pad%03d", i), b.String())
		n -= size
	}
	return d
}

func TestCodec_Decode_reuse(t *testing.T) {
	c, _ := vectorCodec(t, testSecret)
	enc, err := c.Encode(sizedDict(8<<10), frozen)
	if err != nil {
		t.Fatal(err)
	}
	want := marshal(t, sizedDict(8<<10))
	first := c.Decode(enc)
	if got := marshal(t, first); got != want {
		t.Fatalf("first Decode: got %.80s…, want %.80s…", got, want)
	}
	first.Set("n", int64(99))
	first.Delete("pad000")
	cart, _ := first.Get("cart")
	cart.([]any)[0].(map[string]any)["qty"] = int64(7)
	second := c.Decode(enc)
	if got := marshal(t, second); got != want {
		t.Errorf("Decode after the first result was changed: got %.80s…, want %.80s…", got, want)
	}
	if c.cache.size == 0 {
		t.Errorf("cache size after decoding 8 KiB: got 0, want the entry")
	}
}

// TestCodec_Decode_types: the Dict Decode returns, from the cache too,
// holds JSON's types (int64, []any), never the Go values
// that were encoded (int, []string).
func TestCodec_Decode_types(t *testing.T) {
	c, _ := vectorCodec(t, testSecret)
	d := signing.NewDict()
	d.Set("n", 42)
	d.Set("s", []string{"a"})
	enc, err := c.Encode(d, frozen)
	if err != nil {
		t.Fatal(err)
	}
	for i := range 2 {
		got := c.Decode(enc)
		if n, _ := got.Get("n"); n != int64(42) {
			t.Errorf("Decode #%d: n = %#v, want int64(42)", i, n)
		}
		if s, _ := got.Get("s"); fmt.Sprintf("%#v", s) != `[]interface {}{"a"}` {
			t.Errorf("Decode #%d: s = %#v, want []any{\"a\"}", i, s)
		}
	}
}

// TestCodec_Decode_tamperedNotKept: data that does not verify is never
// remembered, and every Decode of it logs the corruption again.
func TestCodec_Decode_tamperedNotKept(t *testing.T) {
	c, logs := vectorCodec(t, testSecret)
	other, _ := vectorCodec(t, "another secret key")
	foreign, err := other.Encode(sizedDict(4<<10), frozen)
	if err != nil {
		t.Fatal(err)
	}
	for i := range 2 {
		if d := c.Decode(foreign); d.Len() != 0 {
			t.Errorf("Decode(foreign) #%d: got %d keys, want 0", i, d.Len())
		}
	}
	if n := len(logs.take()); n != 2 {
		t.Errorf("warnings: got %d, want 2 (one per Decode)", n)
	}
	if c.cache.size != 0 || len(c.cache.m) != 0 {
		t.Errorf("cache after foreign data: got %d entries, %d bytes, want none", len(c.cache.m), c.cache.size)
	}
}

func TestDecodeCache_bounds(t *testing.T) {
	tests := []struct {
		name     string
		size     int
		wantKept bool
	}{
		{"100 B is kept", 100, true},
		{"4 KiB is kept", 4 << 10, true},
		{"over an eighth of the budget is not kept", 40 << 10, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := newDecodeCache(256 << 10)
			data := strings.Repeat("x", tt.size)
			c.add(data, sizedDict(tt.size))
			c.add(data, sizedDict(tt.size)) // kept the second time
			if got := c.get(data) != nil; got != tt.wantKept {
				t.Errorf("kept: got %v, want %v", got, tt.wantKept)
			}
		})
	}
}

func TestDecodeCache_evictsLeastRecentlyUsed(t *testing.T) {
	const budget = 256 << 10
	c := newDecodeCache(budget)
	keys := make([]string, 40)
	for i := range keys {
		keys[i] = fmt.Sprintf("%04d", i) + strings.Repeat("x", 4<<10)
		c.add(keys[i], sizedDict(4<<10))
		c.add(keys[i], sizedDict(4<<10))
		c.get(keys[0]) // keeps the first one recently used
	}
	if c.size > budget {
		t.Errorf("size: got %d, want at most %d", c.size, budget)
	}
	if c.get(keys[0]) == nil {
		t.Errorf("the entry read after every add was evicted")
	}
	if c.get(keys[1]) != nil {
		t.Errorf("the oldest unread entry is still there")
	}
	if c.get(keys[len(keys)-1]) == nil {
		t.Errorf("the newest entry was evicted")
	}
	if n := len(c.m); n != c.order.Len() || n >= len(keys) {
		t.Errorf("entries: map %d, list %d, want equal and fewer than %d", n, c.order.Len(), len(keys))
	}
}

// TestDecodeCache_keptOnSecondDecode: a string is kept the second time it
// is decoded, so data decoded once each (a session written on every
// request) never fills the cache, while data read again does.
func TestDecodeCache_keptOnSecondDecode(t *testing.T) {
	c := newDecodeCache(DecodeCacheBytes)
	d := sizedDict(100)
	for i := range 10000 {
		c.add(fmt.Sprintf("counter:%d", i), d)
	}
	if len(c.m) != 0 || c.size != 0 {
		t.Errorf("after 10,000 strings decoded once: %d entries, %d bytes, want none", len(c.m), c.size)
	}
	c.add("read:1", d)
	if c.get("read:1") != nil {
		t.Errorf("kept after one decode, want kept after two")
	}
	c.add("read:1", d)
	if c.get("read:1") == nil {
		t.Errorf("not kept after two decodes")
	}
}

// TestCodec_Decode_concurrent: sessions decoding and changing the same
// data at once each get their own copy (run with -race).
func TestCodec_Decode_concurrent(t *testing.T) {
	c, _ := vectorCodec(t, testSecret)
	enc, err := c.Encode(sizedDict(4<<10), frozen)
	if err != nil {
		t.Fatal(err)
	}
	want := marshal(t, sizedDict(4<<10))
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for i := range 50 {
				d := c.Decode(enc)
				if n, _ := d.Get("n"); n != int64(1) {
					t.Errorf("goroutine %d: n = %v, want 1", g, n)
					return
				}
				d.Set("n", int64(g*1000+i))
				cart, _ := d.Get("cart")
				cart.([]any)[0].(map[string]any)["qty"] = int64(i)
			}
		})
	}
	wg.Wait()
	if got := marshal(t, c.Decode(enc)); got != want {
		t.Errorf("Decode after concurrent changes: got %.80s…, want %.80s…", got, want)
	}
}
