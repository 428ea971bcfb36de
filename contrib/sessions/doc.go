// Package sessions is django.contrib.sessions for manouche: the app that
// gives every request a session (framework.Request.Session) stored the way
// Django stores it, so a Django site and a manouche service can share one
// login.
//
// # Installing
//
// Import the package for its side effects and list it in settings.yaml:
//
//	import _ "github.com/manouche-go/manouche/contrib/sessions"
//
//	INSTALLED_APPS: [contrib.sessions]                  # or django.contrib.sessions
//	MIDDLEWARE: [contrib.sessions.SessionMiddleware]     # or django.contrib.sessions.middleware.SessionMiddleware
//	SESSION_ENGINE: db                                   # db, file, cache, cached_db, signed_cookies
//
// The app registers the migration sessions.0001_initial (the
// django_session table), [Middleware] (Django's SessionMiddleware), the
// clearsessions command and the session system checks.
//
// # Engines
//
// SESSION_ENGINE names an [Engine] by its short name or Django's dotted
// module path. The five built-in engines live in subpackages that know
// nothing of this one: dbstore, filestore, cachestore, cacheddbstore and
// cookiestore. A third-party engine registers itself with [RegisterEngine]
// and proves itself with the conformance suite in sessiontest.
//
// # Behaviour
//
// The middleware follows Django's process_response exactly: the cookie is
// set only when the session was modified (or SESSION_SAVE_EVERY_REQUEST),
// deleted when a request that carried it ends with an empty session,
// "Vary: Cookie" is added when the session was accessed, and nothing is
// saved for a 5xx response. A session deleted by a concurrent request
// answers 400 (Django's SessionInterrupted); a store that does not answer
// (a database or Redis outage, session.ErrUnavailable) answers 503, and
// any other store failure 500, each with one log line naming the engine;
// the stored data is left as it was.
package sessions
