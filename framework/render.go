package framework

import (
	"bytes"
	"errors"
	"fmt"
	"net/http"
	"net/url"
)

// Render renders the template name with ctx plus "Request" (a
// [TemplateRequest]) and the values of the site's [ContextProcessor]s into
// a 200 text/html response (Django's render shortcut). ctx may be nil and
// is not modified; its keys win over the processors'. A missing template or a
// failing render is a server error: a 500 page, logged, with the error
// (which lists every template path tried) on the DEBUG page.
func Render(req *Request, name string, ctx map[string]any) *Response {
	env := envOf(req)
	if env.Templates == nil {
		return ServerError(req, fmt.Errorf("framework: render %q: no template engine (Env.Templates is nil)", name))
	}
	var b bytes.Buffer
	if err := env.Templates.Render(&b, name, templateContext(req, env, ctx)); err != nil {
		return ServerError(req, fmt.Errorf("framework: %w", err))
	}
	return newResponse(http.StatusOK, ContentTypeHTML, b.Bytes())
}

// TemplateRequest is the request as templates see it: Render puts one in
// every context as "Request". Its fields are the [Request]'s; Session is a
// method so that `<< .Request.Session.greeting >>` reads the session's
// value while a template that never mentions Session never loads it.
//
// GET and POST are url.Values: `<< .Request.GET.Get "q" >>` prints the
// first value of q.
type TemplateRequest struct {
	Path, Method string
	GET, POST    url.Values
	COOKIES      map[string]string

	req     *Request
	session map[string]any
}

func newTemplateRequest(req *Request) *TemplateRequest {
	return &TemplateRequest{
		Path: req.Path, Method: req.Method,
		GET: req.GET, POST: req.POST, COOKIES: req.COOKIES,
		req: req,
	}
}

// Session returns the session's values as a map (Django's
// request.session in a template), loading the session on first use and
// marking it accessed. Without a session (no session middleware) it
// returns an empty map. The map is a copy made once per render.
func (t *TemplateRequest) Session() map[string]any {
	if t.session == nil {
		if t.req.Session == nil {
			t.session = map[string]any{}
		} else {
			t.session = t.req.Session.Map()
		}
	}
	return t.session
}

// ErrNoReverse is returned by [Reverse] when the site has no URL resolver
// (Env.Reverse is nil).
var ErrNoReverse = errors.New("framework: no URL resolver (Env.Reverse is nil)")

// Reverse returns the path of the URL pattern called name, with args
// filling its parameters in order (Django's reverse), through the site's
// [Env.Reverse].
func Reverse(req *Request, name string, args ...any) (string, error) {
	env := envOf(req)
	if env.Reverse == nil {
		return "", ErrNoReverse
	}
	return env.Reverse(name, args...)
}
