// Package registry is a table of named values filled from init, the way
// database/sql keeps its drivers: the password hashers, password
// validators and authentication backends that settings name, each under
// its short and Django's dotted names.
//
//	var hashers = registry.New[Factory]("hashers")
//
//	func init() { hashers.Register(newPBKDF2, "pbkdf2_sha256", "django.contrib.auth.hashers.PBKDF2PasswordHasher") }
package registry

import (
	"fmt"
	"slices"
	"sync"
)

// Registry holds values of type T by name. It is safe for concurrent use.
type Registry[T any] struct {
	kind   string
	mu     sync.RWMutex
	byName map[string]T
}

// New returns an empty registry whose panics start with kind ("hashers").
func New[T any](kind string) *Registry[T] {
	return &Registry[T]{kind: kind, byName: map[string]T{}}
}

// Register adds v under each of names. It is meant to be called from init
// and panics, naming the registry, when no name is given or a name is
// empty or taken.
func (r *Registry[T]) Register(v T, names ...string) {
	if len(names) == 0 {
		panic(r.kind + ": Register needs a name")
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, n := range names {
		if _, dup := r.byName[n]; dup || n == "" {
			panic(fmt.Sprintf("%s: Register of empty or duplicate name %q", r.kind, n))
		}
		r.byName[n] = v
	}
}

// Lookup returns the value registered under name.
func (r *Registry[T]) Lookup(name string) (T, bool) {
	r.mu.RLock()
	defer r.mu.RUnlock()
	v, ok := r.byName[name]
	return v, ok
}

// Names returns every registered name, sorted.
func (r *Registry[T]) Names() []string {
	r.mu.RLock()
	defer r.mu.RUnlock()
	out := make([]string, 0, len(r.byName))
	for n := range r.byName {
		out = append(out, n)
	}
	slices.Sort(out)
	return out
}
