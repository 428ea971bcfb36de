package cachestore

import (
	"log/slog"
	"testing"

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
