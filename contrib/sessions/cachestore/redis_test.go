package cachestore

import (
	"errors"
	"log/slog"
	"sync"
	"testing"
	"time"

	"github.com/manouche-go/manouche/contrib/sessions/sessiontest"
	"github.com/manouche-go/manouche/framework/cache/redis/redistest"
	"github.com/manouche-go/manouche/framework/session"
)

func TestConformance_redis(t *testing.T) {
	redistest.URL(t) // skip once, not in every subtest
	sessiontest.Run(t, func(t *testing.T) session.Store {
		return New(redistest.New(t), Options{})
	})
}

// TestSessions_redis runs the session-level suite, concurrent requests
// included, over Redis.
func TestSessions_redis(t *testing.T) {
	redistest.URL(t)
	codec, err := session.NewCodec("cachestore-test-secret-0123456789-abcdefghijklmnop", nil, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	sessiontest.RunSessions(t, func(t *testing.T) *session.Config {
		return &session.Config{Store: New(redistest.New(t), Options{}), Codec: codec}
	})
}

// TestSaveRacingDelete_redis deletes a session while other requests keep
// saving it: once Delete has returned, the session stays deleted.
func TestSaveRacingDelete_redis(t *testing.T) {
	s := New(redistest.New(t), Options{})
	exp := time.Now().Add(time.Hour)
	if err := s.Create(t.Context(), key, "created", exp); err != nil {
		t.Fatal(err)
	}
	deleted := make(chan struct{})
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for {
				err := s.Save(t.Context(), key, "saved", exp)
				if err != nil && !errors.Is(err, session.ErrNotFound) {
					t.Errorf("Save: got %v, want nil or ErrNotFound", err)
					return
				}
				select {
				case <-deleted:
					return
				default:
				}
			}
		})
	}
	time.Sleep(20 * time.Millisecond)
	if err := s.Delete(t.Context(), key); err != nil {
		t.Fatal(err)
	}
	close(deleted)
	wg.Wait()
	if _, err := s.Load(t.Context(), key); !errors.Is(err, session.ErrNotFound) {
		t.Errorf("Load after Delete: got %v, want ErrNotFound (a Save brought the session back)", err)
	}
}
