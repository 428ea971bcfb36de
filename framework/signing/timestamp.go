package signing

import (
	"errors"
	"fmt"
	"strings"
	"time"
)

// NoMaxAge, passed as a max age, disables the age check (Django's
// max_age=None). Any negative duration has the same effect.
const NoMaxAge time.Duration = -1

var errTimestamp = errors.New("signing: malformed timestamp")

// TimestampSigner signs strings together with the time of signing and can
// reject old signatures: Django's django.core.signing.TimestampSigner. The
// wire form is value:timestamp:signature, the timestamp in base62 Unix
// seconds. It is safe for concurrent use.
type TimestampSigner struct {
	s *Signer
}

// NewTimestampSigner returns a TimestampSigner for o. An empty o.Salt means
// [DefaultTimestampSignerSalt]; the rest is as [NewSigner].
func NewTimestampSigner(o Options) (*TimestampSigner, error) {
	s, err := newSigner(o, DefaultTimestampSignerSalt)
	if err != nil {
		return nil, err
	}
	return &TimestampSigner{s: s}, nil
}

// NewCookieSigner returns the signer of Django's
// HttpResponse.set_signed_cookie and HttpRequest.get_signed_cookie
// (get_cookie_signer): the key and each fallback key are prefixed with
// "django.http.cookies", and the salt is cookieName + o.Salt.
func NewCookieSigner(o Options, cookieName string) (*TimestampSigner, error) {
	const prefix = "django.http.cookies"
	o.Salt = cookieName + o.Salt
	if o.Key != "" {
		o.Key = prefix + o.Key
	}
	fallbacks := make([]string, len(o.FallbackKeys))
	for i, k := range o.FallbackKeys {
		fallbacks[i] = prefix + k
	}
	o.FallbackKeys = fallbacks
	return NewTimestampSigner(o)
}

// Signature returns the b64url signature of value, as [Signer.Signature].
func (s *TimestampSigner) Signature(value string) string {
	return s.s.Signature(value)
}

// SignAt returns value:timestamp:signature with the timestamp of t, truncated
// to whole seconds (Django's TimestampSigner.sign with time frozen at t).
func (s *TimestampSigner) SignAt(value string, t time.Time) string {
	bp := getBuf()
	b := append(*bp, value...)
	b = s.appendTimestamp(b, t)
	out := s.s.signMsg(b)
	putBuf(bp, b)
	return out
}

// appendTimestamp appends sep + base62(t) to b.
func (s *TimestampSigner) appendTimestamp(b []byte, t time.Time) []byte {
	b = append(b, s.s.sep...)
	return appendB62(b, t.Unix())
}

// Sign is SignAt(value, time.Now()) (Django's TimestampSigner.sign).
func (s *TimestampSigner) Sign(value string) string {
	return s.SignAt(value, time.Now())
}

// Unsign verifies signed as [Signer.Unsign] does, then checks its age
// (Django's TimestampSigner.unsign). It returns the value and the signing
// time. The value is expired, with an error wrapping [ErrSignatureExpired]
// (and so [ErrBadSignature]), iff now − timestamp > maxAge: an age equal to
// maxAge is valid and a timestamp in the future never expires. A negative
// maxAge ([NoMaxAge]) disables the check; a zero now means time.Now(). A
// validly signed value without a base62 timestamp gives a plain error, as
// Django raises ValueError rather than BadSignature.
func (s *TimestampSigner) Unsign(signed string, maxAge time.Duration, now time.Time) (value string, ts time.Time, err error) {
	v, err := s.s.Unsign(signed)
	if err != nil {
		return "", time.Time{}, err
	}
	i := strings.LastIndex(v, s.s.sep)
	if i < 0 {
		return "", time.Time{}, errTimestamp
	}
	sec, err := B62Decode(v[i+len(s.s.sep):])
	if err != nil {
		return "", time.Time{}, errTimestamp
	}
	ts = time.Unix(sec, 0).UTC()
	if maxAge >= 0 {
		if now.IsZero() {
			now = time.Now()
		}
		if age := now.Sub(ts); age > maxAge {
			return "", ts, fmt.Errorf("%w: age %v > %v", ErrSignatureExpired, age, maxAge)
		}
	}
	return v[:i], ts, nil
}
