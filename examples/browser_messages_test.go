package examples_test

import (
	"strings"
	"testing"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// TestBrowser_formsAndMessages submits the example forms in a real browser
// (the hidden CSRF input included) and reads the success messages on the
// pages that follow.
func TestBrowser_formsAndMessages(t *testing.T) {
	ctx := newBrowser(t)
	base := env(t, "db").srv.URL
	messageText := func(what string) string {
		return run(t, ctx, what, chromedp.Evaluate[string](`Array.from(document.querySelectorAll("p.message")).map(p => p.textContent).join("|")`))
	}

	within(t, ctx, "mail form", chromedp.Navigate(base+"/mail/"),
		chromedp.SendKeys(chromedp.ID("from_name"), "Ann"),
		chromedp.SendKeys(chromedp.ID("message"), "Hello from Chromium"))
	run(t, ctx, "send", chromedp.WaitEvent(page.LoadEventFired, nil, chromedp.Submit(chromedp.ID("message"))))
	if got := run(t, ctx, "heading", chromedp.Text(chromedp.CSS("h1"))); got != "Sent" {
		t.Errorf("after sending: got heading %q, want Sent", got)
	}
	if got := messageText("mail message"); got != "Saved." {
		t.Errorf("after sending: got messages %q, want Saved.", got)
	}

	within(t, ctx, "shop login form", chromedp.Navigate(base+"/shop/login/"),
		chromedp.SendKeys(chromedp.ID("username"), "admin"),
		chromedp.SendKeys(chromedp.ID("password"), "admin"))
	if v := run(t, ctx, "token", chromedp.Evaluate[string](`document.querySelector("input[name=csrfmiddlewaretoken]").value`)); len(v) != 64 {
		t.Errorf("login form: got CSRF token %q, want 64 characters", v)
	}
	run(t, ctx, "log in", chromedp.WaitEvent(page.LoadEventFired, nil, chromedp.Click(chromedp.ID("login"))))
	if got := messageText("login message"); got != "Welcome back, admin!" {
		t.Errorf("after login: got messages %q, want Welcome back, admin!", got)
	}
	within(t, ctx, "reload", chromedp.Reload())
	if got := messageText("after reload"); got != "" {
		t.Errorf("after reload: got messages %q, want them shown once", got)
	}

	within(t, ctx, "log out", chromedp.Navigate(base+"/shop/logout/"), chromedp.WaitVisible(chromedp.ID("ajax-count")))
	if got := messageText("logout message"); got != "You are logged out." {
		t.Errorf("after logout: got messages %q, want You are logged out.", got)
	}
	if cookies := run(t, ctx, "document.cookie", chromedp.Evaluate[string]("document.cookie")); !strings.Contains(cookies, "csrftoken=") || strings.Contains(cookies, "messages=") {
		t.Errorf("document.cookie: got %q, want the CSRF cookie only (the messages cookie is HttpOnly)", cookies)
	}
}
