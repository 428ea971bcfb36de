package csrf

import (
	"net/http"

	"github.com/manouche-go/manouche/framework"
	"github.com/manouche-go/manouche/framework/session"
)

// state is everything the middleware keeps for one request, allocated as
// one object: the context that carries it and its view hook, the response
// writer and the request handed to the next handler.
type state struct {
	ctx framework.HookContext
	w   framework.StartWriter
	r   http.Request
	m   *middleware

	// token is Django's request.META["CSRF_COOKIE"]: the masked token the
	// response stores when the token was used; "" until there is one.
	token string
	// incoming is the secret the request came with, valid reports whether
	// there was a usable one, and present whether there was any.
	incoming       secret
	present, valid bool
	loaded         bool // incoming was read (from the session, lazily)
	used           bool // Django's CSRF_COOKIE_USED
	processed      bool // the view hook ran
}

// readCookie is process_request in cookie mode: it reads the CSRF cookie
// and sanitizes it as Django 3.2 does (a valid token is kept, a secret is
// masked, anything else is replaced by a new token). With UseSessions the
// session is read later, when first needed.
func (st *state) readCookie(r *http.Request) {
	if st.m.o.UseSessions {
		return
	}
	st.loaded = true
	v, ok := framework.CookieValue(r, st.m.o.Cookie.Name)
	if !ok {
		return
	}
	st.present = true
	st.incoming, st.valid = secretOf(v)
	switch {
	case st.valid && len(v) == TokenLength:
		st.token = v
	case st.valid:
		st.token = maskSecret(&st.incoming, st.m.o.RandomString())
	default:
		st.token = st.newToken()
	}
}

// loadSession reads the token from the session with UseSessions: the
// 64-character token Django 3.2 and 4.0 store, or the 32-character secret
// of Django 4.1 and later. A value of any other form is present but never
// matches.
func (st *state) loadSession() {
	if st.loaded {
		return
	}
	st.loaded = true
	s, ok := session.FromContext(st.r.Context())
	if !ok {
		st.m.o.Logger.Error(errNoSession.Error())
		return
	}
	v, ok := s.Get(SessionKey)
	if !ok {
		return
	}
	st.present = true
	str, _ := v.(string)
	if st.incoming, st.valid = secretOf(str); st.valid {
		st.token = maskSecret(&st.incoming, st.m.o.RandomString())
		if len(str) == TokenLength {
			st.token = str
		}
	}
}

func (st *state) newToken() string {
	return Mask(st.m.o.RandomString(), st.m.o.RandomString())
}

// get is Django's get_token: a new secret if there is none, the token
// marked used, and the secret masked afresh.
func (st *state) get() string {
	st.loadSession()
	if st.token == "" {
		st.token = Mask(st.m.o.RandomString(), st.m.o.RandomString())
	}
	st.used = true
	s := unmask(st.token)
	return maskSecret(&s, st.m.o.RandomString())
}

// rotate is Django's rotate_token: a new secret, marked used.
func (st *state) rotate() {
	st.loadSession()
	st.token = st.newToken()
	st.used = true
}

// StartResponse is Django 3.2's process_response: when the token was
// used, the cookie is (re)sent with the current token and Vary: Cookie, or
// with UseSessions the session key is updated if it changed.
func (st *state) StartResponse(h http.Header) {
	if !st.used {
		return
	}
	if st.m.o.UseSessions {
		st.storeSession()
		return
	}
	c := st.m.o.Cookie
	c.Value = st.token
	c.MaxAge = &st.m.o.CookieAge
	c.Expires = st.m.o.Now().Add(secondsDuration(st.m.o.CookieAge))
	h.Add("Set-Cookie", framework.FormatSetCookie(c))
	framework.PatchVary(h, "Cookie")
}

func (st *state) storeSession() {
	s, ok := session.FromContext(st.r.Context())
	if !ok {
		return
	}
	if v, _ := s.GetString(SessionKey); v == st.token {
		return
	}
	if err := s.Set(SessionKey, st.token); err != nil {
		st.m.o.Logger.Error("csrf: store the token in the session", "err", err)
	}
}
