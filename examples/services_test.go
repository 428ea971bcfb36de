package examples_test

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"io"
	"os"
	"testing"
	"time"

	"github.com/manouche-go/manouche/framework/cache"
	"github.com/manouche-go/manouche/framework/cache/redis/redistest"
	"github.com/manouche-go/manouche/framework/settings"
	"github.com/manouche-go/manouche/framework/sitetest"
)

// variant is one configuration the examples run with: a SESSION_ENGINE
// and the servers behind it.
type variant struct {
	name   string // the subtest name: the engine, then /servers if any
	engine string // SESSION_ENGINE
	// database is DATABASES.default's server: "postgres", "mysql", or ""
	// for a SQLite file.
	database string
	// redis puts the sessions' cache (CACHES.sessions, chosen by
	// SESSION_CACHE_ALIAS) on Redis; otherwise it is the test locmem.
	redis bool
}

// variants are the configurations every test runs with: each engine on
// SQLite files and the test locmem cache, then the engines that use a
// server on the servers a site that outgrows one machine would use.
// cached_db on Redis and SQLite is left out: cached_db/redis+postgres runs
// the same cached_db code over the same Redis cache, and cache/redis and
// cached_db already cover each half of it on its own.
var variants = []variant{
	{name: "db", engine: "db"},
	{name: "file", engine: "file"},
	{name: "cache", engine: "cache"},
	{name: "cached_db", engine: "cached_db"},
	{name: "signed_cookies", engine: "signed_cookies"},
	{name: "db/postgres", engine: "db", database: "postgres"},
	{name: "db/mysql", engine: "db", database: "mysql"},
	{name: "cache/redis", engine: "cache", redis: true},
	{name: "cached_db/redis+postgres", engine: "cached_db", database: "postgres", redis: true},
}

// serverEnv names the variable holding each server's URL.
var serverEnv = map[string]string{
	"postgres": "MANOUCHE_TEST_POSTGRES_DSN", // postgres://postgres@127.0.0.1:5432/test?sslmode=disable
	"mysql":    "MANOUCHE_TEST_MYSQL_DSN",    // mysql://root@127.0.0.1:3306/test
	"redis":    redistest.EnvURL,             // redis://127.0.0.1:6379/0
}

// requireServices skips t, or fails it when MANOUCHE_REQUIRE_SERVICES=1,
// unless the variant's servers are configured.
func (v variant) requireServices(t *testing.T) {
	t.Helper()
	if v.database != "" {
		sitetest.ServiceURL(t, serverEnv[v.database])
	}
	if v.redis {
		sitetest.ServiceURL(t, serverEnv["redis"])
	}
}

// lookupVariant returns the variant called name.
func lookupVariant(t testing.TB, name string) variant {
	t.Helper()
	for _, v := range variants {
		if v.name == name {
			return v
		}
	}
	t.Fatalf("no variant %q", name)
	return variant{}
}

// useServers points the variant's settings at its servers: a new database
// on the database server, and CACHES.sessions on Redis under a new
// KEY_PREFIX. close removes both.
func (e *engineEnv) useServers() error {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if e.database != "" {
		u, drop, err := sitetest.NewDatabase(ctx, os.Getenv(serverEnv[e.database]))
		if err != nil {
			return err
		}
		e.cleanups = append(e.cleanups, func() error {
			ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
			defer cancel()
			return drop(ctx)
		})
		e.settings.Databases["default"] = settings.Database{Engine: e.database, URL: u}
	}
	if e.redis {
		return e.useRedis(ctx, os.Getenv(serverEnv["redis"]))
	}
	return nil
}

// useRedis makes CACHES.sessions a Redis cache with a KEY_PREFIX of its
// own, and opens the same cache for the tests to read.
func (e *engineEnv) useRedis(ctx context.Context, u string) error {
	var b [8]byte
	rand.Read(b[:])
	prefix := "manouche-examples-" + hex.EncodeToString(b[:])
	e.settings.Caches["sessions"] = settings.Cache{Backend: "redis", Location: u, KeyPrefix: prefix}
	e.settings.SessionCacheAlias = "sessions"
	c, err := cache.Open(cache.Config{Backend: "redis", Location: u, KeyPrefix: prefix})
	if err != nil {
		return err
	}
	e.cache = c
	e.cleanups = append(e.cleanups, func() error {
		err := redistest.DeleteKeys(u, prefix+":*")
		if cl, ok := c.(io.Closer); ok {
			err = errors.Join(err, cl.Close())
		}
		return err
	})
	return cache.Ping(ctx, c)
}

// close stops the variant's server, closes its database connections and
// removes what useServers created.
func (e *engineEnv) close() error {
	if e.srv != nil {
		e.srv.Close()
		if g, err := e.srv.Site.Env.DB(); err == nil {
			if sqlDB, err := g.DB(); err == nil {
				sqlDB.Close()
			}
		}
	}
	var errs []error
	for i := len(e.cleanups) - 1; i >= 0; i-- {
		errs = append(errs, e.cleanups[i]())
	}
	return errors.Join(errs...)
}
