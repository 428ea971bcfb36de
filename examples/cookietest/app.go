// Package cookietest checks that the browser keeps cookies, as Django's
// set_test_cookie / test_cookie_worked / delete_test_cookie tutorial does:
// /cookie-test/ sets the test cookie and links to /cookie-test/check/, which
// says "Cookies are enabled" (and deletes the test value) or "Please enable
// cookies".
package cookietest

import (
	"embed"
	"io/fs"
	"net/http"

	"github.com/manouche-go/manouche/framework"
	"github.com/manouche-go/manouche/framework/apps"
	"github.com/manouche-go/manouche/framework/urls"
)

// Label is the app's INSTALLED_APPS label.
const Label = "examples.cookietest"

func init() { apps.Register(app{}) }

// app is the cookietest example as an installed app.
type app struct{}

func (app) Label() string { return Label }

// URLs serves the app under /cookie-test/.
func (app) URLs() []urls.Pattern {
	return []urls.Pattern{urls.Include("/cookie-test",
		urls.Path("/", start, "cookie-test"),
		urls.Path("/check/", check, "cookie-test-check"),
	)}
}

//go:embed templates
var tmpl embed.FS

// Templates returns the cookietest/*.html templates.
func (app) Templates() fs.FS { return apps.MustSub(tmpl, "templates") }

// start sets the test cookie (Django's set_test_cookie).
func start(req *framework.Request) *framework.Response {
	if req.Method != http.MethodGet && req.Method != http.MethodHead {
		return framework.MethodNotAllowed(req, http.MethodGet, http.MethodHead)
	}
	req.Session.SetTestCookie()
	return framework.Render(req, "cookietest/start.html", nil)
}

// check reports whether the test cookie came back (Django's
// test_cookie_worked) and, if so, deletes it (delete_test_cookie).
func check(req *framework.Request) *framework.Response {
	if req.Method != http.MethodGet && req.Method != http.MethodHead {
		return framework.MethodNotAllowed(req, http.MethodGet, http.MethodHead)
	}
	worked := req.Session.TestCookieWorked()
	if worked {
		req.Session.DeleteTestCookie()
	}
	return framework.Render(req, "cookietest/check.html", map[string]any{"Worked": worked})
}
