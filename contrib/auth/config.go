package auth

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"time"

	"gorm.io/gorm"

	"github.com/manouche-go/manouche/contrib/auth/hashers"
	"github.com/manouche-go/manouche/contrib/auth/validation"
	"github.com/manouche-go/manouche/framework/apps"
	"github.com/manouche-go/manouche/framework/session"
	"github.com/manouche-go/manouche/framework/settings"
)

// Config is everything the functions of this package need for one site,
// built once from its settings by [NewConfig]: the database, the password
// hashers and validators, the authentication backends, SECRET_KEY (and its
// fallbacks) for session hashes, the login URLs and the user→sessions
// index. The middleware carries it in every request's context; code outside
// a request (a command) puts it in a context with [NewContext].
type Config struct {
	db         func() (*gorm.DB, error)
	hashers    *hashers.Set
	validators validation.Validators
	backends   []namedBackend
	secret     string
	fallbacks  []string
	loginURL   string
	redirect   string // LOGIN_REDIRECT_URL
	logoutURL  string // LOGOUT_REDIRECT_URL
	cookieName string // SESSION_COOKIE_NAME
	cookieAge  time.Duration
	loc        *time.Location
	logger     *slog.Logger
	now        func() time.Time
	sessions   func() (*session.Config, error) // the store outside a request
	index      *index                          // nil with signed_cookies
	localCache string                          // why a store outside a request is not the server's, or ""
	userStmt   userByIDStmt                    // the query of every logged-in request
}

// ErrNoConfig is returned by the functions of this package called with a
// request or context that carries no [Config]: the request did not go
// through [Middleware] (add contrib.auth.AuthenticationMiddleware to
// MIDDLEWARE), or a command forgot [NewContext].
var ErrNoConfig = errors.New("auth: no auth configuration in the context: add contrib.auth.AuthenticationMiddleware to MIDDLEWARE (after the session middleware)")

// NewConfig builds the auth configuration of the site of env from its
// settings: PASSWORD_HASHERS and PBKDF2_ITERATIONS, AUTH_PASSWORD_VALIDATORS,
// AUTHENTICATION_BACKENDS, SECRET_KEY and SECRET_KEY_FALLBACKS, LOGIN_URL,
// LOGIN_REDIRECT_URL, LOGOUT_REDIRECT_URL, USE_TZ and TIME_ZONE, and the
// session settings. An unknown hasher, validator or backend is an error
// naming the setting. It opens nothing: the database opens on first use.
func NewConfig(env *apps.Env) (*Config, error) {
	s := env.Settings
	hs, err := hashers.New(s.PasswordHashers, hashers.Options{PBKDF2Iterations: s.PBKDF2Iterations})
	if err != nil {
		return nil, fmt.Errorf("auth: PASSWORD_HASHERS: %w", err)
	}
	vs, err := validation.New(validatorConfigs(s.AuthPasswordValidators))
	if err != nil {
		return nil, fmt.Errorf("auth: %w", err)
	}
	bs, err := lookupBackends(s.AuthenticationBackends)
	if err != nil {
		return nil, err
	}
	c := &Config{
		db: env.DB, hashers: hs, validators: vs, backends: bs,
		secret: s.SecretKey, fallbacks: s.SecretKeyFallbacks,
		loginURL: s.LoginURL, redirect: s.LoginRedirectURL, logoutURL: s.LogoutRedirectURL,
		cookieName: s.SessionCookieName, cookieAge: time.Duration(s.SessionCookieAge) * time.Second,
		loc: location(s), logger: env.Logger, now: time.Now,
		sessions: func() (*session.Config, error) { return sessionConfig(env) },
	}
	if c.logger == nil {
		c.logger = slog.Default()
	}
	if !cookieEngine(s.SessionEngine) {
		c.index = newIndex(c)
	}
	c.localCache = localCache(s)
	return c, nil
}

// localCache explains why code outside the server's process cannot reach
// its sessions: the cache and cached_db engines on a locmem cache keep
// them in the server's memory. It returns "" for every other engine.
func localCache(s *settings.Settings) string {
	engine := s.SessionEngine[strings.LastIndexByte(s.SessionEngine, '.')+1:]
	if engine != "cache" && engine != "cached_db" {
		return ""
	}
	if b := s.Caches[s.SessionCacheAlias].Backend; b == "locmem" || strings.HasSuffix(b, ".LocMemCache") {
		return fmt.Sprintf("SESSION_ENGINE %s keeps sessions in the locmem cache %q, inside the server's process", engine, s.SessionCacheAlias)
	}
	return ""
}

func validatorConfigs(in []settings.PasswordValidator) []validation.Config {
	out := make([]validation.Config, len(in))
	for i, v := range in {
		out[i] = validation.Config{Name: v.Name, Options: v.Options}
	}
	return out
}

// location is where datetimes are written: UTC with USE_TZ, else the
// TIME_ZONE's local time, as Django does.
func location(s *settings.Settings) *time.Location {
	if s.UseTZ {
		return time.UTC
	}
	if loc, err := time.LoadLocation(s.TimeZone); err == nil {
		return loc
	}
	return time.UTC
}

// cookieEngine reports whether SESSION_ENGINE keeps sessions in the cookie
// itself (signed_cookies), where nothing on the server can end them.
func cookieEngine(engine string) bool {
	return engine == "signed_cookies" || strings.HasSuffix(engine, ".signed_cookies")
}

// sessionConfig finds the installed app that owns the session engine
// (contrib.sessions) and builds its configuration, for code that works on
// sessions outside a request.
func sessionConfig(env *apps.Env) (*session.Config, error) {
	installed, err := apps.Installed(env.Settings.InstalledApps)
	if err != nil {
		return nil, err
	}
	for _, a := range installed {
		if p, ok := a.(apps.SessionConfigProvider); ok {
			return p.SessionConfig(env)
		}
	}
	return nil, errors.New("auth: no installed app provides sessions: add contrib.sessions to INSTALLED_APPS")
}

// DB returns the site's database connection, opened on first use.
func (c *Config) DB(ctx context.Context) (*gorm.DB, error) {
	g, err := c.db()
	if err != nil {
		return nil, fmt.Errorf("auth: %w", err)
	}
	return g.WithContext(ctx), nil
}

// Hashers returns the site's password hashers (PASSWORD_HASHERS).
func (c *Config) Hashers() *hashers.Set { return c.hashers }

// Validators returns the site's password validators
// (AUTH_PASSWORD_VALIDATORS).
func (c *Config) Validators() validation.Validators { return c.validators }

// configKey is the context key of the Config outside a request.
var configKey = &contextKey{"Config"}

// contextKey is a value for use with context.WithValue, used as a pointer.
type contextKey struct{ name string }

func (k *contextKey) String() string { return "auth context value " + k.name }

// NewContext returns a copy of ctx carrying cfg, for calling this package
// outside a request (a command, a job). Requests get theirs from
// [Middleware].
func NewContext(ctx context.Context, cfg *Config) context.Context {
	return context.WithValue(ctx, configKey, cfg)
}

// ConfigFrom returns the Config that ctx carries, or [ErrNoConfig].
func ConfigFrom(ctx context.Context) (*Config, error) {
	if c, ok := ctx.Value(configKey).(*Config); ok && c != nil {
		return c, nil
	}
	return nil, ErrNoConfig
}

// nowIn returns the current time in the site's datetime location.
func (c *Config) nowIn() time.Time { return c.now().In(c.loc) }
