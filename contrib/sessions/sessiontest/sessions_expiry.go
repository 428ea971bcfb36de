package sessiontest

import (
	"fmt"
	"testing"
	"time"

	"github.com/manouche-go/manouche/framework/session"
)

const reasonCookieExpiry = "signed cookies ignore _session_expiry when read; only SESSION_COOKIE_AGE limits them " +
	"(Django's CookieSessionTests expects test_actual_expiry to fail, #19201)"

var sessionExpiryCases = []sessionCase{
	// Django's test_default_expiry and test_custom_expiry_reset.
	{name: "without a custom expiry the age is SESSION_COOKIE_AGE", run: testDefaultExpiry},
	// Django's test_custom_expiry_seconds, through a save and a reload.
	{name: "SetExpiry(seconds) survives a reload", run: testExpirySeconds},
	// Django's test_get_expire_at_browser_close.
	{name: "SetExpiry(0) expires at browser close", run: testExpireAtBrowserClose},
	// Django's test_actual_expiry.
	{name: "a session saved with a negative expiry loads as empty", only: storeEngine, reason: reasonCookieExpiry, run: testNegativeExpiry},
	// Django's test_actual_expiry, moving the clock instead: every engine
	// expires a session SESSION_COOKIE_AGE after its last save.
	{name: "a session older than SESSION_COOKIE_AGE loads as empty", run: testClockPastExpiry},
}

func wantAge(t *testing.T, s *session.Session, want int) {
	t.Helper()
	if got := s.ExpiryAge(); got != want {
		t.Errorf("ExpiryAge: got %d, want %d", got, want)
	}
}

func wantBrowserClose(t *testing.T, s *session.Session, want bool) {
	t.Helper()
	if got := s.ExpireAtBrowserClose(); got != want {
		t.Errorf("ExpireAtBrowserClose: got %v, want %v", got, want)
	}
}

func testDefaultExpiry(t *testing.T, h *harness) {
	s := h.open(t, "")
	wantAge(t, s, h.cookieAge())
	if got, want := s.ExpiryDate(), h.base.Add(time.Duration(h.cookieAge())*time.Second); !got.Equal(want) {
		t.Errorf("ExpiryDate: got %v, want %v", got, want)
	}
	mustSetExpiry(t, s, 0)
	wantAge(t, s, h.cookieAge())
	mustSetExpiry(t, s, 10)
	wantAge(t, s, 10)
	mustSetExpiry(t, s, nil)
	wantAge(t, s, h.cookieAge())
}

func testExpirySeconds(t *testing.T, h *harness) {
	s := h.open(t, "")
	mustSetExpiry(t, s, 600)
	mustSaveSession(t, s)
	r := h.open(t, s.Key())
	wantAge(t, r, 600)
	if got, want := r.ExpiryDate(), h.base.Add(600*time.Second); !got.Equal(want) {
		t.Errorf("ExpiryDate: got %v, want %v", got, want)
	}
	wantBrowserClose(t, r, false)
}

func testExpireAtBrowserClose(t *testing.T, h *harness) {
	for _, policy := range []bool{false, true} {
		t.Run(fmt.Sprint("SESSION_EXPIRE_AT_BROWSER_CLOSE=", policy), func(t *testing.T) {
			h.cfg.ExpireAtBrowserClose = policy
			s := h.open(t, "")
			mustSetExpiry(t, s, 10)
			wantBrowserClose(t, s, false)
			mustSetExpiry(t, s, 0)
			wantBrowserClose(t, s, true)
			mustSaveSession(t, s)
			r := h.open(t, s.Key())
			wantBrowserClose(t, r, true)
			wantAge(t, r, h.cookieAge())
			mustSetExpiry(t, r, nil)
			wantBrowserClose(t, r, policy)
		})
	}
}

func testNegativeExpiry(t *testing.T, h *harness) {
	s := h.open(t, "")
	mustSet(t, s, "foo", "bar")
	mustSetExpiry(t, s, -10)
	mustSaveSession(t, s)
	wantKeyDropped(t, h, s.Key())
}

func testClockPastExpiry(t *testing.T, h *harness) {
	h.offset = -(time.Duration(h.cookieAge())*time.Second + time.Minute)
	key := h.saved(t, kv{"foo", "bar"})
	h.offset = 0
	r := wantEmptyLoad(t, h, key)
	mustSet(t, r, "new", "N")
	mustSaveSession(t, r)
	if r.Key() == key {
		t.Errorf("Key after saving an expired session: got the expired key, want a new one")
	}
}
