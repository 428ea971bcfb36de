package examples_test

import (
	"encoding/json"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/manouche-go/manouche/framework/sitetest"
)

func TestShopWelcome(t *testing.T) { forEachEngine(t, testShopWelcome) }

func testShopWelcome(t *testing.T, e *engineEnv) {
	play(t, e, []step{
		{name: "newcomer", path: "/shop/welcome/", want: []string{"Welcome newcomer!"}, cookie: cookieSet,
			stored: map[string]any{"is_first_visit": false}, gone: []string{"_session_expiry"}},
		{name: "back", path: "/shop/welcome/", want: []string{"Welcome back!"}, notWant: []string{"newcomer"}, cookie: cookieNone},
		{name: "crazy only counts on a first visit", path: "/shop/welcome/?crazy=1", want: []string{"Welcome back!"},
			cookie: cookieNone, gone: []string{"_session_expiry"}},
		{name: "expiry unchanged", path: "/shop/expiry/", want: []string{"Expires in 1209600 seconds"}, cookie: cookieNone},
	})
}

func TestShopWelcome_crazy(t *testing.T) { forEachEngine(t, testShopWelcomeCrazy) }

func testShopWelcomeCrazy(t *testing.T, e *engineEnv) {
	play(t, e, []step{
		{name: "newcomer", path: "/shop/welcome/?crazy=1", want: []string{"Welcome newcomer!"}, cookie: cookieSet, maxAge: 60,
			stored: map[string]any{"is_first_visit": false, "_session_expiry": 60}},
		{name: "expiry", path: "/shop/expiry/", want: []string{"Expires in 60 seconds"}, check: wantExpiryIn(60 * time.Second)},
		{name: "back", path: "/shop/welcome/", want: []string{"Welcome back!"}, cookie: cookieNone},
	})
}

func TestShopExpiry(t *testing.T) { forEachEngine(t, testShopExpiry) }

func testShopExpiry(t *testing.T, e *engineEnv) {
	play(t, e, []step{
		{name: "new session", path: "/shop/expiry/", want: []string{"Expires in 1209600 seconds"},
			cookie: cookieNone, check: wantExpiryIn(defaultAge * time.Second)},
	})
}

var expiryText = regexp.MustCompile(`^Expires on (\S+) Expires in (-?\d+) seconds$`)

// wantExpiryIn checks /shop/expiry/'s plain text and that its RFC 3339
// date is d from now.
func wantExpiryIn(d time.Duration) func(*testing.T, *sitetest.Response) {
	return func(t *testing.T, resp *sitetest.Response) {
		m := expiryText.FindStringSubmatch(resp.Body)
		if m == nil {
			t.Fatalf("body: got %q, want %q", resp.Body, expiryText)
		}
		if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/plain") {
			t.Errorf("Content-Type: got %q, want text/plain", ct)
		}
		date, err := time.Parse(time.RFC3339, m[1])
		if err != nil {
			t.Fatalf("expiry date %q: %v", m[1], err)
		}
		if off := time.Until(date) - d; off < -5*time.Second || off > 5*time.Second {
			t.Errorf("expiry date: got %s, want about now + %s", date, d)
		}
	}
}

func TestShopCookies(t *testing.T) { forEachEngine(t, testShopCookies) }

func testShopCookies(t *testing.T, e *engineEnv) {
	c := e.srv.NewClient(t)
	c.SetCookie("flavor", "chocolate")
	playWith(t, e, c, []step{
		{name: "no session yet", path: "/shop/cookies/", cookie: cookieSet, stored: map[string]any{"is_first_visit": false},
			check: wantCookiesJSON(map[string]string{"flavor": "chocolate"})},
		{name: "with session", path: "/shop/cookies/", check: func(t *testing.T, resp *sitetest.Response) {
			sid, _ := c.Cookie(cookieName)
			wantCookiesJSON(map[string]string{"flavor": "chocolate", cookieName: sid})(t, resp)
		}},
		{name: "no longer a first visit", path: "/shop/welcome/", want: []string{"Welcome back!"}},
	})
}

// wantCookiesJSON checks /shop/cookies/'s JSON body.
func wantCookiesJSON(want map[string]string) func(*testing.T, *sitetest.Response) {
	return func(t *testing.T, resp *sitetest.Response) {
		var got map[string]string
		if err := json.Unmarshal([]byte(resp.Body), &got); err != nil {
			t.Fatalf("body %q: %v", resp.Body, err)
		}
		if len(got) != len(want) {
			t.Errorf("cookies: got %v, want %v", got, want)
		}
		for k, v := range want {
			if got[k] != v {
				t.Errorf("cookies[%q]: got %q, want %q", k, got[k], v)
			}
		}
	}
}

var storeKey = regexp.MustCompile(`^[a-z0-9]{32}$`)

func TestShopKey(t *testing.T) { forEachEngine(t, testShopKey) }

func testShopKey(t *testing.T, e *engineEnv) {
	var key string
	play(t, e, []step{
		{name: "saved first", path: "/shop/key/", cookie: cookieSet, stored: map[string]any{},
			check: func(t *testing.T, resp *sitetest.Response) {
				key = resp.Body
				ck, _ := resp.SetCookie(cookieName)
				switch {
				case e.engine == "signed_cookies":
					if key == "" {
						t.Errorf("key: got %q, want the signed cookie", key)
					}
				case !storeKey.MatchString(key):
					t.Errorf("key: got %q, want 32 characters [a-z0-9]", key)
				case ck.Value != key:
					t.Errorf("key: got %q, want the cookie's value %q", key, ck.Value)
				}
			}},
		{name: "same key", path: "/shop/key/", cookie: cookieNone, check: func(t *testing.T, resp *sitetest.Response) {
			if e.engine != "signed_cookies" && resp.Body != key {
				t.Errorf("key: got %q, want %q", resp.Body, key)
			}
		}},
	})
	if e.engine == "signed_cookies" {
		return // an unknown signed cookie is a malformed one: see TestBadInput
	}
	// A cookie naming no stored session gets a new key, never the planted
	// one (no session fixation).
	const planted = "abcdefgh12345678abcdefgh12345678"
	c := e.srv.NewClient(t)
	c.SetCookie(cookieName, planted)
	playWith(t, e, c, []step{{name: "unknown key", path: "/shop/key/", cookie: cookieSet, notWant: []string{planted},
		check: func(t *testing.T, resp *sitetest.Response) {
			if !storeKey.MatchString(resp.Body) {
				t.Errorf("key: got %q, want 32 characters [a-z0-9]", resp.Body)
			}
		}}})
}

func TestShopLogin(t *testing.T) { forEachEngine(t, testShopLogin) }

func testShopLogin(t *testing.T, e *engineEnv) {
	var before, after string // the session cookie before and after login
	c := e.srv.NewClient(t)
	cookie := func(dst *string) func(*testing.T, *sitetest.Response) {
		return func(t *testing.T, _ *sitetest.Response) { *dst, _ = c.Cookie(cookieName) }
	}
	admin := url.Values{"username": {"admin"}, "password": {"admin"}}
	playWith(t, e, c, []step{
		{name: "members only", path: "/shop/", status: 302, location: "/shop/login/", cookie: cookieNone},
		{name: "login form", path: "/shop/login/", want: []string{`action="/shop/login/"`, `name="password"`}, cookie: cookieNone},
		{name: "start a session", path: "/shop/welcome/", cookie: cookieSet, check: cookie(&before)},
		{name: "wrong password", path: "/shop/login/", form: url.Values{"username": {"admin"}, "password": {"nope"}},
			want: []string{"Wrong username or password.", `value="admin"`}, cookie: cookieNone,
			stored: map[string]any{"is_first_visit": false}, gone: []string{"user_id"}},
		{name: "login", path: "/shop/login/", form: admin, status: 302, location: "/shop/", cookie: cookieSet,
			stored: map[string]any{"user_id": "admin"}, gone: []string{"is_first_visit"}, check: cookie(&after)},
		{name: "new key", path: "/shop/", want: []string{"Welcome, admin!"}, cookie: cookieNone,
			check: func(t *testing.T, _ *sitetest.Response) { wantNewKey(t, e, before, after) }},
		{name: "login page when logged in", path: "/shop/login/", status: 302, location: "/shop/", cookie: cookieNone},
		{name: "logout", path: "/shop/logout/", status: 302, location: "/", cookie: cookieDeleted, noRecord: true,
			check: func(t *testing.T, _ *sitetest.Response) { wantNoRecord(t, e, after) }},
		{name: "members only again", path: "/shop/", status: 302, location: "/shop/login/", cookie: cookieNone},
	})
}

// wantNewKey checks that login changed the session cookie and, for engines
// with records, deleted the record of the old key.
func wantNewKey(t *testing.T, e *engineEnv, before, after string) {
	t.Helper()
	if before == "" || after == "" || before == after {
		t.Errorf("session cookie: got %q before login and %q after, want two different values", before, after)
	}
	wantNoRecord(t, e, before)
}

// wantNoRecord checks that key has no stored session (engines with records).
func wantNoRecord(t *testing.T, e *engineEnv, key string) {
	t.Helper()
	if !e.hasRecords() {
		return // a signed cookie cannot be revoked; it stays valid until it expires
	}
	if data, ok := e.storedKey(t, key); ok {
		t.Errorf("old session: got a record %v, want it deleted", data)
	}
}
