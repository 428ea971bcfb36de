// Package mail is the contact form of the Django sessions tutorial: the
// sender's name is remembered in the session, so the form at /mail/ comes
// back pre-filled from << .Request.Session.from_name >>.
//
//	GET  /mail/  the form
//	POST /mail/  from_name and message: store from_name, answer "Sent"
package mail

import (
	"embed"
	"errors"
	"io/fs"

	"github.com/manouche-go/manouche/framework"
	"github.com/manouche-go/manouche/framework/apps"
	"github.com/manouche-go/manouche/framework/urls"
)

// Label is the app's INSTALLED_APPS label.
const Label = "examples.mail"

func init() { apps.Register(app{}) }

// app is the mail example as an installed app.
type app struct{}

func (app) Label() string { return Label }

// URLs serves the form at /mail/.
func (app) URLs() []urls.Pattern {
	return []urls.Pattern{sessionPath("/mail/", contact, "mail")}
}

// errNoSession is what a view reports when the request has no session
// because the session middleware is not installed.
var errNoSession = errors.New("examples.mail: no session: add contrib.sessions.SessionMiddleware to MIDDLEWARE")

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

// Templates returns the mail/*.html templates.
func (app) Templates() fs.FS {
	sub, err := fs.Sub(tmpl, "templates")
	if err != nil {
		panic("examples.mail: " + err.Error()) // unreachable: the path is a constant
	}
	return sub
}
