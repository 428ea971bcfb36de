package sessiontest_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/manouche-go/manouche/contrib/sessions/sessiontest"
	"github.com/manouche-go/manouche/framework/session"
)

// memStore is the smallest correct session.Store, with both optional
// abilities: the suite must pass on it.
type memStore struct {
	mu sync.Mutex
	m  map[string]record
}

type record struct {
	data   string
	expiry time.Time
}

func (s *memStore) Load(_ context.Context, key string) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	r, ok := s.m[key]
	if !ok || !time.Now().Before(r.expiry) {
		return "", session.ErrNotFound
	}
	return r.data, nil
}

func (s *memStore) Create(_ context.Context, key, data string, expiry time.Time) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.m[key]; ok {
		return session.ErrKeyExists
	}
	s.m[key] = record{data, expiry}
	return nil
}

func (s *memStore) Save(_ context.Context, key, data string, expiry time.Time) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.m[key]; !ok {
		return session.ErrNotFound
	}
	s.m[key] = record{data, expiry}
	return nil
}

func (s *memStore) Delete(_ context.Context, key string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.m, key)
	return nil
}

func (s *memStore) ClearExpired(context.Context) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	for k, r := range s.m {
		if !time.Now().Before(r.expiry) {
			delete(s.m, k)
		}
	}
	return nil
}

func (s *memStore) Exists(_ context.Context, key string) (bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	_, ok := s.m[key]
	return ok, nil
}

func TestRun(t *testing.T) {
	sessiontest.Run(t, func(*testing.T) session.Store { return &memStore{m: map[string]record{}} })
}
