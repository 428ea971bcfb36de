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
	"io/fs"

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
		urls.Path("/", index, "shop"),
		urls.Path("/welcome/", welcome, "shop-welcome"),
		urls.Path("/cookies/", cookies, "shop-cookies"),
		urls.Path("/key/", key, "shop-key"),
		urls.Path("/expiry/", expiry, "shop-expiry"),
		urls.Path("/login/", login, "shop-login"),
		urls.Path("/logout/", logout, "shop-logout"),
	)}
}

//go:embed templates
var tmpl embed.FS

// Templates returns the shop/*.html templates.
func (app) Templates() fs.FS { return apps.MustSub(tmpl, "templates") }
