package session

import (
	"log/slog"
	"time"

	"github.com/manouche-go/manouche/framework/signing"
)

// DefaultCookieAge is Django's default SESSION_COOKIE_AGE: two weeks.
const DefaultCookieAge = 1209600 * time.Second

// CookieStore is implemented by engines whose cookie is the session data
// itself (Django's signed_cookies backend). It is not a [Store]: nothing is
// kept on the server, so a session has no record to create, update or
// delete; the "key" is the cookie value.
type CookieStore interface {
	// DecodeCookie verifies and decodes a cookie value into session data.
	// Any error (bad signature, expired, bad payload) makes the session
	// empty and modified, as Django's signed_cookies load does.
	DecodeCookie(value string, now time.Time) (*signing.Dict, error)

	// EncodeCookie signs data into a cookie value timestamped at now.
	EncodeCookie(data *signing.Dict, now time.Time) (string, error)
}

// Config is what every [Session] of a site shares: the backend, the codec
// and the expiry policy. It is built once per site (contrib/sessions maps
// settings onto it) and must not change once sessions use it.
type Config struct {
	// Store keeps encoded session data by key (db, cache, cached_db, file).
	// Exactly one of Store and Cookie must be set.
	Store Store

	// Cookie is set instead of Store for engines whose cookie is the data
	// (signed_cookies).
	Cookie CookieStore

	// Codec encodes and decodes the data a Store keeps. It is required
	// with Store and unused with Cookie.
	Codec *Codec

	// CookieAge is SESSION_COOKIE_AGE, the lifetime of a session without a
	// custom expiry. Zero means Django's default, two weeks
	// ([DefaultCookieAge]); a negative value means zero seconds (Django's
	// SESSION_COOKIE_AGE = 0: every session expires as it is saved, and
	// its cookie is sent with Max-Age=0), as a negative http.Cookie.MaxAge
	// means Max-Age=0. [CookieAgeSetting] maps the setting onto it.
	CookieAge time.Duration

	// ExpireAtBrowserClose is SESSION_EXPIRE_AT_BROWSER_CLOSE, used when a
	// session has no custom expiry. The default is false.
	ExpireAtBrowserClose bool

	// IdleTimeout is SESSION_IDLE_TIMEOUT: a session not used for this
	// long ends, as an expired one does. The last-seen time is kept in the
	// session data ([LastSeenKey]) and written at most once per tenth of
	// the timeout by a request that only reads the session. Zero (the
	// default, and Django's behaviour) means no idle timeout.
	IdleTimeout time.Duration

	// AbsoluteTimeout is SESSION_ABSOLUTE_TIMEOUT: a session ends this long
	// after it was created or its key cycled (at login), however active.
	// The time is kept in the session data ([CreatedKey]). Zero (the
	// default) means none.
	AbsoluteTimeout time.Duration

	// Now returns the current time. Nil means time.Now. Tests freeze it.
	Now func() time.Time

	// NewKey returns a fresh session key. Nil means 32 characters of
	// [a-z0-9] from crypto/rand ([NewKey]), as Django generates them.
	// Tests inject deterministic keys.
	NewKey func() string

	// Location is the time zone of _session_expiry date strings that carry
	// no UTC offset (written by Django ≥ 4.1 with USE_TZ=False, in
	// TIME_ZONE). Nil means UTC.
	Location *time.Location

	// Logger receives the session's own warnings (an unreadable
	// _session_expiry value). Nil means slog.Default(). The Codec logs
	// through its own logger.
	Logger *slog.Logger
}

func (c *Config) now() time.Time {
	if c.Now != nil {
		return c.Now()
	}
	return time.Now()
}

func (c *Config) newKey() string {
	if c.NewKey != nil {
		return c.NewKey()
	}
	return NewKey()
}

// cookieAge returns SESSION_COOKIE_AGE in whole seconds.
func (c *Config) cookieAge() int {
	return int(CookieAgeOf(c.CookieAge) / time.Second)
}

// CookieAgeSetting returns the CookieAge field of a [Config] (and of the
// stores' options) for SESSION_COOKIE_AGE = seconds: 0 is zero seconds,
// as in Django, written as a negative duration because a zero field means
// the default.
func CookieAgeSetting(seconds int) time.Duration {
	if seconds == 0 {
		return -1
	}
	return time.Duration(seconds) * time.Second
}

// CookieAgeOf returns the lifetime a CookieAge field means: age itself,
// [DefaultCookieAge] for zero, and zero for a negative age.
func CookieAgeOf(age time.Duration) time.Duration {
	switch {
	case age == 0:
		return DefaultCookieAge
	case age < 0:
		return 0
	}
	return age
}

func (c *Config) logger() *slog.Logger {
	if c.Logger != nil {
		return c.Logger
	}
	return slog.Default()
}
