// Package accounts is the example of contrib/auth: Django's login, logout
// and password change under /accounts/, and a profile page that only a
// logged-in user sees, listing the user's sessions with a button that ends
// the others.
//
//	/accounts/login/                  the login form (next=... is followed when it is on this site)
//	/accounts/logout/                 POST: log out (a GET answers 405, as in Django 5)
//	/accounts/profile/                "Signed in as USERNAME", the active sessions, their expiry
//	/accounts/profile/logout-others/  POST: end every other session of the user
//	/accounts/password/               change the password: this session stays, the others end
//	/accounts/password/done/          the confirmation
//
// Create the first user with `go run ./cmd/manage createsuperuser`. Unlike
// the other examples, it imports contrib/auth: its views, LoginRequired
// and LogoutOthers are the API it shows.
package accounts

import (
	"embed"
	"io/fs"

	"github.com/manouche-go/manouche/contrib/auth"
	"github.com/manouche-go/manouche/framework/apps"
	"github.com/manouche-go/manouche/framework/urls"
)

// Label is the app's INSTALLED_APPS label.
const Label = "examples.accounts"

func init() { apps.Register(app{}) }

// app is the accounts example as an installed app.
type app struct{}

func (app) Label() string { return Label }

// URLs serves auth's views under /accounts/, with Django's URL names
// (login, logout, password_change, password_change_done), and the
// profile.
func (app) URLs() []urls.Pattern {
	return []urls.Pattern{urls.Include("/accounts",
		urls.Path("/login/", auth.LoginView, "login"),
		urls.Path("/logout/", auth.LogoutView, "logout"),
		urls.Path("/profile/", auth.LoginRequired(profile), "profile"),
		urls.Path("/profile/logout-others/", auth.LoginRequired(logoutOthers), "logout-others"),
		urls.Path("/password/", auth.PasswordChangeView, "password_change"),
		urls.Path("/password/done/", auth.PasswordChangeDoneView, "password_change_done"),
	)}
}

//go:embed templates
var tmpl embed.FS

// Templates returns accounts/profile.html.
func (app) Templates() fs.FS { return apps.MustSub(tmpl, "templates") }
