// Package mail is the contact form of the Django sessions tutorial: the
// sender's name is remembered in the session, so the form at /mail/ comes
// back pre-filled from << .Request.Session.from_name >>.
//
//	GET  /mail/  the form
//	POST /mail/  from_name and message: store from_name, answer "Sent"
package mail

import (
	"embed"
	"io/fs"

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
	return []urls.Pattern{urls.Path("/mail/", contact, "mail")}
}

//go:embed templates
var tmpl embed.FS

// Templates returns the mail/*.html templates.
func (app) Templates() fs.FS { return apps.MustSub(tmpl, "templates") }
