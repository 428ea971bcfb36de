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
	"io/fs"

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
		urls.Path("/", show, "session-show"),
		urls.Path("/set/", setGreeting, "session-set"),
		urls.Path("/username/", username, "session-username"),
		urls.Path("/username/set/", setUsername, "session-username-set"),
		urls.Path("/username/pop/", popUsername, "session-username-pop"),
		urls.Path("/clear/", clearAll, "session-clear"),
	)}
}

//go:embed templates
var tmpl embed.FS

// Templates returns the sessiondemo/*.html templates.
func (app) Templates() fs.FS { return apps.MustSub(tmpl, "templates") }
