package signing

import (
	"reflect"
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
