package apps

import (
	"fmt"
	"maps"
	"net/http"
	"slices"

	"github.com/manouche-go/manouche/framework/checks"
)

// Middleware is a named middleware that MIDDLEWARE can list (Django's
// middleware class, referred to by its dotted path). The middleware itself
// is the plain func(http.Handler) http.Handler, so any net/http or chi
// middleware fits.
type Middleware struct {
	// Name is the MIDDLEWARE name, e.g. "contrib.sessions.SessionMiddleware".
	Name string
	// Aliases are other accepted names, such as Django's dotted path
	// "django.contrib.sessions.middleware.SessionMiddleware".
	Aliases []string
	// Requires names middleware (by name or alias) that must be listed
	// before this one in MIDDLEWARE, that is, wrap it from outside. The
	// check of [Registry.CheckMiddlewareOrder] enforces it.
	Requires []string
	// New builds the middleware for a site. It is called once per site,
	// at start-up; an error stops the site.
	New func(env *Env) (func(http.Handler) http.Handler, error)
}

// LookupMiddleware returns the middleware registered under name or alias.
// An unknown name is an error wrapping [ErrUnknown] that lists the
// registered middleware names.
func (r *Registry) LookupMiddleware(name string) (Middleware, error) {
	r.mu.RLock()
	defer r.mu.RUnlock()
	return r.lookupMiddleware(name, "")
}

func (r *Registry) lookupMiddleware(name, where string) (Middleware, error) {
	canonical, ok := r.mwKeys[name]
	if !ok {
		return Middleware{}, &unknownError{kind: "middleware", name: name, where: where,
			known: slices.Sorted(maps.Keys(r.mws))}
	}
	return r.mws[canonical], nil
}

// Middlewares resolves MIDDLEWARE: it returns the middleware named by names
// (names or aliases) in the given order, outermost first. An unknown name
// is an error wrapping [ErrUnknown] that lists the registered names; a
// middleware listed twice is an error too, since wrapping a handler twice in
// the same middleware is never what is meant.
func (r *Registry) Middlewares(names []string) ([]Middleware, error) {
	r.mu.RLock()
	defer r.mu.RUnlock()
	out := make([]Middleware, 0, len(names))
	seen := make(map[string]string, len(names))
	for _, name := range names {
		m, err := r.lookupMiddleware(name, " in MIDDLEWARE")
		if err != nil {
			return nil, err
		}
		if first, dup := seen[m.Name]; dup {
			return nil, duplicate("middleware", m.Name, "MIDDLEWARE", first, name)
		}
		seen[m.Name] = name
		out = append(out, m)
	}
	return out, nil
}

// CheckMiddlewareOrder checks that every middleware listed in names has
// each of its Requires listed earlier (Django's admin.E408-style checks).
// It returns middleware.E001 for a required middleware that is missing and
// middleware.E002 for one listed after the middleware that needs it. Both
// messages name the two middleware; Obj is the name as listed. Names that
// are not registered are skipped ([Registry.Middlewares] reports them).
func (r *Registry) CheckMiddlewareOrder(names []string) []checks.Message {
	r.mu.RLock()
	defer r.mu.RUnlock()
	pos := make(map[string]int, len(names)) // canonical name → first index
	for i, name := range names {
		if _, ok := pos[r.canonical(name)]; !ok {
			pos[r.canonical(name)] = i
		}
	}
	var msgs []checks.Message
	for i, name := range names {
		m, ok := r.mws[r.canonical(name)]
		if !ok {
			continue
		}
		for _, req := range m.Requires {
			j, listed := pos[r.canonical(req)]
			switch {
			case !listed:
				msgs = append(msgs, checks.Message{ID: "middleware.E001", Level: checks.Error, Obj: name,
					Text: fmt.Sprintf("'%s' requires '%s' in MIDDLEWARE, but it is not listed.", name, req),
					Hint: fmt.Sprintf("Add '%s' to MIDDLEWARE before '%s'.", req, name)})
			case j > i:
				msgs = append(msgs, checks.Message{ID: "middleware.E002", Level: checks.Error, Obj: name,
					Text: fmt.Sprintf("'%s' requires '%s' to come before it in MIDDLEWARE, but it comes after.", name, req),
					Hint: fmt.Sprintf("Move '%s' above '%s' in MIDDLEWARE.", req, name)})
			}
		}
	}
	return msgs
}

// canonical returns the registered name for a name or alias, or name itself
// when it is not registered. The caller holds r.mu.
func (r *Registry) canonical(name string) string {
	if c, ok := r.mwKeys[name]; ok {
		return c
	}
	return name
}
