package messages

import (
	"net/http"
	"slices"

	"github.com/manouche-go/manouche/framework"
	"github.com/manouche-go/manouche/framework/apps"
	"github.com/manouche-go/manouche/framework/checks"
	"github.com/manouche-go/manouche/framework/messages"
	"github.com/manouche-go/manouche/framework/settings"
)

// Label is the app's INSTALLED_APPS label; Django's dotted name
// django.contrib.messages is accepted as an alias.
const Label = "contrib.messages"

// MiddlewareName is the MIDDLEWARE name of [Middleware]; Django's
// django.contrib.messages.middleware.MessageMiddleware is an alias.
const MiddlewareName = "contrib.messages.MessageMiddleware"

var (
	labelAliases      = []string{"django.contrib.messages"}
	middlewareAliases = []string{"django.contrib.messages.middleware.MessageMiddleware"}
	sessionMiddleware = []string{"contrib.sessions.SessionMiddleware", "django.contrib.sessions.middleware.SessionMiddleware"}
)

func init() { apps.Register(app{}) }

// app is django.contrib.messages as a manouche app.
type app struct{}

func (app) Label() string     { return Label }
func (app) Aliases() []string { return labelAliases }

// Middleware registers MessageMiddleware.
func (app) Middleware() []apps.Middleware {
	return []apps.Middleware{{Name: MiddlewareName, Aliases: middlewareAliases, New: newMiddleware}}
}

// ContextProcessors gives every template .Messages (Django's messages
// context processor).
func (app) ContextProcessors() []framework.ContextProcessor {
	return []framework.ContextProcessor{Processor}
}

// Checks reports the app without its middleware and a storage that needs
// the session without the session middleware before it.
func (app) Checks() []checks.Check { return []checks.Check{checkInstall} }

// defaultLevels is Django's DEFAULT_MESSAGE_LEVELS context variable.
var defaultLevels = map[string]messages.Level{
	"DEBUG": messages.LevelDebug, "INFO": messages.LevelInfo, "SUCCESS": messages.LevelSuccess,
	"WARNING": messages.LevelWarning, "ERROR": messages.LevelError,
}

// Processor puts the request's messages in the template context as
// "Messages" (an iterator: << range .Messages >> shows and consumes them)
// and the levels as "DEFAULT_MESSAGE_LEVELS", as Django's messages context
// processor does. Without the middleware there are no messages.
func Processor(req *framework.Request, ctx map[string]any) {
	ctx["Messages"] = messages.Get(req)
	ctx["DEFAULT_MESSAGE_LEVELS"] = defaultLevels
}

// NewOptions maps a site's settings onto the middleware's options:
// MESSAGE_STORAGE, MESSAGE_LEVEL, MESSAGE_TAGS, the secret keys and the
// SESSION_COOKIE_* attributes the cookie shares.
func NewOptions(env *apps.Env) Options {
	s := env.Settings
	tags := make(map[messages.Level]string, len(s.MessageTags))
	for l, t := range s.MessageTags {
		tags[messages.Level(l)] = t
	}
	return Options{
		Storage:      s.MessageStorage,
		Level:        messages.Level(s.MessageLevel),
		Tags:         tags,
		SecretKey:    s.SecretKey,
		FallbackKeys: s.SecretKeyFallbacks,
		Cookie: framework.Cookie{
			Domain: s.SessionCookieDomain, Secure: s.SessionCookieSecure,
			HttpOnly: s.SessionCookieHTTPOnly, SameSite: s.SessionCookieSameSite,
		},
		Logger: env.Logger,
	}
}

func newMiddleware(env *apps.Env) (func(http.Handler) http.Handler, error) {
	return Middleware(NewOptions(env))
}

// checkInstall is messages.W001 (the app without its middleware: messages
// can be added nowhere), messages.E001 (the middleware without the app:
// templates get no .Messages) and messages.E002 (a storage that uses the
// session without the session middleware listed before the message
// middleware; Django fails on the first request).
func checkInstall(s *settings.Settings) []checks.Message {
	app := listed(s.InstalledApps, append([]string{Label}, labelAliases...))
	mw := slices.IndexFunc(s.Middleware, func(n string) bool { return n == MiddlewareName || slices.Contains(middlewareAliases, n) })
	switch {
	case app && mw < 0:
		return []checks.Message{{ID: "messages.W001", Level: checks.Warning,
			Text: "contrib.messages is in INSTALLED_APPS but its middleware is not in MIDDLEWARE: messages cannot be added.",
			Hint: "Add " + MiddlewareName + " to MIDDLEWARE, after the session middleware."}}
	case !app && mw >= 0:
		return []checks.Message{{ID: "messages.E001", Level: checks.Error,
			Text: MiddlewareName + " is in MIDDLEWARE but contrib.messages is not in INSTALLED_APPS: templates get no .Messages.",
			Hint: "Add contrib.messages to INSTALLED_APPS."}}
	case mw < 0 || s.MessageStorage == Cookie:
		return nil
	}
	sess := slices.IndexFunc(s.Middleware, func(n string) bool { return slices.Contains(sessionMiddleware, n) })
	if sess < 0 || sess > mw {
		return []checks.Message{{ID: "messages.E002", Level: checks.Error, Obj: s.Middleware[mw],
			Text: "MESSAGE_STORAGE " + s.MessageStorage + " keeps messages in the session, but the session middleware does not come before the message middleware in MIDDLEWARE.",
			Hint: "List " + sessionMiddleware[0] + " above " + s.Middleware[mw] + ", or set MESSAGE_STORAGE: cookie."}}
	}
	return nil
}

func listed(names, want []string) bool {
	return slices.ContainsFunc(names, func(n string) bool { return slices.Contains(want, n) })
}
