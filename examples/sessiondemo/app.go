// Package sessiondemo shows the basic session operations of the Django
// sessions tutorial: setting a value, reading it in a template with
// << .Request.Session.greeting >>, popping a value and clearing the session.
//
//	/session/set/                  store greeting = "Hello, Django Sessions!"
//	/session/                      show greeting ("Session Value: ...")
//	/session/username/set/?value=V store username = V
//	/session/username/             show username, or "Guest"
//	/session/username/pop/         remove username (Django's pop)
//	/session/clear/                remove every value (Django's clear)
package sessiondemo

import (
	"embed"
	"errors"
	"io/fs"

	"github.com/manouche-go/manouche/framework"
	"github.com/manouche-go/manouche/framework/apps"
	"github.com/manouche-go/manouche/framework/urls"
)

// Label is the app's INSTALLED_APPS label.
const Label = "examples.sessiondemo"

func init() { apps.Register(app{}) }

// app is the sessiondemo example as an installed app.
type app struct{}

func (app) Label() string { return Label }

// URLs serves the app under /session/.
func (app) URLs() []urls.Pattern {
	return []urls.Pattern{urls.Include("/session",
		sessionPath("/", show, "session-show"),
		sessionPath("/set/", setGreeting, "session-set"),
		sessionPath("/username/", username, "session-username"),
		sessionPath("/username/set/", setUsername, "session-username-set"),
		sessionPath("/username/pop/", popUsername, "session-username-pop"),
		sessionPath("/clear/", clearAll, "session-clear"),
	)}
}

// errNoSession is what a view reports when the request has no session
// because the session middleware is not installed.
var errNoSession = errors.New("examples.sessiondemo: no session: add contrib.sessions.SessionMiddleware to MIDDLEWARE")

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

// Templates returns the sessiondemo/*.html templates.
func (app) Templates() fs.FS {
	sub, err := fs.Sub(tmpl, "templates")
	if err != nil {
		panic("examples.sessiondemo: " + err.Error()) // unreachable: the path is a constant
	}
	return sub
}
