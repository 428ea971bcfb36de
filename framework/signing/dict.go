package signing

import (
	"iter"
	"slices"
)

// Dict is a JSON object that keeps insertion order, like a Python dict (the
// session data Django stores). [MarshalJSON] writes its keys in that order.
// The zero value is an empty Dict ready to use. A Dict is not safe for
// concurrent use.
type Dict struct {
	keys []string
	m    map[string]any
	// shared, when not nil, is the read-only Dict this one reads instead
	// of keys and m until it is copied (see [Dict.Share]).
	shared *Dict
}

// NewDict returns an empty Dict.
func NewDict() *Dict {
	return &Dict{m: map[string]any{}}
}

// Get returns the value stored under k and whether it is present (Python's
// d.get / "k in d").
func (d *Dict) Get(k string) (any, bool) {
	if d == nil {
		return nil, false
	}
	if s := d.shared; s != nil {
		v, ok := s.m[k]
		if !copiedByClone(v) {
			return v, ok // what a copy would hold too
		}
		d.own() // the caller may change v in place
	}
	v, ok := d.m[k]
	return v, ok
}

// Set stores v under k. A new key goes last; an existing key keeps its
// position (Python's d[k] = v).
func (d *Dict) Set(k string, v any) {
	d.own()
	if d.m == nil {
		d.m = map[string]any{}
	}
	if _, ok := d.m[k]; !ok {
		d.keys = append(d.keys, k)
	}
	d.m[k] = v
}

// Delete removes k and reports whether it was present (Python's d.pop(k, None)).
func (d *Dict) Delete(k string) bool {
	if _, ok := d.view().m[k]; !ok {
		return false
	}
	d.own()
	delete(d.m, k)
	i := slices.Index(d.keys, k)
	d.keys = slices.Delete(d.keys, i, i+1)
	return true
}

// Keys returns a copy of the keys in insertion order.
//
// Get, Keys, Len, All and Clone treat a nil *Dict as empty.
func (d *Dict) Keys() []string {
	if d == nil {
		return nil
	}
	return slices.Clone(d.view().keys)
}

// Len returns the number of keys.
func (d *Dict) Len() int {
	if d == nil {
		return 0
	}
	return len(d.view().keys)
}

// All iterates over the key/value pairs in insertion order. The Dict must not
// be modified during the iteration.
func (d *Dict) All() iter.Seq2[string, any] {
	return func(yield func(string, any) bool) {
		if d == nil {
			return
		}
		d.own() // the caller may change the values in place
		for _, k := range d.keys {
			if !yield(k, d.m[k]) {
				return
			}
		}
	}
}

// Clone returns a copy of d. Nested map[string]any, []any and *Dict values
// are copied too, so changing the clone never changes d; other values are
// shared. Clone of a nil Dict is an empty Dict.
func (d *Dict) Clone() *Dict {
	if d == nil {
		return NewDict()
	}
	if d.shared != nil { // unchanged since shared: the share is a copy
		return d.shared.Share()
	}
	c := &Dict{m: make(map[string]any, len(d.keys))}
	c.keys = slices.Clone(d.keys)
	for k, v := range d.m {
		c.m[k] = cloneValue(v)
	}
	return c
}

// Share returns a Dict equal to d that reads d itself, without copying
// it, until it is first changed or a value that could be changed in place
// (a map, a slice, a *Dict) is read from it: only then is d copied, as by
// [Dict.Clone]. So a Dict read only for its strings and numbers costs no
// copy. d must never change again: Share is for a Dict kept read-only,
// such as a cache's, and handed out to callers who may change their own
// (many goroutines may read d at once).
func (d *Dict) Share() *Dict {
	switch {
	case d == nil:
		return NewDict()
	case d.shared != nil:
		return &Dict{shared: d.shared}
	}
	return &Dict{shared: d}
}

// own copies the Dict d shares, if any, so that d can change.
func (d *Dict) own() {
	if s := d.shared; s != nil {
		c := s.Clone()
		d.keys, d.m, d.shared = c.keys, c.m, nil
	}
}

// view returns the Dict that holds d's keys and values: d, or the one it
// shares.
func (d *Dict) view() *Dict {
	if d.shared != nil {
		return d.shared
	}
	return d
}

// copiedByClone reports whether Clone copies v rather than sharing it:
// the containers cloneValue deep-copies. A share reads any other value
// from the Dict it shares, since a copy would hold that same value.
func copiedByClone(v any) bool {
	switch v.(type) {
	case map[string]any, []any, *Dict:
		return true
	}
	return false
}

// cloneValue deep-copies the JSON container types.
func cloneValue(v any) any {
	switch x := v.(type) {
	case map[string]any:
		m := make(map[string]any, len(x))
		for k, e := range x {
			m[k] = cloneValue(e)
		}
		return m
	case []any:
		l := make([]any, len(x))
		for i, e := range x {
			l[i] = cloneValue(e)
		}
		return l
	case *Dict:
		return x.Clone()
	}
	return v
}

// MarshalJSON returns the Python-exact JSON of d (see the package-level
// [MarshalJSON]), so encoding/json writes a Dict in insertion order.
func (d *Dict) MarshalJSON() ([]byte, error) {
	return MarshalJSON(d)
}

// UnmarshalJSON replaces d's contents with the JSON object in data, in
// document order (see [UnmarshalDict]).
func (d *Dict) UnmarshalJSON(data []byte) error {
	nd, err := UnmarshalDict(data)
	if err != nil {
		return err
	}
	*d = *nd
	return nil
}
