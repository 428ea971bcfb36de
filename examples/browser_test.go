package examples_test

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// browserNames are the executables tried for headless Chromium.
var browserNames = []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"}

// findBrowser returns the path of a Chromium-based browser. Without one the
// test skips, unless CI=true or MANOUCHE_REQUIRE_BROWSER=1 make it
// mandatory.
func findBrowser(t *testing.T) string {
	t.Helper()
	for _, name := range browserNames {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	msg := "headless Chromium not found (tried " + fmt.Sprint(browserNames) + "): install it to run the browser test, " +
		"e.g. `apt-get install -y chromium` on Debian"
	if os.Getenv("CI") == "true" || os.Getenv("MANOUCHE_REQUIRE_BROWSER") == "1" {
		t.Fatal(msg + " (required because CI=true or MANOUCHE_REQUIRE_BROWSER=1)")
	}
	t.Skip(msg + "; set MANOUCHE_REQUIRE_BROWSER=1 to make this test mandatory")
	return ""
}

// newBrowser starts a headless Chromium with a fresh profile and returns a
// tab's context. The browser stops when the test ends.
func newBrowser(t *testing.T) context.Context {
	t.Helper()
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(findBrowser(t)),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.UserDataDir(t.TempDir()),
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelTab := chromedp.NewContext(actx)
	t.Cleanup(func() { cancelTab(); cancelAlloc() })
	if err := chromedp.Do(ctx); err != nil { // starts the browser, without a timeout
		t.Fatalf("start %s: %v", browserNames[0], err)
	}
	return ctx
}

// within runs actions with a deadline and fails the test on error.
func within(t *testing.T, ctx context.Context, what string, actions ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	ctx, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, actions...); err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

// run runs one action that returns a value, with a deadline.
func run[T any](t *testing.T, ctx context.Context, what string, a chromedp.Action[T]) T {
	t.Helper()
	ctx, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	v, err := chromedp.Run(ctx, a)
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
	return v
}

// sessionCookie returns the browser's session cookie for the site, or nil.
func sessionCookie(t *testing.T, ctx context.Context, base string) *network.Cookie {
	t.Helper()
	ctx, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	res, err := chromedp.Call(ctx, network.GetCookies, network.GetCookiesParams{URLs: []string{base + "/"}})
	if err != nil {
		t.Fatalf("read cookies: %v", err)
	}
	for _, c := range res.Cookies {
		if c.Name == cookieName {
			return c
		}
	}
	return nil
}

// TestBrowser_shopLogin logs in and out of the shop in a real browser
// (the db engine, as `make run` serves it).
func TestBrowser_shopLogin(t *testing.T) {
	ctx := newBrowser(t)
	e := env(t, "db")
	base := e.srv.URL
	within(t, ctx, "start a session", chromedp.Navigate(base+"/shop/welcome/"),
		chromedp.WaitVisible(chromedp.CSS("h1")))
	before := sessionCookie(t, ctx, base)
	if before == nil {
		t.Fatal("session cookie: got none after /shop/welcome/, want one")
	}
	within(t, ctx, "fill the login form", chromedp.Navigate(base+"/shop/login/"),
		chromedp.SendKeys(chromedp.ID("username"), "admin"),
		chromedp.SendKeys(chromedp.ID("password"), "admin"))
	// Submitting posts, follows the redirect and loads /shop/.
	run(t, ctx, "log in", chromedp.WaitEvent(page.LoadEventFired, nil, chromedp.Click(chromedp.ID("login"))))
	if got := run(t, ctx, "heading", chromedp.Text(chromedp.CSS("h1"))); got != "Welcome, admin!" {
		t.Errorf("after login: got heading %q, want %q", got, "Welcome, admin!")
	}
	if got := run(t, ctx, "location", chromedp.Location()); got != base+"/shop/" {
		t.Errorf("after login: got location %q, want %q", got, base+"/shop/")
	}
	after := sessionCookie(t, ctx, base)
	switch {
	case after == nil:
		t.Fatal("session cookie: got none after login, want one")
	case after.Value == before.Value:
		t.Error("session cookie: got the same value before and after login, want a new one")
	case !after.HTTPOnly:
		t.Error("session cookie: got HttpOnly false, want true")
	case after.SameSite != network.CookieSameSiteLax:
		t.Errorf("session cookie: got SameSite %q, want Lax", after.SameSite)
	}
	// Scripts see the CSRF cookie (made for them: CSRF_COOKIE_HTTPONLY is
	// false, as in Django), never the HttpOnly session cookie.
	if js := run(t, ctx, "document.cookie", chromedp.Evaluate[string]("document.cookie")); strings.Contains(js, cookieName+"=") {
		t.Errorf("document.cookie: got %q, want the HttpOnly session cookie hidden from scripts", js)
	}
	within(t, ctx, "log out", chromedp.Navigate(base+"/shop/logout/"), chromedp.WaitVisible(chromedp.ID("ajax-count")))
	// The index page's fetch() may have started a new session since.
	if c := sessionCookie(t, ctx, base); c != nil && c.Value == after.Value {
		t.Errorf("after logout: got the logged-in session cookie, want it deleted")
	}
	wantNoRecord(t, e, after.Value)
	within(t, ctx, "members only", chromedp.Navigate(base+"/shop/"), chromedp.WaitVisible(chromedp.ID("login")))
	if got := run(t, ctx, "location", chromedp.Location()); got != base+"/shop/login/" {
		t.Errorf("after logout: /shop/ led to %q, want %q", got, base+"/shop/login/")
	}
}

// TestBrowser_ajaxCounter checks that the index page's fetch() counter
// goes up on reload: fetch() sends the session cookie like any request.
func TestBrowser_ajaxCounter(t *testing.T) {
	ctx := newBrowser(t)
	base := env(t, "db").srv.URL
	within(t, ctx, "index", chromedp.Navigate(base+"/"))
	first := ajaxCount(t, ctx)
	// The marker dies with the old page, so the next read is the new page's.
	run(t, ctx, "mark the page", chromedp.Evaluate[bool]("window.oldPage = true"))
	within(t, ctx, "reload", chromedp.Reload())
	if second := ajaxCount(t, ctx); second != first+1 {
		t.Errorf("counter after reload: got %d, want %d", second, first+1)
	}
}

// ajaxCount waits until the index page shows the fetched count.
func ajaxCount(t *testing.T, ctx context.Context) int {
	t.Helper()
	const ready = `(() => { const s = document.getElementById("ajax-count"); return !window.oldPage && s && /^\d+$/.test(s.textContent) ? s.textContent : ""; })()`
	text := run(t, ctx, "fetched count", chromedp.Poll[string](ready, chromedp.WithPollingTimeout(15*time.Second)))
	n, err := strconv.Atoi(text)
	if err != nil {
		t.Fatalf("fetched count: got %q, want a number", text)
	}
	return n
}
