package goredis

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"syscall"
	"time"

	goredis "github.com/redis/go-redis/v9"

	"github.com/manouche-go/manouche/framework/cache"
)

func init() {
	cache.Register("goredis", open) // temporary: the go-redis backend, for the loadtest comparison
	goredis.SetLogger(debugLog{})
}

// debugLog sends go-redis's own log lines (a failed dial, for one) to
// slog.Default() at Debug level: every failure they report also comes
// back as an error from a [Cache] method, which its caller logs once.
type debugLog struct{}

func (debugLog) Printf(ctx context.Context, format string, v ...any) {
	slog.Default().DebugContext(ctx, fmt.Sprintf(format, v...), "component", "go-redis")
}

// version is the VERSION part of every key, Django's default.
const version = "1"

// Options configures [New]. The zero value is a client of the Redis server
// at localhost:6379, database 0, with no key prefix.
type Options struct {
	// Client configures the go-redis client: address, credentials,
	// database, pool, timeouts and TLS. Nil means go-redis's defaults for
	// localhost:6379. New copies it: later changes have no effect.
	Client *goredis.Options
	// KeyPrefix is KEY_PREFIX: keys are stored as KeyPrefix:1:key, as
	// Django's default KEY_FUNCTION makes them. The default is "".
	KeyPrefix string
}

// Cache is a [cache.Cache] on a Redis server. It also implements
// [cache.Replacer] and [cache.Pinger]. It is safe for concurrent use and
// holds a pool of connections: share one Cache, and [Cache.Close] it when
// done.
type Cache struct {
	rdb    *goredis.Client
	prefix string // KeyPrefix + ":1:"
}

var (
	_ cache.Cache    = (*Cache)(nil)
	_ cache.Replacer = (*Cache)(nil)
	_ cache.Pinger   = (*Cache)(nil)
)

// New returns a cache on the server opts.Client names. It does no I/O:
// connections are opened on first use, so New succeeds while Redis is
// down; use [Cache.Ping] to check it answers.
func New(opts Options) *Cache {
	o := opts.Client
	if o == nil {
		o = &goredis.Options{}
	}
	return &Cache{rdb: goredis.NewClient(o), prefix: opts.KeyPrefix + ":" + version + ":"}
}

// Key returns the Redis key under which key is stored:
// KEY_PREFIX:1:key (Django's make_key).
func (c *Cache) Key(key string) string { return c.prefix + key }

// Get returns the value of key (GET); a missing key is false and no error.
func (c *Cache) Get(ctx context.Context, key string) ([]byte, bool, error) {
	b, err := c.rdb.Get(ctx, c.prefix+key).Bytes()
	if errors.Is(err, goredis.Nil) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, wrap(ctx, "get", err)
	}
	return b, true, nil
}

// Set stores value under key (SET key value PX ttl).
func (c *Cache) Set(ctx context.Context, key string, value []byte, ttl time.Duration) error {
	_, err := c.set(ctx, "set", key, value, ttl, "")
	return err
}

// Add stores value under key unless it is present (SET key value PX ttl NX).
func (c *Cache) Add(ctx context.Context, key string, value []byte, ttl time.Duration) (bool, error) {
	return c.set(ctx, "add", key, value, ttl, "nx")
}

// Replace stores value under key only if it is present (SET key value PX
// ttl XX), as [cache.Replacer] describes.
func (c *Cache) Replace(ctx context.Context, key string, value []byte, ttl time.Duration) (bool, error) {
	return c.set(ctx, "replace", key, value, ttl, "xx")
}

// Delete removes key (DEL).
func (c *Cache) Delete(ctx context.Context, key string) error {
	if err := c.rdb.Del(ctx, c.prefix+key).Err(); err != nil {
		return wrap(ctx, "delete", err)
	}
	return nil
}

// Ping checks that the server answers (PING), as [cache.Pinger]
// describes.
func (c *Cache) Ping(ctx context.Context) error {
	if err := c.rdb.Ping(ctx).Err(); err != nil {
		return wrap(ctx, "ping", err)
	}
	return nil
}

// Close closes the connections. Later calls fail with an error wrapping
// [cache.ErrUnavailable].
func (c *Cache) Close() error {
	if err := c.rdb.Close(); err != nil {
		return fmt.Errorf("redis: close: %w", err)
	}
	return nil
}

// set runs SET with an expiry in milliseconds (none when ttl <= 0) and the
// condition cond ("", "nx" or "xx"), and reports whether it stored.
func (c *Cache) set(ctx context.Context, op, key string, value []byte, ttl time.Duration, cond string) (bool, error) {
	args := make([]any, 0, 6)
	args = append(args, "set", c.prefix+key, value)
	if ttl > 0 {
		args = append(args, "px", milliseconds(ttl))
	}
	if cond != "" {
		args = append(args, cond)
	}
	cmd := goredis.NewBoolCmd(ctx, args...)
	_ = c.rdb.Process(ctx, cmd)
	stored, err := cmd.Result()
	if err != nil {
		return false, wrap(ctx, op, err)
	}
	return stored, nil
}

// milliseconds rounds a positive ttl up to whole milliseconds, so that a
// ttl under one millisecond still expires instead of failing.
func milliseconds(ttl time.Duration) int64 {
	ms := int64(ttl / time.Millisecond)
	if ttl%time.Millisecond != 0 {
		ms++
	}
	return ms
}

// wrap names the operation and marks connection-level failures with
// cache.ErrUnavailable. Errors carry no key.
func wrap(ctx context.Context, op string, err error) error {
	if unavailable(ctx, err) {
		return fmt.Errorf("redis: %s: %w: %w", op, cache.ErrUnavailable, err)
	}
	return fmt.Errorf("redis: %s: %w", op, err)
}

// unavailable reports whether err means the server cannot be reached
// right now. A context the caller cancelled or let expire is the caller's
// doing, not an outage.
func unavailable(ctx context.Context, err error) bool {
	if ctx.Err() != nil {
		return false
	}
	var netErr net.Error
	switch {
	case errors.As(err, &netErr),
		errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF),
		errors.Is(err, syscall.ECONNREFUSED), errors.Is(err, syscall.ECONNRESET), errors.Is(err, syscall.EPIPE),
		errors.Is(err, context.DeadlineExceeded), // a dial timeout
		errors.Is(err, goredis.ErrPoolTimeout), errors.Is(err, goredis.ErrPoolExhausted),
		errors.Is(err, goredis.ErrClosed):
		return true
	}
	return goredis.IsLoadingError(err) || goredis.IsMasterDownError(err) ||
		goredis.IsReadOnlyError(err) || goredis.IsMaxClientsError(err) ||
		goredis.IsTryAgainError(err) || goredis.IsClusterDownError(err)
}
