package filestore

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"strings"
	"time"

	"github.com/manouche-go/manouche/framework/session"
)

// expired applies Django's file-backend rule: the deadline is the
// session's truthy _session_expiry, else mtime + CookieAge, and a deadline
// less than a whole second ahead has expired (get_expiry_age() <= 0).
//
// One deliberate difference: Django never expires a file whose
// _session_expiry is a positive number of seconds (an inactivity timeout),
// so such sessions would live on the server for ever. Here the mtime rule
// applies to them too; since Save sets mtime to expiry - CookieAge, the
// file expires exactly when the session does.
func (s *Store) expired(data string, mtime time.Time) bool {
	now := s.now()
	if s.codec != nil && data != "" {
		if v, ok := s.codec.Decode(data).Get("_session_expiry"); ok && truthy(v) && !positive(v) {
			return expiredBy(v, now)
		}
	}
	return mtime.Add(s.age).Sub(now) < time.Second
}

// truthy is Python's truth value of a decoded JSON value.
func truthy(v any) bool {
	switch v := v.(type) {
	case nil:
		return false
	case bool:
		return v
	case int64:
		return v != 0
	case float64:
		return v != 0
	case string:
		return v != ""
	case []any:
		return len(v) > 0
	case map[string]any:
		return len(v) > 0
	}
	return true
}

// positive reports whether v is a positive number of seconds.
func positive(v any) bool {
	switch v := v.(type) {
	case int64:
		return v > 0
	case float64:
		return v > 0
	case json.Number:
		return len(v) > 0 && v[0] != '-' && v != "0"
	case bool:
		return v
	}
	return false
}

// expiredBy applies get_expiry_age to a truthy _session_expiry: a number
// is returned as is (so only a negative one has expired), an ISO date is
// compared with now. Anything else, which makes Django fail, has expired.
func expiredBy(v any, now time.Time) bool {
	switch v := v.(type) {
	case int64:
		return v <= 0
	case float64:
		return v <= 0
	case json.Number:
		return len(v) > 0 && v[0] == '-'
	case bool:
		return false // True is 1
	case string:
		t, ok := parseISO(v)
		return !ok || t.Sub(now) < time.Second
	}
	return true
}

// parseISO reads what Python's datetime.isoformat writes (Django 4.1+
// stores expiry dates that way). A date without offset is taken as UTC.
func parseISO(s string) (time.Time, bool) {
	for _, layout := range []string{
		"2006-01-02T15:04:05.999999999Z07:00",
		"2006-01-02 15:04:05.999999999Z07:00",
		"2006-01-02T15:04:05.999999999",
		"2006-01-02 15:04:05.999999999",
		"2006-01-02T15:04Z07:00",
		"2006-01-02T15:04",
		"2006-01-02",
	} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// ClearExpired deletes the expired session files of the directory (Django's
// clear_expired). Names that do not start with the prefix, or whose rest
// is not a valid key (such as temporary "_out_" files), are skipped.
func (s *Store) ClearExpired(context.Context) error {
	entries, err := os.ReadDir(s.dir)
	if err != nil {
		return fail("clear expired", err)
	}
	var errs []error
	for _, e := range entries {
		key, ok := strings.CutPrefix(e.Name(), s.prefix)
		if !ok || !validKey(key) || !e.Type().IsRegular() {
			continue
		}
		if _, err := s.read(s.path(key)); err != nil && !errors.Is(err, session.ErrNotFound) {
			errs = append(errs, err)
		}
	}
	if err := errors.Join(errs...); err != nil {
		return fail("clear expired", err)
	}
	return nil
}
