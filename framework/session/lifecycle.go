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
// the empty stand-in must not overwrite the stored data.
func (s *Session) Save(ctx context.Context) error {
	d := s.dict() // loads first: an unknown key is dropped, then created anew
	if s.err != nil {
		return fmt.Errorf("session: save refused after a failed load: %w", s.err)
	}
	if s.cfg.Cookie != nil {
		return s.saveCookie(d)
	}
	if s.key == "" {
		return s.create(ctx, d)
	}
	if err := s.checkStore(); err != nil {
		return err
	}
	return s.saveStored(ctx, d)
}

func (s *Session) saveCookie(d *signing.Dict) error {
	key, err := s.cfg.Cookie.EncodeCookie(d, s.cfg.now())
	if err != nil {
		return fmt.Errorf("session: save: %w", err)
	}
	s.key = key
	s.modified = true
	return nil
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
	if s.cfg.Cookie != nil {
		s.modified = true
		return nil
	}
	return s.create(ctx, s.data)
}

// create stores d under a fresh key. Django asks exists() before each
// attempt; the Store's Create already refuses taken keys, so that round
// trip is skipped.
func (s *Session) create(ctx context.Context, d *signing.Dict) error {
	if err := s.checkStore(); err != nil {
		return err
	}
	now := s.cfg.now()
	raw, err := s.cfg.Codec.Encode(d, now)
	if err != nil {
		return fmt.Errorf("session: create: %w", err)
	}
	expiry := s.expiryDate(now, d)
	for range maxCreateAttempts {
		key := s.cfg.newKey()
		err := s.cfg.Store.Create(ctx, key, raw, expiry)
		if errors.Is(err, ErrKeyExists) {
			continue
		}
		if err != nil {
			return fmt.Errorf("session: create: %w", err)
		}
		s.key, s.modified = key, true
		s.saved(d, raw)
		return nil
	}
	return fmt.Errorf("session: create: no unused key after %d attempts: %w", maxCreateAttempts, ErrKeyExists)
}

// CycleKey moves the session's data to a new key and deletes the old
// record (Django's cycle_key). Call it when a user logs in, so that a key
// planted before login (session fixation) is worthless afterwards. It uses
// the context given to [New].
//
// With a cookie engine, CycleKey re-signs the data ([Session.Save]); the
// old cookie cannot be revoked and stays valid until it expires.
// CycleKey refuses to run after a failed load, as Save does.
func (s *Session) CycleKey() error {
	d := s.dict()
	if s.err != nil {
		return fmt.Errorf("session: cycle key refused after a failed load: %w", s.err)
	}
	if s.cfg.Cookie != nil {
		return s.saveCookie(d)
	}
	old := s.key
	if err := s.create(s.ctx, d); err != nil {
		return err
	}
	if old == "" {
		return nil
	}
	if err := s.cfg.Store.Delete(s.ctx, old); err != nil {
		return fmt.Errorf("session: cycle key: delete old record: %w", err)
	}
	return nil
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
	if s.cfg.Cookie != nil {
		s.key, s.data, s.modified = "", signing.NewDict(), true
		return nil
	}
	if key == "" {
		key = s.key
	}
	if key == "" {
		return nil
	}
	if s.cfg.Store == nil {
		return errNoStore
	}
	if err := s.cfg.Store.Delete(ctx, key); err != nil {
		return fmt.Errorf("session: delete: %w", err)
	}
	return nil
}

// Exists reports whether key has a record (Django's exists). It asks the
// store's [Exister] when it has one, which may count expired records as
// Django's db backend does; otherwise it loads key, so an expired record
// counts as absent. With a cookie engine it is always false.
func (s *Session) Exists(ctx context.Context, key string) (bool, error) {
	if s.cfg.Cookie != nil {
		return false, nil
	}
	if s.cfg.Store == nil {
		return false, errNoStore
	}
	if e, ok := s.cfg.Store.(Exister); ok {
		found, err := e.Exists(ctx, key)
		if err != nil {
			return false, fmt.Errorf("session: exists: %w", err)
		}
		return found, nil
	}
	_, err := s.cfg.Store.Load(ctx, key)
	switch {
	case errors.Is(err, ErrNotFound):
		return false, nil
	case err != nil:
		return false, fmt.Errorf("session: exists: %w", err)
	}
	return true, nil
}
