package auth

import (
	"context"
	"embed"
	"io/fs"
	"net/http"

	"gorm.io/gorm"

	"github.com/manouche-go/manouche/framework/apps"
	"github.com/manouche-go/manouche/framework/checks"
	"github.com/manouche-go/manouche/framework/manage"
	"github.com/manouche-go/manouche/migrations"
)

// Label is the app's INSTALLED_APPS label; Django's dotted name
// django.contrib.auth is accepted as an alias.
const Label = "contrib.auth"

// MiddlewareName is the MIDDLEWARE name of [Middleware]; Django's
// django.contrib.auth.middleware.AuthenticationMiddleware is an alias. It
// must come after contrib.sessions.SessionMiddleware.
const MiddlewareName = "contrib.auth.AuthenticationMiddleware"

// sessionMiddleware is the middleware the auth middleware needs outside it.
const sessionMiddleware = "contrib.sessions.SessionMiddleware"

var (
	labelAliases      = []string{"django.contrib.auth"}
	middlewareAliases = []string{"django.contrib.auth.middleware.AuthenticationMiddleware"}
)

func init() {
	apps.Register(app{})
	checks.Register(checkInstall) // also when the app is missing but its middleware is listed
}

// app is django.contrib.auth as a manouche app.
type app struct{}

func (app) Label() string     { return Label }
func (app) Aliases() []string { return labelAliases }

// Migrations returns Django's auth migrations 0001 to 0012, under Django's
// app label "auth", then manouche's own user→sessions index.
func (app) Migrations() []*migrations.Migration {
	names := []string{
		"0001_initial", "0002_alter_permission_name_max_length", "0003_alter_user_email_max_length",
		"0004_alter_user_username_opts", "0005_alter_user_last_login_null", "0006_require_contenttypes_0002",
		"0007_alter_validators_add_error_messages", "0008_alter_user_username_max_length",
		"0009_alter_user_last_name_max_length", "0010_alter_group_name_max_length",
		"0011_update_proxy_permissions", "0012_alter_user_first_name_max_length",
	}
	out := make([]*migrations.Migration, 0, len(names)+1)
	prev := [2]string{"contenttypes", "0001_initial"}
	for _, n := range names {
		m := &migrations.Migration{App: "auth", Name: n, Dependencies: [][2]string{prev}, Up: migrations.RunSQL(ddl[n]), Down: noop}
		if n == "0006_require_contenttypes_0002" || n == "0011_update_proxy_permissions" {
			m.Dependencies = append(m.Dependencies, [2]string{"contenttypes", "0002_remove_content_type_name"})
		}
		out = append(out, m)
		prev = [2]string{"auth", n}
	}
	out[0].Down = dropTables
	return append(out, indexMigration)
}

// dropTables is the way back of auth.0001_initial: its six tables.
func dropTables(tx *gorm.DB) error {
	for _, t := range []string{"auth_user_user_permissions", "auth_user_groups", "auth_group_permissions", "auth_user", "auth_group", "auth_permission"} {
		if err := tx.Migrator().DropTable(t); err != nil {
			return err
		}
	}
	return nil
}

// noop is the way back of a migration that only alters columns: migrate
// auth zero then drops the tables anyway.
func noop(*gorm.DB) error { return nil }

// Models returns Django's Permission, Group and User models.
func (app) Models() []apps.Model { return models }

// PostMigrate creates the missing content types and permissions of every
// installed app's models (Django's create_permissions).
func (app) PostMigrate(ctx context.Context, env *apps.Env, installed []apps.App) error {
	db, err := env.DB()
	if err != nil {
		return err
	}
	return CreatePermissions(ctx, db, apps.Models(installed))
}

// Middleware contributes AuthenticationMiddleware.
func (app) Middleware() []apps.Middleware {
	return []apps.Middleware{{
		Name:     MiddlewareName,
		Aliases:  middlewareAliases,
		Requires: []string{sessionMiddleware},
		New: func(env *apps.Env) (func(http.Handler) http.Handler, error) {
			cfg, err := NewConfig(env)
			if err != nil {
				return nil, err
			}
			return Middleware(cfg), nil
		},
	}}
}

// Commands contributes createsuperuser, changepassword and logout_user.
func (app) Commands(env *apps.Env) []*manage.Command {
	return []*manage.Command{createSuperuserCommand(env), changePasswordCommand(env), logoutUserCommand(env)}
}

// Checks contributes the auth system checks.
func (app) Checks() []checks.Check {
	return []checks.Check{checkSettings, checkPermissionNames}
}

//go:embed templates
var tmpl embed.FS

// Templates returns the default registration/*.html templates, which a
// project overrides with files of the same names in its templates/.
func (app) Templates() fs.FS { return apps.MustSub(tmpl, "templates") }
