// Package framework is the core of manouche, Django's request and session
// model in Go: the [Request] a view receives, the [Response] it returns,
// and the helpers around them.
//
// # Views
//
// A [View] is a function from *Request to *Response, like a Django view.
// It is an http.Handler, so any router can serve it; the urls package
// routes views by name as Django's urls.py does.
//
//	func index(req *framework.Request) *framework.Response {
//		n, _ := req.Session.GetInt("num_visits")
//		if err := req.Session.Set("num_visits", n+1); err != nil {
//			return framework.ServerError(req, err)
//		}
//		return framework.Render(req, "greetings/index.html", map[string]any{"Name": req.GET.Get("name")})
//	}
//
// The request carries the session ([Request.Session], set by the session
// middleware), the user ([Request.User], set by the auth middleware),
// COOKIES, GET, POST, FILES, Method, Path and the underlying *http.Request.
// A plain http.Handler reaches the same values with [RequestFrom]. Form
// data is parsed with Django's limits ([Env]'s MaxBodyBytes,
// MaxNumberFields, MaxNumberFiles, FileMaxMemory): a request beyond them
// answers 400 before the view runs, multipart bodies included; uploaded
// files ([UploadedFile]) larger than FileMaxMemory wait in temporary files,
// removed when the request ends.
//
// # The user
//
// framework imports nothing of contrib, so the user is a small hook: the
// [User] interface (IsAuthenticated, GetUsername, HasPerm) and a
// [LazyUser] that an auth middleware puts in the request's context through
// a [UserContext], with a [UserLoader] that reads the user on first use
// (Django's SimpleLazyObject around get_user). Without such a middleware,
// [Request.User] is an [AnonymousUser]. Templates see the loaded user
// itself as .Request.User, so that every field of the auth app's user
// prints: `<< .Request.User.Username >>`. A user that fails to load makes
// [View] answer 500.
//
// # Responses
//
// [Text], [HTML], [JSON], [Redirect], [PermanentRedirect] and [Render]
// build responses; [BadRequest], [Forbidden], [NotFound],
// [MethodNotAllowed] and [ServerError] build error responses that show the
// DEBUG page when [Env.Debug] is set and Django's plain page otherwise (or
// the site's 404.html, 500.html, ... template).
//
// # The technical 500 page
//
// With DEBUG, a server error (a panic in a view, or [ServerError]) shows
// Django's technical 500 page: the error, the stack with the source around
// each call, the wrapped errors, the request, the session's keys and the
// settings ([Env.Settings]). Sensitive values are hidden first, by the
// rules of Django's SafeExceptionReporterFilter ([Sensitive],
// [CleanseSetting]): settings, fields and headers named with API, TOKEN,
// KEY, SECRET, PASS or SIGNATURE, every cookie value, the Cookie and
// Authorization headers, and URL passwords. A client that does not accept
// HTML gets it as plain text. Every server error is logged as one record
// whose "stack" attribute is a [Stack]. [Response.SetCookie] and
// [Response.DeleteCookie] write cookies exactly as Django does;
// [FormatSetCookie] is the same formatter for code that writes headers
// itself.
//
// # Templates
//
// [Render] adds "Request" to every template context, a [TemplateRequest].
// `<< .Request.Session.greeting >>` prints a session value and
// `<< .Request.User.Username >>` the user's name; a template that never
// mentions Session or User never loads them.
//
// # The site environment
//
// A site stores one [Env] in each request context with [WithEnv]: DEBUG,
// the template engine, the URL resolver, the logger and the body size
// limit. Everything works without one, with defaults.
//
// A runnable program:
//
//	package main
//
//	import (
//		"net/http"
//
//		"github.com/manouche-go/manouche/framework"
//	)
//
//	func hello(req *framework.Request) *framework.Response {
//		if req.Method != http.MethodGet {
//			return framework.MethodNotAllowed(req, http.MethodGet)
//		}
//		return framework.Text("Hello, " + req.GET.Get("name") + "!")
//	}
//
//	func main() {
//		http.ListenAndServe("127.0.0.1:8000", framework.View(hello))
//	}
package framework
