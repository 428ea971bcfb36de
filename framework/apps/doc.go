// Package apps is the app registry: the Go form of Django's
// INSTALLED_APPS, django.apps and the MIDDLEWARE setting's import paths.
//
// An app is a Go package that registers itself in init, the way a
// database/sql driver does:
//
//	func init() { apps.Register(app{}) }
//
//	type app struct{}
//
//	func (app) Label() string { return "greetings" }
//	func (app) URLs() []urls.Pattern { ... }
//
// [App] has one method, Label. Everything else an app contributes is an
// optional one-method interface found by type assertion (caddy's module
// pattern): [Aliaser], [MigrationsProvider], [URLsProvider],
// [TemplatesProvider], [TemplateFuncsProvider], [MiddlewareProvider],
// [CommandsProvider], [ChecksProvider], [ModelsProvider] (the models that
// get content types and permissions), [PostMigrator] (Django's post_migrate
// receivers), [SessionConfigProvider] (the session store, for code outside
// a request) and [ContextProcessorsProvider] (values in every template).
//
// # Names
//
// INSTALLED_APPS names apps by label ("contrib.sessions"); an app's
// Django dotted names ("django.contrib.sessions") are aliases that resolve
// to the same app. MIDDLEWARE names middleware the same way
// ("contrib.sessions.SessionMiddleware", alias
// "django.contrib.sessions.middleware.SessionMiddleware"). A [Middleware]
// is registered either by an app (its Middleware method is called when the
// app is registered) or directly with [RegisterMiddleware], which is how a
// site lists plain net/http or chi middleware.
//
// # Registries
//
// The package-level functions use a default [Registry], filled in init.
// Tests that need an empty registry use [NewRegistry], as net/http tests
// use NewServeMux instead of DefaultServeMux.
//
// # Checks
//
// The package registers one system check with [checks.Register], run
// against the default registry ([Registry.Check]):
//
//   - apps.E001 (Error): an INSTALLED_APPS entry is unknown or listed twice.
//   - middleware.E003 (Error): a MIDDLEWARE entry is unknown or listed twice.
//
// [CheckMiddlewareOrder] is not registered; the site runs it with the
// other checks. Its IDs:
//
//   - middleware.E001 (Error): a middleware's Requires entry is missing
//     from MIDDLEWARE.
//   - middleware.E002 (Error): a middleware's Requires entry is listed
//     after it (inner) instead of before it (outer).
package apps
