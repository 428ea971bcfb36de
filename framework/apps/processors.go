package apps

import "github.com/manouche-go/manouche/framework"

// ContextProcessorsProvider is implemented by an app that adds values to
// every template context (Django's TEMPLATES context_processors, which an
// app such as django.contrib.messages asks for). The site installs the
// processors of the installed apps in INSTALLED_APPS order, after the
// framework's own (the CSRF token).
type ContextProcessorsProvider interface {
	ContextProcessors() []framework.ContextProcessor
}
