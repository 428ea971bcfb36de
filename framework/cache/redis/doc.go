// Package redis is a [cache.Cache] on a Redis server, the Go form of
// Django's django.core.cache.backends.redis.RedisCache, built on
// github.com/redis/go-redis/v9. It registers itself with [cache.Register]
// as backend "redis" and under Django's dotted names
// "django.core.cache.backends.redis.RedisCache" and
// "django_redis.cache.RedisCache", so CACHES can name it any of these
// ways. Several manouche servers pointed at one Redis share their cache
// and session engine entries.
//
// # Settings
//
// Sessions in Redis, other caching in process:
//
//	CACHES:
//	  default:
//	    BACKEND: locmem
//	  sessions:
//	    BACKEND: redis
//	    LOCATION: redis://127.0.0.1:6379/0
//	    KEY_PREFIX: site
//	    TIMEOUT: 300
//	SESSION_ENGINE: cache            # or cached_db
//	SESSION_CACHE_ALIAS: sessions
//
// LOCATION is one URL read by go-redis's ParseURL:
// redis://[user:password@]host[:port][/db] (port 6379 and database 0 by
// default), rediss://... for TLS, or unix:///path/to/redis.sock. go-redis
// query parameters such as ?dial_timeout=3s&pool_size=20 work too. Lists
// of servers (Django's replicas) and Redis Cluster or Sentinel are not
// supported. A password in LOCATION is never repeated in errors; prefer
// OPTIONS password, which can come from the environment
// (MANOUCHE_CACHES_SESSIONS_OPTIONS_PASSWORD).
//
// OPTIONS are passed to the client; the settings loader lower-cases their
// names. A key set in OPTIONS wins over the same one in LOCATION. The
// defaults are go-redis's, except dialer_retries.
//
//	pool_size (or max_connections)          connections per server process; default 10 per CPU
//	min_idle_conns (or min_idle)            idle connections kept open; default 0
//	dial_timeout (or socket_connect_timeout)   default 5s
//	read_timeout, write_timeout             default 5s, and write_timeout = read_timeout
//	socket_timeout                          sets read_timeout and write_timeout
//	pool_timeout                            wait for a free connection; default read_timeout + 1s
//	max_retries                             retries of a failed command; default 3, -1 for none
//	dialer_retries                          dial attempts per connection; default 1 (go-redis: 5)
//	username, password, db                  as in LOCATION
//	tls                                     true to use TLS (as rediss:// does), false to turn it off
//	insecure_skip_verify                    true to accept any server certificate (implies tls)
//	client_class, parser_class, pool_class  Django's class paths: accepted and ignored
//
// Timeouts are numbers of seconds (Django's and redis-py's unit, 0.5 is
// allowed) or Go durations ("500ms"); 0 keeps the default. Any other
// OPTIONS name is an error listing the accepted ones. A deadline on the
// caller's context is honoured too. TIMEOUT is not used: the session
// engines give every entry the session's own lifetime.
//
// # Keys and values
//
// Every key is stored as KEY_PREFIX:1:key, the key Django's default
// KEY_FUNCTION makes with VERSION 1 (without a KEY_PREFIX, :1:key), so a
// session of the cache engine lives in Redis under
// site:1:django.contrib.sessions.cache<session key>, as it would for a
// Django site with the same settings. [Cache.Key] returns it. Values are
// stored as raw bytes, not pickled as Django stores them: share the
// database, not the cache, with a Django site.
//
// Entries expire natively: a ttl becomes SET's PX argument in whole
// milliseconds (rounded up), and a ttl <= 0 stores the entry without
// expiry. Add is SET NX and [Cache.Replace] is SET XX, each one atomic
// command.
//
// # Outages
//
// An error that means Redis cannot be reached right now (a refused or
// reset connection, a dial, read or write timeout, the pool's wait
// timeout, a server still LOADING its data, a failover, a closed client)
// wraps [cache.ErrUnavailable]: the cache session engine then answers 503,
// and cached_db falls back to the database. With the defaults a refused connection fails a call in about
// 100ms (one dial and three retries), and once a pool's worth of dials
// has failed, go-redis fails at once and probes the server every second:
// the cache works again by itself within about a second of Redis coming
// back. Other errors (a wrong password, a TLS failure, a caller's
// cancelled context) are returned wrapped as they are. No method panics,
// and errors never contain a key or a password.
//
// go-redis's own log lines (one per failed dial) go to slog.Default() at
// Debug level, since the same failure comes back as an error that the
// caller logs once; call go-redis's SetLogger after init to change that.
package redis
