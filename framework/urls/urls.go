// Package urls is manouche's URL dispatcher, Django's urls.py on chi:
// named patterns, per-app includes under a prefix, [Router.Reverse] and
// the "url" template function, and APPEND_SLASH.
//
// Paths use chi's syntax: "/items/{id}/", "/items/{id:[0-9]+}/",
// "/files/*". Unlike Django's patterns they start with "/".
//
//	router, err := urls.NewRouter([]urls.Pattern{
//		urls.Path("/", index, "index"),
//		urls.Include("/shop",
//			urls.Path("/", shop, "shop"),
//			urls.Path("/items/{id}/", item, "shop-item"),
//		),
//	}, urls.Options{AppendSlash: true})
//	path, err := router.Reverse("shop-item", 7) // "/shop/items/7/"
package urls

import (
	"errors"
	"fmt"
	"html/template"
	"net/http"
	"strings"

	"github.com/go-chi/chi/v5"

	"github.com/manouche-go/manouche/framework"
)

// Pattern is one entry of a URL configuration (Django's path() or
// include()). Build it with [Path], [Handle] or [Include].
type Pattern struct {
	// Path is the chi pattern, or the prefix of an include.
	Path string

	// Name is the URL name for [Router.Reverse]; "" means unnamed.
	Name string

	// Handler serves the pattern; nil for an include.
	Handler http.Handler

	// Methods, if not empty, restricts the pattern to these methods; other
	// methods get 405 Method Not Allowed. Empty means every method, as in
	// Django, where the view checks the method.
	Methods []string

	// Children are the patterns of an include, relative to Path.
	Children []Pattern
}

// Path returns a pattern serving view at path under name (Django's
// path(route, view, name=name)).
func Path(path string, view framework.View, name string) Pattern {
	p := Pattern{Path: path, Name: name}
	if view != nil {
		p.Handler = view
	}
	return p
}

// Handle returns a pattern serving any http.Handler at path under name,
// for handlers that are not views (static files, chi sub-routers with a
// "/*" path). The handler reaches the session with framework.RequestFrom.
func Handle(path string, h http.Handler, name string) Pattern {
	return Pattern{Path: path, Name: name, Handler: h}
}

// Include returns a pattern that mounts patterns under prefix (Django's
// path(prefix, include(...))). Include("/shop", Path("/", ...)) serves
// "/shop/"; includes nest.
func Include(prefix string, patterns ...Pattern) Pattern {
	return Pattern{Path: prefix, Children: patterns}
}

// Options configure [NewRouter]. The zero value serves the framework's
// 404 and 405 responses and does not append slashes.
type Options struct {
	// AppendSlash is APPEND_SLASH: a GET or HEAD whose path matches no
	// pattern, does not end in "/", and would match with a "/" appended is
	// redirected there with 301, keeping the query (Django's
	// CommonMiddleware). Django's default is true; the zero value is false.
	AppendSlash bool

	// NotFound answers paths that match no pattern (Django's handler404).
	// Nil means framework.NotFound through a framework.View, which shows
	// the DEBUG page or the site's 404.html.
	NotFound http.Handler

	// MethodNotAllowed answers a matching path with a method its pattern
	// does not allow. The Allow header is already set when it runs. Nil
	// means framework.MethodNotAllowed through a framework.View.
	MethodNotAllowed http.Handler
}

// ErrNoReverseMatch is wrapped by every [Router.Reverse] error (Django's
// NoReverseMatch).
var ErrNoReverseMatch = errors.New("urls: no reverse match")

// Router routes requests to the patterns it was built with. It is safe for
// concurrent use.
type Router struct {
	mux    *chi.Mux
	o      Options
	routes []*route          // in registration order
	named  map[string]*route // by Name
}

// NewRouter builds a router from patterns (Django's ROOT_URLCONF). When two
// patterns have the same path and method, the first wins, as in Django. A
// duplicate name, a path that does not start with "/", a pattern without a
// handler or an invalid chi pattern is an error.
func NewRouter(patterns []Pattern, o Options) (*Router, error) {
	rt := &Router{mux: chi.NewRouter(), o: o, named: map[string]*route{}}
	flat, err := flatten(nil, "", patterns)
	if err != nil {
		return nil, err
	}
	seen := map[string]bool{}
	for _, p := range flat {
		if err := rt.add(p, seen); err != nil {
			return nil, err
		}
	}
	rt.mux.NotFound(rt.notFound)
	rt.mux.MethodNotAllowed(rt.methodNotAllowed)
	return rt, nil
}

// flatten joins include prefixes onto their children's paths.
func flatten(out []Pattern, prefix string, patterns []Pattern) ([]Pattern, error) {
	for _, p := range patterns {
		path := join(prefix, p.Path)
		if p.Children != nil || p.Handler == nil && p.Name == "" && len(p.Methods) == 0 {
			var err error
			if out, err = flatten(out, path, p.Children); err != nil {
				return nil, err
			}
			continue
		}
		if p.Handler == nil {
			return nil, fmt.Errorf("urls: pattern %q (name %q) has no handler", path, p.Name)
		}
		p.Path = path
		out = append(out, p)
	}
	return out, nil
}

// join appends path to an include prefix: "/shop" + "/cart/" is
// "/shop/cart/", and so is "/shop/" + "/cart/".
func join(prefix, path string) string {
	if prefix == "" {
		return path
	}
	if path != "" && !strings.HasPrefix(path, "/") {
		path = "/" + path
	}
	return strings.TrimSuffix(prefix, "/") + path
}

// add registers one pattern with chi and under its name.
func (rt *Router) add(p Pattern, seen map[string]bool) error {
	if !strings.HasPrefix(p.Path, "/") {
		return fmt.Errorf("urls: pattern %q must start with \"/\"", p.Path)
	}
	r, err := parseRoute(p.Name, p.Path)
	if err != nil {
		return err
	}
	if p.Name != "" {
		if old, ok := rt.named[p.Name]; ok {
			return fmt.Errorf("urls: duplicate URL name %q (%s and %s)", p.Name, old.path, p.Path)
		}
		rt.named[p.Name] = r
	}
	rt.routes = append(rt.routes, r)
	for _, m := range expand(p.Path, p.Methods, seen) {
		if err := rt.register(m, p.Path, p.Handler); err != nil {
			return err
		}
	}
	return nil
}

// expand returns the methods to register for path, skipping those an
// earlier pattern with the same path took (the first pattern wins, as in
// Django), and marks them taken. "*" means every method.
func expand(path string, methods []string, seen map[string]bool) []string {
	if seen["* "+path] {
		return nil
	}
	if len(methods) == 0 {
		methods = []string{"*"}
	}
	var out []string
	for _, m := range methods {
		m = strings.ToUpper(m)
		if m == "*" && seen[path] { // some methods taken: register the rest one by one
			out = append(out, expand(path, standardMethods, seen)...)
			continue
		}
		if !seen[m+" "+path] {
			seen[m+" "+path], seen[path] = true, true
			out = append(out, m)
		}
	}
	return out
}

// register adds a route to chi, turning chi's panics on a bad pattern or
// method into an error.
func (rt *Router) register(method, path string, h http.Handler) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("urls: pattern %q: %v", path, p)
		}
	}()
	h = decodeParams(framework.ServeView(h))
	if method == "*" {
		rt.mux.Handle(path, h)
	} else {
		rt.mux.Method(strings.ToUpper(method), path, h)
	}
	return nil
}

// Patterns lists the router's patterns in order, each as its path and
// name ("/shop/ [name='shop']"), for the DEBUG 404 page
// (framework.Env.URLPatterns).
func (rt *Router) Patterns() []string {
	out := make([]string, len(rt.routes))
	for i, r := range rt.routes {
		out[i] = r.path
		if r.name != "" {
			out[i] += " [name='" + r.name + "']"
		}
	}
	return out
}

// FuncMap returns the template functions of the router: "url", which is
// [Router.Reverse] (Django's {% url %} tag): << url "shop-item" .ID >>.
func (rt *Router) FuncMap() template.FuncMap {
	return template.FuncMap{"url": rt.Reverse}
}
