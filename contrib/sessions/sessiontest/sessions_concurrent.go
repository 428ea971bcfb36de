package sessiontest

import (
	"fmt"
	"sync"
	"testing"

	"github.com/manouche-go/manouche/framework/session"
)

// The sizes of the concurrency cases: enough goroutines to make requests
// collide on two cores under the race detector, few enough to run in
// about a second against a database server.
const (
	mergePairs    = 200 // sessions, each written by two requests at once
	pairsInFlight = 4   // pairs running at a time
	incrRequests  = 100 // requests incrementing one key of one session
)

const noMergeReason = "the cookie is the data: concurrent requests cannot merge, the last cookie the browser keeps wins"

// concurrentCases are the guarantees of a store that merges concurrent
// requests (session.ConditionalSaver): what two requests change in one
// session is kept whatever the order of their saves.
var concurrentCases = []sessionCase{
	{name: "concurrent writes of different keys lose nothing", only: storeEngine,
		reason: noMergeReason, run: testMergeDifferentKeys},
	{name: "concurrent Incr of one key ends exact", only: storeEngine,
		reason: noMergeReason, run: testMergeIncr},
	{name: "concurrent writes of one key end with one of the values", only: storeEngine,
		reason: noMergeReason, run: testMergeSameKey},
}

// needMerge skips, with the reason, a store that does not merge.
func needMerge(t *testing.T, h *harness) {
	t.Helper()
	if _, ok := h.cfg.Store.(session.ConditionalSaver); !ok {
		t.Skipf("%T does not implement session.ConditionalSaver: concurrent requests are not merged, the last writer wins", h.cfg.Store)
	}
}

// loaded opens key and loads it, as a request that read its session.
func loaded(t *testing.T, h *harness, key string) *session.Session {
	t.Helper()
	s := h.open(t, key)
	if err := s.Load(t.Context()); err != nil {
		t.Errorf("Load: got %v, want nil", err)
	}
	return s
}

// both runs a and b at once and waits for them.
func both(a, b func()) {
	var wg sync.WaitGroup
	wg.Go(a)
	wg.Go(b)
	wg.Wait()
}

// testMergeDifferentKeys: two requests load one session, then each sets
// its own key and saves; both keys are stored, and the key loaded before
// stays. Each pair collides for sure: both loaded before either saved.
func testMergeDifferentKeys(t *testing.T, h *harness) {
	needMerge(t, h)
	keys := make([]string, mergePairs)
	for i := range keys {
		keys[i] = h.saved(t, kv{"pair", int64(i)})
	}
	sem := make(chan struct{}, pairsInFlight)
	var wg sync.WaitGroup
	for i, key := range keys {
		sem <- struct{}{}
		wg.Go(func() {
			defer func() { <-sem }()
			a, b := loaded(t, h, key), loaded(t, h, key)
			both(func() { setAndSave(t, a, "visits", int64(i)) }, func() { setAndSave(t, b, "username", "Ann") })
		})
	}
	wg.Wait()
	lost := 0
	for i, key := range keys {
		s := h.open(t, key)
		want := map[string]any{"pair": int64(i), "visits": int64(i), "username": "Ann"}
		if got := s.Map(); fmt.Sprint(got) != fmt.Sprint(want) {
			if lost++; lost <= 3 {
				t.Errorf("session %d: got %v, want %v", i, got, want)
			}
		}
	}
	if lost > 0 {
		t.Errorf("got %d of %d pairs with a lost write, want 0", lost, mergePairs)
	}
}

func setAndSave(t *testing.T, s *session.Session, k string, v any) {
	if err := s.Set(k, v); err != nil {
		t.Errorf("Set(%q): got %v, want nil", k, err)
		return
	}
	if err := s.Save(t.Context()); err != nil {
		t.Errorf("Save: got %v, want nil", err)
	}
}

// testMergeIncr: incrRequests requests load one session, then each adds
// one to a counter and saves.
func testMergeIncr(t *testing.T, h *harness) {
	needMerge(t, h)
	key := h.saved(t, kv{"other", "kept"})
	sessions := make([]*session.Session, incrRequests)
	for i := range sessions {
		sessions[i] = loaded(t, h, key)
	}
	var wg sync.WaitGroup
	for _, s := range sessions {
		wg.Go(func() {
			if _, err := s.Incr("count", 1); err != nil {
				t.Errorf("Incr: got %v, want nil", err)
				return
			}
			if err := s.Save(t.Context()); err != nil {
				t.Errorf("Save: got %v, want nil", err)
			}
		})
	}
	wg.Wait()
	s := h.open(t, key)
	wantValue(t, s, "count", int64(incrRequests))
	wantValue(t, s, "other", "kept")
}

// testMergeSameKey: two requests set one key to values of different
// shapes; the stored value is one of them whole, never a mix.
func testMergeSameKey(t *testing.T, h *harness) {
	needMerge(t, h)
	first := map[string]any{"from": "first", "items": []any{int64(1), int64(2)}}
	second := map[string]any{"from": "second", "note": "x"}
	for range 20 {
		key := h.saved(t, kv{"cart", "empty"})
		a, b := loaded(t, h, key), loaded(t, h, key)
		both(func() { setAndSave(t, a, "cart", first) }, func() { setAndSave(t, b, "cart", second) })
		got, _ := h.open(t, key).Get("cart")
		if s := fmt.Sprint(got); s != fmt.Sprint(first) && s != fmt.Sprint(second) {
			t.Fatalf("cart: got %v, want %v or %v", got, first, second)
		}
	}
}
