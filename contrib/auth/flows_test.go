package auth_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/manouche-go/manouche/contrib/auth"
	"github.com/manouche-go/manouche/framework/sitetest"
)

// deletion is Django's Set-Cookie deleting the session cookie.
const deletion = `sessionid=""; expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; Path=/; SameSite=Lax`

// loginCookie is the shape of the session cookie a login sets, as in
// auth.json's http_flow vectors (the key and date vary).
var loginCookie = regexp.MustCompile(`^sessionid=[a-z0-9]{32}; expires=[A-Z][a-z]{2}, \d\d [A-Z][a-z]{2} \d{4} \d\d:\d\d:\d\d GMT; HttpOnly; Max-Age=1209600; Path=/; SameSite=Lax$`)

// TestHTTPFlow_loginLogout follows auth.json's login_logout_cookie_csrf
// flow, CSRF aside: login sets a new session cookie and last_login, the
// logged-in request sets no cookie, logout deletes the row and the cookie,
// and replaying the old cookie is anonymous and deletes it again.
func TestHTTPFlow_loginLogout(t *testing.T) {
	vs := newVectorSite(t)
	c := vs.NewClient(t)
	resp := c.Post("/login/", url.Values{"username": {"alice"}, "password": {"s3cret-password"}})
	set := resp.Header.Values("Set-Cookie")
	if resp.StatusCode != http.StatusFound || len(set) != 1 || !loginCookie.MatchString(set[0]) {
		t.Fatalf("login: %d, Set-Cookie %q", resp.StatusCode, set)
	}
	key := sitetest.ParseSetCookie(set[0]).Value
	if got := vs.row(t, key); got != `{"_auth_user_id":"1","_auth_user_backend":"django.contrib.auth.backends.ModelBackend","_auth_user_hash":"6fc9785d1b7927002272b02c02ffcdb6579dd941875fc65e880cbca4a54e0f7c"}` {
		t.Errorf("session row after login: %s", got)
	}
	var alice auth.User
	vs.db.First(&alice, 1)
	if alice.LastLogin == nil || alice.Password != alicePassword {
		t.Errorf("after login: last_login %v, password %q; want last_login set and no re-hash", alice.LastLogin, alice.Password)
	}
	who := c.Get("/whoami/")
	if who.Body != "alice" || len(who.Header.Values("Set-Cookie")) != 0 || who.Header.Get("Vary") != "Cookie" {
		t.Errorf("whoami: %q, Set-Cookie %q, Vary %q", who.Body, who.Header.Values("Set-Cookie"), who.Header.Get("Vary"))
	}
	out := c.Post("/logout/", nil)
	if out.StatusCode != 200 || strings.Join(out.Header.Values("Set-Cookie"), "|") != deletion || vs.row(t, key) != "" {
		t.Errorf("logout: %d, Set-Cookie %q, row %q", out.StatusCode, out.Header.Values("Set-Cookie"), vs.row(t, key))
	}
	replay := vs.NewClient(t).Request("GET", "/whoami/", cookie(key), nil)
	if replay.Body != "anonymous" || strings.Join(replay.Header.Values("Set-Cookie"), "|") != deletion {
		t.Errorf("replay: %q, Set-Cookie %q", replay.Body, replay.Header.Values("Set-Cookie"))
	}
}

// TestHTTPFlow_upgradesPasswordHash follows login_upgrades_password_hash:
// a correct password with a short salt is re-hashed before login, and the
// session hash is that of the new password field.
func TestHTTPFlow_upgradesPasswordHash(t *testing.T) {
	vs := newVectorSite(t)
	const before = "pbkdf2_sha256$260000$seasalt$YlZ2Vggtqdc61YjArZuoApoBh9JNGYoDRBUGu6tcJQo="
	vs.db.Model(&auth.User{}).Where("id = 1").Update("password", before)
	c := vs.NewClient(t)
	resp := c.Post("/login/", url.Values{"username": {"alice"}, "password": {"lètmein"}})
	if resp.StatusCode != http.StatusFound {
		t.Fatalf("login: %d %q", resp.StatusCode, resp.Body)
	}
	var alice auth.User
	vs.db.First(&alice, 1)
	if !regexp.MustCompile(`^pbkdf2_sha256\$260000\$[a-zA-Z0-9]{22}\$`).MatchString(alice.Password) {
		t.Errorf("password after login %q, want a 260000-iteration hash with a 22-character salt", alice.Password)
	}
	ck, _ := resp.SetCookie("sessionid")
	if got := vs.row(t, ck.Value); !strings.Contains(got, alice.SessionAuthHash(vectorSecret)) {
		t.Errorf("session %s does not hold the hash of the new password field", got)
	}
	if c.Get("/whoami/").Body != "alice" {
		t.Error("the session of the login that re-hashed is not logged in")
	}
}

// TestHTTPFlow_passwordChangeEndsOtherSessions follows
// password_change_logs_out_other_sessions through PasswordChangeView: the
// changing session gets a new key and hash, another session of the user is
// anonymous at its next request, flushed, its cookie deleted.
func TestHTTPFlow_passwordChangeEndsOtherSessions(t *testing.T) {
	ts := newSite(t, nil)
	ts.user(t, "alice", "old-password-1")
	first, second := ts.NewClient(t), ts.NewClient(t)
	ts.login(t, first, "alice", "old-password-1")
	ts.login(t, second, "alice", "old-password-1")
	oldKey, _ := first.Cookie("sessionid")
	resp := first.Post("/password/", url.Values{"old_password": {"old-password-1"}, "new_password1": {"brand-new-pass"}, "new_password2": {"brand-new-pass"}})
	if resp.StatusCode != http.StatusFound || resp.Header.Get("Location") != "/password/done/" {
		t.Fatalf("password change: %d %q -> %q", resp.StatusCode, resp.Body, resp.Header.Get("Location"))
	}
	if newKey, _ := first.Cookie("sessionid"); newKey == oldKey || newKey == "" {
		t.Errorf("the changing session kept its key")
	}
	if got := first.Get("/whoami/").Body; got != "alice" {
		t.Errorf("changing session after the change: %q, want alice", got)
	}
	other := second.Get("/whoami/")
	if other.Body != "anonymous" || strings.Join(other.Header.Values("Set-Cookie"), "|") != deletion {
		t.Errorf("other session: %q, Set-Cookie %q; want anonymous and the cookie deleted", other.Body, other.Header.Values("Set-Cookie"))
	}
	if r := ts.NewClient(t).Post("/login/", url.Values{"username": {"alice"}, "password": {"brand-new-pass"}}); r.StatusCode != http.StatusFound {
		t.Errorf("login with the new password: %d", r.StatusCode)
	}
}

// TestHTTPFlow_logoutThenWrite follows logout_then_session_write: a write
// after logout creates a new key, sent as a normal cookie.
func TestHTTPFlow_logoutThenWrite(t *testing.T) {
	ts := newSite(t, nil)
	ts.user(t, "alice", "pw-alice-1")
	c := ts.NewClient(t)
	ts.login(t, c, "alice", "pw-alice-1")
	old, _ := c.Cookie("sessionid")
	c.Post("/logout/", nil)
	resp := c.Get("/touch/")
	ck, ok := resp.SetCookie("sessionid")
	if resp.Body != "anonymous" || !ok || ck.Deletes() || ck.Value == old || !loginCookie.MatchString(resp.Header.Get("Set-Cookie")) {
		t.Errorf("write after logout: %q, Set-Cookie %q; want a new key", resp.Body, resp.Header.Values("Set-Cookie"))
	}
}
