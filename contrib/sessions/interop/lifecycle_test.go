package interop

import (
	"testing"
	"time"

	"github.com/manouche-go/manouche/contrib/sessions/cookiestore"
	"github.com/manouche-go/manouche/framework/signing"
)

// TestSetExpiry: set_expiry(N) by one side gives the other the same
// get_expiry_age, which its next save keeps (cookie Max-Age, expire_date);
// set_expiry(0) makes the other's cookie a browser-session cookie; a
// session the writer expired (set_expiry(-10)) is expired when the reader
// loads it.
func TestSetExpiry(t *testing.T) {
	forEachEngine(t, func(t *testing.T, engine string) {
		st := storageFor(t, engine)
		forEachDirection(t, engine, func(t *testing.T, w, r side) {
			b := &browser{t: t}
			b.post(w, "/s/set/", `{"a": 1}`)
			set := b.post(w, "/s/expiry/?seconds=3600", "")
			checkMaxAge(t, w.name, set, 3600)

			got := b.get(r, "/s/state/")
			checkData(t, r.name, got.data, map[string]any{"a": int64(1), "_session_expiry": int64(3600)})
			if got.age != 3600 {
				t.Errorf("%s get_expiry_age: got %d, want 3600", r.name, got.age)
			}
			saved := b.post(r, "/s/incr/?name=a", "")
			checkMaxAge(t, r.name+" saving", saved, 3600)
			if engine == "db" || engine == "cached_db" {
				checkExpireDate(t, st, b.cookie, 3600*time.Second)
			}

			b.post(w, "/s/expiry/?seconds=0", "") // until the browser closes
			got = b.get(r, "/s/state/")
			if v := got.data["_session_expiry"]; !sameJSON(v, int64(0)) || got.age != defaultAge {
				t.Errorf("%s after set_expiry(0): got _session_expiry %s and get_expiry_age %d, want 0 and %d", r.name, show(v), got.age, defaultAge)
			}
			if saved := b.post(r, "/s/incr/?name=a", ""); saved.setCookie == nil || saved.setCookie.MaxAge != 0 || !saved.setCookie.Expires.IsZero() {
				t.Errorf("%s saving a browser-close session: got %s, want a cookie without Max-Age and Expires", r.name, saved.cookie())
			}

			b.post(w, "/s/expiry/?seconds=-10", "")
			expired := b.cookie
			got = b.get(r, "/s/state/")
			if engine == "signed_cookies" {
				// Django checks only the cookie's age against
				// SESSION_COOKIE_AGE; the browser drops it at Max-Age.
				checkData(t, r.name+" (signed_cookies ignore _session_expiry on load)", got.data,
					map[string]any{"a": int64(3), "_session_expiry": int64(-10)})
				return
			}
			checkData(t, r.name+" loading an expired session", got.data, map[string]any{})
			if got.key == expired {
				t.Errorf("%s kept the expired session key", r.name)
			}
			checkEnded(t, r, st, expired, got)
		})
	})
}

// TestSignedCookieAge: a signed_cookies session older than
// SESSION_COOKIE_AGE is expired on load by both sides.
func TestSignedCookieAge(t *testing.T) {
	requireDjango(t)
	for _, s := range []side{djangoSide(t, "signed_cookies", secretKey), manoucheSide(t, "signed_cookies", secretKey)} {
		t.Run(s.name, func(t *testing.T) {
			b := &browser{t: t, cookie: signedCookie(t, secretKey, `{"a": 1}`, time.Now().Add(-(defaultAge+60)*time.Second))}
			if got := b.get(s, "/s/state/"); len(got.data) != 0 {
				t.Errorf("%s: cookie older than SESSION_COOKIE_AGE: got %v, want an empty session", s.name, got.data)
			}
			b.cookie = signedCookie(t, secretKey, `{"a": 1}`, time.Now().Add(-(defaultAge-60)*time.Second))
			checkData(t, s.name+": cookie younger than SESSION_COOKIE_AGE", b.get(s, "/s/state/").data, map[string]any{"a": int64(1)})
		})
	}
}

// checkEnded checks how reader answers a session it found expired: it
// drops the key and deletes the cookie. Django's file engine instead
// starts a new, empty session under a new key at once (spec §6.4), which
// manouche's does not do (loading never creates a record); both delete the
// expired file.
func checkEnded(t *testing.T, reader side, st *storage, expired string, got reply) {
	t.Helper()
	if st.engine == "file" && hasRecord(t, st, expired) {
		t.Errorf("%s (file) kept the expired session's file", reader.name)
	}
	if st.engine == "file" && reader.name == "django" {
		if got.key == nil || got.setCookie == nil || got.deleted() || got.setCookie.Value != got.key {
			t.Errorf("%s (file): got key %v and cookie %v, want a new session key set in the cookie", reader.name, got.key, got.cookie())
		}
		return
	}
	if got.key != nil || !got.deleted() {
		t.Errorf("%s: got key %v and cookie %v, want no key and the cookie deleted", reader.name, got.key, got.cookie())
	}
}

// checkMaxAge checks the Max-Age of the session cookie a reply set.
func checkMaxAge(t *testing.T, who string, r reply, want int) {
	t.Helper()
	if r.setCookie == nil || r.setCookie.MaxAge != want {
		t.Errorf("%s: session cookie %v, want one with Max-Age=%d", who, r.cookie(), want)
	}
}

// checkExpireDate checks that key's row expires in about age from now.
func checkExpireDate(t *testing.T, st *storage, key string, age time.Duration) {
	t.Helper()
	r, ok := sessionRow(t, st, key)
	if !ok {
		t.Fatalf("no django_session row for the session")
	}
	at, err := time.Parse("2006-01-02 15:04:05.999999", r.ExpireDate)
	if d := time.Until(at) - age; err != nil || d < -time.Minute || d > time.Minute {
		t.Errorf("expire_date: got %q (%v), want about now + %v in UTC", r.ExpireDate, err, age)
	}
}

// signedCookie is a signed_cookies session value holding the JSON object
// data, signed with key at t, as Django's signing.dumps writes it.
func signedCookie(t *testing.T, key, data string, at time.Time) string {
	t.Helper()
	d, err := signing.UnmarshalDict([]byte(data))
	if err != nil {
		t.Fatal(err)
	}
	v, err := signing.DumpsAt(d, signing.DumpOptions{Options: signing.Options{Key: key, Salt: cookiestore.Salt}, Compress: true}, at)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// TestFlush: flush by one side ends the session for the other.
func TestFlush(t *testing.T) {
	forEachEngine(t, func(t *testing.T, engine string) {
		st := storageFor(t, engine)
		forEachDirection(t, engine, func(t *testing.T, w, r side) {
			b := &browser{t: t}
			b.post(w, "/s/set/", `{"user": "alice"}`)
			old := b.cookie

			flushed := b.post(r, "/s/flush/", "")
			if !flushed.deleted() || flushed.key != nil || len(flushed.data) != 0 {
				t.Errorf("%s flush: got key %v, data %v, cookie %v, want none, empty and deleted", r.name, flushed.key, flushed.data, flushed.cookie())
			}
			if hasRecord(t, st, old) {
				t.Errorf("%s flush left the session's record", r.name)
			}
			if got := b.get(w, "/s/state/"); len(got.data) != 0 || got.setCookie != nil {
				t.Errorf("%s after the flush, without cookie: got %v, cookie %v, want an empty session and no cookie", w.name, got.data, got.cookie())
			}

			b.cookie = old // a replayed cookie
			got := b.get(w, "/s/state/")
			if engine == "signed_cookies" {
				// Django's semantics: the cookie is the session; flush only
				// asks the browser to forget it.
				checkData(t, w.name+" reading a replayed signed cookie after flush", got.data, map[string]any{"user": "alice"})
				return
			}
			checkData(t, w.name+" reading the flushed session", got.data, map[string]any{})
			if got.key != nil || !got.deleted() {
				t.Errorf("%s reading the flushed session: got key %v and cookie %v, want no key and the cookie deleted", w.name, got.key, got.cookie())
			}
		})
	})
}

// TestCycleKey: cycle_key by one side moves the data to a new key that the
// other reads; the old key is gone (signed_cookies: still valid, as in
// Django, since a cookie cannot be revoked).
func TestCycleKey(t *testing.T) {
	forEachEngine(t, func(t *testing.T, engine string) {
		st := storageFor(t, engine)
		forEachDirection(t, engine, func(t *testing.T, w, r side) {
			b := &browser{t: t}
			data := map[string]any{"user": "alice", "n": 1.0}
			b.post(w, "/s/set/", `{"user": "alice", "n": 1.0}`)
			old := b.cookie

			cycled := b.post(r, "/s/cycle/", "")
			checkData(t, r.name+" cycle_key", cycled.data, data)
			if cycled.setCookie == nil || b.cookie == "" {
				t.Fatalf("%s cycle_key set no cookie", r.name)
			}
			if engine != "signed_cookies" {
				if b.cookie == old || cycled.key != b.cookie {
					t.Errorf("%s cycle_key: got key %v and cookie %q, want a new key (old %q) in the cookie", r.name, cycled.key, b.cookie, old)
				}
				if hasRecord(t, st, old) || !hasRecord(t, st, b.cookie) {
					t.Errorf("%s cycle_key: want the old record deleted and the new one stored", r.name)
				}
			}
			checkData(t, w.name+" reading the new key", b.get(w, "/s/state/").data, data)

			b.cookie = old
			got := b.get(w, "/s/state/")
			if engine == "signed_cookies" {
				checkData(t, w.name+" reading the old signed cookie", got.data, data)
				return
			}
			checkData(t, w.name+" reading the old key", got.data, map[string]any{})
		})
	})
}
