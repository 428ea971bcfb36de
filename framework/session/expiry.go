package session

import (
	"errors"
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/manouche-go/manouche/framework/signing"
)

// ExpiryKey is the session entry holding a custom expiry (Django's
// _session_expiry), saved with the data so that Django sees it too.
const ExpiryKey = "_session_expiry"

// maxExpirySeconds caps expiries read from the data (about 100 years) so
// that time arithmetic cannot overflow; Django raises OverflowError.
const maxExpirySeconds = 100 * 366 * 86400

// SetExpiry sets the session's custom expiry (Django's set_expiry). v is:
//
//   - nil: remove the custom expiry and use the global policy
//     (SESSION_COOKIE_AGE, SESSION_EXPIRE_AT_BROWSER_CLOSE);
//   - an integer N > 0: expire after N seconds of inactivity (every save
//     pushes the deadline to now+N);
//   - 0: expire when the browser closes;
//   - a negative integer: already expired;
//   - a time.Duration or time.Time: converted when SetExpiry is called to
//     whole seconds from now, stored as an integer. A future instant rounds
//     up (never to 0, which would mean browser close); the present or a
//     past instant gives a negative number (expired).
//
// Only integers are written because Django ≤ 4.0 cannot read the ISO-8601
// strings Django ≥ 4.1 writes for fixed deadlines: a 3.2 process sharing
// the session would answer 500 on every save. The price is that a fixed
// deadline becomes an inactivity timeout of the same length. Other types
// are rejected with an error.
//
// SetExpiry marks the session accessed and modified (nil: modified only if
// a custom expiry was set).
func (s *Session) SetExpiry(v any) error {
	switch v := v.(type) {
	case nil:
		s.Delete(ExpiryKey)
		return nil
	case time.Duration:
		return s.Set(ExpiryKey, secondsFor(v))
	case time.Time:
		return s.Set(ExpiryKey, secondsFor(v.Sub(s.cfg.now())))
	}
	n, ok := intKind(v)
	if !ok {
		return fmt.Errorf("session: set expiry: unsupported type %T (want nil, an integer, time.Duration or time.Time)", v)
	}
	return s.Set(ExpiryKey, n)
}

// secondsFor turns a duration from now into whole seconds that keep its
// meaning: positive durations round up (never 0, which means browser
// close), others round down (0 becomes -1: expired).
func secondsFor(d time.Duration) int64 {
	secs := int64(d / time.Second)
	switch rem := d % time.Second; {
	case rem > 0:
		secs++
	case rem < 0:
		secs--
	}
	if secs == 0 {
		secs = -1
	}
	return secs
}

// ExpiryAge returns the number of seconds until the session expires
// (Django's get_expiry_age): SESSION_COOKIE_AGE without a custom expiry
// (or with 0), the stored number of seconds as is (even negative), or the
// whole seconds, floored, until a stored date (ISO-8601 strings written by
// Django ≥ 4.1). It loads the session and marks it accessed.
func (s *Session) ExpiryAge() int {
	return s.expiryAge(s.cfg.now(), s.dict())
}

// ExpiryDate returns when the session expires (Django's get_expiry_date):
// a stored date as is, otherwise now plus the stored seconds or
// SESSION_COOKIE_AGE. It loads the session and marks it accessed.
func (s *Session) ExpiryDate() time.Time {
	return s.expiryDate(s.cfg.now(), s.dict())
}

// ExpireAtBrowserClose reports whether the session cookie should last only
// until the browser closes (Django's get_expire_at_browser_close):
// SESSION_EXPIRE_AT_BROWSER_CLOSE without a custom expiry, otherwise
// whether the custom expiry is 0. It loads the session and marks it
// accessed.
func (s *Session) ExpireAtBrowserClose() bool {
	v, _ := s.dict().Get(ExpiryKey)
	return s.atBrowserClose(v)
}

// atBrowserClose is get_expire_at_browser_close for an [ExpiryKey] value.
func (s *Session) atBrowserClose(v any) bool {
	if v == nil {
		return s.cfg.ExpireAtBrowserClose
	}
	f, ok := toFloat64(v)
	return ok && f == 0
}

// Expiry is a session's custom expiry as Django reads its [ExpiryKey]
// entry (get_expiry_age, get_expiry_date). The zero Expiry means none:
// the session follows SESSION_COOKIE_AGE.
type Expiry struct {
	// Seconds is an inactivity timeout: the session expires Seconds after
	// its last save (a negative number: already expired). It is used when
	// At is zero.
	Seconds float64
	// At is a fixed deadline, an ISO-8601 date written by Django ≥ 4.1.
	At time.Time
}

// ErrBadExpiry is returned by [ReadExpiry] for an [ExpiryKey] value that
// is neither a number nor an ISO-8601 date.
var ErrBadExpiry = errors.New("session: unreadable _session_expiry")

// ReadExpiry returns the custom expiry of session data d: the one reader
// of [ExpiryKey], shared by [Session] and the stores that expire records
// by their content (filestore). Absent, null, 0, false and "" mean no
// custom expiry (the zero Expiry), as Python's truth test does in Django.
// Numbers are seconds (true is 1), clamped to about 100 years; strings are
// ISO-8601 dates, and a date without a UTC offset is in loc (nil means
// UTC; Config.Location says which zone a site uses). Anything else is the
// zero Expiry and an error wrapping [ErrBadExpiry].
func ReadExpiry(d *signing.Dict, loc *time.Location) (Expiry, error) {
	v, _ := d.Get(ExpiryKey)
	return parseExpiry(v, loc)
}

func parseExpiry(v any, loc *time.Location) (Expiry, error) {
	switch v := v.(type) {
	case nil:
		return Expiry{}, nil
	case bool:
		if v {
			return Expiry{Seconds: 1}, nil
		}
		return Expiry{}, nil
	case string:
		if v == "" {
			return Expiry{}, nil
		}
		if loc == nil {
			loc = time.UTC
		}
		if at, ok := parseISO(v, loc); ok {
			return Expiry{At: at}, nil
		}
		return Expiry{}, fmt.Errorf("%w: a string that is no ISO-8601 date", ErrBadExpiry)
	}
	if f, ok := toFloat64(v); ok && !math.IsNaN(f) {
		return Expiry{Seconds: max(-maxExpirySeconds, min(f, maxExpirySeconds))}, nil
	}
	return Expiry{}, fmt.Errorf("%w: a value of type %T", ErrBadExpiry, v)
}

// IsZero reports whether e is no custom expiry.
func (e Expiry) IsZero() bool { return e.Seconds == 0 && e.At.IsZero() }

// Deadline returns when a session with expiry e, saved at saved, expires:
// At, or saved plus Seconds, or saved plus age when e is zero.
func (e Expiry) Deadline(saved time.Time, age time.Duration) time.Time {
	switch {
	case !e.At.IsZero():
		return e.At
	case e.Seconds != 0:
		return saved.Add(time.Duration(e.Seconds * float64(time.Second)))
	}
	return saved.Add(age)
}

// Age returns the whole seconds from now until the session expires
// (Django's get_expiry_age): Seconds as is, truncated, the seconds until
// At, floored, or age when e is zero.
func (e Expiry) Age(now time.Time, age int) int {
	switch {
	case !e.At.IsZero():
		return int(floorSeconds(e.At.Sub(now)))
	case e.Seconds != 0:
		return int(e.Seconds)
	}
	return age
}

func (s *Session) expiryAge(now time.Time, d *signing.Dict) int {
	v, _ := d.Get(ExpiryKey)
	return s.parseExpiry(v).Age(now, s.cfg.cookieAge())
}

// expiryDate is the deadline of data d at now, without marking the
// session accessed: the expiry written with the record.
func (s *Session) expiryDate(now time.Time, d *signing.Dict) time.Time {
	v, _ := d.Get(ExpiryKey)
	return s.parseExpiry(v).Deadline(now, time.Duration(s.cfg.cookieAge())*time.Second)
}

// parseExpiry reads an [ExpiryKey] value in the session's time zone, as
// [ReadExpiry] does. An unreadable value counts as none and is logged once
// per session.
func (s *Session) parseExpiry(v any) Expiry {
	e, err := parseExpiry(v, s.cfg.Location)
	if err != nil && !s.warned {
		s.warned = true
		s.cfg.logger().Warn("session: unreadable _session_expiry, using SESSION_COOKIE_AGE", "err", err)
	}
	return e
}

// isoLayouts are the forms Python's datetime.fromisoformat accepts that
// Django writers produce (isoformat, with or without offset, fraction).
var isoLayouts = []string{
	"2006-01-02T15:04:05Z07:00",
	"2006-01-02T15:04:05Z0700",
	"2006-01-02T15:04:05",
	"2006-01-02T15:04Z07:00",
	"2006-01-02T15:04",
	"2006-01-02",
}

// parseISO parses an ISO-8601 date; one without offset is in loc.
func parseISO(s string, loc *time.Location) (time.Time, bool) {
	if len(s) > 10 && s[10] == ' ' {
		s = s[:10] + "T" + s[11:]
	}
	if strings.HasSuffix(s, "z") {
		s = s[:len(s)-1] + "Z"
	}
	for _, layout := range isoLayouts {
		if t, err := time.ParseInLocation(layout, s, loc); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// floorSeconds is Python's timedelta days*86400 + seconds: whole seconds
// rounded toward minus infinity.
func floorSeconds(d time.Duration) int64 {
	secs := int64(d / time.Second)
	if d%time.Second < 0 {
		secs--
	}
	return secs
}

// intKind returns v as an int64 when it has a Go integer type.
func intKind(v any) (int64, bool) {
	switch v.(type) {
	case int, int8, int16, int32, int64, uint, uint8, uint16, uint32, uint64:
		return toInt64(v)
	}
	return 0, false
}
