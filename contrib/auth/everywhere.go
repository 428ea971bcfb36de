package auth

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/manouche-go/manouche/framework"
	"github.com/manouche-go/manouche/framework/session"
)

// ErrNotRecallable is returned when sessions live in signed cookies
// (SESSION_ENGINE signed_cookies): the server keeps nothing it could
// delete, so a cookie already sent stays valid until it expires. Changing
// the user's password ends those sessions all the same: their session hash
// no longer matches.
var ErrNotRecallable = errors.New("auth: sessions in signed cookies cannot be ended on the server; change the user's password to end them")

// ErrUnreachable is returned by [LogoutEverywhere] outside a request when
// the sessions live in the server process's own memory (the cache and
// cached_db engines on a locmem cache).
var ErrUnreachable = errors.New("auth: the sessions cannot be reached from outside the server")

// LogoutEverywhere ends every session of u on the server-side engines (db,
// cached_db, cache, file), something Django has no function for: it finds
// them in the user→sessions index that logins maintain (a table shared by
// every server of the site, so no session is scanned) and deletes each. It
// returns how many sessions it ended. In a request of u, the request's own
// session is flushed too.
//
// The index knows the sessions manouche logged in or served: a session a
// Django site made and that never reached manouche is not in it (change
// the password to end those). With signed_cookies it returns
// [ErrNotRecallable]. ctx is a request's context or one made with
// [NewContext].
func LogoutEverywhere(ctx context.Context, u *User) (int, error) {
	return logoutSessions(ctx, u, "")
}

// LogoutOthers ends every session of the request's user except the
// request's own (the "log out other sessions" button), as
// [LogoutEverywhere] does, and returns how many it ended. An anonymous
// request ends nothing.
func LogoutOthers(req *framework.Request) (int, error) {
	u, err := GetUser(req)
	if err != nil || u == nil {
		return 0, err
	}
	return logoutSessions(req.HTTP.Context(), u, req.Session.Key())
}

// logoutSessions deletes the indexed sessions of u but keep.
func logoutSessions(ctx context.Context, u *User, keep string) (int, error) {
	cfg, err := ConfigFrom(ctx)
	if err != nil {
		return 0, err
	}
	if cfg.index == nil {
		return 0, ErrNotRecallable
	}
	rows, err := cfg.index.sessions(ctx, u.ID)
	if err != nil {
		return 0, err
	}
	del, err := cfg.deleter(ctx)
	if err != nil {
		return 0, err
	}
	var ended []string
	for _, r := range rows {
		if r.SessionKey == keep {
			continue
		}
		if err := del(r.SessionKey); err != nil {
			cfg.index.remove(ctx, ended...)
			return len(ended), fmt.Errorf("auth: end a session of user %d: %w", u.ID, err)
		}
		ended = append(ended, r.SessionKey)
	}
	return len(ended), cfg.index.remove(ctx, ended...)
}

// deleter returns how to delete a session by key: through the request's
// session (its own store) in a request, else through a store built from
// the settings. The request's own session is flushed, so that the
// middleware does not save it again.
func (c *Config) deleter(ctx context.Context) (func(key string) error, error) {
	if s, ok := session.FromContext(ctx); ok {
		return func(key string) error {
			if key == s.Key() {
				if lu, ok := framework.UserFrom(ctx); ok {
					lu.Set(framework.AnonymousUser{})
				}
				return s.Flush()
			}
			return s.DeleteRecord(ctx, key)
		}, nil
	}
	if c.localCache != "" {
		return nil, fmt.Errorf("%w: %s; use a shared cache such as redis, or end them from a view", ErrUnreachable, c.localCache)
	}
	sc, err := c.sessions()
	if err != nil {
		return nil, err
	}
	if sc.Cookie != nil || sc.Store == nil {
		return nil, ErrNotRecallable
	}
	return func(key string) error { return sc.Store.Delete(ctx, key) }, nil
}

// SessionInfo is one active session of a user, as the profile page lists
// them. Session keys are never shown.
type SessionInfo struct {
	// Expires is when the session expires unless it is used again.
	Expires time.Time
	// Current marks the session of the request.
	Current bool
}

// Sessions returns the active sessions of the request's user, the
// request's own first, then by expiry, latest first. Indexed sessions that
// no longer exist (ended elsewhere, expired) are dropped from the index on
// the way. With signed_cookies it returns [ErrNotRecallable]; an anonymous
// request has none.
func Sessions(req *framework.Request) ([]SessionInfo, error) {
	u, err := GetUser(req)
	if err != nil || u == nil {
		return nil, err
	}
	cfg, _ := ConfigFrom(req.HTTP.Context())
	if cfg.index == nil {
		return nil, ErrNotRecallable
	}
	ctx, s := req.HTTP.Context(), req.Session
	rows, err := cfg.index.sessions(ctx, u.ID)
	if err != nil {
		return nil, err
	}
	out := []SessionInfo{{Expires: s.ExpiryDate(), Current: true}}
	var gone []string
	now := cfg.now()
	for _, r := range rows {
		if r.SessionKey == s.Key() {
			continue
		}
		alive, err := s.Exists(ctx, r.SessionKey)
		if err != nil {
			return nil, err
		}
		if !alive || !r.ExpireDate.After(now) {
			gone = append(gone, r.SessionKey)
			continue
		}
		out = append(out, SessionInfo{Expires: r.ExpireDate.Time})
	}
	cfg.index.remove(ctx, gone...)
	return out, nil
}
