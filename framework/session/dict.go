package session

import (
	"fmt"
	"maps"
	"slices"

	"github.com/manouche-go/manouche/framework/signing"
)

// Item is one key and value of a session, as returned by [Session.Items].
type Item struct {
	Key   string
	Value any
}

// Get returns the value stored under k and whether it was present
// (Django's get and s[k]). It marks the session accessed.
//
// Values set during this request are returned as they were given to
// [Session.Set]. Values read from the backend have JSON types: string,
// bool, nil, int64 (json.Number for integers beyond int64), float64,
// []any and map[string]any. The typed getters ([Session.GetInt], ...)
// accept both forms.
func (s *Session) Get(k string) (any, bool) {
	return s.dict().Get(k)
}

// GetOr returns the value stored under k, or def when k is absent (Django's
// get(k, default)). It marks the session accessed.
func (s *Session) GetOr(k string, def any) any {
	if v, ok := s.dict().Get(k); ok {
		return v
	}
	return def
}

// Has reports whether k is in the session (Django's `k in session`). It
// marks the session accessed.
func (s *Session) Has(k string) bool {
	_, ok := s.dict().Get(k)
	return ok
}

// Set stores v under k (Django's s[k] = v) and marks the session accessed
// and modified. It returns an error, and stores nothing, if v cannot be
// written as JSON (functions, channels, structs such as time.Time, NaN...)
// or if the session could not be loaded (see [Session.Err]).
//
// The session keeps v itself: a slice or map changed in place after Set is
// saved as changed, but only if the session is modified (see
// [Session.MarkModified]).
func (s *Session) Set(k string, v any) error {
	d := s.dict()
	if s.err != nil {
		return fmt.Errorf("session: set %q: %w", k, s.err)
	}
	if err := checkValue(k, v); err != nil {
		return err
	}
	d.Set(k, v)
	s.modified = true
	s.record(change{op: opSet, key: k, value: v})
	return nil
}

// SetDefault returns the value under k if present; otherwise it stores def
// under k and returns it (Django's setdefault). It marks the session
// accessed, and modified only when it stores def. The error is that of
// [Session.Set].
func (s *Session) SetDefault(k string, def any) (any, error) {
	if v, ok := s.dict().Get(k); ok {
		return v, nil
	}
	if err := s.Set(k, def); err != nil {
		return nil, err
	}
	return def, nil
}

// Update stores every entry of m (Django's update), new keys in sorted
// order. It marks the session accessed and modified, even when m is empty.
// If any value cannot be stored it returns an error and changes nothing.
func (s *Session) Update(m map[string]any) error {
	d := s.dict()
	if s.err != nil {
		return fmt.Errorf("session: update: %w", s.err)
	}
	keys := slices.Sorted(maps.Keys(m))
	for _, k := range keys {
		if err := checkValue(k, m[k]); err != nil {
			return err
		}
	}
	for _, k := range keys {
		d.Set(k, m[k])
		s.record(change{op: opSet, key: k, value: m[k]})
	}
	s.modified = true
	return nil
}

// Pop removes k and returns its value and true, or nil and false when k is
// absent (Django's pop). It marks the session accessed, and modified only
// when k was present.
func (s *Session) Pop(k string) (any, bool) {
	d := s.dict()
	v, ok := d.Get(k)
	if ok {
		d.Delete(k)
		s.modified = true
		s.record(change{op: opDelete, key: k})
	}
	return v, ok
}

// Delete removes k and reports whether it was present (Django's del s[k],
// which raises KeyError when absent). It marks the session accessed, and
// modified only when k was present.
func (s *Session) Delete(k string) bool {
	_, ok := s.Pop(k)
	return ok
}

// Clear removes every value (Django's clear). It replaces the data without
// reading the backend, and marks the session accessed and modified. The
// key is kept: saving stores an empty session under it. See [Session.Flush]
// to end a session.
func (s *Session) Clear() {
	s.data = signing.NewDict()
	s.accessed = true
	s.modified = true
	s.record(change{op: opClear})
}

// Len returns the number of values. It marks the session accessed.
func (s *Session) Len() int { return s.dict().Len() }

// Keys returns the keys in insertion order (Django's keys). It marks the
// session accessed.
func (s *Session) Keys() []string { return s.dict().Keys() }

// Values returns the values in insertion order (Django's values). It marks
// the session accessed.
func (s *Session) Values() []any {
	d := s.dict()
	vs := make([]any, 0, d.Len())
	for _, k := range d.Keys() {
		v, _ := d.Get(k)
		vs = append(vs, v)
	}
	return vs
}

// Items returns the keys and values in insertion order (Django's items).
// It marks the session accessed.
func (s *Session) Items() []Item {
	d := s.dict()
	items := make([]Item, 0, d.Len())
	for _, k := range d.Keys() {
		v, _ := d.Get(k)
		items = append(items, Item{Key: k, Value: v})
	}
	return items
}

// Map returns a new map holding the session's values, for templates
// (`<< .Request.Session.greeting >>`). Adding or deleting map entries does
// not change the session; the values themselves (slices, maps) are shared.
// It loads the session and marks it accessed.
func (s *Session) Map() map[string]any {
	d := s.dict()
	m := make(map[string]any, d.Len())
	for _, k := range d.Keys() {
		m[k], _ = d.Get(k)
	}
	return m
}

// TestCookieName and TestCookieValue are the entry Django's test cookie API
// stores (TEST_COOKIE_NAME, TEST_COOKIE_VALUE).
const (
	TestCookieName  = "testcookie"
	TestCookieValue = "worked"
)

// SetTestCookie stores the test cookie entry (Django's set_test_cookie),
// to check on the next request that the browser keeps cookies. It marks
// the session accessed and modified.
func (s *Session) SetTestCookie() {
	s.dict().Set(TestCookieName, TestCookieValue)
	s.modified = true
	s.record(change{op: opSet, key: TestCookieName, value: TestCookieValue})
}

// TestCookieWorked reports whether the test cookie entry is present
// (Django's test_cookie_worked). It marks the session accessed.
func (s *Session) TestCookieWorked() bool {
	v, _ := s.dict().Get(TestCookieName)
	return v == TestCookieValue
}

// DeleteTestCookie removes the test cookie entry (Django's
// delete_test_cookie). It marks the session accessed, and modified when
// the entry was present.
func (s *Session) DeleteTestCookie() { s.Delete(TestCookieName) }
