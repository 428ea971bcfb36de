package sessiontest

import (
	"errors"
	"strings"
	"testing"

	"github.com/manouche-go/manouche/framework/session"
)

// asciiAll is every printable ASCII character once.
var asciiAll = func() string {
	var sb strings.Builder
	for c := byte(0x20); c < 0x7f; c++ {
		sb.WriteByte(c)
	}
	return sb.String()
}()

// roundTrips are data strings that must come back byte for byte.
var roundTrips = []struct{ name, data string }{
	{"empty", ""},
	{"encoded session", "eyJjYXQiOiJkb2cifQ:1r31eq:0UOHT23nanWtePvCM0GfQz8Y1XcA8X-nejOHv7L3JFs"},
	{"compressed session", ".eJyrVkrOLFGyUkrJT1eqBQAgnQRN:1r31eq:Sig_nature-123"},
	{"every printable ASCII character", asciiAll},
	{"leading and trailing spaces", "  data  "},
	{"quotes, backslashes and percent", `'"\%_*?[]{}`},
	{"SQL", "'); DROP TABLE django_session; --"},
	{"64 KiB", printable(64 << 10)},
}

var loadCases = []testCase{
	{"missing key returns ErrNotFound", func(t *testing.T, s session.Store) {
		wantNotFound(t, s, newKey())
	}},
	{"never creates a record", func(t *testing.T, s session.Store) {
		key := newKey()
		wantNotFound(t, s, key)
		mustCreate(t, s, key, "after load", later())
		wantData(t, s, key, "after load")
	}},
}

var createCases = append([]testCase{
	{"then Load returns the data", func(t *testing.T, s session.Store) {
		key := newKey()
		mustCreate(t, s, key, "created", later())
		wantData(t, s, key, "created")
	}},
	{"existing key returns ErrKeyExists", func(t *testing.T, s session.Store) {
		key := newKey()
		mustCreate(t, s, key, "first", later())
		if err := s.Create(t.Context(), key, "second", later()); !errors.Is(err, session.ErrKeyExists) {
			t.Errorf("second Create: got %v, want ErrKeyExists", err)
		}
	}},
	{"existing key keeps the old data and expiry", func(t *testing.T, s session.Store) {
		key := newKey()
		mustCreate(t, s, key, "first", later())
		s.Create(t.Context(), key, "second", earlier())
		wantData(t, s, key, "first")
	}},
	{"keys are independent", func(t *testing.T, s session.Store) {
		a, b := newKey(), newKey()
		mustCreate(t, s, a, "A", later())
		mustCreate(t, s, b, "B", later())
		wantData(t, s, a, "A")
		wantData(t, s, b, "B")
	}},
}, roundTripCases()...)

// roundTripCases check that data round-trips through Create and Save.
func roundTripCases() []testCase {
	var cs []testCase
	for _, rt := range roundTrips {
		cs = append(cs, testCase{"data round-trips exactly/" + rt.name, func(t *testing.T, s session.Store) {
			key := newKey()
			mustCreate(t, s, key, rt.data, later())
			wantData(t, s, key, rt.data)
			mustSave(t, s, key, "x"+rt.data, later())
			wantData(t, s, key, "x"+rt.data)
		}})
	}
	return cs
}

var saveCases = []testCase{
	{"replaces the data", func(t *testing.T, s session.Store) {
		key := newKey()
		mustCreate(t, s, key, "old", later())
		mustSave(t, s, key, "new", later())
		wantData(t, s, key, "new")
	}},
	{"missing key returns ErrNotFound", func(t *testing.T, s session.Store) {
		if err := s.Save(t.Context(), newKey(), "data", later()); !errors.Is(err, session.ErrNotFound) {
			t.Errorf("got %v, want ErrNotFound", err)
		}
	}},
	{"missing key creates nothing", func(t *testing.T, s session.Store) {
		key := newKey()
		s.Save(t.Context(), key, "data", later())
		wantNotFound(t, s, key)
		mustCreate(t, s, key, "created", later())
	}},
	{"never brings a deleted session back", func(t *testing.T, s session.Store) {
		key := newKey()
		mustCreate(t, s, key, "data", later())
		if err := s.Delete(t.Context(), key); err != nil {
			t.Fatalf("Delete: got %v, want nil", err)
		}
		if err := s.Save(t.Context(), key, "again", later()); !errors.Is(err, session.ErrNotFound) {
			t.Errorf("Save after Delete: got %v, want ErrNotFound", err)
		}
		wantNotFound(t, s, key)
	}},
}

var deleteCases = []testCase{
	{"removes the record", func(t *testing.T, s session.Store) {
		key, other := newKey(), newKey()
		mustCreate(t, s, key, "data", later())
		mustCreate(t, s, other, "other", later())
		if err := s.Delete(t.Context(), key); err != nil {
			t.Fatalf("got %v, want nil", err)
		}
		wantNotFound(t, s, key)
		wantData(t, s, other, "other")
		mustCreate(t, s, key, "recreated", later())
		wantData(t, s, key, "recreated")
	}},
	{"missing key is not an error", func(t *testing.T, s session.Store) {
		if err := s.Delete(t.Context(), newKey()); err != nil {
			t.Errorf("got %v, want nil", err)
		}
	}},
}

var expiryCases = []testCase{
	{"expired record: Load returns ErrNotFound", func(t *testing.T, s session.Store) {
		key := newKey()
		mustCreate(t, s, key, "data", earlier())
		wantNotFound(t, s, key)
	}},
	{"Save with a past expiry expires the record", func(t *testing.T, s session.Store) {
		key := newKey()
		mustCreate(t, s, key, "data", later())
		mustSave(t, s, key, "data", earlier())
		wantNotFound(t, s, key)
	}},
	{"records expire at the expiry given", testExpiryWaiting},
}
