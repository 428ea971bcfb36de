package apps

import (
	"github.com/manouche-go/manouche/framework/checks"
	"github.com/manouche-go/manouche/framework/settings"
)

// defaultRegistry is the registry of the package-level functions.
var defaultRegistry = NewRegistry()

func init() { checks.Register(checkSettings) }

// Default returns the registry that the package-level functions use and
// that apps fill from init.
func Default() *Registry { return defaultRegistry }

// Register adds a to the default registry; see [Registry.Register].
func Register(a App) { defaultRegistry.Register(a) }

// RegisterMiddleware adds m to the default registry; see
// [Registry.RegisterMiddleware].
func RegisterMiddleware(m Middleware) { defaultRegistry.RegisterMiddleware(m) }

// Lookup finds an app in the default registry; see [Registry.Lookup].
func Lookup(label string) (App, error) { return defaultRegistry.Lookup(label) }

// Installed resolves INSTALLED_APPS against the default registry; see
// [Registry.Installed].
func Installed(labels []string) ([]App, error) { return defaultRegistry.Installed(labels) }

// LookupMiddleware finds a middleware in the default registry; see
// [Registry.LookupMiddleware].
func LookupMiddleware(name string) (Middleware, error) { return defaultRegistry.LookupMiddleware(name) }

// Middlewares resolves MIDDLEWARE against the default registry; see
// [Registry.Middlewares].
func Middlewares(names []string) ([]Middleware, error) { return defaultRegistry.Middlewares(names) }

// CheckMiddlewareOrder checks MIDDLEWARE order against the default
// registry; see [Registry.CheckMiddlewareOrder].
func CheckMiddlewareOrder(names []string) []checks.Message {
	return defaultRegistry.CheckMiddlewareOrder(names)
}

// checkSettings is the system check this package registers; see the
// package documentation for its IDs.
func checkSettings(s *settings.Settings) []checks.Message {
	return defaultRegistry.Check(s)
}

// Check reports the names in INSTALLED_APPS and MIDDLEWARE of s that do not
// resolve against r: apps.E001 for the first unknown or repeated app and
// middleware.E003 for the first unknown or repeated middleware. It is a
// [checks.Check] once bound to a registry; the default registry's is
// registered with the checks package. The order of MIDDLEWARE is checked
// separately, by [Registry.CheckMiddlewareOrder].
func (r *Registry) Check(s *settings.Settings) []checks.Message {
	var msgs []checks.Message
	if _, err := r.Installed(s.InstalledApps); err != nil {
		msgs = append(msgs, checks.Message{ID: "apps.E001", Level: checks.Error, Text: err.Error(),
			Hint: "Fix INSTALLED_APPS, or import the app's package (blank import) in main."})
	}
	if _, err := r.Middlewares(s.Middleware); err != nil {
		msgs = append(msgs, checks.Message{ID: "middleware.E003", Level: checks.Error, Text: err.Error(),
			Hint: "Fix MIDDLEWARE, or register the middleware (apps.RegisterMiddleware) before the site starts."})
	}
	return msgs
}
