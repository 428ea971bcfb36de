// Package cookiestore is Django's signed_cookies session engine,
// django.contrib.sessions.backends.signed_cookies: the whole session is
// the cookie, signed with SECRET_KEY and nothing is kept on the server.
//
// The cookie value is signing.dumps(session, compress=True,
// salt="django.contrib.sessions.backends.signed_cookies") and is read
// back with max_age = SESSION_COOKIE_AGE, whatever the session's own
// expiry says, accepting SECRET_KEY_FALLBACKS, exactly as Django does, so
// Go and Django sites with the same key read each other's cookies.
//
// Settings: SECRET_KEY ([Options.Key]), SECRET_KEY_FALLBACKS
// ([Options.FallbackKeys]) and SESSION_COOKIE_AGE ([Options.CookieAge]).
//
// Security: a signed cookie cannot be revoked. Logging out or cycling the
// key issues a new cookie, but a copy of the old one stays valid until it
// is SESSION_COOKIE_AGE old. Keep secrets out of sessions stored this way:
// the data is signed, not encrypted.
package cookiestore

import (
	"errors"
	"fmt"
	"time"

	"github.com/manouche-go/manouche/framework/session"
	"github.com/manouche-go/manouche/framework/signing"
)

// Salt is the signing salt of session cookies, Django's
// "django.contrib.sessions.backends.signed_cookies".
const Salt = "django.contrib.sessions.backends.signed_cookies"

// MaxValueSize is the longest cookie value [Store.EncodeCookie] returns.
// Browsers drop cookies over about 4096 bytes; 4093 is the smallest
// per-cookie limit among common browsers.
const MaxValueSize = 4093

// ErrTooLarge is wrapped by [Store.EncodeCookie] when the signed session
// would be longer than MaxValueSize. Django sends such a cookie anyway and
// the browser silently drops it; the session middleware turns this error
// into a logged server error instead.
var ErrTooLarge = errors.New("cookiestore: session cookie too large")

// Options configures [New].
type Options struct {
	// Key is SECRET_KEY. Required.
	Key string
	// FallbackKeys is SECRET_KEY_FALLBACKS (Django 4.1+): older keys that
	// are accepted on read, never used to sign.
	FallbackKeys []string
	// CookieAge is SESSION_COOKIE_AGE, the longest a cookie is accepted
	// after it was signed. Zero means Django's default, two weeks, and a
	// negative value zero seconds ([session.CookieAgeSetting]): a cookie
	// is accepted only in the second it was signed, as in Django.
	CookieAge time.Duration
}

// Store is a [session.CookieStore]. It derives its keys once and is safe
// for concurrent use.
type Store struct {
	ser    *signing.Serializer
	maxAge time.Duration
}

var _ session.CookieStore = (*Store)(nil)

// New returns a store signing with opts.Key. It fails without a key.
// Signatures made with HMAC-SHA1 are accepted on read too, as Django 3.2
// does during its hashing-algorithm transition.
func New(opts Options) (*Store, error) {
	ser, err := signing.NewSerializer(signing.DumpOptions{
		Options: signing.Options{
			Key:          opts.Key,
			FallbackKeys: opts.FallbackKeys,
			Salt:         Salt,
			AcceptSHA1:   true,
		},
		Compress: true,
	})
	if err != nil {
		return nil, fmt.Errorf("cookiestore: %w", err)
	}
	return &Store{ser: ser, maxAge: session.CookieAgeOf(opts.CookieAge)}, nil
}

// DecodeCookie verifies value and returns the session it holds (Django's
// signed_cookies load). A bad signature, a cookie signed more than
// CookieAge before now, or a payload that is not a JSON object is an
// error; the caller then starts an empty session.
func (s *Store) DecodeCookie(value string, now time.Time) (*signing.Dict, error) {
	d, err := s.ser.LoadDict(value, s.maxAge, now)
	if err != nil {
		return nil, fmt.Errorf("cookiestore: decode: %w", err)
	}
	if d == nil {
		return nil, errors.New("cookiestore: decode: payload is not a JSON object")
	}
	return d, nil
}

// EncodeCookie returns data signed at now as a cookie value (Django's
// signed_cookies save). A nil data is an empty session. The error wraps
// [ErrTooLarge] when the value would exceed MaxValueSize bytes.
func (s *Store) EncodeCookie(data *signing.Dict, now time.Time) (string, error) {
	if data == nil {
		data = signing.NewDict()
	}
	v, err := s.ser.DumpsAt(data, now)
	if err != nil {
		return "", fmt.Errorf("cookiestore: encode: %w", err)
	}
	if len(v) > MaxValueSize {
		return "", fmt.Errorf("cookiestore: encode: %d bytes signed, the limit is %d: %w", len(v), MaxValueSize, ErrTooLarge)
	}
	return v, nil
}
