package examples_test

import (
	"testing"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// TestBrowser_accounts logs in to the accounts example in a real browser
// (the db engine, as `make run` serves it), sees the profile, logs out
// with its button, and is sent back to the login page for the profile.
func TestBrowser_accounts(t *testing.T) {
	ctx := newBrowser(t)
	e := env(t, "db")
	base := e.srv.URL
	name := newUser(t, e, "browser-Passw0rd")
	within(t, ctx, "the profile asks for a login", chromedp.Navigate(base+"/accounts/profile/"),
		chromedp.WaitVisible(chromedp.ID("id_username")))
	if got := run(t, ctx, "location", chromedp.Location()); got != base+"/accounts/login/?next=/accounts/profile/" {
		t.Errorf("anonymous profile led to %q", got)
	}
	within(t, ctx, "fill the login form",
		chromedp.SendKeys(chromedp.ID("id_username"), name),
		chromedp.SendKeys(chromedp.ID("id_password"), "browser-Passw0rd"))
	run(t, ctx, "log in", chromedp.WaitEvent(page.LoadEventFired, nil, chromedp.Click(chromedp.ID("login"))))
	if got := run(t, ctx, "location", chromedp.Location()); got != base+"/accounts/profile/" {
		t.Errorf("after login: location %q, want the profile", got)
	}
	if got := run(t, ctx, "signed in", chromedp.Text(chromedp.ID("signed-in"))); got != "Signed in as "+name {
		t.Errorf("profile says %q, want %q", got, "Signed in as "+name)
	}
	if got := run(t, ctx, "sessions", chromedp.Text(chromedp.ID("sessions"))); got == "" {
		t.Error("the profile lists no session")
	}
	session := sessionCookie(t, ctx, base)
	if session == nil || !session.HTTPOnly {
		t.Fatalf("session cookie after login: %+v", session)
	}
	run(t, ctx, "log out", chromedp.WaitEvent(page.LoadEventFired, nil, chromedp.Click(chromedp.ID("logout"))))
	if got := run(t, ctx, "heading", chromedp.Text(chromedp.CSS("h1"))); got != "Logged out" {
		t.Errorf("after the logout button: heading %q, want Logged out", got)
	}
	wantNoRecord(t, e, session.Value)
	within(t, ctx, "the profile again", chromedp.Navigate(base+"/accounts/profile/"),
		chromedp.WaitVisible(chromedp.ID("id_username")))
	if got := run(t, ctx, "location", chromedp.Location()); got != base+"/accounts/login/?next=/accounts/profile/" {
		t.Errorf("after logout: the profile led to %q, want the login page", got)
	}
}
