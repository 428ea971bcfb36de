package auth

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/manouche-go/manouche/framework"
	"github.com/manouche-go/manouche/framework/session"
)

// Middleware is Django's AuthenticationMiddleware: it gives every request
// a lazily loaded user, framework.Request.User (request.user), read from
// the session on first use and checked against the session hash in
// constant time. It must sit inside the session middleware (after it in
// MIDDLEWARE); the check framework reports it otherwise.
//
// It also carries cfg in the request's context, for [Authenticate],
// [Login], [Logout] and the other functions of this package, and keeps the
// user→sessions index of [LogoutEverywhere] up to date after each response
// whose session changed. A request that never looks at its user costs one
// allocation and no I/O.
func Middleware(cfg *Config) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler { return &handler{cfg: cfg, next: next} }
}

type handler struct {
	cfg  *Config
	next http.Handler
}

func (h *handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	st := &state{cfg: h.cfg}
	st.ctx.Reset(r.Context(), st)
	st.ctx.st = st
	st.r = *r.WithContext(&st.ctx) // inlined: the copy made there stays on the stack
	h.next.ServeHTTP(w, &st.r)
	if h.cfg.index != nil {
		st.finish(r, w.Header())
	}
}

// state is everything the middleware keeps for one request, allocated as
// one object.
type state struct {
	ctx     authContext
	r       http.Request
	cfg     *Config
	touched bool // auth read or changed the session's login
}

// authContext is the request's context: the user, the Config and the
// state on top of the parent's values.
type authContext struct {
	framework.UserContext
	st *state
}

// stateKey is the context key of the request's state.
var stateKey = &contextKey{"state"}

func (c *authContext) Value(key any) any {
	switch key {
	case any(configKey):
		return c.st.cfg
	case any(stateKey):
		return c.st
	}
	return c.UserContext.Value(key)
}

// LoadUser loads the request's user from its session (Django's
// get_user); it is the framework.UserLoader of the request's LazyUser.
func (st *state) LoadUser() (framework.User, error) {
	s, ok := session.FromContext(&st.ctx)
	if !ok {
		return nil, nil
	}
	st.touched = true
	u, err := st.cfg.sessionUser(&st.ctx, s)
	if u == nil || err != nil {
		return nil, err
	}
	return u, nil
}

// lazyUser returns the request's LazyUser.
func (st *state) lazyUser() *framework.LazyUser {
	u, _ := framework.UserFrom(&st.ctx)
	return u
}

// finish brings the user→sessions index up to date once the response is
// written: the session's key now belongs to its logged-in user, with the
// expiry the session cookie was given, and the key the request came with,
// if the request changed it (login, logout, password change), belongs to
// nobody.
func (st *state) finish(r *http.Request, h http.Header) {
	value, maxAge, sent := sessionCookie(h, st.cfg.cookieName)
	if !sent && !st.touched {
		return
	}
	s, ok := session.FromContext(&st.ctx)
	if !ok {
		return
	}
	ctx := context.WithoutCancel(r.Context())
	if old, ok := framework.CookieValue(r, st.cfg.cookieName); ok && old != s.Key() {
		st.cfg.index.remove(ctx, old)
	}
	key := s.Key()
	if key == "" || sent && value == "" {
		return
	}
	id, ok := sessionUserID(s)
	if !ok {
		return
	}
	expiry := st.cfg.now().Add(st.cfg.cookieAge)
	if sent && maxAge > 0 {
		expiry = st.cfg.now().Add(time.Duration(maxAge) * time.Second)
	}
	st.cfg.index.add(ctx, key, id, expiry, sent)
}

// sessionCookie finds the Set-Cookie header of the session cookie name in
// h: its value (empty for a deletion) and Max-Age (-1 when absent).
func sessionCookie(h http.Header, name string) (value string, maxAge int, ok bool) {
	for _, line := range h["Set-Cookie"] {
		rest, found := strings.CutPrefix(line, name+"=")
		if !found {
			continue
		}
		value, attrs, _ := strings.Cut(rest, ";")
		maxAge = -1
		for a := range strings.SplitSeq(attrs, ";") {
			if n, found := strings.CutPrefix(strings.TrimSpace(a), "Max-Age="); found {
				maxAge, _ = strconv.Atoi(n)
			}
		}
		if value == `""` || maxAge == 0 {
			value = ""
		}
		return value, maxAge, true
	}
	return "", -1, false
}
