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
	"io/fs"

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
		urls.Path("/connection/", connection, "myapp-connection"),
		urls.Path("/login/", login, "myapp-login"),
		urls.Path("/logout/", logout, "myapp-logout"),
	)}
}

//go:embed templates
var tmpl embed.FS

// Templates returns the myapp/*.html templates.
func (app) Templates() fs.FS { return apps.MustSub(tmpl, "templates") }
