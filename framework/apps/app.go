package apps

import (
	"html/template"
	"io/fs"

	"github.com/manouche-go/manouche/framework/checks"
	"github.com/manouche-go/manouche/framework/manage"
	"github.com/manouche-go/manouche/framework/urls"
	"github.com/manouche-go/manouche/migrations"
)

// App is an installable application (Django's AppConfig). Label is the
// name INSTALLED_APPS uses, e.g. "contrib.sessions"; it must be unique and
// not empty. What the app contributes is declared by the optional
// interfaces of this package.
type App interface {
	Label() string
}

// Aliaser is implemented by an app that is also known under other names
// in INSTALLED_APPS, such as Django's dotted name
// "django.contrib.sessions" (AppConfig.name as opposed to label).
type Aliaser interface {
	Aliases() []string
}

// MigrationsProvider is implemented by an app that has database
// migrations (Django's migrations/ package). They run in INSTALLED_APPS
// order, subject to their dependencies.
type MigrationsProvider interface {
	Migrations() []*migrations.Migration
}

// URLsProvider is implemented by an app that serves views (Django's
// urls.py urlpatterns).
type URLsProvider interface {
	URLs() []urls.Pattern
}

// TemplatesProvider is implemented by an app that ships templates (Django's
// app templates/ directory, with APP_DIRS). App template trees are searched
// after the project's, in INSTALLED_APPS order.
type TemplatesProvider interface {
	Templates() fs.FS
}

// TemplateFuncsProvider is implemented by an app that adds template
// functions (Django's templatetags libraries).
type TemplateFuncsProvider interface {
	TemplateFuncs() template.FuncMap
}

// MiddlewareProvider is implemented by an app that contributes middleware.
// Middleware is called once, by [Register]; its entries can then be listed
// in MIDDLEWARE by name or alias.
type MiddlewareProvider interface {
	Middleware() []Middleware
}

// CommandsProvider is implemented by an app that adds management commands
// (Django's management/commands/ package). The commands receive env, the
// site's environment.
type CommandsProvider interface {
	Commands(env *Env) []*manage.Command
}

// ChecksProvider is implemented by an app that adds system checks (Django's
// checks registered in AppConfig.ready). They run only when the app is
// installed.
type ChecksProvider interface {
	Checks() []checks.Check
}

// MustSub returns the subtree dir of fsys, typically an app's embedded
// templates directory: `apps.MustSub(templatesFS, "templates")`. It panics
// if dir is not a valid path, a programmer error caught at start-up.
func MustSub(fsys fs.FS, dir string) fs.FS {
	sub, err := fs.Sub(fsys, dir)
	if err != nil {
		panic("apps: " + err.Error())
	}
	return sub
}
