package cachestore

import (
	"context"
	"errors"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/manouche-go/manouche/contrib/sessions/sessiontest"
	"github.com/manouche-go/manouche/framework/cache"
	"github.com/manouche-go/manouche/framework/cache/locmem"
	"github.com/manouche-go/manouche/framework/session"
)

func TestConformance(t *testing.T) {
	sessiontest.Run(t, func(t *testing.T) session.Store {
		return New(locmem.New(locmem.Options{}), Options{})
	})
}

const key = "abcdefghijklmnopqrstuvwxyz012345"

// recorder is a cache.Cache that records the ttl of each write and can
// fail every call.
type recorder struct {
	cache.Cache
	ttl  time.Duration
	keys []string
	err  error
}

func (r *recorder) Get(ctx context.Context, k string) ([]byte, bool, error) {
	if r.err != nil {
		return nil, false, r.err
	}
	return r.Cache.Get(ctx, k)
}

func (r *recorder) Set(ctx context.Context, k string, v []byte, ttl time.Duration) error {
	r.ttl, r.keys = ttl, append(r.keys, k)
	return r.Cache.Set(ctx, k, v, ttl)
}

func (r *recorder) Add(ctx context.Context, k string, v []byte, ttl time.Duration) (bool, error) {
	r.ttl, r.keys = ttl, append(r.keys, k)
	if r.err != nil {
		return false, r.err
	}
	return r.Cache.Add(ctx, k, v, ttl)
}

func TestTTLAndKey(t *testing.T) {
	now := time.Date(2023, 11, 14, 22, 13, 20, 0, time.UTC)
	clock := func() time.Time { return now }
	tests := []struct {
		name    string
		expiry  time.Time
		wantTTL time.Duration
	}{
		{"two weeks", now.Add(1209600 * time.Second), 1209600 * time.Second},
		{"one second", now.Add(time.Second), time.Second},
		{"sub-second", now.Add(time.Millisecond), time.Millisecond},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := &recorder{Cache: locmem.New(locmem.Options{Now: clock})}
			s := New(r, Options{Now: clock})
			if err := s.Create(t.Context(), key, "d", tt.expiry); err != nil {
				t.Fatal(err)
			}
			if r.ttl != tt.wantTTL {
				t.Errorf("Create: got ttl %v, want %v", r.ttl, tt.wantTTL)
			}
			if err := s.Save(t.Context(), key, "d", tt.expiry.Add(time.Minute)); err != nil {
				t.Fatal(err)
			}
			if r.ttl != tt.wantTTL+time.Minute {
				t.Errorf("Save: got ttl %v, want %v", r.ttl, tt.wantTTL+time.Minute)
			}
			for _, k := range r.keys {
				if k != "django.contrib.sessions.cache"+key {
					t.Errorf("got cache key %q, want Django's logical key", k)
				}
			}
		})
	}
}

func TestExpiresWithTheCache(t *testing.T) {
	var now atomic.Int64
	now.Store(time.Date(2023, 11, 14, 22, 13, 20, 0, time.UTC).UnixNano())
	clock := func() time.Time { return time.Unix(0, now.Load()) }
	s := New(locmem.New(locmem.Options{Now: clock}), Options{Now: clock})
	if err := s.Create(t.Context(), key, "d", clock().Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	now.Add(int64(time.Hour - 1))
	if _, err := s.Load(t.Context(), key); err != nil {
		t.Errorf("just before expiry: got %v, want nil", err)
	}
	now.Add(1)
	if _, err := s.Load(t.Context(), key); !errors.Is(err, session.ErrNotFound) {
		t.Errorf("at expiry: got %v, want ErrNotFound", err)
	}
}

func TestPastExpiryStoresNothing(t *testing.T) {
	c := locmem.New(locmem.Options{})
	s := New(c, Options{})
	if err := s.Create(t.Context(), key, "d", time.Now().Add(-time.Second)); err != nil {
		t.Fatal(err)
	}
	if n := c.Len(); n != 0 {
		t.Errorf("got %d cache entries, want 0", n)
	}
	other := "other0000000000000000000000000000"
	s.Create(t.Context(), other, "d", time.Now().Add(time.Hour))
	if err := s.Create(t.Context(), other, "d", time.Now().Add(-time.Second)); !errors.Is(err, session.ErrKeyExists) {
		t.Errorf("past-expiry Create over a live entry: got %v, want ErrKeyExists", err)
	}
}

func (r *recorder) Delete(ctx context.Context, k string) error {
	if r.err != nil {
		return r.err
	}
	return r.Cache.Delete(ctx, k)
}

func TestCacheErrors(t *testing.T) {
	outage := errors.Join(errors.New("dial: refused"), cache.ErrUnavailable)
	other := errors.New("WRONGPASS invalid username-password pair")
	exp := time.Now().Add(time.Hour)
	for _, tt := range []struct {
		name            string
		err             error
		wantUnavailable bool
	}{
		{"outage", outage, true},
		{"other failure", other, false},
	} {
		s := New(&recorder{Cache: locmem.New(locmem.Options{}), err: tt.err}, Options{})
		for op, err := range map[string]error{
			"Load":   func() error { _, err := s.Load(t.Context(), key); return err }(),
			"Create": s.Create(t.Context(), key, "d", exp),
			"Save":   s.Save(t.Context(), key, "d", exp),
			"Delete": s.Delete(t.Context(), key),
			"Exists": func() error { _, err := s.(session.Exister).Exists(t.Context(), key); return err }(),
		} {
			if !errors.Is(err, tt.err) || strings.Contains(err.Error(), key) {
				t.Errorf("%s %s: got %v, want the cache error wrapped, without the key", tt.name, op, err)
			}
			if got := errors.Is(err, session.ErrUnavailable); got != tt.wantUnavailable {
				t.Errorf("%s %s: got errors.Is(err, session.ErrUnavailable) %v, want %v", tt.name, op, got, tt.wantUnavailable)
			}
		}
	}
}

// replacer is a cache.Replacer that counts the calls Save makes.
type replacer struct {
	*locmem.Cache
	gets, sets, replaces int
	ttl                  time.Duration
}

func (r *replacer) Get(ctx context.Context, k string) ([]byte, bool, error) {
	r.gets++
	return r.Cache.Get(ctx, k)
}

func (r *replacer) Set(ctx context.Context, k string, v []byte, ttl time.Duration) error {
	r.sets++
	return r.Cache.Set(ctx, k, v, ttl)
}

func (r *replacer) Replace(ctx context.Context, k string, v []byte, ttl time.Duration) (bool, error) {
	r.replaces, r.ttl = r.replaces+1, ttl
	return r.Cache.Replace(ctx, k, v, ttl)
}

func TestSave_replacer(t *testing.T) {
	now := time.Date(2023, 11, 14, 22, 13, 20, 0, time.UTC)
	clock := func() time.Time { return now }
	r := &replacer{Cache: locmem.New(locmem.Options{Now: clock})}
	s := New(r, Options{Now: clock})
	if err := s.Create(t.Context(), key, "created", now.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	if err := s.Save(t.Context(), key, "saved", now.Add(2*time.Hour)); err != nil {
		t.Fatalf("Save: got %v, want nil", err)
	}
	if r.replaces != 1 || r.gets != 0 || r.sets != 0 || r.ttl != 2*time.Hour {
		t.Errorf("got %d Replace (ttl %v), %d Get, %d Set, want one Replace with ttl 2h and nothing else",
			r.replaces, r.ttl, r.gets, r.sets)
	}
	if err := s.Delete(t.Context(), key); err != nil {
		t.Fatal(err)
	}
	if err := s.Save(t.Context(), key, "again", now.Add(time.Hour)); !errors.Is(err, session.ErrNotFound) {
		t.Errorf("Save after Delete: got %v, want ErrNotFound", err)
	}
	if _, ok, _ := r.Cache.Get(t.Context(), KeyPrefix+key); ok {
		t.Errorf("got the entry back after Save, want it to stay deleted")
	}
}

// TestNew_abilities: SaveIf is offered exactly when the cache can swap.
func TestNew_abilities(t *testing.T) {
	for _, tt := range []struct {
		name string
		c    cache.Cache
		want bool
	}{
		{"locmem, a Swapper", locmem.New(locmem.Options{}), true},
		{"a cache without Swap", &recorder{Cache: locmem.New(locmem.Options{})}, false},
	} {
		_, got := New(tt.c, Options{}).(session.ConditionalSaver)
		if got != tt.want {
			t.Errorf("%s: got ConditionalSaver %v, want %v", tt.name, got, tt.want)
		}
	}
}
