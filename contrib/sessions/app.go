package sessions

import (
	"net/http"

	"gorm.io/gorm"

	"github.com/manouche-go/manouche/contrib/sessions/dbstore"
	"github.com/manouche-go/manouche/framework/apps"
	"github.com/manouche-go/manouche/framework/checks"
	"github.com/manouche-go/manouche/framework/manage"
	"github.com/manouche-go/manouche/migrations"
)

// Label is the app's INSTALLED_APPS label; Django's dotted name
// django.contrib.sessions is accepted as an alias.
const Label = "contrib.sessions"

// MiddlewareName is the MIDDLEWARE name of [Middleware]; Django's
// django.contrib.sessions.middleware.SessionMiddleware is an alias.
const MiddlewareName = "contrib.sessions.SessionMiddleware"

var (
	labelAliases      = []string{"django.contrib.sessions"}
	middlewareAliases = []string{"django.contrib.sessions.middleware.SessionMiddleware"}
)

func init() { apps.Register(app{}) }

// app is django.contrib.sessions as a manouche app.
type app struct{}

func (app) Label() string     { return Label }
func (app) Aliases() []string { return labelAliases }

// Migrations returns sessions.0001_initial, which creates django_session.
// Its app is Django's label "sessions", so a database Django migrated
// already counts as migrated.
func (app) Migrations() []*migrations.Migration {
	return []*migrations.Migration{{
		App:  "sessions",
		Name: "0001_initial",
		Up:   func(tx *gorm.DB) error { return dbstore.CreateTable(tx) },
		Down: func(tx *gorm.DB) error { return dbstore.DropTable(tx) },
	}}
}

// Middleware contributes SessionMiddleware.
func (app) Middleware() []apps.Middleware {
	return []apps.Middleware{{
		Name:    MiddlewareName,
		Aliases: middlewareAliases,
		New: func(env *apps.Env) (func(http.Handler) http.Handler, error) {
			o, err := NewMiddlewareOptions(env)
			if err != nil {
				return nil, err
			}
			return Middleware(o), nil
		},
	}}
}

// Commands contributes clearsessions.
func (app) Commands(env *apps.Env) []*manage.Command {
	return []*manage.Command{clearSessionsCommand(env)}
}

// Checks contributes the session system checks.
func (app) Checks() []checks.Check {
	return []checks.Check{checkInstall, checkEngine, checkCookieSecurity}
}
