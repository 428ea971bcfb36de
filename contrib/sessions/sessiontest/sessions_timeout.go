package sessiontest

import (
	"testing"
	"time"

	"github.com/manouche-go/manouche/framework/session"
)

const reasonNoRecord = "a cookie engine keeps no record to delete: the ended cookie is replaced"

// timeoutCases are manouche's SESSION_IDLE_TIMEOUT and
// SESSION_ABSOLUTE_TIMEOUT, which Django lacks, with the harness's clock.
var timeoutCases = []sessionCase{
	{name: "without timeouts no timestamp is stored", run: testNoTimestamps},
	{name: "the timestamps are Unix seconds Django loads as integers", run: testTimestamps},
	{name: "idle: a session used within the timeout lives on", run: testIdleAlive},
	{name: "idle: a session unused for the timeout ends empty and keyless", run: testIdleEnds},
	{name: "idle: the ended session's record is deleted", only: storeEngine, reason: reasonNoRecord, run: testIdleDeletes},
	{name: "idle: a read refreshes last-seen at most once per tenth of the timeout", run: testIdleRefresh},
	{name: "absolute: a session ends after the timeout however active", run: testAbsoluteEnds},
	{name: "absolute: CycleKey (login) restarts it", run: testAbsoluteCycle},
}

const (
	idle     = 100 * time.Second
	absolute = 300 * time.Second
)

// at moves the harness's clock to base + d.
func (h *harness) at(d time.Duration) { h.offset = d }

func testNoTimestamps(t *testing.T, h *harness) {
	r := h.open(t, h.saved(t, kv{"a", "A"}))
	for _, k := range []string{session.LastSeenKey, session.CreatedKey} {
		wantAbsent(t, r, k)
	}
}

func testTimestamps(t *testing.T, h *harness) {
	h.cfg.IdleTimeout, h.cfg.AbsoluteTimeout = idle, absolute
	r := h.open(t, h.saved(t, kv{"a", "A"}))
	wantValue(t, r, session.LastSeenKey, h.base.Unix())
	wantValue(t, r, session.CreatedKey, h.base.Unix())
	wantValue(t, r, "a", "A")
}

func testIdleAlive(t *testing.T, h *harness) {
	h.cfg.IdleTimeout = idle
	key := h.saved(t, kv{"a", "A"})
	h.at(idle - time.Second)
	r := h.open(t, key)
	wantValue(t, r, "a", "A")
	if r.Key() != key {
		t.Errorf("Key: got a new key, want the session's own")
	}
}

func testIdleEnds(t *testing.T, h *harness) {
	h.cfg.IdleTimeout = idle
	key := h.saved(t, kv{"a", "A"})
	h.at(idle)
	r := wantEmptyLoad(t, h, key)
	if r.Key() != "" {
		t.Errorf("Key after the idle timeout: got %s, want \"\"", abbrev(r.Key()))
	}
	mustSet(t, r, "b", "B")
	mustSaveSession(t, r)
	if r.Key() == key {
		t.Errorf("Key after saving an ended session: got the ended key, want a new one")
	}
}

func testIdleDeletes(t *testing.T, h *harness) {
	h.cfg.IdleTimeout = idle
	key := h.saved(t, kv{"a", "A"})
	h.at(idle)
	wantEmptyLoad(t, h, key)
	h.cfg.IdleTimeout = 0 // the record itself, were it still there, would load again
	wantKeyDropped(t, h, key)
}

func testIdleRefresh(t *testing.T, h *harness) {
	h.cfg.IdleTimeout = idle
	key := h.saved(t, kv{"a", "A"})
	h.at(idle/10 - time.Second)
	if r := h.open(t, key); r.Len() == 0 || r.Modified() {
		t.Fatalf("read before a tenth of the timeout: got Len %d, Modified %v, want the data, false", r.Len(), r.Modified())
	}
	h.at(idle / 10)
	r := h.open(t, key)
	if r.Len() == 0 || !r.Modified() {
		t.Fatalf("read at a tenth of the timeout: got Len %d, Modified %v, want the data, true", r.Len(), r.Modified())
	}
	mustSaveSession(t, r) // what the middleware does with a modified session
	key = r.Key()         // the same, except for a cookie engine
	h.at(idle/10 + idle - time.Second)
	wantValue(t, h.open(t, key), "a", "A")
	h.at(idle/10 + idle)
	wantEmptyLoad(t, h, key)
}

func testAbsoluteEnds(t *testing.T, h *harness) {
	h.cfg.AbsoluteTimeout = absolute
	key := h.saved(t, kv{"n", 0})
	for i := 1; i < 3; i++ { // active all along
		h.at(time.Duration(i) * absolute / 3)
		r := h.open(t, key)
		mustSet(t, r, "n", i)
		mustSaveSession(t, r)
		key = r.Key()
	}
	h.at(absolute - time.Second)
	wantValue(t, h.open(t, key), "n", int64(2))
	h.at(absolute)
	if r := wantEmptyLoad(t, h, key); r.Key() != "" {
		t.Errorf("Key after the absolute timeout: got %s, want \"\"", abbrev(r.Key()))
	}
}

func testAbsoluteCycle(t *testing.T, h *harness) {
	h.cfg.AbsoluteTimeout = absolute
	key := h.saved(t, kv{"a", "A"})
	h.at(absolute / 2)
	r := h.open(t, key)
	if err := r.CycleKey(); err != nil {
		t.Fatalf("CycleKey: got %v, want nil", err)
	}
	key = r.Key()
	h.at(absolute + time.Second)
	wantValue(t, h.open(t, key), "a", "A")
	h.at(absolute/2 + absolute)
	wantEmptyLoad(t, h, key)
}
