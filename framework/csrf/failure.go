package csrf

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"log/slog"
	"net/http"
	"strings"

	"github.com/manouche-go/manouche/framework"
	"github.com/manouche-go/manouche/framework/registry"
	"github.com/manouche-go/manouche/framework/templates"
)

// FailureView answers a request the CSRF check rejected (Django's
// CSRF_FAILURE_VIEW): reason is one of the Reason constants, formatted.
type FailureView func(req *framework.Request, reason string) *framework.Response

// DefaultFailureView is the CSRF_FAILURE_VIEW name of [Failure], Django's
// "django.views.csrf.csrf_failure".
const DefaultFailureView = "django.views.csrf.csrf_failure"

// FailureTemplate is the template [Failure] renders when the site has one
// (Django's CSRF_FAILURE_TEMPLATE_NAME).
const FailureTemplate = "403_csrf.html"

// failureViews holds the failure views CSRF_FAILURE_VIEW can name.
var failureViews = registry.New[FailureView]("csrf")

func init() { failureViews.Register(Failure, DefaultFailureView) }

// RegisterFailureView makes v the failure view called name, which
// CSRF_FAILURE_VIEW can then name. It is meant to be called from init; it
// panics if name is empty or taken, or v is nil.
func RegisterFailureView(name string, v FailureView) {
	if v == nil {
		panic("csrf: RegisterFailureView of a nil view")
	}
	failureViews.Register(v, name)
}

// ErrUnknownFailureView is wrapped by [LookupFailureView]'s error for a
// name nothing was registered under.
var ErrUnknownFailureView = errors.New("csrf: unknown failure view")

// LookupFailureView returns the failure view registered as name.
func LookupFailureView(name string) (FailureView, error) {
	if v, ok := failureViews.Lookup(name); ok {
		return v, nil
	}
	return nil, fmt.Errorf("%w %q; registered: %s", ErrUnknownFailureView, name, strings.Join(failureViews.Names(), ", "))
}

// Failure is Django's default failure view (django.views.csrf.csrf_failure):
// a 403 text/html page saying "CSRF verification failed. Request
// aborted.", with the reason and help only when DEBUG is on. A site's
// template [FailureTemplate] replaces the built-in page; it gets Django's
// context (title, main, reason, no_referer, no_cookie, DEBUG, more, ...).
func Failure(req *framework.Request, reason string) *framework.Response {
	data := failureContext(req, reason)
	body, err := renderSiteTemplate(req, data)
	if err != nil {
		logger := req.Env().Logger
		if logger == nil {
			logger = slog.Default()
		}
		logger.Warn("csrf: "+FailureTemplate+" failed", "err", err)
	}
	if body == nil {
		var b bytes.Buffer
		failurePage.Execute(&b, data) //nolint:errcheck // a fixed template over strings and bools
		body = b.Bytes()
	}
	return &framework.Response{
		Status: http.StatusForbidden,
		Header: http.Header{"Content-Type": {framework.ContentTypeHTML}},
		Body:   body,
	}
}

// renderSiteTemplate renders the site's 403_csrf.html; nil without one.
func renderSiteTemplate(req *framework.Request, data map[string]any) ([]byte, error) {
	t := req.Env().Templates
	if t == nil {
		return nil, nil
	}
	var b bytes.Buffer
	if err := t.Render(&b, FailureTemplate, data); err != nil {
		if errors.Is(err, templates.ErrNotFound) {
			return nil, nil
		}
		return nil, err
	}
	return b.Bytes(), nil
}

// failureContext is the context of Django's csrf_failure.
func failureContext(req *framework.Request, reason string) map[string]any {
	return map[string]any{
		"title":      "Forbidden",
		"main":       "CSRF verification failed. Request aborted.",
		"reason":     reason,
		"no_referer": reason == ReasonNoReferer,
		"no_referer1": "You are seeing this message because this HTTPS site requires a " +
			"“Referer header” to be sent by your Web browser, but none was sent. This header is " +
			"required for security reasons, to ensure that your browser is not being hijacked by third parties.",
		"no_referer2": "If you have configured your browser to disable “Referer” headers, please " +
			"re-enable them, at least for this site, or for HTTPS connections, or for “same-origin” requests.",
		"no_referer3": "If you are using the <meta name=\"referrer\" content=\"no-referrer\"> tag or " +
			"including the “Referrer-Policy: no-referrer” header, please remove them. The CSRF protection " +
			"requires the “Referer” header to do strict referer checking. If you’re concerned about privacy, " +
			"use alternatives like <a rel=\"noreferrer\" …> for links to third-party sites.",
		"no_cookie": reason == ReasonNoCSRFCookie,
		"no_cookie1": "You are seeing this message because this site requires a CSRF cookie when " +
			"submitting forms. This cookie is required for security reasons, to ensure that your browser " +
			"is not being hijacked by third parties.",
		"no_cookie2": "If you have configured your browser to disable cookies, please re-enable them, " +
			"at least for this site, or for “same-origin” requests.",
		"DEBUG": req.Env().Debug,
		"more":  "More information is available with DEBUG=True.",
	}
}

// failurePage is Django's CSRF_FAILURE_TEMPLATE.
var failurePage = template.Must(template.New("403_csrf").Parse(`
<!DOCTYPE html>
<html lang="en">
<head>
  <meta http-equiv="content-type" content="text/html; charset=utf-8">
  <meta name="robots" content="NONE,NOARCHIVE">
  <title>403 Forbidden</title>
  <style type="text/css">
    html * { padding:0; margin:0; }
    body * { padding:10px 20px; }
    body * * { padding:0; }
    body { font:small sans-serif; background:#eee; color:#000; }
    body>div { border-bottom:1px solid #ddd; }
    h1 { font-weight:normal; margin-bottom:.4em; }
    h1 span { font-size:60%; color:#666; font-weight:normal; }
    #info { background:#f6f6f6; }
    #info ul { margin: 0.5em 4em; }
    #info p, #summary p { padding-top:10px; }
    #summary { background: #ffc; }
    #explanation { background:#eee; border-bottom: 0px none; }
  </style>
</head>
<body>
<div id="summary">
  <h1>{{.title}} <span>(403)</span></h1>
  <p>{{.main}}</p>
{{if .no_referer}}
  <p>{{.no_referer1}}</p>
  <p>{{.no_referer2}}</p>
  <p>{{.no_referer3}}</p>
{{end}}
{{if .no_cookie}}
  <p>{{.no_cookie1}}</p>
  <p>{{.no_cookie2}}</p>
{{end}}
</div>
{{if .DEBUG}}
<div id="info">
  <h2>Help</h2>
    {{if .reason}}
    <p>Reason given for failure:</p>
    <pre>
    {{.reason}}
    </pre>
    {{end}}

  <p>In general, this can occur when there is a genuine Cross Site Request Forgery, or when
  manouche’s CSRF mechanism has not been used correctly. For POST forms, you need to ensure:</p>

  <ul>
    <li>Your browser is accepting cookies.</li>

    <li>The view renders the form with <code>framework.Render</code>, so that the template
    gets <code>.CSRF</code>.</li>

    <li>In the template, there is a <code>&lt;&lt; .CSRF.Input &gt;&gt;</code> inside each
    POST form that targets an internal URL.</li>

    <li>The form has a valid CSRF token. After logging in in another browser tab or hitting
    the back button after a login, you may need to reload the page with the form, because
    the token is rotated after a login.</li>
  </ul>

  <p>You’re seeing the help section of this page because you have <code>DEBUG = True</code>
  in your settings file. Change that to <code>False</code>, and only the initial error
  message will be displayed.</p>

  <p>You can customize this page using the CSRF_FAILURE_VIEW setting.</p>
</div>
{{else}}
<div id="explanation">
  <p><small>{{.more}}</small></p>
</div>
{{end}}
</body>
</html>
`))
