// Package redistest gives tests a Redis server: the shared test server
// that MANOUCHE_TEST_REDIS_URL names, under a key prefix of the test's own,
// or a private redis-server process the test can stop and start to play
// an outage. Without the server a test skips with a message naming what
// enables it, except when MANOUCHE_REQUIRE_SERVICES=1 (as .ci/run sets),
// where it fails. Import this package only from _test.go files.
//
//	func TestSessions(t *testing.T) {
//		c := redistest.New(t) // a *redis.Cache; its keys are deleted at the end
//		...
//	}
package redistest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"os"
	"testing"
	"time"

	"github.com/redis/rueidis"

	"github.com/manouche-go/manouche/framework/cache"
	"github.com/manouche-go/manouche/framework/cache/redis"
)

// EnvURL is the environment variable naming the shared test server.
const EnvURL = "MANOUCHE_TEST_REDIS_URL"

// EnvRequire is the environment variable that, set to 1, turns a missing
// server into a test failure.
const EnvRequire = "MANOUCHE_REQUIRE_SERVICES"

// skipOrFail skips t with msg, or fails it when services are required.
func skipOrFail(t testing.TB, msg string) {
	t.Helper()
	if os.Getenv(EnvRequire) == "1" {
		t.Fatalf("%s (%s=1: the Redis tests are required)", msg, EnvRequire)
	}
	t.Skip(msg)
}

// URL returns MANOUCHE_TEST_REDIS_URL. Without it, it skips t, or fails
// it when MANOUCHE_REQUIRE_SERVICES=1.
func URL(t testing.TB) string {
	t.Helper()
	u := os.Getenv(EnvURL)
	if u == "" {
		skipOrFail(t, "set "+EnvURL+"=redis://127.0.0.1:6379/0 to run the Redis tests")
	}
	return u
}

// NewPrefix returns a fresh KEY_PREFIX, "manouche-test-" and 16 hex
// digits, and deletes every key under it on the test server when the test
// ends.
func NewPrefix(t testing.TB) string {
	t.Helper()
	u := URL(t)
	var b [8]byte
	rand.Read(b[:])
	prefix := "manouche-test-" + hex.EncodeToString(b[:])
	t.Cleanup(func() {
		if err := DeleteKeys(u, prefix+":*"); err != nil {
			t.Errorf("redistest: cleaning up %s:*: %v", prefix, err)
		}
	})
	return prefix
}

// New returns a cache on the test server, opened through the registered
// "redis" backend with a [NewPrefix] key prefix, and checks that the
// server answers. The cache is closed and its keys deleted when the test
// ends.
func New(t testing.TB) *redis.Cache {
	t.Helper()
	return Open(t, URL(t), NewPrefix(t), nil)
}

// Open returns a cache on the server at url with the given KEY_PREFIX and
// OPTIONS, opened through the registered "redis" backend, after checking
// that it answers. The cache is closed when the test ends.
func Open(t testing.TB, url, prefix string, options map[string]any) *redis.Cache {
	t.Helper()
	c, err := cache.Open(cache.Config{Backend: "redis", Location: url, KeyPrefix: prefix, Options: options})
	if err != nil {
		t.Fatalf("redistest: %v", err)
	}
	rc := c.(*redis.Cache)
	t.Cleanup(func() { rc.Close() })
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := rc.Ping(ctx); err != nil {
		t.Fatalf("redistest: the Redis server does not answer: %v", err)
	}
	return rc
}

// Client returns a plain rueidis client of the server at url, for tests
// that look at what a cache stored. It is closed when the test ends.
func Client(t testing.TB, url string) rueidis.Client {
	t.Helper()
	cl, err := dial(url)
	if err != nil {
		t.Fatalf("redistest: %v", err)
	}
	t.Cleanup(cl.Close)
	return cl
}

func dial(url string) (rueidis.Client, error) {
	o, err := rueidis.ParseURL(url)
	if err != nil {
		return nil, err
	}
	o.DisableCache, o.ForceSingleClient, o.PipelineMultiplex = true, true, -1 // one connection
	return rueidis.NewClient(o)
}

// DeleteKeys deletes the keys matching the SCAN pattern on the server at
// url. It takes at most 30 seconds.
func DeleteKeys(url, pattern string) error {
	cl, err := dial(url)
	if err != nil {
		return err
	}
	defer cl.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	var cursor uint64
	for {
		e, err := cl.Do(ctx, cl.B().Scan().Cursor(cursor).Match(pattern).Count(1000).Build()).AsScanEntry()
		if err != nil {
			return err
		}
		if len(e.Elements) > 0 {
			if err := cl.Do(ctx, cl.B().Del().Key(e.Elements...).Build()).Error(); err != nil {
				return err
			}
		}
		if cursor = e.Cursor; cursor == 0 {
			return nil
		}
	}
}
