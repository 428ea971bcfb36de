package session

import (
	"context"
	"fmt"
	"time"
)

// Lifetime is how long the browser keeps a session cookie, worked out as
// Django's SessionMiddleware.process_response does.
type Lifetime struct {
	// AtBrowserClose means a cookie without Max-Age and Expires
	// ([Session.ExpireAtBrowserClose]); MaxAge and Expires are then zero.
	AtBrowserClose bool
	// MaxAge is the cookie's Max-Age in seconds ([Session.ExpiryAge]).
	MaxAge int
	// Expires is the time of the save plus MaxAge seconds.
	Expires time.Time
}

// Commit saves the session as [Session.Save] does and returns its
// cookie's Lifetime. The record's expiry and the cookie's lifetime come
// from one reading of the clock and of [ExpiryKey], so they always agree.
// It is what the session middleware calls when the response starts.
func (s *Session) Commit(ctx context.Context) (Lifetime, error) {
	d := s.dict() // loads first: an unknown key is dropped, then created anew
	if s.err != nil {
		return Lifetime{}, fmt.Errorf("session: save refused after a failed load: %w", s.err)
	}
	now := s.cfg.now()
	v, _ := d.Get(ExpiryKey)
	e := s.parseExpiry(v)
	age := s.cfg.cookieAge()
	lt := Lifetime{AtBrowserClose: s.atBrowserClose(v)}
	if !lt.AtBrowserClose {
		lt.MaxAge = e.Age(now, age)
		lt.Expires = now.Add(time.Duration(lt.MaxAge) * time.Second)
	}
	s.stamp(now, d)
	if err := s.b.save(ctx, s, d, now, e.Deadline(now, time.Duration(age)*time.Second)); err != nil {
		return Lifetime{}, err
	}
	return lt, nil
}
