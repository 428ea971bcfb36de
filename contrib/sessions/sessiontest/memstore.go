package sessiontest

import (
	"context"
	"sync"
	"time"

	"github.com/manouche-go/manouche/framework/session"
)

var (
	_ session.Store            = (*MemStore)(nil)
	_ session.ConditionalSaver = (*MemStore)(nil)
	_ session.ExpiredClearer   = (*MemStore)(nil)
	_ session.Exister          = (*MemStore)(nil)
)

// MemStore is a [session.Store] kept in a map: the store of tests and
// examples, and the smallest complete backend, to read as the model of
// one. It implements every optional ability ([session.ConditionalSaver],
// [session.ExpiredClearer] and [session.Exister]) under one mutex, and
// passes [Run] and [RunSessions].
//
// The zero value is an empty store ready to use. A MemStore is safe for
// concurrent use; it must not be copied after first use.
type MemStore struct {
	// Now is the clock that decides what has expired; nil means time.Now.
	// Set it before the store is used.
	Now func() time.Time

	mu sync.Mutex
	m  map[string]memRecord
}

type memRecord struct {
	data   string
	expiry time.Time
}

func (s *MemStore) now() time.Time {
	if s.Now != nil {
		return s.Now()
	}
	return time.Now()
}

// live returns the record of key if it has one that has not expired. The
// caller holds s.mu.
func (s *MemStore) live(key string) (memRecord, bool) {
	r, ok := s.m[key]
	return r, ok && s.now().Before(r.expiry)
}

// Load returns the data of key, or [session.ErrNotFound] when the key has
// no record or its record has expired.
func (s *MemStore) Load(_ context.Context, key string) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	r, ok := s.live(key)
	if !ok {
		return "", session.ErrNotFound
	}
	return r.data, nil
}

// Create stores data under key, or returns [session.ErrKeyExists] when key
// has a record, even an expired one.
func (s *MemStore) Create(_ context.Context, key, data string, expiry time.Time) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.m[key]; ok {
		return session.ErrKeyExists
	}
	if s.m == nil {
		s.m = make(map[string]memRecord)
	}
	s.m[key] = memRecord{data, expiry}
	return nil
}

// Save replaces the data and expiry of key, or returns
// [session.ErrNotFound] when key has no record.
func (s *MemStore) Save(_ context.Context, key, data string, expiry time.Time) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.m[key]; !ok {
		return session.ErrNotFound
	}
	s.m[key] = memRecord{data, expiry}
	return nil
}

// SaveIf is Save done only while key's record holds old; otherwise it
// returns [session.ErrConflict] and changes nothing.
func (s *MemStore) SaveIf(_ context.Context, key, old, data string, expiry time.Time) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	r, ok := s.m[key]
	switch {
	case !ok:
		return session.ErrNotFound
	case r.data != old:
		return session.ErrConflict
	}
	s.m[key] = memRecord{data, expiry}
	return nil
}

// Delete removes the record of key, if any.
func (s *MemStore) Delete(_ context.Context, key string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.m, key)
	return nil
}

// ClearExpired removes the records whose expiry has passed.
func (s *MemStore) ClearExpired(context.Context) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	for k, r := range s.m {
		if !s.now().Before(r.expiry) {
			delete(s.m, k)
		}
	}
	return nil
}

// Exists reports whether key has a record, expired or not.
func (s *MemStore) Exists(_ context.Context, key string) (bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	_, ok := s.m[key]
	return ok, nil
}

// Len returns the number of records, expired ones included.
func (s *MemStore) Len() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.m)
}
