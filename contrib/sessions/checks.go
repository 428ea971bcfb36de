package sessions

import (
	"os"
	"slices"

	"github.com/manouche-go/manouche/framework/checks"
	"github.com/manouche-go/manouche/framework/settings"
)

// checkInstall reports contrib.sessions installed without SessionMiddleware
// (views would get no session) and the middleware listed without the app.
func checkInstall(s *settings.Settings) []checks.Message {
	app := listed(s.InstalledApps, Label, labelAliases)
	mw := listed(s.Middleware, MiddlewareName, middlewareAliases)
	switch {
	case app && !mw:
		return []checks.Message{{ID: "sessions.W001", Level: checks.Warning,
			Text: "contrib.sessions is in INSTALLED_APPS but its middleware is not in MIDDLEWARE: req.Session will be nil.",
			Hint: "Add " + MiddlewareName + " to MIDDLEWARE."}}
	case mw && !app:
		return []checks.Message{{ID: "sessions.E001", Level: checks.Error,
			Text: MiddlewareName + " is in MIDDLEWARE but contrib.sessions is not in INSTALLED_APPS.",
			Hint: "Add contrib.sessions to INSTALLED_APPS so its migration creates django_session."}}
	}
	return nil
}

// checkEngine reports a SESSION_ENGINE that is not registered, a cache
// engine whose SESSION_CACHE_ALIAS is not in CACHES, and a file engine
// whose SESSION_FILE_PATH is not a directory.
func checkEngine(s *settings.Settings) []checks.Message {
	e, err := LookupEngine(s.SessionEngine)
	if err != nil {
		return []checks.Message{{ID: "sessions.E002", Level: checks.Error, Text: err.Error()}}
	}
	switch e.Name {
	case "cache", "cached_db":
		if _, ok := s.Caches[s.SessionCacheAlias]; !ok {
			return []checks.Message{{ID: "sessions.E003", Level: checks.Error,
				Text: "SESSION_CACHE_ALIAS " + s.SessionCacheAlias + " is not an alias in CACHES.",
				Hint: "Add it to CACHES or set SESSION_CACHE_ALIAS to an existing alias."}}
		}
	case "file":
		if fi, err := os.Stat(s.SessionFilePath); s.SessionFilePath != "" && (err != nil || !fi.IsDir()) {
			return []checks.Message{{ID: "sessions.E004", Level: checks.Error,
				Text: "SESSION_FILE_PATH " + s.SessionFilePath + " is not an existing directory.",
				Hint: "Create it or set SESSION_FILE_PATH to a directory the server can write."}}
		}
	}
	return nil
}

// checkCookieSecurity is Django's deploy checks security.W010 and W013: with
// DEBUG off the session cookie should be Secure and HttpOnly.
func checkCookieSecurity(s *settings.Settings) []checks.Message {
	if s.Debug || !listed(s.InstalledApps, Label, labelAliases) {
		return nil
	}
	var msgs []checks.Message
	if !s.SessionCookieSecure {
		msgs = append(msgs, checks.Message{ID: "security.W010", Level: checks.Warning,
			Text: "SESSION_COOKIE_SECURE is not set to true: the session cookie can be stolen on plain HTTP.",
			Hint: "Set SESSION_COOKIE_SECURE: true when the site is served over HTTPS."})
	}
	if !s.SessionCookieHTTPOnly {
		msgs = append(msgs, checks.Message{ID: "security.W013", Level: checks.Warning,
			Text: "SESSION_COOKIE_HTTPONLY is not set to true: scripts can read the session cookie.",
			Hint: "Set SESSION_COOKIE_HTTPONLY: true."})
	}
	return msgs
}

func listed(names []string, name string, aliases []string) bool {
	for _, n := range names {
		if n == name || slices.Contains(aliases, n) {
			return true
		}
	}
	return false
}
