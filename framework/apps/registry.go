package apps

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"sync"
)

// ErrUnknown is wrapped by the errors of lookups of a name that no app or
// middleware is registered under.
var ErrUnknown = errors.New("apps: unknown name")

// Registry holds registered apps and middleware by name and alias (Django's
// django.apps.apps, filled by import instead of by INSTALLED_APPS). The
// zero value is an empty registry ready to use; a Registry is safe for
// concurrent use.
type Registry struct {
	mu      sync.RWMutex
	apps    map[string]App        // by label
	appKeys map[string]string     // label or alias → label
	mws     map[string]Middleware // by name
	mwKeys  map[string]string     // name or alias → name
}

// NewRegistry returns an empty registry.
func NewRegistry() *Registry { return &Registry{} }

// unknownError is a lookup miss; its text lists what is registered.
type unknownError struct {
	kind, name, where string // kind "app" or "middleware"; where "" or " in INSTALLED_APPS"
	known             []string
}

func (e *unknownError) Error() string {
	known := "(none)"
	if len(e.known) > 0 {
		known = strings.Join(e.known, ", ")
	}
	return fmt.Sprintf("apps: unknown %s %q%s; registered %s: %s", e.kind, e.name, e.where, plural(e.kind), known)
}

func (e *unknownError) Unwrap() error { return ErrUnknown }

func plural(kind string) string {
	if kind == "app" {
		return "apps"
	}
	return kind
}

// Register adds a to r under its label and aliases, and registers the
// middleware it provides (see [MiddlewareProvider]). It is meant to be
// called from init, as sql.Register is.
//
// Register panics, with a message starting "apps: ", if a is nil, its label
// is empty, a label or alias is empty or already taken by another app, or
// one of its middleware is invalid (see [Registry.RegisterMiddleware]).
// Nothing is registered when it panics.
func (r *Registry) Register(a App) {
	if a == nil {
		panic("apps: Register of nil App")
	}
	label := a.Label()
	if label == "" {
		panic(fmt.Sprintf("apps: Register of app %T with empty label", a))
	}
	var aliases []string
	if al, ok := a.(Aliaser); ok {
		aliases = al.Aliases()
	}
	var mws []Middleware
	if mp, ok := a.(MiddlewareProvider); ok {
		mws = mp.Middleware()
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if _, dup := r.apps[label]; dup {
		panic(fmt.Sprintf("apps: Register called twice for app %q", label))
	}
	claimNames(r.appKeys, "app", label, aliases)
	for _, m := range mws {
		r.checkMiddleware(m)
	}
	checkOwnMiddleware(mws)
	r.addApp(a, label, aliases)
	for _, m := range mws {
		r.addMiddleware(m)
	}
}

// claimNames panics if name or one of aliases is a key of taken, or an
// alias is empty, repeated or equal to name.
func claimNames(taken map[string]string, kind, name string, aliases []string) {
	if owner, ok := taken[name]; ok {
		panic(fmt.Sprintf("apps: name %q of %s %q is already taken by %s %q", name, kind, name, kind, owner))
	}
	seen := map[string]bool{name: true}
	for _, k := range aliases {
		if k == "" {
			panic(fmt.Sprintf("apps: %s %q has an empty alias", kind, name))
		}
		if seen[k] {
			panic(fmt.Sprintf("apps: %s %q lists alias %q twice or as its own name", kind, name, k))
		}
		if owner, ok := taken[k]; ok {
			panic(fmt.Sprintf("apps: name %q of %s %q is already taken by %s %q", k, kind, name, kind, owner))
		}
		seen[k] = true
	}
}

// checkOwnMiddleware panics if two middleware of one app share a name.
func checkOwnMiddleware(mws []Middleware) {
	keys := map[string]string{}
	for _, m := range mws {
		claimNames(keys, "middleware", m.Name, m.Aliases)
		for _, k := range append([]string{m.Name}, m.Aliases...) {
			keys[k] = m.Name
		}
	}
}

func (r *Registry) addApp(a App, label string, aliases []string) {
	if r.apps == nil {
		r.apps, r.appKeys = map[string]App{}, map[string]string{}
	}
	r.apps[label] = a
	for _, k := range append([]string{label}, aliases...) {
		r.appKeys[k] = label
	}
}

// RegisterMiddleware adds m to r under its name and aliases, so that
// MIDDLEWARE can list it. Sites use it for plain net/http and chi
// middleware ("chi.middleware.RequestID"); apps contribute theirs through
// [MiddlewareProvider] instead.
//
// RegisterMiddleware panics, with a message starting "apps: ", if m.Name or
// an alias is empty or already registered, or m.New is nil.
func (r *Registry) RegisterMiddleware(m Middleware) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.checkMiddleware(m)
	r.addMiddleware(m)
}

// checkMiddleware panics if m cannot be added to r. The caller holds r.mu.
func (r *Registry) checkMiddleware(m Middleware) {
	if m.Name == "" {
		panic("apps: middleware with empty name")
	}
	if m.New == nil {
		panic(fmt.Sprintf("apps: middleware %q has nil New", m.Name))
	}
	if _, dup := r.mws[m.Name]; dup {
		panic(fmt.Sprintf("apps: middleware %q is already registered", m.Name))
	}
	claimNames(r.mwKeys, "middleware", m.Name, m.Aliases)
}

func (r *Registry) addMiddleware(m Middleware) {
	if r.mws == nil {
		r.mws, r.mwKeys = map[string]Middleware{}, map[string]string{}
	}
	m.Aliases = slices.Clone(m.Aliases)
	m.Requires = slices.Clone(m.Requires)
	r.mws[m.Name] = m
	for _, k := range append([]string{m.Name}, m.Aliases...) {
		r.mwKeys[k] = m.Name
	}
}

// Lookup returns the app registered under label or alias name (Django's
// apps.get_app_config). An unknown name is an error wrapping [ErrUnknown]
// that lists the registered labels.
func (r *Registry) Lookup(name string) (App, error) {
	r.mu.RLock()
	defer r.mu.RUnlock()
	return r.lookup(name, "")
}

func (r *Registry) lookup(name, where string) (App, error) {
	label, ok := r.appKeys[name]
	if !ok {
		return nil, &unknownError{kind: "app", name: name, where: where, known: slices.Sorted(maps.Keys(r.apps))}
	}
	return r.apps[label], nil
}

// Installed resolves INSTALLED_APPS: it returns the apps named by labels
// (labels or aliases), in the given order, which is the order of template
// lookup and migrations. An unknown name is an error wrapping [ErrUnknown]
// that lists the registered labels; an app named twice (even once by label
// and once by alias) is an error too.
func (r *Registry) Installed(labels []string) ([]App, error) {
	r.mu.RLock()
	defer r.mu.RUnlock()
	out := make([]App, 0, len(labels))
	seen := make(map[string]string, len(labels)) // label → name as listed
	for _, name := range labels {
		a, err := r.lookup(name, " in INSTALLED_APPS")
		if err != nil {
			return nil, err
		}
		label := r.appKeys[name]
		if first, dup := seen[label]; dup {
			return nil, duplicate("app", label, "INSTALLED_APPS", first, name)
		}
		seen[label] = name
		out = append(out, a)
	}
	return out, nil
}

// duplicate is the error for a name listed twice in a setting.
func duplicate(kind, canonical, setting, first, second string) error {
	as := ""
	if first != second {
		as = fmt.Sprintf(" (as %q and %q)", first, second)
	}
	return fmt.Errorf("apps: duplicate %s %q in %s%s", kind, canonical, setting, as)
}
