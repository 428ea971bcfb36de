package auth_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

func TestLoginView_flow(t *testing.T) {
	ts := newSite(t, nil)
	ts.user(t, "alice", "s3cret-password")
	c := ts.NewClient(t)
	if got := c.Get("/whoami/").Body; got != "anonymous" {
		t.Fatalf("before login: %q", got)
	}
	form := c.Get("/login/")
	if form.StatusCode != 200 || !strings.Contains(form.Body, `name="username"`) {
		t.Fatalf("GET /login/: %d %q", form.StatusCode, form.Body)
	}
	resp := ts.login(t, c, "alice", "s3cret-password")
	if loc := resp.Header.Get("Location"); loc != "/accounts/profile/" {
		t.Errorf("redirect to %q, want LOGIN_REDIRECT_URL /accounts/profile/", loc)
	}
	if got := c.Get("/whoami/").Body; got != "alice" {
		t.Errorf("after login: %q, want alice", got)
	}
	if got := c.Get("/page/").Body; got != "[alice|true|false]" {
		t.Errorf("template: %q", got)
	}
	if r := c.Get("/logout/"); r.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("GET /logout/: %d, want 405", r.StatusCode)
	}
	out := c.Post("/logout/", url.Values{})
	if out.StatusCode != 200 || !strings.Contains(out.Body, "Logged out") {
		t.Errorf("POST /logout/: %d %q", out.StatusCode, out.Body)
	}
	if got := c.Get("/whoami/").Body; got != "anonymous" {
		t.Errorf("after logout: %q", got)
	}
}
