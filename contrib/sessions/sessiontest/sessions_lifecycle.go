package sessiontest

import (
	"context"
	"errors"
	"reflect"
	"testing"
	"time"

	"github.com/manouche-go/manouche/framework/session"
	"github.com/manouche-go/manouche/framework/signing"
)

// Why cases are skipped for cookie engines, in Django's words where
// Django's CookieSessionTests gives them.
const (
	reasonExists = "exists() makes no sense for signed cookies: nothing is stored on the server " +
		"(Django's CookieSessionTests opts out of test_save)"
	reasonCycle = "signed cookies cannot be revoked, so the old cookie stays valid after CycleKey " +
		"(Django's CookieSessionTests opts out of test_cycle)"
	reasonRevoke = "signed cookies cannot be revoked: the old cookie stays valid until SESSION_COOKIE_AGE " +
		"(Django's test_flush only asks exists(), always false for signed_cookies)"
	reasonClientSide = "the session is stored in the client and there is no way to query it " +
		"(Django skips test_session_save_does_not_resurrect_session_logged_out_in_other_context)"
	reasonNoRecords = "a cookie engine has no external store to create records in " +
		"(Django skips test_session_load_does_not_create_record)"
)

var lifecycleCases = []sessionCase{
	// Django's test_save.
	{name: "Save creates a record", only: storeEngine, reason: reasonExists, run: testSaveExists},
	// Django's test_delete.
	{name: "DeleteRecord removes the record", run: testDeleteRecord},
	// Django's test_flush.
	{name: "Flush empties the session and drops the key", run: testFlush},
	// Django's test_flush, for the record Flush deleted.
	{name: "Flush: the old key no longer loads", only: storeEngine, reason: reasonRevoke, run: testFlushRevokes},
	// Django's test_cycle.
	{name: "CycleKey moves the data to a new key", only: storeEngine, reason: reasonCycle, run: testCycleKey},
	// Django's test_cycle_with_no_session_cache.
	{name: "CycleKey on a session not loaded yet keeps the data", run: testCycleKeyUnloaded},
	// Django's test_session_save_does_not_resurrect_session_logged_out_in_other_context.
	{name: "Save never brings back a session flushed meanwhile", only: storeEngine, reason: reasonClientSide, run: testNoResurrect},
}

var keyCases = []sessionCase{
	// Django's test_invalid_key.
	{name: "an unknown key is not adopted: Save creates a new key", run: testUnknownKey},
	// Django's test_session_load_does_not_create_record.
	{name: "loading an unknown key creates no record", only: storeEngine, reason: reasonNoRecords, run: testLoadCreatesNothing},
	// Django's test_session_key_empty_string_invalid,
	// test_session_key_too_short_invalid and test_session_key_valid_string_saved.
	{name: "keys shorter than 8 characters are ignored", run: testShortKeys},
	{name: "keys no engine issues never reach the backend", run: testImpossibleKeys},
}

// wantSessionExists checks what Session.Exists reports for key.
func wantSessionExists(t *testing.T, h *harness, key string, want bool) {
	t.Helper()
	got, err := h.open(t, "").Exists(t.Context(), key)
	if got != want || err != nil {
		t.Errorf("Exists: got %v, %v, want %v, nil", got, err, want)
	}
}

func testSaveExists(t *testing.T, h *harness) {
	wantSessionExists(t, h, h.saved(t), true)
}

func testDeleteRecord(t *testing.T, h *harness) {
	s := h.open(t, "")
	mustSet(t, s, "x", "X")
	mustSaveSession(t, s)
	key := s.Key()
	if err := s.DeleteRecord(t.Context(), ""); err != nil {
		t.Fatalf("DeleteRecord: got %v, want nil", err)
	}
	wantSessionExists(t, h, key, false)
	if h.kind == cookieEngine {
		// Django's signed_cookies delete empties the session itself.
		if s.Key() != "" || s.Len() != 0 || !s.Modified() {
			t.Errorf("after DeleteRecord: got key %s, Len %d, Modified %v, want no key, 0, true",
				abbrev(s.Key()), s.Len(), s.Modified())
		}
		return
	}
	wantValue(t, s, "x", "X") // the data in memory is kept
	wantKeyDropped(t, h, key)
}

func testFlush(t *testing.T, h *harness) {
	s := h.open(t, "")
	mustSet(t, s, "foo", "bar")
	mustSaveSession(t, s)
	prev := s.Key()
	if err := s.Flush(); err != nil {
		t.Fatalf("Flush: got %v, want nil", err)
	}
	if s.Key() != "" || !s.IsEmpty() {
		t.Errorf("after Flush: got key %s, IsEmpty %v, want no key, true", abbrev(s.Key()), s.IsEmpty())
	}
	if !s.Accessed() || !s.Modified() {
		t.Errorf("after Flush: got Accessed %v, Modified %v, want true, true", s.Accessed(), s.Modified())
	}
	wantSessionExists(t, h, prev, false)
}

func testFlushRevokes(t *testing.T, h *harness) {
	key := h.saved(t, kv{"foo", "bar"})
	if err := h.open(t, key).Flush(); err != nil {
		t.Fatalf("Flush: got %v, want nil", err)
	}
	wantKeyDropped(t, h, key)
}

func testCycleKey(t *testing.T, h *harness) {
	s := h.open(t, "")
	mustSet(t, s, "a", "c")
	mustSet(t, s, "b", "d")
	mustSaveSession(t, s)
	prev, items := s.Key(), s.Items()
	if err := s.CycleKey(); err != nil {
		t.Fatalf("CycleKey: got %v, want nil", err)
	}
	if s.Key() == prev || s.Key() == "" {
		t.Errorf("Key after CycleKey: got %s, want a new key", abbrev(s.Key()))
	}
	if got := s.Items(); !reflect.DeepEqual(got, items) {
		t.Errorf("Items after CycleKey: got %v, want %v", got, items)
	}
	r := h.open(t, s.Key())
	wantValue(t, r, "a", "c")
	wantValue(t, r, "b", "d")
	wantKeyDropped(t, h, prev)
}

func testCycleKeyUnloaded(t *testing.T, h *harness) {
	key := h.saved(t, kv{"a", "c"}, kv{"b", "d"})
	r := h.open(t, key)
	if err := r.CycleKey(); err != nil {
		t.Fatalf("CycleKey: got %v, want nil", err)
	}
	if h.kind == storeEngine && r.Key() == key {
		t.Errorf("Key after CycleKey: got the old key, want a new one")
	}
	for _, s := range []*session.Session{r, h.open(t, r.Key())} {
		wantValue(t, s, "a", "c")
		wantValue(t, s, "b", "d")
	}
}

func testNoResurrect(t *testing.T, h *harness) {
	key := h.saved(t, kv{"x", "X"})
	other := h.open(t, key)
	if err := other.Load(t.Context()); err != nil {
		t.Fatalf("Load: got %v, want nil", err)
	}
	if err := h.open(t, key).Flush(); err != nil {
		t.Fatalf("Flush in another request: got %v, want nil", err)
	}
	mustSet(t, other, "y", "Y")
	if err := other.Save(t.Context()); !errors.Is(err, session.ErrInterrupted) {
		t.Errorf("Save after a Flush elsewhere: got %v, want ErrInterrupted", err)
	}
	wantKeyDropped(t, h, key)
}

func testUnknownKey(t *testing.T, h *harness) {
	unknown := newKey()
	s := h.open(t, unknown)
	wantAbsent(t, s, "cat")
	mustSet(t, s, "cat", "dog")
	mustSaveSession(t, s)
	if s.Key() == unknown {
		t.Fatalf("Key after saving under an unknown key: got the unknown key, want a new one")
	}
	wantValue(t, h.open(t, s.Key()), "cat", "dog")
	if h.kind == storeEngine {
		wantKeyDropped(t, h, unknown)
	}
}

func testLoadCreatesNothing(t *testing.T, h *harness) {
	unknown := newKey()
	s := h.open(t, unknown)
	if err := s.Load(t.Context()); err != nil {
		t.Fatalf("Load: got %v, want nil", err)
	}
	if s.Key() != "" {
		t.Errorf("Key after loading an unknown key: got %s, want \"\"", abbrev(s.Key()))
	}
	wantSessionExists(t, h, unknown, false)
	if _, err := h.cfg.Store.Load(t.Context(), unknown); !errors.Is(err, session.ErrNotFound) {
		t.Errorf("Store.Load of the unknown key: got %v, want ErrNotFound", err)
	}
}

func testShortKeys(t *testing.T, h *harness) {
	for _, tt := range []struct{ name, key, want string }{
		{"empty", "", ""},
		{"7 characters", "abcd123", ""},
		{"8 characters", "abcd1234", "abcd1234"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			cfg, asked := counting(h.cfg)
			s := session.New(t.Context(), cfg, tt.key)
			if s.Key() != tt.want {
				t.Fatalf("Key: got %q, want %q", s.Key(), tt.want)
			}
			if tt.want != "" {
				return
			}
			if s.Len() != 0 || s.Modified() || *asked != 0 {
				t.Errorf("after reading: got Len %d, Modified %v, %d backend reads, want 0, false, 0",
					s.Len(), s.Modified(), *asked)
			}
		})
	}
}

func testImpossibleKeys(t *testing.T, h *harness) {
	for _, key := range []string{"\x00\x00\x00\x00abcdefghijkl", "abcdefgh\xff\xfeijklmnop", "abcdefgh ijklmnop", "abcd/../efgh"} {
		t.Run(key, func(t *testing.T) {
			cfg, asked := counting(h.cfg)
			s := session.New(t.Context(), cfg, key)
			if s.Key() != "" || s.Len() != 0 || *asked != 0 {
				t.Errorf("got key %q, Len %d, %d backend reads, want \"\", 0, 0", s.Key(), s.Len(), *asked)
			}
		})
	}
}

// counting returns a copy of cfg whose backend counts the reads it serves.
func counting(cfg *session.Config) (*session.Config, *int) {
	c := *cfg
	var n int
	if c.Store != nil {
		c.Store = &countingStore{Store: c.Store, n: &n}
	} else {
		c.Cookie = &countingCookie{CookieStore: c.Cookie, n: &n}
	}
	return &c, &n
}

// countingStore and countingCookie count the reads a backend serves.
type countingStore struct {
	session.Store
	n *int
}

func (c *countingStore) Load(ctx context.Context, key string) (string, error) {
	*c.n++
	return c.Store.Load(ctx, key)
}

type countingCookie struct {
	session.CookieStore
	n *int
}

func (c *countingCookie) DecodeCookie(value string, now time.Time) (*signing.Dict, error) {
	*c.n++
	return c.CookieStore.DecodeCookie(value, now)
}
