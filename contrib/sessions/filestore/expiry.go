package filestore

import (
	"context"
	"errors"
	"os"
	"strings"
	"time"

	"github.com/manouche-go/manouche/framework/session"
)

// expired applies Django's file-backend rule: the deadline is the
// session's custom expiry ([session.ReadExpiry]), else mtime + CookieAge,
// and a deadline less than a whole second ahead has expired
// (get_expiry_age() <= 0). With SESSION_COOKIE_AGE = 0 every file without
// a custom expiry has expired.
//
// One deliberate difference: Django never expires a file whose
// _session_expiry is a positive number of seconds (an inactivity timeout),
// so such sessions would live on the server for ever. Here the mtime rule
// applies to them too; since Save sets mtime to expiry - CookieAge, the
// file expires exactly when the session does. A value Django cannot read
// has expired.
func (s *Store) expired(data string, mtime time.Time) bool {
	now := s.now()
	if s.codec != nil && data != "" {
		e, err := session.ReadExpiry(s.codec.Decode(data), s.loc)
		switch {
		case err != nil:
			return true
		case !e.At.IsZero() || e.Seconds < 0:
			return e.Deadline(now, 0).Sub(now) < time.Second
		}
	}
	return mtime.Add(s.age).Sub(now) < time.Second
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
