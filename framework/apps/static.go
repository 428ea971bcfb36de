package apps

import "io/fs"

// StaticProvider is implemented by an app that ships static files
// (Django's app static/ directory, found by AppDirectoriesFinder): CSS,
// JavaScript and images named as in STATIC_URL, "polls/style.css". App
// trees are searched after STATICFILES_DIRS, in INSTALLED_APPS order.
// Apps embed them, so the site's binary carries them:
//
//	//go:embed static
//	var staticFiles embed.FS
//
//	func (app) Static() fs.FS { return apps.MustSub(staticFiles, "static") }
type StaticProvider interface {
	Static() fs.FS
}
