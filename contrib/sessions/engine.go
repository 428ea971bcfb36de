package sessions

import (
	"fmt"
	"log/slog"
	"sort"
	"strings"
	"sync"

	"gorm.io/gorm"

	"github.com/manouche-go/manouche/framework/cache"
	"github.com/manouche-go/manouche/framework/session"
	"github.com/manouche-go/manouche/framework/settings"
)

// Engine is a session backend that SESSION_ENGINE can name (Django's
// SESSION_ENGINE module path, such as django.contrib.sessions.backends.db).
type Engine struct {
	// Name is the short name used in settings, such as "db".
	Name string
	// Aliases are other accepted names, such as Django's dotted module path.
	Aliases []string
	// New builds the backend. Exactly one of Backend.Store and
	// Backend.Cookie must be set.
	New func(env *EngineEnv) (Backend, error)
}

// EngineEnv is what an [Engine] may use to build its backend. Backends
// receive plain values; only this package reads the settings.
type EngineEnv struct {
	// Settings are the site's validated settings.
	Settings *settings.Settings
	// DB returns the site's database connection, opened on first use.
	DB func() (*gorm.DB, error)
	// Codec encodes session data as Django does.
	Codec *session.Codec
	// Logger receives the backend's logs.
	Logger *slog.Logger
}

// Cache opens the cache named by SESSION_CACHE_ALIAS from CACHES (Django's
// caches[settings.SESSION_CACHE_ALIAS]).
func (e *EngineEnv) Cache() (cache.Cache, error) {
	alias := e.Settings.SessionCacheAlias
	cfg, ok := e.Settings.Caches[alias]
	if !ok {
		return nil, &settings.Error{
			Setting: "SESSION_CACHE_ALIAS",
			Value:   alias,
			Allowed: "one of the aliases in CACHES: " + strings.Join(sortedKeys(e.Settings.Caches), ", "),
		}
	}
	c, err := cache.Open(cache.Config{
		Backend:   cfg.Backend,
		Location:  cfg.Location,
		KeyPrefix: cfg.KeyPrefix,
		Timeout:   cfg.Timeout,
		Options:   cfg.Options,
	})
	if err != nil {
		return nil, fmt.Errorf("sessions: cache %q: %w", alias, err)
	}
	return c, nil
}

// Backend is what an [Engine] builds: a key→data [session.Store], or a
// [session.CookieStore] for engines whose cookie is the data.
type Backend struct {
	Store  session.Store
	Cookie session.CookieStore
}

var engines = struct {
	sync.RWMutex
	byName map[string]*Engine
}{byName: map[string]*Engine{}}

// RegisterEngine makes an engine available to SESSION_ENGINE under its name
// and aliases. It is meant to be called from init and panics on an empty or
// duplicate name or a nil constructor, as database/sql's Register does.
func RegisterEngine(e Engine) {
	if e.Name == "" || e.New == nil {
		panic("sessions: RegisterEngine needs a name and a constructor")
	}
	engines.Lock()
	defer engines.Unlock()
	for _, n := range append([]string{e.Name}, e.Aliases...) {
		if _, dup := engines.byName[n]; dup {
			panic("sessions: RegisterEngine called twice for engine " + n)
		}
		engines.byName[n] = &e
	}
}

// LookupEngine returns the engine registered under name or one of its
// aliases. An unknown name is a *settings.Error listing the known engines.
func LookupEngine(name string) (*Engine, error) {
	engines.RLock()
	defer engines.RUnlock()
	if e, ok := engines.byName[name]; ok {
		return e, nil
	}
	var names []string
	for n, e := range engines.byName {
		if n == e.Name {
			names = append(names, n)
		}
	}
	sort.Strings(names)
	return nil, &settings.Error{
		Setting: "SESSION_ENGINE",
		Value:   name,
		Allowed: "one of " + strings.Join(names, ", ") + " (or Django's dotted names)",
	}
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
