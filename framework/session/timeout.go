package session

import (
	"context"
	"time"

	"github.com/manouche-go/manouche/framework/signing"
)

// The entries that carry the timestamps of [Config.IdleTimeout] and
// [Config.AbsoluteTimeout], in Unix seconds. They are ordinary session
// values to Django, which loads and saves them untouched.
const (
	// LastSeenKey holds when the session was last used, refreshed at most
	// once per tenth of the idle timeout.
	LastSeenKey = "_session_last_seen"
	// CreatedKey holds when the session was created or its key cycled
	// (at login).
	CreatedKey = "_session_created"
)

// timeoutRefreshes is how many times per idle timeout a session that is
// only read gets its last-seen time written.
const timeoutRefreshes = 10

// Touch counts the request as activity, and returns [Session.Err]: with
// an idle timeout it loads the session, unless the view did, so that a
// timed-out session ends and a due last-seen refresh marks it modified
// even when the view never read it. The session middleware calls it
// after the view.
func (s *Session) Touch(ctx context.Context) error {
	if s.cfg.IdleTimeout > 0 {
		s.Load(ctx)
	}
	return s.err
}

// checkTimeouts applies the timeouts to d, the data just loaded for s's
// key. A session past either one ends as an expired one does: its record
// is deleted, its key dropped, and an empty session takes its place. A
// session due for a last-seen refresh, or missing a timestamp, is marked
// modified so that the middleware saves it (stamped by [Session.stamp]).
func (s *Session) checkTimeouts(ctx context.Context, d *signing.Dict) *signing.Dict {
	idle, abs := s.cfg.IdleTimeout, s.cfg.AbsoluteTimeout
	if idle <= 0 && abs <= 0 {
		return d
	}
	now := s.cfg.now()
	lastSeen, seen := unixTime(d, LastSeenKey)
	created, born := unixTime(d, CreatedKey)
	switch {
	case idle > 0 && seen && !now.Before(lastSeen.Add(idle)),
		abs > 0 && born && !now.Before(created.Add(abs)):
		return s.end(ctx)
	case idle > 0 && (!seen || now.Sub(lastSeen) >= idle/timeoutRefreshes),
		abs > 0 && !born:
		s.modified = true
	}
	return d
}

// end ends a timed-out session: the record is deleted (a failure is only
// logged, since the timestamps still end the session on its next load),
// and the session goes on empty and keyless.
func (s *Session) end(ctx context.Context) *signing.Dict {
	if err := s.b.deleteRecord(ctx, s, ""); err != nil {
		s.cfg.logger().Warn("session: delete a timed-out session", "err", err)
	}
	s.key = ""
	return signing.NewDict()
}

// stamp writes the timestamps the timeouts need into d, saved at now.
func (s *Session) stamp(now time.Time, d *signing.Dict) {
	if s.cfg.AbsoluteTimeout > 0 {
		if _, ok := d.Get(CreatedKey); !ok {
			d.Set(CreatedKey, now.Unix())
		}
	}
	if s.cfg.IdleTimeout > 0 {
		d.Set(LastSeenKey, now.Unix())
	}
}

// unixTime reads a timestamp entry of d: Unix seconds, or an ISO-8601
// date (UTC when it has no offset).
func unixTime(d *signing.Dict, k string) (time.Time, bool) {
	v, ok := d.Get(k)
	if !ok {
		return time.Time{}, false
	}
	if str, isStr := v.(string); isStr {
		return parseISO(str, time.UTC)
	}
	if n, ok := toInt64(v); ok {
		return time.Unix(n, 0), true
	}
	return time.Time{}, false
}
