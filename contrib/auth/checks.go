package auth

import (
	"fmt"
	"slices"
	"unicode/utf8"

	"github.com/manouche-go/manouche/contrib/auth/hashers"
	"github.com/manouche-go/manouche/contrib/auth/validation"
	"github.com/manouche-go/manouche/framework/apps"
	"github.com/manouche-go/manouche/framework/checks"
	"github.com/manouche-go/manouche/framework/settings"
)

// checkInstall reports contrib.auth installed without contrib.contenttypes
// (auth.E101: its permissions point to content types), its middleware
// listed without the app (auth.E102), and the app without its middleware
// (auth.W101: req.User would always be anonymous).
func checkInstall(s *settings.Settings) []checks.Message {
	app := listed(s.InstalledApps, Label, labelAliases)
	mw := listed(s.Middleware, MiddlewareName, middlewareAliases)
	var msgs []checks.Message
	if app && !listed(s.InstalledApps, "contrib.contenttypes", []string{"django.contrib.contenttypes"}) {
		msgs = append(msgs, checks.Message{ID: "auth.E101", Level: checks.Error,
			Text: "contrib.auth is in INSTALLED_APPS but contrib.contenttypes is not: permissions need content types.",
			Hint: "Add contrib.contenttypes to INSTALLED_APPS, before contrib.auth."})
	}
	switch {
	case mw && !app:
		msgs = append(msgs, checks.Message{ID: "auth.E102", Level: checks.Error,
			Text: MiddlewareName + " is in MIDDLEWARE but contrib.auth is not in INSTALLED_APPS.",
			Hint: "Add contrib.auth to INSTALLED_APPS so its migrations create auth_user."})
	case app && !mw:
		msgs = append(msgs, checks.Message{ID: "auth.W101", Level: checks.Warning,
			Text: "contrib.auth is in INSTALLED_APPS but its middleware is not in MIDDLEWARE: req.User will always be anonymous.",
			Hint: "Add " + MiddlewareName + " to MIDDLEWARE, after " + sessionMiddleware + "."})
	}
	return msgs
}

func listed(list []string, name string, aliases []string) bool {
	return slices.ContainsFunc(list, func(n string) bool { return n == name || slices.Contains(aliases, n) })
}

// checkSettings reports an unknown name in PASSWORD_HASHERS,
// AUTH_PASSWORD_VALIDATORS or AUTHENTICATION_BACKENDS, or a bad validator
// option (auth.E103), which would stop the site from starting.
func checkSettings(s *settings.Settings) []checks.Message {
	if !listed(s.InstalledApps, Label, labelAliases) {
		return nil
	}
	_, errHashers := hashers.New(s.PasswordHashers, hashers.Options{})
	_, errValidators := validation.New(validatorConfigs(s.AuthPasswordValidators))
	_, errBackends := lookupBackends(s.AuthenticationBackends)
	var msgs []checks.Message
	for _, err := range []error{errHashers, errValidators, errBackends} {
		if err != nil {
			msgs = append(msgs, checks.Message{ID: "auth.E103", Level: checks.Error, Text: err.Error()})
		}
	}
	return msgs
}

// checkPermissionNames is Django's auth.E007 and auth.E011: the default
// permissions of every installed model must fit auth_permission's name
// (255) and codename (100) columns.
func checkPermissionNames(s *settings.Settings) []checks.Message {
	installed, err := apps.Installed(s.InstalledApps)
	if err != nil {
		return nil // apps.E001 reports it
	}
	var msgs []checks.Message
	for _, m := range apps.Models(installed) {
		for _, p := range ModelPermissions(m) {
			if n := utf8.RuneCountInString(p[1]); n > 255 {
				msgs = append(msgs, checks.Message{ID: "auth.E007", Level: checks.Error, Obj: m.App + "." + m.Name,
					Text: fmt.Sprintf("The permission name %q of model %s.%s is %d characters long; at most 255 fit.", p[1], m.App, m.Name, n)})
			}
			if n := utf8.RuneCountInString(p[0]); n > 100 {
				msgs = append(msgs, checks.Message{ID: "auth.E011", Level: checks.Error, Obj: m.App + "." + m.Name,
					Text: fmt.Sprintf("The permission codename %q of model %s.%s is %d characters long; at most 100 fit.", p[0], m.App, m.Name, n)})
			}
		}
	}
	return msgs
}
