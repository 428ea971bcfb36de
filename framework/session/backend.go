package session

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/manouche-go/manouche/framework/signing"
)

// backend is where a session's data lives: a [Store] keeping encoded
// records by key, or a [CookieStore] whose cookie is the data. [New] picks
// it once from the Config ([Config.backend]), so that no Session method
// branches on the kind of engine.
type backend interface {
	// validKey reports whether key could have been issued by the backend.
	// Any other key is no key: it never reaches the store.
	validKey(key string) bool
	// load returns the data of s's key, which is valid; it drops the key
	// or records an error on s as Django's load does.
	load(ctx context.Context, s *Session) *signing.Dict
	// save writes d, s's loaded data, under s's key or a new one; the
	// record is written at now and expires at expiry.
	save(ctx context.Context, s *Session, d *signing.Dict, now, expiry time.Time) error
	// create writes d under a new key.
	create(ctx context.Context, s *Session, d *signing.Dict, now, expiry time.Time) error
	// cycle moves d to a new key and drops the old record.
	cycle(ctx context.Context, s *Session, d *signing.Dict, now, expiry time.Time) error
	// deleteRecord removes the record of key ("" means s's own key).
	deleteRecord(ctx context.Context, s *Session, key string) error
	// exists reports whether key has a record.
	exists(ctx context.Context, key string) (bool, error)
}

var (
	errNoStore = errors.New("session: config has neither Store nor Cookie")
	errNoCodec = errors.New("session: config has a Store but no Codec")
)

// Configurations that cannot reach a store fail every operation.
var (
	noStore = &brokenBackend{errNoStore}
	noCodec = &brokenBackend{errNoCodec}
)

// backend returns the backend c describes: its Cookie when set, else its
// Store with its Codec. The conversions allocate nothing.
func (c *Config) backend() backend {
	switch {
	case c.Cookie != nil:
		return (*cookieBackend)(c)
	case c.Store == nil:
		return noStore
	case c.Codec == nil:
		return noCodec
	}
	return (*storeBackend)(c)
}

// storeBackend keeps sessions in c.Store, encoded by c.Codec.
type storeBackend Config

func (b *storeBackend) validKey(key string) bool { return isStoreKey(key) }

func (b *storeBackend) load(ctx context.Context, s *Session) *signing.Dict {
	raw, err := b.Store.Load(ctx, s.key)
	switch {
	case errors.Is(err, ErrNotFound):
		s.key = ""
		return signing.NewDict()
	case err != nil:
		s.setErr(fmt.Errorf("session: load: %w", err))
		return signing.NewDict()
	}
	s.base, s.based = raw, true
	return b.Codec.Decode(raw)
}

func (b *storeBackend) save(ctx context.Context, s *Session, d *signing.Dict, now, expiry time.Time) error {
	if s.key == "" {
		return b.create(ctx, s, d, now, expiry)
	}
	return s.saveStored(ctx, d, now, expiry)
}

// create stores d under a fresh key. Django asks exists() before each
// attempt; the Store's Create already refuses taken keys, so that round
// trip is skipped.
func (b *storeBackend) create(ctx context.Context, s *Session, d *signing.Dict, now, expiry time.Time) error {
	raw, err := b.Codec.Encode(d, now)
	if err != nil {
		return fmt.Errorf("session: create: %w", err)
	}
	for range maxCreateAttempts {
		key := s.cfg.newKey()
		err := b.Store.Create(ctx, key, raw, expiry)
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

func (b *storeBackend) cycle(ctx context.Context, s *Session, d *signing.Dict, now, expiry time.Time) error {
	old := s.key
	if err := b.create(ctx, s, d, now, expiry); err != nil {
		return err
	}
	if old == "" {
		return nil
	}
	if err := b.Store.Delete(ctx, old); err != nil {
		return fmt.Errorf("session: cycle key: delete old record: %w", err)
	}
	return nil
}

func (b *storeBackend) deleteRecord(ctx context.Context, s *Session, key string) error {
	if key == "" {
		key = s.key
	}
	if !isStoreKey(key) {
		return nil // no record can have it
	}
	if err := b.Store.Delete(ctx, key); err != nil {
		return fmt.Errorf("session: delete: %w", err)
	}
	return nil
}

func (b *storeBackend) exists(ctx context.Context, key string) (bool, error) {
	if !isStoreKey(key) {
		return false, nil
	}
	if e, ok := b.Store.(Exister); ok {
		found, err := e.Exists(ctx, key)
		if err != nil {
			return false, fmt.Errorf("session: exists: %w", err)
		}
		return found, nil
	}
	_, err := b.Store.Load(ctx, key)
	switch {
	case errors.Is(err, ErrNotFound):
		return false, nil
	case err != nil:
		return false, fmt.Errorf("session: exists: %w", err)
	}
	return true, nil
}

// cookieBackend keeps sessions in the cookie itself (signed_cookies):
// there is no record to create, update or delete, and the key is the
// signed cookie value.
type cookieBackend Config

func (b *cookieBackend) validKey(key string) bool { return isCookieValue(key) }

func (b *cookieBackend) load(_ context.Context, s *Session) *signing.Dict {
	d, err := b.Cookie.DecodeCookie(s.key, s.cfg.now())
	if err != nil || d == nil {
		s.modified = true // Django's create(): re-issue an empty cookie
		return signing.NewDict()
	}
	return d
}

// save signs d into a new cookie value, the session's new key.
func (b *cookieBackend) save(_ context.Context, s *Session, d *signing.Dict, now, _ time.Time) error {
	key, err := b.Cookie.EncodeCookie(d, now)
	if err != nil {
		return fmt.Errorf("session: save: %w", err)
	}
	s.key = key
	s.modified = true
	return nil
}

func (b *cookieBackend) create(_ context.Context, s *Session, _ *signing.Dict, _, _ time.Time) error {
	s.modified = true
	return nil
}

func (b *cookieBackend) cycle(ctx context.Context, s *Session, d *signing.Dict, now, expiry time.Time) error {
	return b.save(ctx, s, d, now, expiry)
}

// deleteRecord empties the session, whatever key is given: the cookie
// was the only record.
func (b *cookieBackend) deleteRecord(_ context.Context, s *Session, _ string) error {
	s.key, s.data, s.modified = "", signing.NewDict(), true
	return nil
}

func (b *cookieBackend) exists(context.Context, string) (bool, error) { return false, nil }

// brokenBackend is a Config that cannot reach any store.
type brokenBackend struct{ err error }

func (b *brokenBackend) validKey(key string) bool { return isStoreKey(key) }

func (b *brokenBackend) load(_ context.Context, s *Session) *signing.Dict {
	s.setErr(b.err)
	return signing.NewDict()
}

func (b *brokenBackend) save(context.Context, *Session, *signing.Dict, time.Time, time.Time) error {
	return b.err
}

func (b *brokenBackend) create(context.Context, *Session, *signing.Dict, time.Time, time.Time) error {
	return b.err
}

func (b *brokenBackend) cycle(context.Context, *Session, *signing.Dict, time.Time, time.Time) error {
	return b.err
}

// deleteRecord of nothing succeeds, as with a working store.
func (b *brokenBackend) deleteRecord(_ context.Context, s *Session, key string) error {
	if key == "" && s.key == "" {
		return nil
	}
	return b.err
}
func (b *brokenBackend) exists(context.Context, string) (bool, error) { return false, b.err }
