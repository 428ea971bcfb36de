// Package sessiontest is the conformance suite of [session.Store], the Go
// form of Django's SessionTestsMixin: every sentence of the Store contract
// (and of the optional [session.ConditionalSaver],
// [session.ExpiredClearer] and [session.Exister] abilities) is one named subtest. Built-in engines run it exactly as a
// third-party engine would, modelled on testing/slogtest:
//
//	func TestConformance(t *testing.T) {
//		sessiontest.Run(t, func(t *testing.T) session.Store {
//			return mystore.New(...) // a fresh, empty store per subtest
//		})
//	}
//
// The suite uses 32-character [a-z0-9] keys, as Django generates, and data
// made of printable ASCII, as encoded sessions are. Expiry is checked both
// with expiry dates in the past and with one wait of about two seconds, so
// a run takes a little over two seconds.
//
// [RunSessions] is the session-level half: the same mixin run through the
// public API of [session.Session] against a whole [session.Config], as a
// site configures an engine. It also covers engines whose cookie is the
// data ([session.CookieStore], Django's signed_cookies), which have no
// Store for Run; the cases that need a record kept on the server are
// skipped for them, with Django's reasons:
//
//	func TestSessions(t *testing.T) {
//		sessiontest.RunSessions(t, func(t *testing.T) *session.Config {
//			return &session.Config{Store: mystore.New(...), Codec: codec}
//		})
//	}
//
// [MemStore] is a complete store kept in memory, for tests and examples
// of code that needs a session store, and the model of a backend to read.
//
// Import this package only from _test.go files.
package sessiontest

import (
	"errors"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/manouche-go/manouche/framework/session"
)

// Run runs the conformance suite against the stores newStore returns.
// newStore is called once per subtest, with that subtest's t (so it may
// use t.TempDir and t.Cleanup), and must return an empty store. Subtests
// for an optional ability are skipped, with a message, when the store
// does not implement it.
func Run(t *testing.T, newStore func(t *testing.T) session.Store) {
	t.Helper()
	for _, g := range []struct {
		name  string
		cases []testCase
	}{
		{"Load", loadCases},
		{"Create", createCases},
		{"Save", saveCases},
		{"Delete", deleteCases},
		{"Expiry", expiryCases},
		{"Concurrency", concurrencyCases},
		{"ConditionalSaver", conditionalCases},
		{"ExpiredClearer", clearerCases},
		{"Exister", existerCases},
	} {
		t.Run(g.name, func(t *testing.T) {
			for _, c := range g.cases {
				t.Run(c.name, func(t *testing.T) { c.run(t, newStore(t)) })
			}
		})
	}
}

// testCase is one sentence of a contract.
type testCase struct {
	name string
	run  func(t *testing.T, s session.Store)
}

const keyAlphabet = "abcdefghijklmnopqrstuvwxyz0123456789"

// newKey returns a random 32-character session key, as Django makes them.
func newKey() string {
	var b [32]byte
	for i := range b {
		b[i] = keyAlphabet[rand.IntN(len(keyAlphabet))]
	}
	return string(b[:])
}

// printable returns n bytes of printable ASCII (0x20 to 0x7e).
func printable(n int) string {
	var sb strings.Builder
	sb.Grow(n)
	for range n {
		sb.WriteByte(byte(0x20 + rand.IntN(0x7f-0x20)))
	}
	return sb.String()
}

// later is an expiry comfortably in the future; earlier one in the past.
func later() time.Time   { return time.Now().Add(time.Hour) }
func earlier() time.Time { return time.Now().Add(-time.Hour) }

func mustCreate(t *testing.T, s session.Store, key, data string, expiry time.Time) {
	t.Helper()
	if err := s.Create(t.Context(), key, data, expiry); err != nil {
		t.Fatalf("Create: got error %v, want nil", err)
	}
}

func mustSave(t *testing.T, s session.Store, key, data string, expiry time.Time) {
	t.Helper()
	if err := s.Save(t.Context(), key, data, expiry); err != nil {
		t.Fatalf("Save: got error %v, want nil", err)
	}
}

// wantData checks that Load returns data.
func wantData(t *testing.T, s session.Store, key, data string) {
	t.Helper()
	got, err := s.Load(t.Context(), key)
	if err != nil {
		t.Fatalf("Load: got error %v, want nil", err)
	}
	if got != data {
		t.Errorf("Load: got %s, want %s", abbrev(got), abbrev(data))
	}
}

// wantNotFound checks that Load returns session.ErrNotFound.
func wantNotFound(t *testing.T, s session.Store, key string) {
	t.Helper()
	got, err := s.Load(t.Context(), key)
	if !errors.Is(err, session.ErrNotFound) {
		t.Errorf("Load: got %s, %v, want ErrNotFound", abbrev(got), err)
	}
}

// abbrev quotes s, shortened so a 64 KiB mismatch stays readable.
func abbrev(s string) string {
	if len(s) <= 80 {
		return `"` + s + `"`
	}
	return `"` + s[:40] + "…" + s[len(s)-20:] + `" (` + itoa(len(s)) + " bytes)"
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b [20]byte
	i := len(b)
	for ; n > 0; n /= 10 {
		i--
		b[i] = byte('0' + n%10)
	}
	return string(b[i:])
}
