package sessions

import (
	"fmt"
	"time"

	"github.com/manouche-go/manouche/contrib/sessions/cacheddbstore"
	"github.com/manouche-go/manouche/contrib/sessions/cachestore"
	"github.com/manouche-go/manouche/contrib/sessions/cookiestore"
	"github.com/manouche-go/manouche/contrib/sessions/dbstore"
	"github.com/manouche-go/manouche/contrib/sessions/filestore"
	"github.com/manouche-go/manouche/framework/session"
	"github.com/manouche-go/manouche/framework/settings"

	// The cache and cached_db engines open CACHES entries, whose default
	// (settings.Default, like Django's) is the locmem backend: register it,
	// or a site built from default settings cannot start them.
	_ "github.com/manouche-go/manouche/framework/cache/locmem"
)

// The five engines of django.contrib.sessions.backends, under their short
// names and Django's dotted module paths.
func init() {
	const dotted = "django.contrib.sessions.backends."
	RegisterEngine(Engine{Name: "db", Aliases: []string{dotted + "db"}, New: newDB})
	RegisterEngine(Engine{Name: "file", Aliases: []string{dotted + "file"}, New: newFile})
	RegisterEngine(Engine{Name: "cache", Aliases: []string{dotted + "cache"}, New: newCache})
	RegisterEngine(Engine{Name: "cached_db", Aliases: []string{dotted + "cached_db"}, New: newCachedDB})
	RegisterEngine(Engine{Name: "signed_cookies", Aliases: []string{dotted + "signed_cookies"}, New: newSignedCookies})
}

func newDBStore(env *EngineEnv) (*dbstore.Store, error) {
	db, err := env.DB()
	if err != nil {
		return nil, fmt.Errorf("sessions: db engine: %w", err)
	}
	return dbstore.New(db, dbstore.Options{Location: location(env.Settings)}), nil
}

func newDB(env *EngineEnv) (Backend, error) {
	s, err := newDBStore(env)
	return Backend{Store: s}, err
}

func newFile(env *EngineEnv) (Backend, error) {
	s, err := filestore.New(filestore.Options{
		Dir:       env.Settings.SessionFilePath,
		Prefix:    env.Settings.SessionCookieName,
		CookieAge: env.cookieAge(),
		Codec:     env.Codec,
		Location:  location(env.Settings),
	})
	if err != nil {
		return Backend{}, fmt.Errorf("sessions: file engine: %w", err)
	}
	return Backend{Store: s}, nil
}

func newCache(env *EngineEnv) (Backend, error) {
	c, err := env.Cache()
	if err != nil {
		return Backend{}, err
	}
	return Backend{Store: cachestore.New(c, cachestore.Options{})}, nil
}

func newCachedDB(env *EngineEnv) (Backend, error) {
	c, err := env.Cache()
	if err != nil {
		return Backend{}, err
	}
	db, err := newDBStore(env)
	if err != nil {
		return Backend{}, err
	}
	return Backend{Store: cacheddbstore.New(c, db, cacheddbstore.Options{Logger: env.Logger})}, nil
}

func newSignedCookies(env *EngineEnv) (Backend, error) {
	s, err := cookiestore.New(cookiestore.Options{
		Key:          env.Settings.SecretKey,
		FallbackKeys: env.Settings.SecretKeyFallbacks,
		CookieAge:    env.cookieAge(),
	})
	if err != nil {
		return Backend{}, fmt.Errorf("sessions: signed_cookies engine: %w", err)
	}
	return Backend{Cookie: s}, nil
}

func (e *EngineEnv) cookieAge() time.Duration {
	return session.CookieAgeSetting(e.Settings.SessionCookieAge)
}

// location is the time zone of naive dates: UTC with USE_TZ, else the
// TIME_ZONE's local time, as Django writes expire_date and (Django ≥ 4.1)
// _session_expiry.
func location(s *settings.Settings) *time.Location {
	if s.UseTZ {
		return time.UTC
	}
	loc, err := time.LoadLocation(s.TimeZone)
	if err != nil {
		return time.UTC
	}
	return loc
}
