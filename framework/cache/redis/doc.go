// Package redis is a [cache.Cache] on Redis, the Go form of Django's
// django.core.cache.backends.redis.RedisCache, built on
// github.com/redis/rueidis, whose automatic pipelining sends the commands
// of concurrent requests together on a few connections. It registers
// itself with [cache.Register] as backend "redis" and under Django's
// dotted names "django.core.cache.backends.redis.RedisCache" and
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
// LOCATION is one URL:
//
//	redis://[user:password@]host[:port][/db]     one server (port 6379, database 0 by default)
//	rediss://...                                 the same over TLS
//	unix:///path/to/redis.sock                   a Unix socket (?db=N for the database)
//	redis+sentinel://host:port,host:port/master[/db]   the master named master, found through
//	                                             these sentinels (write their port, usually 26379),
//	                                             followed through failovers
//	redis+cluster://host:port,host:port          a Redis Cluster, found from any of these nodes;
//	                                             database 0 only
//
// rediss+sentinel:// and rediss+cluster:// use TLS. The URL's query
// parameters are OPTIONS too (?near_cache=true&dial_timeout=2s); OPTIONS
// win over them. A password in LOCATION is never repeated in errors;
// prefer OPTIONS password, which can come from the environment
// (MANOUCHE_CACHES_SESSIONS_OPTIONS_PASSWORD).
//
// OPTIONS (the settings loader lower-cases their names):
//
//	near_cache           true to keep read values in process (see Near cache); default false
//	near_cache_ttl       longest an entry stays near; default 60s
//	near_cache_size      bytes of near cache per connection; default 32 MiB
//	wait_replicas        writes wait until this many replicas have them (WAIT); default 0
//	wait_timeout         how long a write waits for them; default 1s
//	dial_timeout (or socket_connect_timeout)   default 5s
//	socket_timeout, read_timeout, write_timeout   how long a connection may go unanswered
//	                     before it is closed (the longest given); default 10s
//	max_retries          retries of a read after a network error; default 3, -1 or 0 for none
//	username, password, db   as in LOCATION
//	sentinel_username, sentinel_password   the sentinels' own credentials
//	tls                  true to use TLS (as rediss:// does), false to turn it off
//	insecure_skip_verify true to accept any server certificate (implies tls)
//	pool_size (or max_connections)   connections for WAIT; default 1024 (rueidis pipelines
//	                     everything else on 1 to 4 connections per server)
//	min_idle_conns, min_idle, dialer_retries, pool_timeout   go-redis's: accepted, no effect
//	client_class, parser_class, pool_class   Django's class paths: accepted and ignored
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
// expiry. Add is SET NX, [Cache.Replace] is SET XX, and [Cache.Swap] is
// one Lua script (GET, compare, SET), each atomic on the server.
//
// # Near cache
//
// With near_cache: true, Get keeps what it read in the process, and Redis
// tracks which keys each connection holds (RESP3 CLIENT TRACKING,
// rueidis's client-side caching; Redis 6 or later): when any client
// changes a key, Redis tells every connection that holds it, and the
// entry is dropped. A session read again and again is then read from
// memory. Two guarantees make it safe for sessions shared by several
// servers (log out on one, logged out on all at the next request):
//
//   - Every write through a Cache (Set, Add, Replace, Swap, Delete) ends
//     with one more command on the key, sent once the write is answered,
//     so on a later turn of Redis's event loop than the write: when the
//     write returns, Redis has already sent its invalidation to every
//     other connection holding the key, and this process has applied its
//     own.
//   - A Get answers from memory only while every connection of the Cache
//     has applied everything it received (its reader waits with nothing
//     left in the socket, checked with poll(2)); otherwise it asks Redis.
//     An invalidation that has reached this machine, or a connection that
//     has closed, is never outrun by a read from memory. A lost
//     connection empties its near cache.
//
// Across a network, an invalidation still travels for one network delay
// after the writer's answer, which the next request of a user has to
// travel too. A connection that goes silent without closing (a network
// partition) is noticed after socket_timeout; set it low with the near
// cache. Where there is no poll(2) (Windows), every Get asks Redis. The
// near cache uses one connection per server.
//
// # Sentinel, Cluster and failover
//
// Through Sentinel, the client asks the sentinels for the master, and
// follows them to the new master after a failover; reads that fail in
// between are retried (max_retries), writes fail as outages. Redis
// replicates asynchronously: a write the old master acknowledged may not
// have reached the replica that replaces it. wait_replicas: 1 makes every
// write wait (WAIT 1 wait_timeout) until a replica has it, so a write
// acknowledged is a write replicated; the cost is a round trip to the
// replica on every write, and writes fail (503) while no replica answers,
// as after the master's failover until it is back as a replica. With the
// near cache, WAIT follows the write on the one connection, holding up
// the commands behind it for that round trip. A Cluster spreads keys
// over its masters by hash slot and promotes a master's replica when the
// master dies; wait_replicas works there as through Sentinel, WAIT going
// to the master of the key written, on the write's own connection.
//
// # Outages
//
// An error that means Redis cannot be reached right now (a refused or
// reset connection, a dial or read timeout, a server still LOADING its
// data, a READONLY replica or MASTERDOWN during a failover, a Cluster's
// TRYAGAIN or CLUSTERDOWN, too many clients, a write no replica
// acknowledged in time, a closed client) wraps [cache.ErrUnavailable]: the
// cache session engine then answers 503, and cached_db falls back to the
// database. The client connects on first use; while Redis is down a
// refused call fails in a few milliseconds (reads after 3 retries, about
// 60ms), a new connection is tried at most once a second, and the cache
// works again by itself once Redis is back. Other errors (a wrong
// password, a TLS failure, a caller's cancelled context) are returned
// wrapped as they are. No method panics, and errors never contain a key
// or a password.
package redis
