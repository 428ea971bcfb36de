// Package myapp is the login example of the Django sessions tutorial: a form
// stores the username in the session, the connection page greets a logged-in
// user with "You are : NAME" (read in the template from
// << .Request.Session.username >>), and logout deletes it.
//
//	GET  /myapp/connection/  the logged-in page, or the login form
//	POST /myapp/login/       validate the form, store username
//	GET  /myapp/logout/      delete username: "You are logged out."
package myapp

import (
	"embed"
	"errors"
	"io/fs"

	"github.com/manouche-go/manouche/framework"
	"github.com/manouche-go/manouche/framework/apps"
	"github.com/manouche-go/manouche/framework/urls"
)

// Label is the app's INSTALLED_APPS label.
const Label = "examples.myapp"

func init() { apps.Register(app{}) }

// app is the myapp example as an installed app.
type app struct{}

func (app) Label() string { return Label }

// URLs serves the app under /myapp/.
func (app) URLs() []urls.Pattern {
	return []urls.Pattern{urls.Include("/myapp",
		sessionPath("/connection/", connection, "myapp-connection"),
		sessionPath("/login/", login, "myapp-login"),
		sessionPath("/logout/", logout, "myapp-logout"),
	)}
}

// errNoSession is what a view reports when the request has no session
// because the session middleware is not installed.
var errNoSession = errors.New("examples.myapp: no session: add contrib.sessions.SessionMiddleware to MIDDLEWARE")

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

// Templates returns the myapp/*.html templates.
func (app) Templates() fs.FS {
	sub, err := fs.Sub(tmpl, "templates")
	if err != nil {
		panic("examples.myapp: " + err.Error()) // unreachable: the path is a constant
	}
	return sub
}
