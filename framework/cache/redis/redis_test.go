package redis_test

import (
	"context"
	"errors"
	"net"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/redis/rueidis"

	"github.com/manouche-go/manouche/framework/cache"
	"github.com/manouche-go/manouche/framework/cache/cachetest"
	"github.com/manouche-go/manouche/framework/cache/redis"
	"github.com/manouche-go/manouche/framework/cache/redis/redistest"
)

func TestConformance(t *testing.T) {
	redistest.URL(t) // skip once, not in every subtest
	cachetest.Run(t, func(t *testing.T) cache.Cache { return redistest.New(t) })
}

func TestRegistered(t *testing.T) {
	for _, name := range []string{"redis", "django.core.cache.backends.redis.RedisCache", "django_redis.cache.RedisCache"} {
		c, err := cache.Open(cache.Config{Backend: name, Location: "redis://127.0.0.1:1/0"})
		if err != nil {
			t.Errorf("Open(%q): got error %v, want nil (opening does no I/O)", name, err)
			continue
		}
		c.(*redis.Cache).Close()
	}
}

func TestCache_Key(t *testing.T) {
	tests := []struct {
		prefix, key, want string
	}{
		{"site", "django.contrib.sessions.cacheabc", "site:1:django.contrib.sessions.cacheabc"},
		{"", "k", ":1:k"},
		{"a:b", "k", "a:b:1:k"},
	}
	for _, tt := range tests {
		c := redis.New(redis.Options{KeyPrefix: tt.prefix})
		if got := c.Key(tt.key); got != tt.want {
			t.Errorf("KeyPrefix %q: got Key(%q) = %q, want %q", tt.prefix, tt.key, got, tt.want)
		}
		c.Close()
	}
}

// rawClient is a plain rueidis client on the test server, to look at what
// the cache stored.
func rawClient(t *testing.T) rueidis.Client {
	t.Helper()
	return redistest.Client(t, redistest.URL(t))
}

func TestStoredAsDjangoKeyWithNativeExpiry(t *testing.T) {
	c, rdb := redistest.New(t), rawClient(t)
	ctx := t.Context()
	tests := []struct {
		name    string
		write   func(key string) error
		wantTTL time.Duration // -1: none
	}{
		{"Set", func(k string) error { return c.Set(ctx, k, []byte("v"), 90*time.Second) }, 90 * time.Second},
		{"Add", func(k string) error { _, err := c.Add(ctx, k, []byte("v"), 2*time.Hour); return err }, 2 * time.Hour},
		{"Replace", func(k string) error {
			c.Set(ctx, k, []byte("old"), 0)
			_, err := c.Replace(ctx, k, []byte("v"), 1500*time.Millisecond)
			return err
		}, 1500 * time.Millisecond},
		{"Set without expiry", func(k string) error { return c.Set(ctx, k, []byte("v"), 0) }, -1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			key := "django.contrib.sessions.cache" + strings.ReplaceAll(tt.name, " ", "")
			if err := tt.write(key); err != nil {
				t.Fatalf("got error %v, want nil", err)
			}
			if v, err := rdb.Do(ctx, rdb.B().Get().Key(c.Key(key)).Build()).ToString(); v != "v" || err != nil {
				t.Errorf("GET %s: got %q, %v, want %q", c.Key(key), v, err, "v")
			}
			ms, err := rdb.Do(ctx, rdb.B().Pttl().Key(c.Key(key)).Build()).AsInt64()
			if err != nil {
				t.Fatal(err)
			}
			pttl := time.Duration(ms) * time.Millisecond
			switch {
			case tt.wantTTL < 0 && ms != -1:
				t.Errorf("got PTTL %v, want none (-1)", pttl)
			case tt.wantTTL > 0 && (pttl > tt.wantTTL || pttl < tt.wantTTL-time.Second):
				t.Errorf("got PTTL %v, want just under %v", pttl, tt.wantTTL)
			}
		})
	}
}

// closedPort returns a port of 127.0.0.1 where nothing listens.
func closedPort(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := strconv.Itoa(l.Addr().(*net.TCPAddr).Port)
	l.Close()
	return port
}

// calls are every method of the cache, by name, for the error tests.
func calls(c *redis.Cache) map[string]func(ctx context.Context) error {
	const key = "django.contrib.sessions.cachesecretsessionkey0123456789"
	v := []byte("v")
	return map[string]func(ctx context.Context) error{
		"get":     func(ctx context.Context) error { _, _, err := c.Get(ctx, key); return err },
		"set":     func(ctx context.Context) error { return c.Set(ctx, key, v, time.Minute) },
		"add":     func(ctx context.Context) error { _, err := c.Add(ctx, key, v, time.Minute); return err },
		"replace": func(ctx context.Context) error { _, err := c.Replace(ctx, key, v, time.Minute); return err },
		"swap":    func(ctx context.Context) error { _, err := c.Swap(ctx, key, v, v, time.Minute); return err },
		"delete":  func(ctx context.Context) error { return c.Delete(ctx, key) },
		"ping":    func(ctx context.Context) error { return c.Ping(ctx) },
	}
}

func TestUnavailable(t *testing.T) {
	down, err := cache.Open(cache.Config{Backend: "redis", Location: "redis://127.0.0.1:" + closedPort(t) + "/0",
		Options: map[string]any{"max_retries": -1, "dial_timeout": 0.5}})
	if err != nil {
		t.Fatal(err)
	}
	defer down.(*redis.Cache).Close()
	closed := redis.New(redis.Options{})
	closed.Close()
	for name, c := range map[string]*redis.Cache{"refused": down.(*redis.Cache), "closed client": closed} {
		for op, call := range calls(c) {
			t.Run(name+"/"+op, func(t *testing.T) {
				err := call(t.Context())
				if !errors.Is(err, cache.ErrUnavailable) {
					t.Fatalf("got %v, want an error wrapping cache.ErrUnavailable", err)
				}
				if !strings.HasPrefix(err.Error(), "redis: "+op+": ") || strings.Contains(err.Error(), "secretsessionkey") {
					t.Errorf("got %q, want it prefixed %q and without the key", err, "redis: "+op+": ")
				}
			})
		}
	}
}

func TestCallerCancelIsNotAnOutage(t *testing.T) {
	c := redistest.New(t)
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	for op, call := range calls(c) {
		err := call(ctx)
		if err == nil || errors.Is(err, cache.ErrUnavailable) || !errors.Is(err, context.Canceled) {
			t.Errorf("%s: got %v, want context.Canceled without cache.ErrUnavailable", op, err)
		}
	}
}

func TestWrongPasswordIsNotAnOutage(t *testing.T) {
	c := redistest.Open(t, redistest.URL(t), redistest.NewPrefix(t), nil)
	wrong, err := cache.Open(cache.Config{Backend: "redis", Location: redistest.URL(t),
		Options: map[string]any{"username": "nobody", "password": "wrong-password", "max_retries": -1}})
	if err != nil {
		t.Fatal(err)
	}
	defer wrong.(*redis.Cache).Close()
	err = wrong.(*redis.Cache).Ping(t.Context())
	if err == nil || errors.Is(err, cache.ErrUnavailable) || strings.Contains(err.Error(), "wrong-password") {
		t.Errorf("got %v, want an error that is not cache.ErrUnavailable and hides the password", err)
	}
	if err := c.Ping(t.Context()); err != nil {
		t.Errorf("the right credentials: got %v, want nil", err)
	}
}
