package sessiontest

import (
	"slices"
	"testing"

	"github.com/manouche-go/manouche/framework/session"
)

// unicodeText mixes accents, CJK, an emoji outside the BMP, a line
// separator and characters JSON and HTML escape.
const unicodeText = "Grüße, 世界 ☃ 🐍 \u2028 \"quoted\" \\ </script>"

// typedValues are set in this order; loaded is what a fresh session reads
// back from the backend: JSON types, as documented on session.Session.Get.
var typedValues = []struct {
	k           string
	set, loaded any
}{
	{"unicode", unicodeText, unicodeText},
	{"empty string", "", ""},
	{"int", 42, int64(42)},
	{"negative int", -7, int64(-7)},
	{"int beyond float64 precision", int64(1<<53 + 1), int64(1<<53 + 1)},
	{"float", 3.25, 3.25},
	{"true", true, true},
	{"false", false, false},
	{"nil", nil, nil},
	{"list", []any{"a", 1, 2.5, true, nil}, []any{"a", int64(1), 2.5, true, nil}},
	{"map", map[string]any{"inner": map[string]any{"l": []any{1, "x"}}, "s": "é"},
		map[string]any{"inner": map[string]any{"l": []any{int64(1), "x"}}, "s": "é"}},
}

var dataCases = []sessionCase{
	// Django's test_new_session and test_get_empty.
	{name: "new session is empty and has no key", run: testNewSession},
	// Django's test_store and test_save: what was set comes back from the
	// backend, in insertion order.
	{name: "saved values load back with their types", run: testTypesRoundTrip},
	// Django's test_save_doesnt_clear_data.
	{name: "Save keeps the data in memory", run: testSaveKeepsData},
	// Django's test_sessionmanager_save: change a stored session, read it
	// again.
	{name: "changes to a loaded session persist", run: testChangeAfterReload},
	// Django's test_pop and test_clear, then a save and a reload.
	{name: "Pop, Delete and Clear persist", run: testRemovalsPersist},
	// Django's test_pop_default.
	{name: "Pop of a missing key changes nothing", run: testPopMissing},
}

func testNewSession(t *testing.T, h *harness) {
	s := h.open(t, "")
	if s.Key() != "" || !s.IsEmpty() {
		t.Errorf("new session: got key %s, IsEmpty %v, want no key, true", abbrev(s.Key()), s.IsEmpty())
	}
	if s.Accessed() || s.Modified() {
		t.Errorf("new session: got Accessed %v, Modified %v, want false, false", s.Accessed(), s.Modified())
	}
	wantAbsent(t, s, "cat")
	if n := s.Len(); n != 0 {
		t.Errorf("Len: got %d, want 0", n)
	}
	if !s.Accessed() || s.Modified() {
		t.Errorf("after reading: got Accessed %v, Modified %v, want true, false", s.Accessed(), s.Modified())
	}
}

func testTypesRoundTrip(t *testing.T, h *harness) {
	s := h.open(t, "")
	var keys []string
	for _, v := range typedValues {
		mustSet(t, s, v.k, v.set)
		keys = append(keys, v.k)
	}
	mustSaveSession(t, s)
	r := h.open(t, s.Key())
	for _, v := range typedValues {
		wantValue(t, r, v.k, v.loaded)
	}
	if got := r.Keys(); !slices.Equal(got, keys) {
		t.Errorf("Keys: got %q, want %q", got, keys)
	}
	if got, ok := r.GetString("unicode"); !ok || got != unicodeText {
		t.Errorf("GetString: got %q, %v, want %q, true", got, ok, unicodeText)
	}
	if got, ok := r.GetInt("int"); !ok || got != 42 {
		t.Errorf("GetInt: got %d, %v, want 42, true", got, ok)
	}
	if got, ok := r.GetFloat("float"); !ok || got != 3.25 {
		t.Errorf("GetFloat: got %v, %v, want 3.25, true", got, ok)
	}
	if got, ok := r.GetBool("true"); !ok || !got {
		t.Errorf("GetBool: got %v, %v, want true, true", got, ok)
	}
	if r.Modified() {
		t.Errorf("Modified after reading: got true, want false")
	}
}

func testSaveKeepsData(t *testing.T, h *harness) {
	s := h.open(t, "")
	for _, v := range typedValues {
		mustSet(t, s, v.k, v.set)
	}
	mustSaveSession(t, s)
	for _, v := range typedValues {
		wantValue(t, s, v.k, v.set)
	}
}

func testChangeAfterReload(t *testing.T, h *harness) {
	key := h.saved(t, kv{"count", 1}, kv{"name", "old"})
	r := h.open(t, key)
	n, ok := r.GetInt("count")
	if !ok {
		t.Fatalf("GetInt(count) after reload: got false, want true")
	}
	mustSet(t, r, "count", n+1)
	mustSet(t, r, "name", "new")
	mustSet(t, r, "added", []any{"x"})
	mustSaveSession(t, r)
	if h.kind == storeEngine && r.Key() != key {
		t.Errorf("Key after saving a loaded session: got %s, want the loaded key", abbrev(r.Key()))
	}
	again := h.open(t, r.Key())
	wantValue(t, again, "count", int64(2))
	wantValue(t, again, "name", "new")
	wantValue(t, again, "added", []any{"x"})
}

func testRemovalsPersist(t *testing.T, h *harness) {
	for _, tt := range []struct {
		name string
		op   func(t *testing.T, s *session.Session)
		want []string
	}{
		{"Pop", func(t *testing.T, s *session.Session) {
			if v, ok := s.Pop("a"); !ok || v != "A" {
				t.Errorf("Pop(a): got %#v, %v, want \"A\", true", v, ok)
			}
		}, []string{"b", "c"}},
		{"Delete", func(t *testing.T, s *session.Session) {
			if !s.Delete("b") {
				t.Errorf("Delete(b): got false, want true")
			}
		}, []string{"a", "c"}},
		{"Clear", func(_ *testing.T, s *session.Session) { s.Clear() }, nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			key := h.saved(t, kv{"a", "A"}, kv{"b", "B"}, kv{"c", "C"})
			r := h.open(t, key)
			tt.op(t, r)
			if !r.Accessed() || !r.Modified() {
				t.Errorf("after %s: got Accessed %v, Modified %v, want true, true", tt.name, r.Accessed(), r.Modified())
			}
			mustSaveSession(t, r)
			if got := h.open(t, r.Key()).Keys(); !slices.Equal(got, tt.want) {
				t.Errorf("Keys after %s, Save and reload: got %q, want %q", tt.name, got, tt.want)
			}
		})
	}
}

func testPopMissing(t *testing.T, h *harness) {
	r := h.open(t, h.saved(t, kv{"a", "A"}))
	if v, ok := r.Pop("missing"); ok || v != nil {
		t.Errorf("Pop(missing): got %#v, %v, want nil, false", v, ok)
	}
	if !r.Accessed() || r.Modified() {
		t.Errorf("after Pop(missing): got Accessed %v, Modified %v, want true, false", r.Accessed(), r.Modified())
	}
}
