package examples_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/manouche-go/manouche/framework/sitetest"
)

func TestMessages(t *testing.T) { forEachEngine(t, testMessages) }

// testMessages checks the success message of each form that saves
// something: shown on the page that follows, once.
func testMessages(t *testing.T, e *engineEnv) {
	const (
		saved   = `<p class="message success" role="status">Saved.</p>`
		welcome = `<p class="message success" role="status">Welcome back, admin!</p>`
		bye     = `<p class="message success" role="status">You are logged out.</p>`
		alice   = `<p class="message success" role="status">You are logged in as alice.</p>`
	)
	messagesCookie := func(t *testing.T, resp *sitetest.Response) {
		ck, ok := resp.SetCookie("messages")
		if !ok || !ck.HttpOnly() || ck.SameSite() != "Lax" || ck.Path() != "/" {
			t.Errorf("messages cookie: got %q, want one with HttpOnly, SameSite=Lax and Path=/", ck.Raw)
		}
		if _, ok := ck.MaxAge(); ok {
			t.Errorf("messages cookie: got %q, want a browser-session cookie", ck.Raw)
		}
	}
	t.Run("mail", func(t *testing.T) {
		play(t, e, []step{
			{name: "form", path: "/mail/", notWant: []string{saved}},
			{name: "send", path: "/mail/", form: url.Values{"from_name": {"Ann"}, "message": {"Hi"}}, want: []string{"Sent", saved}},
			{name: "shown once", path: "/mail/", notWant: []string{saved}},
		})
	})
	t.Run("shop", func(t *testing.T) {
		play(t, e, []step{
			{name: "login form", path: "/shop/login/"},
			{name: "login", path: "/shop/login/", form: url.Values{"username": {"admin"}, "password": {"admin"}},
				status: http.StatusFound, location: "/shop/", check: messagesCookie},
			{name: "welcome", path: "/shop/", want: []string{welcome, "Welcome, admin!"}},
			{name: "shown once", path: "/shop/", want: []string{"Welcome, admin!"}, notWant: []string{welcome}},
			{name: "logout", path: "/shop/logout/", status: http.StatusFound, location: "/", cookie: cookieDeleted, noRecord: true},
			{name: "logged out", path: "/", want: []string{bye}, noRecord: true},
			{name: "shown once", path: "/", notWant: []string{bye}},
		})
	})
	t.Run("myapp", func(t *testing.T) {
		play(t, e, []step{
			{name: "login", path: "/myapp/login/", form: url.Values{"username": {"alice"}, "password": {"x"}},
				want: []string{"You are : alice", alice}},
			{name: "shown once", path: "/myapp/connection/", want: []string{"You are : alice"}, notWant: []string{alice}},
		})
	})
}

// TestShopLogin_rotatesCSRF checks that the shop login rotates the CSRF
// token, as Django's login does: the form loaded before logging in no
// longer posts.
func TestShopLogin_rotatesCSRF(t *testing.T) {
	e := env(t, "db")
	c := e.srv.NewClient(t)
	token, ok := sitetest.FormToken(c.Get("/shop/login/").Body)
	if !ok {
		t.Fatal("login form: no CSRF input")
	}
	before, _ := c.Cookie(sitetest.CSRFCookieName)
	admin := url.Values{"username": {"admin"}, "password": {"admin"}, "csrfmiddlewaretoken": {token}}
	resp := c.Request(http.MethodPost, "/shop/login/", http.Header{"Content-Type": {"application/x-www-form-urlencoded"}}, strings.NewReader(admin.Encode()))
	wantStatus(t, resp, http.StatusFound)
	after, _ := c.Cookie(sitetest.CSRFCookieName)
	if after == "" || after == before {
		t.Fatalf("CSRF cookie: got %q after login, want a new one (was %q)", after, before)
	}
	resp = c.Request(http.MethodPost, "/mail/", http.Header{"Content-Type": {"application/x-www-form-urlencoded"}},
		strings.NewReader(url.Values{"from_name": {"a"}, "message": {"b"}, "csrfmiddlewaretoken": {token}}.Encode()))
	wantStatus(t, resp, http.StatusForbidden)
}
