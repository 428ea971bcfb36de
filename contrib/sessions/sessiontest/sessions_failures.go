package sessiontest

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/manouche-go/manouche/framework/session"
)

var failureCases = []sessionCase{
	// Django's test_decode_failure_logged_to_security.
	{name: "tampered data loads as an empty session", run: testTampered},
	// No Django test: Django's load lets a backend error propagate. This is
	// the contract of session.Session.Err.
	{name: "a failed load sets Err and Save refuses", only: storeEngine, reason: "a cookie engine has no store that can fail", run: testStoreFailure},
	// No Django test: Django stores sessions of any size.
	{name: "a 64 KiB value round-trips", only: storeEngine,
		reason: "a signed cookie cannot hold 64 KiB (see the case about Save failing)", run: testLargeValue},
	// No Django test: Django sends the cookie anyway and the browser drops it.
	{name: "a 64 KiB value: Save fails and truncates nothing", only: cookieEngine,
		reason: "store engines keep large values (see the round-trip case)", run: testLargeCookie},
}

// djangoBadEncode is the data of Django's test_decode_failure_logged_to_security.
const djangoBadEncode = "Zmxhc2tkajphbGtkamY="

func testTampered(t *testing.T, h *harness) {
	for _, tt := range []struct {
		name   string
		tamper func(t *testing.T, h *harness) string // returns the key to load
	}{
		{"one character flipped", flipStored},
		{"not signed at all", storeGarbage},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := wantEmptyLoad(t, h, tt.tamper(t, h))
			wantAbsent(t, r, "x")
			mustSet(t, r, "y", "Y")
			mustSaveSession(t, r)
		})
	}
}

// flipStored saves a session and changes one character of its stored
// form: the record of a store engine, the cookie of a cookie engine.
func flipStored(t *testing.T, h *harness) string {
	key := h.saved(t, kv{"x", "secret"})
	if h.kind == cookieEngine {
		return flip(key)
	}
	raw, err := h.cfg.Store.Load(t.Context(), key)
	if err != nil {
		t.Fatalf("Store.Load: got %v, want nil", err)
	}
	if err := h.cfg.Store.Save(t.Context(), key, flip(raw), time.Now().Add(time.Hour)); err != nil {
		t.Fatalf("Store.Save: got %v, want nil", err)
	}
	return key
}

// storeGarbage stores unsigned data under a fresh key, or returns it as
// the cookie of a cookie engine.
func storeGarbage(t *testing.T, h *harness) string {
	if h.kind == cookieEngine {
		return djangoBadEncode
	}
	key := newKey()
	if err := h.cfg.Store.Create(t.Context(), key, djangoBadEncode, time.Now().Add(time.Hour)); err != nil {
		t.Fatalf("Store.Create: got %v, want nil", err)
	}
	return key
}

// flip changes the first letter or digit of s, past a leading "." (the
// compression mark), so that the signed payload no longer matches.
func flip(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' {
			if c == 'A' {
				b[i] = 'B'
			} else {
				b[i] = 'A'
			}
			break
		}
	}
	return string(b)
}

// errBroken is what brokenStore returns.
var errBroken = errors.New("sessiontest: store unavailable")

// brokenStore fails every call and counts the writes it was asked for.
type brokenStore struct {
	session.Store
	writes int
}

func (b *brokenStore) Load(context.Context, string) (string, error) { return "", errBroken }

func (b *brokenStore) Create(context.Context, string, string, time.Time) error {
	b.writes++
	return errBroken
}

func (b *brokenStore) Save(context.Context, string, string, time.Time) error {
	b.writes++
	return errBroken
}

func (b *brokenStore) Delete(context.Context, string) error {
	b.writes++
	return errBroken
}

func testStoreFailure(t *testing.T, h *harness) {
	key := h.saved(t, kv{"x", "kept"})
	broken := &brokenStore{Store: h.cfg.Store}
	cfg := *h.cfg
	cfg.Store = broken
	s := session.New(t.Context(), &cfg, key)
	wantAbsent(t, s, "x")
	if err := s.Err(); !errors.Is(err, errBroken) {
		t.Errorf("Err: got %v, want the store's error", err)
	}
	if s.Key() != key {
		t.Errorf("Key after a failed load: got %s, want the key kept", abbrev(s.Key()))
	}
	if err := s.Set("y", "Y"); err == nil {
		t.Errorf("Set after a failed load: got nil, want an error")
	}
	if err := s.Save(t.Context()); !errors.Is(err, errBroken) {
		t.Errorf("Save after a failed load: got %v, want an error wrapping the store's", err)
	}
	if err := s.CycleKey(); err == nil {
		t.Errorf("CycleKey after a failed load: got nil, want an error")
	}
	if broken.writes != 0 {
		t.Errorf("store writes after a failed load: got %d, want 0", broken.writes)
	}
	wantValue(t, h.open(t, key), "x", "kept")
}

func testLargeValue(t *testing.T, h *harness) {
	big := printable(64 << 10)
	key := h.saved(t, kv{"big", big})
	if got, _ := h.open(t, key).GetString("big"); got != big {
		t.Errorf("GetString after reload: got %s, want %s", abbrev(got), abbrev(big))
	}
}

func testLargeCookie(t *testing.T, h *harness) {
	key := h.saved(t, kv{"small", "S"})
	s := h.open(t, key)
	big := printable(64 << 10)
	mustSet(t, s, "big", big)
	if err := s.Save(t.Context()); err == nil {
		t.Fatalf("Save of a 64 KiB session: got nil, want an error (browsers drop cookies over about 4 KB)")
	}
	if s.Key() != key {
		t.Errorf("Key after a failed Save: got %s, want the previous cookie", abbrev(s.Key()))
	}
	if got, _ := s.GetString("big"); got != big {
		t.Errorf("GetString in memory after a failed Save: got %s, want %s", abbrev(got), abbrev(big))
	}
	r := h.open(t, key)
	wantValue(t, r, "small", "S")
	wantAbsent(t, r, "big")
}
