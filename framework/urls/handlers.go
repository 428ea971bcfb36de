package urls

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/go-chi/chi/v5"

	"github.com/manouche-go/manouche/framework"
)

// ServeHTTP routes r to its pattern's handler, or answers 404 (after the
// APPEND_SLASH redirect, when on) or 405.
func (rt *Router) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	rt.mux.ServeHTTP(w, r)
}

// routePath is the path chi routes r by.
func routePath(r *http.Request) string {
	if r.URL.RawPath != "" {
		return r.URL.RawPath
	}
	if r.URL.Path == "" {
		return "/"
	}
	return r.URL.Path
}

// standardMethods are the methods chi routes (besides custom ones).
var standardMethods = []string{
	http.MethodGet, http.MethodHead, http.MethodPost, http.MethodPut, http.MethodPatch,
	http.MethodDelete, http.MethodOptions, http.MethodConnect, http.MethodTrace,
}

// methods lists the standard methods chi routes path for.
func (rt *Router) methods(path string) []string {
	var allowed []string
	for _, m := range standardMethods {
		if rt.mux.Match(chi.NewRouteContext(), m, path) {
			allowed = append(allowed, m)
		}
	}
	return allowed
}

// notFound is chi's NotFound handler: Django's APPEND_SLASH redirect, then
// Options.NotFound.
func (rt *Router) notFound(w http.ResponseWriter, r *http.Request) {
	if target, ok := rt.slashTarget(r); ok {
		framework.PermanentRedirect(target).ServeHTTP(w, r)
		return
	}
	if rt.o.NotFound != nil {
		rt.o.NotFound.ServeHTTP(w, r)
		return
	}
	framework.View(func(req *framework.Request) *framework.Response {
		return framework.NotFound(req, "")
	}).ServeHTTP(w, r)
}

// slashTarget returns where APPEND_SLASH redirects r, if it does (Django's
// CommonMiddleware.should_redirect_with_slash and get_full_path_with_slash).
func (rt *Router) slashTarget(r *http.Request) (string, bool) {
	if !rt.o.AppendSlash || (r.Method != http.MethodGet && r.Method != http.MethodHead) {
		return "", false
	}
	path := routePath(r)
	if strings.HasSuffix(path, "/") || len(rt.methods(path+"/")) == 0 {
		return "", false
	}
	target := r.URL.EscapedPath() + "/"
	if strings.HasPrefix(target, "//") {
		target = "/%2F" + target[2:] // never a scheme-relative URL (Django's escape_leading_slashes)
	}
	if r.URL.RawQuery != "" {
		target += "?" + r.URL.RawQuery
	}
	return target, true
}

// methodNotAllowed is chi's MethodNotAllowed handler: it sets Allow, then
// runs Options.MethodNotAllowed.
func (rt *Router) methodNotAllowed(w http.ResponseWriter, r *http.Request) {
	allowed := rt.methods(routePath(r))
	if rt.o.MethodNotAllowed != nil {
		w.Header().Set("Allow", strings.Join(allowed, ", "))
		rt.o.MethodNotAllowed.ServeHTTP(w, r)
		return
	}
	framework.View(func(req *framework.Request) *framework.Response {
		return framework.MethodNotAllowed(req, allowed...)
	}).ServeHTTP(w, r)
}

// decodeParams percent-decodes the path parameters chi hands h. chi matches
// the escaped path when it holds escapes such as %2F and then leaves the
// parameters escaped; views get them decoded either way, as Django's do.
func decodeParams(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if rctx := chi.RouteContext(r.Context()); rctx != nil && r.URL.RawPath != "" {
			for i, k := range rctx.URLParams.Keys {
				if v, err := url.PathUnescape(rctx.URLParams.Values[i]); err == nil {
					rctx.URLParams.Values[i] = v
					r.SetPathValue(k, v)
				}
			}
		}
		h.ServeHTTP(w, r)
	})
}
