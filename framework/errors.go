package framework

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"html"
	"log/slog"
	"net/http"
	"strconv"
	"strings"

	"github.com/manouche-go/manouche/framework/templates"
)

// BadRequest returns a 400 response (Django's bad_request view, or its
// SuspiciousOperation handling). msg is shown only on the DEBUG page.
// req may be nil.
func BadRequest(req *Request, msg string) *Response {
	return errorResponse(req, http.StatusBadRequest, msg, nil)
}

// Forbidden returns a 403 response (Django's permission_denied view, for
// PermissionDenied). msg is shown on the DEBUG page and passed to a 403.html
// template as "exception". req may be nil.
func Forbidden(req *Request, msg string) *Response {
	return errorResponse(req, http.StatusForbidden, msg, nil)
}

// NotFound returns a 404 response (Django's page_not_found view, for
// Http404). msg is shown on the DEBUG page and passed to a 404.html
// template as "exception". req may be nil.
func NotFound(req *Request, msg string) *Response {
	return errorResponse(req, http.StatusNotFound, msg, nil)
}

// MethodNotAllowed returns a 405 response whose Allow header lists allowed
// (Django's HttpResponseNotAllowed, as require_http_methods answers).
// req may be nil.
func MethodNotAllowed(req *Request, allowed ...string) *Response {
	msg := "Allowed methods: " + strings.Join(allowed, ", ")
	if req != nil {
		msg = "Method " + req.Method + " not allowed. " + msg
	}
	r := errorResponse(req, http.StatusMethodNotAllowed, msg, nil)
	r.Header.Set("Allow", strings.Join(allowed, ", "))
	return r
}

// ServerError returns a 500 response for err (Django's server_error view,
// for an unhandled exception) and logs err, with the stack of the caller,
// in one record on the Env's logger. With DEBUG the response is Django's
// technical 500 page: the error, the stack with the source around each
// call, the request and the settings, every sensitive value hidden (see
// [CleanseSetting]). Without DEBUG the error text never reaches the
// client. req may be nil.
func ServerError(req *Request, err error) *Response {
	return serverError(req, failure{err: err, stack: callers()})
}

// serverError logs f once, with its stack as one attribute, and builds
// the 500 response.
func serverError(req *Request, f failure) *Response {
	if f.err == nil {
		f.err = errors.New("framework: server error")
	}
	env, method, path := envOf(req), "", ""
	ctx := context.Background()
	if req != nil {
		method, path = req.Method, req.Path
		if req.HTTP != nil {
			ctx = req.HTTP.Context()
		}
	}
	env.logger().LogAttrs(ctx, slog.LevelError, "framework: server error",
		slog.String("method", method), slog.String("path", path),
		slog.Any("err", f.err), slog.Any("stack", f.stack))
	if env.Debug {
		body, contentType := technical500(req, env, f)
		return newResponse(http.StatusInternalServerError, contentType, body)
	}
	r := errorResponse(req, http.StatusInternalServerError, "", f.err)
	r.err = nil // logged
	return r
}

func envOf(req *Request) *Env {
	if req == nil || req.env == nil {
		return &Env{}
	}
	return req.env
}

// errorResponse builds the DEBUG page with DEBUG on, otherwise the
// site's <status>.html template if it has one, otherwise the plain page.
func errorResponse(req *Request, status int, msg string, err error) *Response {
	env := envOf(req)
	var body string
	switch {
	case env.Debug:
		body = debugPage(req, env, status, msg, err)
	default:
		body = errorTemplate(req, env, status, msg)
	}
	r := newResponse(status, ContentTypeHTML, []byte(body))
	r.err = err
	return r
}

// errorTemplate renders the site's 404.html (400.html, ...) as Django's
// default error views do, or returns [ErrorPageHTML] when there is none.
// The context has "request_path" and "exception" (msg), and "Request" and
// the context processors' values except for 500 pages, which must not fail
// again.
func errorTemplate(req *Request, env *Env, status int, msg string) string {
	if env.Templates == nil {
		return ErrorPageHTML(status)
	}
	data := map[string]any{"exception": msg, "request_path": ""}
	if req != nil {
		data["request_path"] = req.Path
		if status != http.StatusInternalServerError {
			data = templateContext(req, env, data)
		}
	}
	var b bytes.Buffer
	err := env.Templates.Render(&b, strconv.Itoa(status)+".html", data)
	if err != nil {
		if !errors.Is(err, templates.ErrNotFound) {
			env.logger().Warn("framework: error page template failed", "status", status, "err", err)
		}
		return ErrorPageHTML(status)
	}
	return b.String()
}

// ErrorPageHTML returns the plain error page Django serves for status when
// DEBUG is off and the site has no template for it (Django's
// ERROR_PAGE_TEMPLATE): "Bad Request (400)", "403 Forbidden", "Not Found",
// "Server Error (500)". It contains no detail about the error.
func ErrorPageHTML(status int) string {
	title, details := errorTitle(status), ""
	if status == http.StatusNotFound {
		details = "The requested resource was not found on this server."
	}
	return "\n<!doctype html>\n<html lang=\"en\">\n<head>\n  <title>" + title +
		"</title>\n</head>\n<body>\n  <h1>" + title + "</h1><p>" + details + "</p>\n</body>\n</html>\n"
}

func errorTitle(status int) string {
	switch status {
	case http.StatusForbidden:
		return "403 Forbidden"
	case http.StatusNotFound:
		return "Not Found"
	case http.StatusInternalServerError:
		return "Server Error (500)"
	}
	text := http.StatusText(status)
	if text == "" {
		text = "Error"
	}
	return fmt.Sprintf("%s (%d)", html.EscapeString(text), status)
}
