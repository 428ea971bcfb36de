// Package home is the index of the manouche examples: the page at / links
// every example app with one sentence each, and shows a session counter that
// it fetches from the ajax example with fetch() (a POST carrying the CSRF
// token in the X-CSRFToken header), so reloading the page shows the count
// going up.
//
// It is installed as "examples.home"; like every example it only uses
// framework, framework/urls and framework/apps.
package home

import (
	"embed"
	"io/fs"
	"net/http"

	"github.com/manouche-go/manouche/framework"
	"github.com/manouche-go/manouche/framework/apps"
	"github.com/manouche-go/manouche/framework/urls"
)

// Label is the app's INSTALLED_APPS label.
const Label = "examples.home"

func init() { apps.Register(app{}) }

// app is the index page as an installed app.
type app struct{}

func (app) Label() string { return Label }

// URLs serves the index at /.
func (app) URLs() []urls.Pattern {
	return []urls.Pattern{urls.Path("/", index, "home")}
}

//go:embed templates
var tmpl embed.FS

// Templates returns home/index.html.
func (app) Templates() fs.FS { return apps.MustSub(tmpl, "templates") }

// example is one entry of the index.
type example struct{ Path, Sentence string }

// examples lists every example page, in the order of the tour.
var examples = []example{
	{"/myapp/connection/", "myapp: a login form that keeps your username in the session until you log out."},
	{"/catalog/", "catalog: a visit counter stored in the session (num_visits)."},
	{"/session/set/", "sessiondemo: set, read, pop and clear session values (greeting, username)."},
	{"/mail/", "mail: a contact form whose sender name is remembered in the session."},
	{"/cookie-test/", "cookietest: set_test_cookie and test_cookie_worked, to check the browser keeps cookies."},
	{"/shop/welcome/", "shop: welcome newcomers once per session; add ?crazy=1 to make the session expire in 60 seconds."},
	{"/shop/cookies/", "shop: the cookies your browser sent, as JSON."},
	{"/shop/key/", "shop: your session key (saved first if the session has none)."},
	{"/shop/expiry/", "shop: when your session expires, as a date and a number of seconds."},
	{"/shop/", "shop: a members-only page; log in as admin/admin, which flushes the session and gives it a new key."},
	{"/ajax/counter/", "ajax: a JSON session counter, called by this page with fetch()."},
	{"/accounts/login/", "accounts: Django's login, with users made by createsuperuser (contrib.auth)."},
	{"/accounts/profile/", "accounts: who you are, your sessions, and a button that logs out the others."},
}

// index renders the list of examples.
func index(req *framework.Request) *framework.Response {
	if req.Method != http.MethodGet && req.Method != http.MethodHead {
		return framework.MethodNotAllowed(req, http.MethodGet, http.MethodHead)
	}
	return framework.Render(req, "home/index.html", map[string]any{"Examples": examples})
}
