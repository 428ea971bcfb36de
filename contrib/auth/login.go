package auth

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/manouche-go/manouche/contrib/auth/hashers"
	"github.com/manouche-go/manouche/framework"
	"github.com/manouche-go/manouche/framework/csrf"
	"github.com/manouche-go/manouche/framework/db"
	"github.com/manouche-go/manouche/framework/session"
)

// The session keys of a login, Django's: the user's primary key (as a
// string), the dotted name of the backend that authenticated it, and the
// session hash ([User.SessionAuthHash]).
const (
	SessionKey        = "_auth_user_id"
	BackendSessionKey = "_auth_user_backend"
	HashSessionKey    = "_auth_user_hash"
)

// stateOf returns the request's state and Config.
func stateOf(req *framework.Request) (*state, error) {
	if st, ok := req.HTTP.Context().Value(stateKey).(*state); ok {
		return st, nil
	}
	return nil, ErrNoConfig
}

// Authenticate returns the user whose credentials username and password
// are, trying AUTHENTICATION_BACKENDS in order (Django's authenticate), or
// nil when none accepts them: a wrong password, an unknown user (which
// costs one hasher run, like a wrong password) or an inactive one. A
// password longer than hashers.MaxPasswordLength bytes is refused before
// any hashing. The error is a failure to check, such as the database
// being down. Call [Login] with the user to log it in.
func Authenticate(req *framework.Request, username, password string) (*User, error) {
	st, err := stateOf(req)
	if err != nil {
		return nil, err
	}
	if len(password) > hashers.MaxPasswordLength {
		return nil, nil
	}
	ctx := &st.ctx
	for _, nb := range st.cfg.backends {
		u, err := nb.b.Authenticate(ctx, st.cfg, username, password)
		if err != nil {
			return nil, fmt.Errorf("auth: authenticate with %s: %w", nb.name, err)
		}
		if u != nil {
			u.cfg, u.backend = st.cfg, nb.name
			return u, nil
		}
	}
	return nil, nil
}

// Login logs u in on the request's session, exactly as Django's login
// does: when the session holds no user its key is cycled (a key planted
// before login is worthless afterwards); when it holds another user, or
// this user with a stale hash, it is flushed; when it already holds this
// user with this hash nothing changes. Then it stores _auth_user_id,
// _auth_user_backend and _auth_user_hash, makes u the request's user,
// rotates the CSRF token (csrf.RotateToken) and saves u's last_login.
//
// u comes from [Authenticate], which records its backend; a user read
// otherwise is logged in with the only backend of AUTHENTICATION_BACKENDS,
// or is an error when there are several.
func Login(req *framework.Request, u *User) error {
	st, err := stateOf(req)
	if err != nil {
		return err
	}
	backend, err := st.cfg.loginBackend(u)
	if err != nil {
		return err
	}
	s, hash := req.Session, u.SessionAuthHash(st.cfg.secret)
	st.touched = true
	if v, ok := s.Get(SessionKey); ok {
		stored, _ := s.GetString(HashSessionKey)
		if id, ok := parseID(v); !ok || id != u.ID || hash != "" && !equal(stored, hash) {
			err = s.Flush()
		}
	} else {
		err = s.CycleKey()
	}
	if err != nil {
		return fmt.Errorf("auth: login: %w", err)
	}
	if err := setLogin(s, u.ID, backend, hash); err != nil {
		return err
	}
	u.cfg = st.cfg
	st.lazyUser().Set(u)
	csrf.RotateToken(req) // as Django's login does: a token planted before the login is useless after it
	return st.cfg.updateLastLogin(&st.ctx, u)
}

// setLogin writes the three session keys, in Django's order.
func setLogin(s *session.Session, id int64, backend, hash string) error {
	for _, kv := range [][2]string{{SessionKey, strconv.FormatInt(id, 10)}, {BackendSessionKey, backend}, {HashSessionKey, hash}} {
		if err := s.Set(kv[0], kv[1]); err != nil {
			return fmt.Errorf("auth: login: %w", err)
		}
	}
	return nil
}

// loginBackend is the backend to record for u.
func (c *Config) loginBackend(u *User) (string, error) {
	if u.backend != "" {
		return u.backend, nil
	}
	if len(c.backends) == 1 {
		return c.backends[0].name, nil
	}
	return "", errors.New("auth: login: the user has no backend and AUTHENTICATION_BACKENDS lists several: log in a user that Authenticate returned")
}

// updateLastLogin is Django's update_last_login receiver: it saves
// last_login only.
func (c *Config) updateLastLogin(ctx context.Context, u *User) error {
	now := db.DateTime{Time: c.nowIn()}
	u.LastLogin = &now
	return c.saveColumn(ctx, u, "last_login", now)
}

// Logout ends the request's login (Django's logout): the session is
// flushed (its data dropped, its record deleted, and its cookie deleted by
// the session middleware) and the request's user becomes anonymous.
func Logout(req *framework.Request) error {
	st, err := stateOf(req)
	if err != nil {
		return err
	}
	st.touched = true
	if err := req.Session.Flush(); err != nil {
		return fmt.Errorf("auth: logout: %w", err)
	}
	st.lazyUser().Set(framework.AnonymousUser{})
	return nil
}

// UpdateSessionAuthHash keeps the request's session logged in after u's
// password changed (Django's update_session_auth_hash): it cycles the
// session key and, when the session is u's, stores u's new session hash.
// The user's other sessions end at their next request, since their hash no
// longer matches.
func UpdateSessionAuthHash(req *framework.Request, u *User) error {
	st, err := stateOf(req)
	if err != nil {
		return err
	}
	s := req.Session
	st.touched = true
	if err := s.CycleKey(); err != nil {
		return fmt.Errorf("auth: update session auth hash: %w", err)
	}
	if id, ok := sessionUserID(s); ok && id == u.ID {
		if err := s.Set(HashSessionKey, u.SessionAuthHash(st.cfg.secret)); err != nil {
			return fmt.Errorf("auth: update session auth hash: %w", err)
		}
	}
	return nil
}

// GetUser returns the request's logged-in user, or nil when the request is
// anonymous (Django's request.user, with AnonymousUser as nil). The error
// is a failure to read the user, or [ErrNoConfig] without the middleware.
func GetUser(req *framework.Request) (*User, error) {
	lu, ok := req.User.(*framework.LazyUser)
	if !ok {
		return nil, ErrNoConfig
	}
	u, err := lu.Get()
	if err != nil {
		return nil, err
	}
	au, _ := u.(*User)
	return au, nil
}

// sessionUser reads the session's user as Django's get_user does, with
// SECRET_KEY_FALLBACKS: a session naming no user, an unknown or inactive
// one, a backend no longer configured or an id that is not a number is
// anonymous and left as it is; a session whose hash does not match is
// flushed. A hash made with a fallback key is replaced by the current one
// (and the key cycled), as Django 4.1+ does; Django 3.2's SHA-1 hash is
// accepted as 3.2 accepts it.
func (c *Config) sessionUser(ctx context.Context, s *session.Session) (*User, error) {
	raw, hasID := s.Get(SessionKey)
	name, hasBackend := s.GetString(BackendSessionKey)
	if !hasID || !hasBackend {
		return nil, nil
	}
	id, ok := parseID(raw)
	nb, configured := c.backend(name)
	if !ok || !configured {
		if !ok {
			c.logger.Warn("auth: the session's user id is not a number; the request is anonymous")
		}
		return nil, nil
	}
	u, err := nb.b.GetUser(ctx, c, id)
	if err != nil || u == nil {
		return nil, err
	}
	u.cfg, u.backend = c, nb.name
	return c.verifyHash(s, u)
}

// verifyHash checks the session's hash against u's (Django's
// session_hash_verified) and flushes the session when it does not match.
func (c *Config) verifyHash(s *session.Session, u *User) (*User, error) {
	stored, _ := s.GetString(HashSessionKey)
	if stored != "" && (equal(stored, u.SessionAuthHash(c.secret)) || equal(stored, u.legacyAuthHash(c.secret))) {
		return u, nil
	}
	for _, fb := range c.fallbacks {
		if stored != "" && equal(stored, u.SessionAuthHash(fb)) {
			if err := s.CycleKey(); err != nil {
				return nil, fmt.Errorf("auth: %w", err)
			}
			return u, s.Set(HashSessionKey, u.SessionAuthHash(c.secret))
		}
	}
	if err := s.Flush(); err != nil {
		return nil, fmt.Errorf("auth: flush a session whose hash does not match: %w", err)
	}
	return nil, nil
}

// sessionUserID returns the user id a session holds, if any.
func sessionUserID(s *session.Session) (int64, bool) {
	v, ok := s.Get(SessionKey)
	if !ok {
		return 0, false
	}
	return parseID(v)
}

// parseID reads a session's _auth_user_id as Django's IntegerField
// to_python does (Python's int()): a JSON integer, or a string of digits
// with an optional sign, surrounding spaces and single underscores between
// digits ("01" is 1). Anything else is no id.
func parseID(v any) (int64, bool) {
	switch x := v.(type) {
	case int64:
		return x, true
	case int:
		return int64(x), true
	case float64:
		return int64(x), x == math.Trunc(x) && math.Abs(x) < 1<<53
	case json.Number:
		n, err := x.Int64()
		return n, err == nil
	case string:
		s := strings.TrimSpace(x)
		if strings.HasPrefix(s, "_") || strings.HasSuffix(s, "_") || strings.Contains(s, "__") {
			return 0, false
		}
		n, err := strconv.ParseInt(strings.ReplaceAll(s, "_", ""), 10, 64)
		return n, err == nil
	}
	return 0, false
}
