package sessiontest

import (
	"testing"
	"time"

	"github.com/manouche-go/manouche/framework/session"
)

var clearerCases = []testCase{
	{"ClearExpired removes expired records", func(t *testing.T, s session.Store) {
		c := clearer(t, s)
		expired, live := newKey(), newKey()
		mustCreate(t, s, expired, "expired", earlier())
		mustCreate(t, s, live, "live", later())
		if err := c.ClearExpired(t.Context()); err != nil {
			t.Fatalf("ClearExpired: got %v, want nil", err)
		}
		wantNotFound(t, s, expired)
		if e, ok := s.(session.Exister); ok {
			if got, err := e.Exists(t.Context(), expired); got || err != nil {
				t.Errorf("Exists(expired) after ClearExpired: got %v, %v, want false, nil", got, err)
			}
		}
	}},
	{"ClearExpired keeps records that have not expired", func(t *testing.T, s session.Store) {
		c := clearer(t, s)
		live := newKey()
		mustCreate(t, s, live, "live", later())
		mustCreate(t, s, newKey(), "expired", earlier())
		if err := c.ClearExpired(t.Context()); err != nil {
			t.Fatalf("ClearExpired: got %v, want nil", err)
		}
		wantData(t, s, live, "live")
	}},
	{"ClearExpired on an empty store is not an error", func(t *testing.T, s session.Store) {
		if err := clearer(t, s).ClearExpired(t.Context()); err != nil {
			t.Errorf("got %v, want nil", err)
		}
	}},
}

func clearer(t *testing.T, s session.Store) session.ExpiredClearer {
	t.Helper()
	c, ok := s.(session.ExpiredClearer)
	if !ok {
		t.Skipf("%T does not implement session.ExpiredClearer", s)
	}
	return c
}

var existerCases = []testCase{
	{"Exists reports a record", func(t *testing.T, s session.Store) {
		key := newKey()
		mustCreate(t, s, key, "data", later())
		wantExists(t, s, key, true)
	}},
	{"Exists reports a missing key", func(t *testing.T, s session.Store) {
		wantExists(t, s, newKey(), false)
	}},
	{"Exists reports a deleted record as missing", func(t *testing.T, s session.Store) {
		key := newKey()
		mustCreate(t, s, key, "data", later())
		if err := s.Delete(t.Context(), key); err != nil {
			t.Fatalf("Delete: got %v, want nil", err)
		}
		wantExists(t, s, key, false)
	}},
}

func wantExists(t *testing.T, s session.Store, key string, want bool) {
	t.Helper()
	e, ok := s.(session.Exister)
	if !ok {
		t.Skipf("%T does not implement session.Exister", s)
	}
	got, err := e.Exists(t.Context(), key)
	if got != want || err != nil {
		t.Errorf("Exists: got %v, %v, want %v, nil", got, err, want)
	}
}

// expiryDelay is how far ahead the waiting test sets expiry dates. It is
// over one second because Django's file backend counts a record with less
// than a whole second left as expired.
const expiryDelay = 2 * time.Second

// testExpiryWaiting checks, with one wait, that records expire at the
// expiry given to Create or Save, and that Save moves the expiry.
func testExpiryWaiting(t *testing.T, s session.Store) {
	soon := time.Now().Add(expiryDelay)
	created, savedLater, savedSooner := newKey(), newKey(), newKey()
	mustCreate(t, s, created, "created", soon)
	mustCreate(t, s, savedLater, "saved later", soon)
	mustSave(t, s, savedLater, "saved later", later())
	mustCreate(t, s, savedSooner, "saved sooner", later())
	mustSave(t, s, savedSooner, "saved sooner", soon)
	t.Run("record is loaded before its expiry", func(t *testing.T) {
		wantData(t, s, created, "created")
		wantData(t, s, savedSooner, "saved sooner")
	})
	time.Sleep(time.Until(soon) + 150*time.Millisecond)
	t.Run("record expires at the expiry given to Create", func(t *testing.T) {
		wantNotFound(t, s, created)
	})
	t.Run("Save moves the expiry later", func(t *testing.T) {
		wantData(t, s, savedLater, "saved later")
	})
	t.Run("Save moves the expiry sooner", func(t *testing.T) {
		wantNotFound(t, s, savedSooner)
	})
}
