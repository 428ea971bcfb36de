// Package cachetest is the conformance suite of [cache.Cache], modelled on
// testing/slogtest: every sentence of the Cache contract (and of the
// optional [cache.Replacer], [cache.Swapper] and [cache.Pinger] abilities) is one named
// subtest. Built-in backends run it exactly as a third-party backend
// would:
//
//	func TestConformance(t *testing.T) {
//		cachetest.Run(t, func(t *testing.T) cache.Cache {
//			return mycache.New(...) // an empty cache (or key space) per subtest
//		})
//	}
//
// Values are checked for exact bytes, copies and expiry. Expiry is checked
// with one wait of a little over a second, so a run takes about 1.5 s
// against an in-process cache. Import this package only from _test.go
// files.
package cachetest

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"strconv"
	"testing"
	"time"

	"github.com/manouche-go/manouche/framework/cache"
)

// Run runs the conformance suite against the caches newCache returns.
// newCache is called once per subtest, with that subtest's t (so it may
// register cleanup with t.Cleanup), and must return a cache in which the
// suite's keys are absent; a shared cache may give each call its own key
// prefix. Subtests for an optional ability are skipped, with a message,
// when the cache does not implement it.
func Run(t *testing.T, newCache func(t *testing.T) cache.Cache) {
	t.Helper()
	for _, g := range []struct {
		name  string
		cases []testCase
	}{
		{"Get", getCases},
		{"Set", setCases},
		{"Add", addCases},
		{"Delete", deleteCases},
		{"Copies", copyCases},
		{"Replacer", replacerCases},
		{"Swapper", swapperCases},
		{"Pinger", pingerCases},
		{"Concurrency", concurrencyCases},
		{"TTL", ttlCases},
	} {
		t.Run(g.name, func(t *testing.T) {
			for _, c := range g.cases {
				t.Run(c.name, func(t *testing.T) { c.run(t, newCache(t)) })
			}
		})
	}
}

// testCase is one sentence of a contract.
type testCase struct {
	name string
	run  func(t *testing.T, c cache.Cache)
}

// newKey returns a fresh key shaped like the session engines' keys.
func newKey() string {
	var b [16]byte
	rand.Read(b[:])
	return "django.contrib.sessions.cache" + hex.EncodeToString(b[:])
}

func mustSet(t *testing.T, c cache.Cache, key, value string, ttl time.Duration) {
	t.Helper()
	if err := c.Set(t.Context(), key, []byte(value), ttl); err != nil {
		t.Fatalf("Set: got error %v, want nil", err)
	}
}

// mustAdd calls Add and checks whether it stored.
func mustAdd(t *testing.T, c cache.Cache, key, value string, ttl time.Duration, want bool) {
	t.Helper()
	added, err := c.Add(t.Context(), key, []byte(value), ttl)
	if err != nil {
		t.Fatalf("Add: got error %v, want nil", err)
	}
	if added != want {
		t.Errorf("Add: got added %v, want %v", added, want)
	}
}

func mustDelete(t *testing.T, c cache.Cache, key string) {
	t.Helper()
	if err := c.Delete(t.Context(), key); err != nil {
		t.Fatalf("Delete: got error %v, want nil", err)
	}
}

// wantValue checks that Get returns value.
func wantValue(t *testing.T, c cache.Cache, key, value string) {
	t.Helper()
	got, ok, err := c.Get(t.Context(), key)
	if err != nil {
		t.Fatalf("Get: got error %v, want nil", err)
	}
	if !ok || !bytes.Equal(got, []byte(value)) {
		t.Errorf("Get: got %s, %v, want %s, true", abbrev(got), ok, abbrev([]byte(value)))
	}
}

// wantAbsent checks that Get reports key absent without an error.
func wantAbsent(t *testing.T, c cache.Cache, key string) {
	t.Helper()
	got, ok, err := c.Get(t.Context(), key)
	if err != nil || ok {
		t.Errorf("Get: got %s, %v, %v, want absent (false, nil)", abbrev(got), ok, err)
	}
}

// abbrev quotes b, shortened so a large mismatch stays readable.
func abbrev(b []byte) string {
	if len(b) <= 80 {
		return strconv.Quote(string(b))
	}
	return strconv.Quote(string(b[:40])) + "… (" + strconv.Itoa(len(b)) + " bytes)"
}
