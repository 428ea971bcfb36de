package signing

import (
	"reflect"
	"slices"
	"sync"
	"testing"
)

func TestDict(t *testing.T) {
	d := NewDict()
	d.Set("b", 1)
	d.Set("a", 2)
	d.Set("c", 3)
	d.Set("b", 4) // keeps its position
	if got, want := d.Keys(), []string{"b", "a", "c"}; !reflect.DeepEqual(got, want) {
		t.Errorf("Keys: got %v, want %v", got, want)
	}
	if v, ok := d.Get("b"); !ok || v != 4 {
		t.Errorf("Get(b): got %v, %v, want 4, true", v, ok)
	}
	if v, ok := d.Get("missing"); ok || v != nil {
		t.Errorf("Get(missing): got %v, %v, want nil, false", v, ok)
	}
	if !d.Delete("a") || d.Delete("a") {
		t.Errorf("Delete(a): want true then false")
	}
	d.Set("a", 5) // re-added: goes last
	if got, want := d.Keys(), []string{"b", "c", "a"}; !reflect.DeepEqual(got, want) {
		t.Errorf("Keys after re-add: got %v, want %v", got, want)
	}
	if d.Len() != 3 {
		t.Errorf("Len: got %d, want 3", d.Len())
	}
	d.Keys()[0] = "mutated"
	if d.Keys()[0] != "b" {
		t.Errorf("Keys must return a copy")
	}
	var pairs []any
	for k, v := range d.All() {
		pairs = append(pairs, k, v)
	}
	if want := []any{"b", 4, "c", 3, "a", 5}; !reflect.DeepEqual(pairs, want) {
		t.Errorf("All: got %v, want %v", pairs, want)
	}
	for k := range d.All() {
		if k != "b" {
			t.Errorf("All after break: got %q", k)
		}
		break
	}
	if got := mustMarshal(t, d); got != `{"b":4,"c":3,"a":5}` {
		t.Errorf("MarshalJSON: got %s", got)
	}
}

func TestDict_zeroAndNil(t *testing.T) {
	var zero Dict
	zero.Set("k", "v")
	if v, ok := zero.Get("k"); !ok || v != "v" || zero.Len() != 1 {
		t.Errorf("zero Dict: got %v, %v, len %d", v, ok, zero.Len())
	}
	var d *Dict
	if _, ok := d.Get("k"); ok || d.Len() != 0 || d.Keys() != nil || d.Clone().Len() != 0 {
		t.Errorf("nil Dict must read as empty")
	}
	for range d.All() {
		t.Errorf("nil Dict: All yielded")
	}
	if (&Dict{}).Delete("x") {
		t.Errorf("Delete on empty Dict: got true")
	}
}

func TestDict_Clone(t *testing.T) {
	inner := NewDict()
	inner.Set("x", 1)
	d := NewDict()
	d.Set("m", map[string]any{"a": []any{1}})
	d.Set("l", []any{map[string]any{"b": 2}})
	d.Set("d", inner)
	d.Set("s", "str")
	c := d.Clone()
	c.Set("new", true)
	m, _ := c.Get("m")
	m.(map[string]any)["a"].([]any)[0] = 99
	l, _ := c.Get("l")
	l.([]any)[0].(map[string]any)["b"] = 99
	cd, _ := c.Get("d")
	cd.(*Dict).Set("x", 99)
	if got := mustMarshal(t, d); got != `{"m":{"a":[1]},"l":[{"b":2}],"d":{"x":1},"s":"str"}` {
		t.Errorf("original changed through the clone: %s", got)
	}
	if got := mustMarshal(t, c); got != `{"m":{"a":[99]},"l":[{"b":99}],"d":{"x":99},"s":"str","new":true}` {
		t.Errorf("clone: got %s", got)
	}
}

// sharedDict is the Dict the Share tests share: every container type, and
// scalars.
func sharedDict() *Dict {
	inner := NewDict()
	inner.Set("x", int64(1))
	d := NewDict()
	d.Set("m", map[string]any{"a": []any{int64(1)}})
	d.Set("l", []any{map[string]any{"b": int64(2)}})
	d.Set("d", inner)
	d.Set("s", "str")
	d.Set("n", int64(7))
	return d
}

const sharedJSON = `{"m":{"a":[1]},"l":[{"b":2}],"d":{"x":1},"s":"str","n":7}`

// TestDict_Share changes a share in every way a caller can, each on its
// own share: the original never changes, and the share reads its change.
func TestDict_Share(t *testing.T) {
	d := sharedDict()
	for _, tt := range []struct {
		name   string
		change func(*Dict)
		want   string
	}{
		{"Set", func(c *Dict) { c.Set("s", "new") }, `{"m":{"a":[1]},"l":[{"b":2}],"d":{"x":1},"s":"new","n":7}`},
		{"Set a new key", func(c *Dict) { c.Set("z", true) }, `{"m":{"a":[1]},"l":[{"b":2}],"d":{"x":1},"s":"str","n":7,"z":true}`},
		{"Delete", func(c *Dict) { c.Delete("m") }, `{"l":[{"b":2}],"d":{"x":1},"s":"str","n":7}`},
		{"a map read, changed in place", func(c *Dict) {
			m, _ := c.Get("m")
			m.(map[string]any)["a"].([]any)[0] = int64(99)
		}, `{"m":{"a":[99]},"l":[{"b":2}],"d":{"x":1},"s":"str","n":7}`},
		{"a slice read, changed in place", func(c *Dict) {
			l, _ := c.Get("l")
			l.([]any)[0].(map[string]any)["b"] = int64(99)
		}, `{"m":{"a":[1]},"l":[{"b":99}],"d":{"x":1},"s":"str","n":7}`},
		{"a Dict read, changed", func(c *Dict) {
			x, _ := c.Get("d")
			x.(*Dict).Set("x", int64(99))
		}, `{"m":{"a":[1]},"l":[{"b":2}],"d":{"x":99},"s":"str","n":7}`},
		{"values from All, changed in place", func(c *Dict) {
			for k, v := range c.All() {
				if k == "m" {
					v.(map[string]any)["a"] = "all"
				}
			}
		}, `{"m":{"a":"all"},"l":[{"b":2}],"d":{"x":1},"s":"str","n":7}`},
		{"a share of a share, changed", func(c *Dict) { c.Share().Set("s", "other") }, sharedJSON},
		{"a clone of a share, changed", func(c *Dict) { c.Clone().Set("s", "other") }, sharedJSON},
		{"UnmarshalJSON", func(c *Dict) {
			if err := c.UnmarshalJSON([]byte(`{"u":1}`)); err != nil {
				t.Fatal(err)
			}
		}, `{"u":1}`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			c := d.Share()
			if got := mustMarshal(t, c); got != sharedJSON {
				t.Fatalf("share before the change: got %s, want %s", got, sharedJSON)
			}
			tt.change(c)
			if got := mustMarshal(t, c); got != tt.want {
				t.Errorf("share: got %s, want %s", got, tt.want)
			}
			if got := mustMarshal(t, d); got != sharedJSON {
				t.Errorf("original changed through its share: %s", got)
			}
		})
	}
}

// TestDict_Share_readsWithoutCopy checks that a share read only for its
// scalars, keys and length reads the original, not a copy of it.
func TestDict_Share_readsWithoutCopy(t *testing.T) {
	d := sharedDict()
	c := d.Share()
	if v, ok := c.Get("s"); v != "str" || !ok {
		t.Errorf(`Get("s"): got %v, %v`, v, ok)
	}
	if v, ok := c.Get("n"); v != int64(7) || !ok {
		t.Errorf(`Get("n"): got %v, %v`, v, ok)
	}
	if _, ok := c.Get("absent"); ok || c.Delete("absent") {
		t.Error("an absent key: got present")
	}
	if c.Len() != 5 || !slices.Equal(c.Keys(), []string{"m", "l", "d", "s", "n"}) {
		t.Errorf("Len, Keys: got %d, %q", c.Len(), c.Keys())
	}
	if c.shared != d {
		t.Error("reading scalars, keys and an absent key copied the shared Dict")
	}
	c.Get("m")
	if c.shared != nil {
		t.Error("reading a map did not copy the shared Dict")
	}
	if (*Dict)(nil).Share().Len() != 0 {
		t.Error("Share of a nil Dict: got a Dict that is not empty")
	}
}

// TestDict_Share_concurrent has many goroutines read and change their own
// shares of one Dict at once (run with -race).
func TestDict_Share_concurrent(t *testing.T) {
	d := sharedDict()
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Go(func() {
			for range 100 {
				c := d.Share()
				c.Get("s")
				m, _ := c.Get("m")
				m.(map[string]any)["a"] = i
				c.Set("s", i)
				if _, err := MarshalJSON(c); err != nil {
					t.Error(err)
					return
				}
			}
		})
	}
	wg.Wait()
	if got := mustMarshal(t, d); got != sharedJSON {
		t.Errorf("original changed through its shares: %s", got)
	}
}
