package examples_test

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/manouche-go/manouche/contrib/auth"
	"github.com/manouche-go/manouche/framework/sitetest"
)

// newUser creates a user with a name of its own on the variant's site and
// returns the name.
func newUser(t *testing.T, e *engineEnv, password string) string {
	t.Helper()
	cfg, err := auth.NewConfig(e.srv.Site.Env)
	if err != nil {
		t.Fatal(err)
	}
	var b [4]byte
	rand.Read(b[:])
	name := "user" + hex.EncodeToString(b[:])
	if _, err := auth.CreateUser(auth.NewContext(context.Background(), cfg), name, name+"@example.com", password); err != nil {
		t.Fatal(err)
	}
	return name
}

func signIn(t *testing.T, c *sitetest.Client, username, password string) {
	t.Helper()
	resp := c.Post("/accounts/login/", url.Values{"username": {username}, "password": {password}, "next": {"/accounts/profile/"}})
	if resp.StatusCode != http.StatusFound || resp.Header.Get("Location") != "/accounts/profile/" {
		t.Fatalf("login as %s: %d to %q: %s", username, resp.StatusCode, resp.Header.Get("Location"), resp.Body)
	}
}

func TestAccounts(t *testing.T) { forEachEngine(t, testAccounts) }

// testAccounts walks every route of the accounts example.
func testAccounts(t *testing.T, e *engineEnv) {
	name := newUser(t, e, "first-Passw0rd")
	c := e.srv.NewClient(t)
	if r := c.Get("/accounts/profile/"); r.StatusCode != http.StatusFound || r.Header.Get("Location") != "/accounts/login/?next=/accounts/profile/" {
		t.Errorf("anonymous profile: %d to %q", r.StatusCode, r.Header.Get("Location"))
	}
	if r := c.Get("/accounts/login/?next=/accounts/profile/"); r.StatusCode != 200 || !strings.Contains(r.Body, `<button type="submit" id="login">`) {
		t.Errorf("login form: %d", r.StatusCode)
	}
	bad := c.Post("/accounts/login/", url.Values{"username": {name}, "password": {"wrong"}})
	if bad.StatusCode != 200 || !strings.Contains(bad.Body, "Please enter a correct username and password.") {
		t.Errorf("wrong password: %d", bad.StatusCode)
	}
	signIn(t, c, name, "first-Passw0rd")
	profile := c.Get("/accounts/profile/")
	if profile.StatusCode != 200 || !strings.Contains(profile.Body, "Signed in as "+name) {
		t.Fatalf("profile: %d %q", profile.StatusCode, profile.Body)
	}
	other := e.srv.NewClient(t)
	signIn(t, other, name, "first-Passw0rd")
	cookies := e.engine == "signed_cookies"
	if got := strings.Count(c.Get("/accounts/profile/").Body, "<li>"); !cookies && got != 2 {
		t.Errorf("profile lists %d sessions, want 2", got)
	}
	ended := c.Post("/accounts/profile/logout-others/", nil)
	want := "/accounts/profile/?ended=1"
	if cookies {
		want = "/accounts/profile/?ended=0"
	}
	if ended.StatusCode != http.StatusFound || ended.Header.Get("Location") != want {
		t.Errorf("log out other sessions: %d to %q, want %q", ended.StatusCode, ended.Header.Get("Location"), want)
	}
	if r := other.Get("/accounts/profile/"); cookies != (r.StatusCode == 200) {
		t.Errorf("the other session after logging out the others: %d", r.StatusCode)
	}
	if r := c.Get("/accounts/logout/"); r.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("GET logout: %d, want 405", r.StatusCode)
	}
	if r := c.Get("/accounts/password/"); r.StatusCode != 200 || !strings.Contains(r.Body, `name="new_password1"`) {
		t.Errorf("password form: %d", r.StatusCode)
	}
	changed := c.Post("/accounts/password/", url.Values{"old_password": {"first-Passw0rd"}, "new_password1": {"second-Passw0rd"}, "new_password2": {"second-Passw0rd"}})
	if changed.StatusCode != http.StatusFound || changed.Header.Get("Location") != "/accounts/password/done/" {
		t.Errorf("password change: %d to %q: %s", changed.StatusCode, changed.Header.Get("Location"), changed.Body)
	}
	if r := c.Get("/accounts/password/done/"); r.StatusCode != 200 || !strings.Contains(r.Body, "Password change successful") {
		t.Errorf("password done: %d", r.StatusCode)
	}
	if r := other.Get("/accounts/profile/"); r.StatusCode != http.StatusFound {
		t.Errorf("the other session after the password change: %d, want 302 to the login", r.StatusCode)
	}
	out := c.Post("/accounts/logout/", nil)
	if out.StatusCode != 200 || !strings.Contains(out.Body, "Logged out") {
		t.Errorf("logout: %d", out.StatusCode)
	}
	if r := c.Get("/accounts/profile/"); r.StatusCode != http.StatusFound {
		t.Errorf("profile after logout: %d, want 302", r.StatusCode)
	}
	signIn(t, e.srv.NewClient(t), name, "second-Passw0rd")
}
