// Package shop gathers the session recipes of the Django sessions tutorials
// around a small shop: a welcome message once per session, the request's
// cookies as JSON, the session key and expiry, and a members-only page with
// a login that flushes the session (a new key against session fixation)
// and a logout that flushes it again.
//
//	/shop/welcome/[?crazy=1]  "Welcome newcomer!" once, then "Welcome back!"
//	/shop/cookies/            the request's COOKIES as JSON
//	/shop/key/                the session key, as plain text
//	/shop/expiry/             "Expires on <RFC 3339> Expires in <N> seconds"
//	/shop/                    "Welcome, NAME!" or a redirect to the login
//	/shop/login/              admin/admin logs in
//	/shop/logout/             flush, then back to /
package shop

import (
	"embed"
	"errors"
	"io/fs"

	"github.com/manouche-go/manouche/framework"
	"github.com/manouche-go/manouche/framework/apps"
	"github.com/manouche-go/manouche/framework/urls"
)

// Label is the app's INSTALLED_APPS label.
const Label = "examples.shop"

func init() { apps.Register(app{}) }

// app is the shop example as an installed app.
type app struct{}

func (app) Label() string { return Label }

// URLs serves the app under /shop/.
func (app) URLs() []urls.Pattern {
	return []urls.Pattern{urls.Include("/shop",
		sessionPath("/", index, "shop"),
		sessionPath("/welcome/", welcome, "shop-welcome"),
		sessionPath("/cookies/", cookies, "shop-cookies"),
		sessionPath("/key/", key, "shop-key"),
		sessionPath("/expiry/", expiry, "shop-expiry"),
		sessionPath("/login/", login, "shop-login"),
		sessionPath("/logout/", logout, "shop-logout"),
	)}
}

// errNoSession is what a view reports when the request has no session
// because the session middleware is not installed.
var errNoSession = errors.New("examples.shop: no session: add contrib.sessions.SessionMiddleware to MIDDLEWARE")

// sessionPath is urls.Path for a view that uses req.Session: without the
// session middleware the view is not called, and the request gets a 500
// page with one log line rather than a nil-pointer panic.
func sessionPath(path string, view framework.View, name string) urls.Pattern {
	return urls.Path(path, func(req *framework.Request) *framework.Response {
		if req.Session == nil {
			return framework.ServerError(req, errNoSession)
		}
		return view(req)
	}, name)
}

//go:embed templates
var tmpl embed.FS

// Templates returns the shop/*.html templates.
func (app) Templates() fs.FS {
	sub, err := fs.Sub(tmpl, "templates")
	if err != nil {
		panic("examples.shop: " + err.Error()) // unreachable: the path is a constant
	}
	return sub
}
