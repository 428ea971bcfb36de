package redis

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"github.com/redis/rueidis"

	"github.com/manouche-go/manouche/framework/cache"
)

func init() {
	cache.Register("redis", open)
	cache.Register("django.core.cache.backends.redis.RedisCache", open)
	cache.Register("django_redis.cache.RedisCache", open)
}

// version is the VERSION part of every key, Django's default.
const version = "1"

// Defaults of [Options]' near cache and WAIT settings.
const (
	DefaultNearCacheTTL  = time.Minute
	DefaultNearCacheSize = 32 << 20
	DefaultWaitTimeout   = time.Second
)

// Options configures [New]. The zero value is a client of the Redis server
// at localhost:6379, database 0, with no key prefix and no near cache.
type Options struct {
	// Client configures the rueidis client: addresses (one server, the
	// sentinels with Sentinel.MasterSet, or cluster nodes), credentials,
	// database, timeouts and TLS. Nil means localhost:6379. New copies it.
	Client *rueidis.ClientOption
	// KeyPrefix is KEY_PREFIX: keys are stored as KeyPrefix:1:key, as
	// Django's default KEY_FUNCTION makes them. The default is "".
	KeyPrefix string
	// NearCache keeps values that Get read in this process, tracked by
	// Redis (RESP3 CLIENT TRACKING): an entry is dropped when any client
	// changes its key, when this process writes it, and when the
	// connection it came on is lost. The default is false.
	NearCache bool
	// NearCacheTTL is the longest an entry stays in the near cache (it
	// never outlives the key's expiry in Redis). The default is
	// [DefaultNearCacheTTL].
	NearCacheTTL time.Duration
	// NearCacheSize is the near cache's size in bytes per connection to
	// Redis (4 connections to one server). The default is
	// [DefaultNearCacheSize].
	NearCacheSize int
	// WaitReplicas, when > 0, makes every write wait until that many
	// replicas have it (Redis's WAIT), so that a write acknowledged by a
	// master survives its failover; fewer in WaitTimeout is an error
	// wrapping [cache.ErrUnavailable]. The default is 0: no waiting.
	WaitReplicas int
	// WaitTimeout bounds each WAIT. The default is [DefaultWaitTimeout].
	WaitTimeout time.Duration
	// MaxRetries is how many times a read that met a network error is
	// tried again, after 8ms, 16ms, 32ms... (rueidis never retries a
	// write). The default, 0, means 3; a negative value means none.
	MaxRetries int
}

// Cache is a [cache.Cache] on Redis: one server, a Sentinel-watched master
// or a Cluster. It also implements [cache.Replacer], [cache.Swapper] and
// [cache.Pinger]. It is safe for concurrent use; its client pipelines the
// commands of concurrent callers on a few connections. Share one Cache,
// and [Cache.Close] it when done.
type Cache struct {
	opts   Options
	prefix string // KeyPrefix + ":1:"
	conn   connector
	watch  watch    // the near cache's connections
	gets   *getCmds // the near cache's GET commands
}

var (
	_ cache.Cache    = (*Cache)(nil)
	_ cache.Replacer = (*Cache)(nil)
	_ cache.Swapper  = (*Cache)(nil)
	_ cache.Pinger   = (*Cache)(nil)
)

// New returns a cache on the server opts.Client names. It does no I/O:
// the client connects on first use, so New succeeds while Redis is down;
// use [Cache.Ping] to check it answers.
func New(opts Options) *Cache {
	o := rueidis.ClientOption{InitAddress: []string{"localhost:6379"}, ForceSingleClient: true}
	if opts.Client != nil {
		o = *opts.Client
	}
	if opts.NearCacheTTL <= 0 {
		opts.NearCacheTTL = DefaultNearCacheTTL
	}
	if opts.NearCacheSize <= 0 {
		opts.NearCacheSize = DefaultNearCacheSize
	}
	if opts.WaitTimeout <= 0 {
		opts.WaitTimeout = DefaultWaitTimeout
	}
	o.DisableCache = !opts.NearCache
	if o.RetryDelay == nil {
		o.RetryDelay = retryDelay(opts.MaxRetries)
	}
	if opts.NearCache {
		// One connection per server: the near cache's entries and this
		// process's writes then share one ordered stream (see fence).
		o.PipelineMultiplex = -1
		o.CacheSizeEachConn = opts.NearCacheSize
	}
	c := &Cache{opts: opts, prefix: opts.KeyPrefix + ":" + version + ":"}
	if opts.NearCache {
		c.gets = newGetCmds()
		o.DialCtxFn = c.watch.dial()
		user := o.OnInvalidations
		o.OnInvalidations = func(keys []rueidis.RedisMessage) {
			c.watch.invalidated(keys)
			if user != nil {
				user(keys)
			}
		}
	}
	c.conn.option = o
	return c
}

// Key returns the Redis key under which key is stored:
// KEY_PREFIX:1:key (Django's make_key).
func (c *Cache) Key(key string) string { return c.prefix + key }

// Get returns the value of key (GET); a missing key is false and no error.
// With the near cache, a value read before and not changed since is
// answered from this process.
func (c *Cache) Get(ctx context.Context, key string) ([]byte, bool, error) {
	cl, err := c.conn.client(ctx)
	if err != nil {
		return nil, false, wrap(ctx, "get", err)
	}
	// Commands rueidis may send twice (read-only ones: GET here, EXISTS
	// in fence, PING) are pinned, never recycled: when a connection
	// breaks under one, rueidis sends it again on a new connection and,
	// once that answers, would hand its buffer back to its pool while
	// the broken connection's writer may still be reading it (a data
	// race; see TestKilledConnections_reads). The near cache's are built
	// once per key (see getCmds).
	var res rueidis.RedisResult
	if c.opts.NearCache && c.watch.settled() {
		res = cl.DoCache(ctx, c.gets.get(cl, c.prefix, key), c.opts.NearCacheTTL)
	} else {
		res = cl.Do(ctx, cl.B().Get().Key(c.prefix+key).Build().Pin())
	}
	s, err := res.ToString() // shared with the near cache: copied below
	if rueidis.IsRedisNil(err) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, wrap(ctx, "get", err)
	}
	return []byte(s), true, nil
}

// Set stores value under key (SET key value PX ttl).
func (c *Cache) Set(ctx context.Context, key string, value []byte, ttl time.Duration) error {
	_, err := c.set(ctx, "set", key, value, ttl, "")
	return err
}

// Add stores value under key unless it is present (SET key value PX ttl NX).
func (c *Cache) Add(ctx context.Context, key string, value []byte, ttl time.Duration) (bool, error) {
	return c.set(ctx, "add", key, value, ttl, "NX")
}

// Replace stores value under key only if it is present (SET key value PX
// ttl XX), as [cache.Replacer] describes.
func (c *Cache) Replace(ctx context.Context, key string, value []byte, ttl time.Duration) (bool, error) {
	return c.set(ctx, "replace", key, value, ttl, "XX")
}

// swapBody is Swap's compare and swap: SET only when GET gives old. A
// plain SET (no PX) also drops an expiry, as PERSIST would.
const swapBody = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
if ARGV[3] == '' then redis.call('SET', KEYS[1], ARGV[2])
else redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3]) end
return 1`

// swapScript runs swapBody by its SHA1 (EVALSHA, loading it once).
var swapScript = rueidis.NewLuaScript(swapBody)

// Swap stores value under key only if it holds old, in one Lua script
// (GET, compare, SET), as [cache.Swapper] describes.
func (c *Cache) Swap(ctx context.Context, key string, old, value []byte, ttl time.Duration) (bool, error) {
	cl, err := c.conn.client(ctx)
	if err != nil {
		return false, wrap(ctx, "swap", err)
	}
	k := c.prefix + key
	px := ""
	if ttl > 0 {
		px = fmt.Sprint(milliseconds(ttl))
	}
	args := []string{rueidis.BinaryString(old), rueidis.BinaryString(value), px}
	var n int64
	if c.opts.WaitReplicas > 0 {
		// WAIT counts the writes of its own connection: the script (EVAL,
		// which DoMulti can send, where EVALSHA needs a second trip when
		// the script is not loaded) goes just before it on the same one.
		res := cl.DoMulti(ctx, cl.B().Eval().Script(swapBody).Numkeys(1).Key(k).Arg(args...).Build(), c.waitCmd(cl))
		if n, err = res[0].AsInt64(); err == nil && n == 1 {
			err = c.checkWait(res[1])
		}
	} else {
		n, err = swapScript.Exec(ctx, cl, []string{k}, args).AsInt64()
	}
	if err == nil && n == 1 {
		err = c.fence(ctx, cl, k)
	}
	if err != nil {
		return false, wrap(ctx, "swap", err)
	}
	return n == 1, nil
}

// Delete removes key (DEL).
func (c *Cache) Delete(ctx context.Context, key string) error {
	cl, err := c.conn.client(ctx)
	if err == nil {
		k := c.prefix + key
		err = c.do(ctx, cl, k, cl.B().Del().Key(k).Build())
	}
	if err != nil {
		return wrap(ctx, "delete", err)
	}
	return nil
}

// Ping checks that the server answers (PING), as [cache.Pinger]
// describes. On a Cluster it pings every master.
func (c *Cache) Ping(ctx context.Context) error {
	cl, err := c.conn.client(ctx)
	if err == nil {
		for _, node := range cl.Nodes() {
			if err = node.Do(ctx, node.B().Ping().Build().Pin()).Error(); err != nil {
				break
			}
		}
	}
	if err != nil {
		return wrap(ctx, "ping", err)
	}
	return nil
}

// Close closes the connections and empties the near cache. Later calls
// fail with an error wrapping [cache.ErrUnavailable].
func (c *Cache) Close() error {
	c.conn.close()
	return nil
}

// set runs SET with an expiry in milliseconds (none when ttl <= 0) and the
// condition cond ("", "NX" or "XX"), and reports whether it stored.
func (c *Cache) set(ctx context.Context, op, key string, value []byte, ttl time.Duration, cond string) (bool, error) {
	cl, err := c.conn.client(ctx)
	if err != nil {
		return false, wrap(ctx, op, err)
	}
	k := c.prefix + key
	args := make([]string, 0, 4)
	args = append(args, rueidis.BinaryString(value))
	if ttl > 0 {
		args = append(args, "PX", fmt.Sprint(milliseconds(ttl)))
	}
	if cond != "" {
		args = append(args, cond)
	}
	err = c.do(ctx, cl, k, cl.B().Arbitrary("SET").Keys(k).Args(args...).Build())
	if rueidis.IsRedisNil(err) { // NX or XX did not hold
		return false, nil
	}
	if err != nil {
		return false, wrap(ctx, op, err)
	}
	return true, nil
}

// do runs cmd, a write of key k, with WAIT after it on the same
// connection when WaitReplicas asks for it, then the near cache's fence.
func (c *Cache) do(ctx context.Context, cl rueidis.Client, k string, cmd rueidis.Completed) error {
	var err error
	if c.opts.WaitReplicas > 0 {
		res := cl.DoMulti(ctx, cmd, c.waitCmd(cl))
		if err = res[0].Error(); err == nil {
			err = c.checkWait(res[1])
		}
	} else {
		err = cl.Do(ctx, cmd).Error()
	}
	if err != nil {
		return err
	}
	return c.fence(ctx, cl, k)
}

// fence follows every write of k with the near cache: one more command
// on k (EXISTS), sent once the write is answered, so on its own turn of
// Redis's event loop. Redis sends invalidations in the turn of the write
// itself: by the time the fence is answered, the invalidation of k has
// been written to every other client that cached it, and to this process
// before the fence's answer on its one connection to k's server, where
// rueidis applies it in order. So a write has left no near cache, here or
// in another server, that can still answer the old value once the write
// returns (see [watch] for the other side).
func (c *Cache) fence(ctx context.Context, cl rueidis.Client, k string) error {
	if !c.opts.NearCache {
		return nil
	}
	return cl.Do(ctx, fenceCmd(cl, k)).Error()
}

func fenceCmd(cl rueidis.Client, k string) rueidis.Completed {
	return cl.B().Exists().Key(k).Build().Pin()
}

// waitCmd is WAIT: for the pooled connection of a write, or pipelined
// after it with the near cache, whose connections are all watched (it
// then holds up the commands queued behind it on its connection).
func (c *Cache) waitCmd(cl rueidis.Client) rueidis.Completed {
	if c.opts.NearCache {
		return cl.B().Arbitrary("WAIT").Args(fmt.Sprint(c.opts.WaitReplicas), fmt.Sprint(c.opts.WaitTimeout.Milliseconds())).Build()
	}
	return cl.B().Wait().Numreplicas(int64(c.opts.WaitReplicas)).Timeout(c.opts.WaitTimeout.Milliseconds()).Build()
}

// errNotReplicated is the error of a write that fewer than WaitReplicas
// replicas acknowledged in time.
var errNotReplicated = errors.New("redis: write not acknowledged by enough replicas")

// checkWait reads WAIT's answer: fewer replicas than WaitReplicas is
// errNotReplicated, and so is a WAIT Redis refuses (in a Cluster, a node
// that has just become a replica, the write redirected to its new
// master), which leaves the write's replication unknown.
func (c *Cache) checkWait(res rueidis.RedisResult) error {
	n, err := res.AsInt64()
	if _, refused := rueidis.IsRedisErr(err); refused {
		return fmt.Errorf("%w (WAIT: %w)", errNotReplicated, err)
	}
	if err != nil {
		return err
	}
	if n < int64(c.opts.WaitReplicas) {
		return fmt.Errorf("%w (%d of %d in %v)", errNotReplicated, n, c.opts.WaitReplicas, c.opts.WaitTimeout)
	}
	return nil
}

// retryDelay gives rueidis's retry delays: max attempts (3 when 0), each
// twice as long as the one before, from 8ms. rueidis's own retries until
// the caller's deadline, which a request without one never reaches.
func retryDelay(max int) rueidis.RetryDelayFn {
	if max == 0 {
		max = 3
	}
	return func(attempts int, _ rueidis.Completed, _ error) time.Duration {
		if attempts >= max {
			return -1
		}
		return 8 * time.Millisecond << min(attempts, 6)
	}
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

// connector makes the rueidis client on first use (rueidis connects in
// NewClient) and again after a failed attempt, at most once a second
// while Redis stays down: in between, calls fail at once with the last
// error.
type connector struct {
	option rueidis.ClientOption
	cl     atomic.Pointer[rueidis.Client]

	mu       sync.Mutex
	closed   bool
	lastErr  error
	lastDial time.Time
}

// retryDial is how long a failed connection attempt is remembered.
const retryDial = time.Second

func (cn *connector) client(ctx context.Context) (rueidis.Client, error) {
	if cl := cn.cl.Load(); cl != nil {
		return *cl, nil
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	cn.mu.Lock()
	defer cn.mu.Unlock()
	switch {
	case cn.closed:
		return nil, rueidis.ErrClosing
	case cn.cl.Load() != nil:
		return *cn.cl.Load(), nil
	case cn.lastErr != nil && time.Since(cn.lastDial) < retryDial:
		return nil, cn.lastErr
	}
	cl, err := rueidis.NewClient(cn.option)
	cn.lastDial, cn.lastErr = time.Now(), err
	if err != nil {
		return nil, err
	}
	cn.cl.Store(&cl)
	return cl, nil
}

func (cn *connector) close() {
	cn.mu.Lock()
	defer cn.mu.Unlock()
	cn.closed = true
	if cl := cn.cl.Swap(nil); cl != nil {
		(*cl).Close()
	}
}
