package session

import (
	"context"
	"errors"
	"fmt"

	"github.com/manouche-go/manouche/framework/signing"
)

// ErrInterrupted is returned by [Session.Save] when the session's record
// was deleted while the request ran, for example by a logout in a
// concurrent request (Django's SessionInterrupted, raised on UpdateError).
// The middleware answers 400 and sends no cookie.
var ErrInterrupted = errors.New("session: the request's session was deleted before the request completed")

// maxCreateAttempts bounds the key collisions [Session.Create] tolerates
// before it gives up (Django's cache backend allows 10000; a collision of
// 32 random characters means a broken key generator or store).
const maxCreateAttempts = 100

// Save writes the session to the backend (Django's save). A session
// without a key is created under a new key ([Session.Create]); otherwise
// the existing record is updated, never brought back: if it vanished
// meanwhile Save returns [ErrInterrupted]. The record expires at
// [Session.ExpiryDate]. Saving keeps the data in memory.
//
// When the store is a [ConditionalSaver], Save writes only if the record
// still holds what this request loaded. If another request saved the
// session meanwhile, Save reads it again, re-applies this request's
// changes key by key (Set overwrites, Delete deletes, Clear clears, Incr
// adds) and tries again; after 10 conflicts in a row it saves this
// request's merged data unconditionally (last writer wins, as in Django)
// and logs one warning. The data in memory is then the merged data.
//
// With a cookie engine, Save signs the data into a new key (the cookie
// value) and marks the session modified.
//
// Save refuses, with an error wrapping [Session.Err], after a failed load:
// the empty stand-in must not overwrite the stored data. Save is
// [Session.Commit] without the cookie's lifetime.
func (s *Session) Save(ctx context.Context) error {
	_, err := s.Commit(ctx)
	return err
}

// Create stores the session's current data (without loading it) under a
// new unused key and marks the session modified, so that the middleware
// sends the new cookie (Django's create). Keys come from
// [Config.NewKey]; a collision ([ErrKeyExists]) is retried with another
// key, up to 100 times.
//
// With a cookie engine, Create only marks the session modified.
func (s *Session) Create(ctx context.Context) error {
	s.accessed = true
	if s.data == nil {
		s.data = signing.NewDict()
	}
	now := s.cfg.now()
	s.stamp(now, s.data)
	return s.b.create(ctx, s, s.data, now, s.expiryDate(now, s.data))
}

// CycleKey moves the session's data to a new key and deletes the old
// record (Django's cycle_key). Call it when a user logs in, so that a key
// planted before login (session fixation) is worthless afterwards. It uses
// the context given to [New].
//
// With a cookie engine, CycleKey re-signs the data ([Session.Save]); the
// old cookie cannot be revoked and stays valid until it expires.
// CycleKey refuses to run after a failed load, as Save does. With
// [Config.AbsoluteTimeout], the session counts as created now.
func (s *Session) CycleKey() error {
	d := s.dict()
	if s.err != nil {
		return fmt.Errorf("session: cycle key refused after a failed load: %w", s.err)
	}
	now := s.cfg.now()
	d.Delete(CreatedKey)
	s.stamp(now, d)
	return s.b.cycle(s.ctx, s, d, now, s.expiryDate(now, d))
}

// Flush ends the session (Django's flush, used by logout): it clears the
// data, deletes the record and drops the key. Afterwards the session is
// empty, accessed and modified, and the middleware deletes the cookie. It
// uses the context given to [New]. If the record cannot be deleted, Flush
// returns the error and keeps the key.
func (s *Session) Flush() error {
	s.Clear()
	if err := s.DeleteRecord(s.ctx, ""); err != nil {
		return err
	}
	s.key = ""
	return nil
}

// DeleteRecord deletes the record of key, or of the session's own key when
// key is "" (Django's delete). A missing record is not an error, and a
// session without a key does nothing. The data in memory is kept.
//
// With a cookie engine there is no record: DeleteRecord empties the
// session, drops its key and marks it modified, whatever key is given.
func (s *Session) DeleteRecord(ctx context.Context, key string) error {
	return s.b.deleteRecord(ctx, s, key)
}

// Exists reports whether key has a record (Django's exists). It asks the
// store's [Exister] when it has one, which may count expired records as
// Django's db backend does; otherwise it loads key, so an expired record
// counts as absent. With a cookie engine it is always false.
func (s *Session) Exists(ctx context.Context, key string) (bool, error) {
	return s.b.exists(ctx, key)
}
