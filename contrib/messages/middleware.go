package messages

import (
	"cmp"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"time"

	"github.com/manouche-go/manouche/framework"
	"github.com/manouche-go/manouche/framework/messages"
)

// Options configure [Middleware].
type Options struct {
	// Storage is MESSAGE_STORAGE: [Fallback] (the default when ""),
	// [Cookie] or [Session].
	Storage string
	// Level is MESSAGE_LEVEL: messages below it are dropped. Zero means
	// Django's default, messages.LevelInfo.
	Level messages.Level
	// Tags is MESSAGE_TAGS: tags by level, over messages.DefaultTags.
	Tags map[messages.Level]string
	// SecretKey and FallbackKeys are SECRET_KEY and SECRET_KEY_FALLBACKS,
	// which sign the cookie.
	SecretKey    string
	FallbackKeys []string
	// Cookie holds the cookie's Domain, Secure, HttpOnly and SameSite,
	// which Django takes from the SESSION_COOKIE_* settings. Its Name is
	// always [CookieName] and its Path "/"; it lasts for the browser
	// session.
	Cookie framework.Cookie
	// Logger receives storage failures; nil means slog.Default().
	Logger *slog.Logger
	// Now is the clock of the cookie's signature; nil means time.Now.
	Now func() time.Time
}

// errNoSession is the error of session storage without a session.
var errNoSession = errors.New("messages: the request has no session: list contrib.sessions.SessionMiddleware before contrib.messages.MessageMiddleware")

// middleware is the configured middleware, shared by every request.
type middleware struct {
	o      Options
	cookie *cookieStorage
	tags   map[messages.Level]string
}

// Middleware returns Django's MessageMiddleware: it gives every request a
// storage that framework/messages' Add, Success, ... and the templates'
// << range .Messages >> use, and stores the messages that were not shown
// when the response starts, in the signed "messages" cookie, the session,
// or both. It fails on an unknown storage or an empty secret key.
func Middleware(o Options) (func(http.Handler) http.Handler, error) {
	o.Storage = cmp.Or(o.Storage, Fallback)
	o.Level = cmp.Or(o.Level, messages.LevelInfo)
	if o.Logger == nil {
		o.Logger = slog.Default()
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Storage != Fallback && o.Storage != Cookie && o.Storage != Session {
		return nil, fmt.Errorf("messages: unknown storage %q: want fallback, cookie or session", o.Storage)
	}
	if o.SecretKey == "" {
		return nil, errors.New("messages: empty SECRET_KEY: the messages cookie cannot be signed")
	}
	codec, err := newCookieCodec(o.SecretKey, o.FallbackKeys, o.Now)
	if err != nil {
		return nil, fmt.Errorf("messages: cookie signer: %w", err)
	}
	c := o.Cookie
	c.Name, c.Path, c.MaxAge, c.Expires = CookieName, "/", nil, time.Time{}
	m := &middleware{o: o, cookie: &cookieStorage{codec: codec, cookie: c}, tags: messages.DefaultTags()}
	for l, t := range o.Tags {
		m.tags[l] = t
	}
	return func(next http.Handler) http.Handler { return &handler{m: m, next: next} }, nil
}

type handler struct {
	m    *middleware
	next http.Handler
}

// state is one request's storage, context, request and response writer,
// allocated as one object.
type state struct {
	ctx framework.HookContext
	st  storage
	w   framework.StartWriter
	r   http.Request
}

// ServeHTTP is Django's process_request, the view, and process_response
// when the response starts.
func (h *handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s := new(state)
	s.st = storage{m: h.m, r: r}
	s.ctx.Reset(r.Context(), nil, messages.StorageKey{}, &s.st)
	s.w.Reset(w, &s.st)
	s.r = *r.WithContext(&s.ctx)
	h.next.ServeHTTP(&s.w, &s.r)
	s.w.Start()
}
