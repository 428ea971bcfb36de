package cacheddbstore

import (
	"testing"

	"github.com/manouche-go/manouche/contrib/sessions/dbstore"
	"github.com/manouche-go/manouche/contrib/sessions/sessiontest"
	"github.com/manouche-go/manouche/framework/cache/redis/redistest"
	"github.com/manouche-go/manouche/framework/session"
)

func TestConformance_redis(t *testing.T) {
	redistest.URL(t) // skip once, not in every subtest
	sessiontest.Run(t, func(t *testing.T) session.Store {
		return New(redistest.New(t), dbstore.New(openDB(t), dbstore.Options{}), Options{})
	})
}

// TestSessions_redis runs the session-level suite, concurrent requests
// included, over Redis and SQLite.
func TestSessions_redis(t *testing.T) {
	redistest.URL(t)
	sessiontest.RunSessions(t, func(t *testing.T) *session.Config {
		return &session.Config{Store: New(redistest.New(t), dbstore.New(openDB(t), dbstore.Options{}), Options{}), Codec: testCodec(t)}
	})
}
