package apps

import (
	"context"

	"github.com/manouche-go/manouche/framework/session"
)

// Model describes one model (database table) of an app as Django's
// contenttypes and auth apps see it (a Model's _meta): it gets a row in
// django_content_type and the default add, change, delete and view
// permissions.
type Model struct {
	// App is Django's app label, as stored in django_content_type
	// ("sessions" for contrib.sessions).
	App string
	// Name is Django's model_name, the lower-case class name ("session").
	Name string
	// VerboseName is Django's verbose_name ("session"), used in the
	// permissions' names: "Can add session".
	VerboseName string
	// Permissions are extra permissions (Django's Meta.permissions), as
	// {codename, name} pairs created after the default ones.
	Permissions [][2]string
}

// ModelsProvider is implemented by an app that has models (Django's
// models module). Their order is the models' order of definition, which
// gives content types and permissions Django's ids.
type ModelsProvider interface {
	Models() []Model
}

// PostMigrator is implemented by an app that acts after every migrate
// (Django's post_migrate receivers: contenttypes creates the content types,
// auth the permissions). PostMigrate runs once per migrate, in
// INSTALLED_APPS order, after the migrations; installed are the site's
// apps, in INSTALLED_APPS order. It must be idempotent: migrate runs it
// even when there was nothing to apply.
type PostMigrator interface {
	PostMigrate(ctx context.Context, env *Env, installed []App) error
}

// SessionConfigProvider is implemented by the app that owns the session
// engine (contrib.sessions). Other apps reach the site's session store
// through it outside a request, for instance a command that ends a user's
// sessions: they look it up among the installed apps by type assertion.
type SessionConfigProvider interface {
	// SessionConfig builds the session configuration of SESSION_ENGINE for
	// the site of env, with a store of its own.
	SessionConfig(env *Env) (*session.Config, error)
}

// Models returns the models of the apps in installed that provide some,
// in INSTALLED_APPS order, then each app's order.
func Models(installed []App) []Model {
	var out []Model
	for _, a := range installed {
		if p, ok := a.(ModelsProvider); ok {
			out = append(out, p.Models()...)
		}
	}
	return out
}
