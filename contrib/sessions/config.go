package sessions

import (
	"fmt"
	"log/slog"
	"time"

	"github.com/manouche-go/manouche/framework"
	"github.com/manouche-go/manouche/framework/apps"
	"github.com/manouche-go/manouche/framework/session"
	"github.com/manouche-go/manouche/framework/settings"
)

// NewConfig maps a site's settings onto a [session.Config]: it builds the
// SESSION_ENGINE backend and the codec keyed with SECRET_KEY and
// SECRET_KEY_FALLBACKS. It also returns the engine, for messages.
func NewConfig(env *apps.Env) (*session.Config, *Engine, error) {
	s := env.Settings
	engine, err := LookupEngine(s.SessionEngine)
	if err != nil {
		return nil, nil, err
	}
	codec, err := session.NewCodec(s.SecretKey, s.SecretKeyFallbacks, env.Logger)
	if err != nil {
		return nil, nil, fmt.Errorf("sessions: %w", err)
	}
	b, err := engine.New(&EngineEnv{Settings: s, DB: env.DB, Codec: codec, Logger: env.Logger})
	if err != nil {
		return nil, nil, err
	}
	if (b.Store == nil) == (b.Cookie == nil) {
		return nil, nil, fmt.Errorf("sessions: engine %s must build exactly one of Store and Cookie", engine.Name)
	}
	return &session.Config{
		Store:                b.Store,
		Cookie:               b.Cookie,
		Codec:                codec,
		CookieAge:            session.CookieAgeSetting(s.SessionCookieAge),
		ExpireAtBrowserClose: s.SessionExpireAtBrowserClose,
		IdleTimeout:          time.Duration(s.SessionIdleTimeout) * time.Second,
		AbsoluteTimeout:      time.Duration(s.SessionAbsoluteTimeout) * time.Second,
		Location:             location(s),
		Logger:               env.Logger,
	}, engine, nil
}

// MiddlewareOptions configure [Middleware]. The zero value of each cookie
// field means Django's default, filled in by [NewMiddlewareOptions].
type MiddlewareOptions struct {
	// Config is the session configuration every request's session uses.
	Config *session.Config
	// Cookie holds the session cookie's attributes (SESSION_COOKIE_NAME,
	// _DOMAIN, _PATH, _SECURE, _HTTPONLY, _SAMESITE). Its Value, MaxAge
	// and Expires are set per response.
	Cookie framework.Cookie
	// SaveEveryRequest is SESSION_SAVE_EVERY_REQUEST.
	SaveEveryRequest bool
	// Engine names the backend in log lines.
	Engine string
	// Logger receives one line per store failure; nil means slog.Default().
	Logger *slog.Logger
}

// SaveTimeout bounds the session save [Middleware] makes after the view
// (for cached_db the cache refill, for a store that merges the wait for the
// other saves of the session), run on the request's values without its
// cancellation so that a client that goes away cannot stop it halfway. A
// save that runs out of it answers 503.
const SaveTimeout = 30 * time.Second

// NewMiddlewareOptions builds the options of [Middleware] from a site's
// settings: the session configuration and every SESSION_COOKIE_* attribute.
func NewMiddlewareOptions(env *apps.Env) (MiddlewareOptions, error) {
	cfg, engine, err := NewConfig(env)
	if err != nil {
		return MiddlewareOptions{}, err
	}
	return MiddlewareOptions{
		Config:           cfg,
		Cookie:           cookieFromSettings(env.Settings),
		SaveEveryRequest: env.Settings.SessionSaveEveryRequest,
		Engine:           engine.Name,
		Logger:           env.Logger,
	}, nil
}

func cookieFromSettings(s *settings.Settings) framework.Cookie {
	return framework.Cookie{
		Name:     s.SessionCookieName,
		Domain:   s.SessionCookieDomain,
		Path:     s.SessionCookiePath,
		Secure:   s.SessionCookieSecure,
		HttpOnly: s.SessionCookieHTTPOnly,
		SameSite: s.SessionCookieSameSite,
	}
}
