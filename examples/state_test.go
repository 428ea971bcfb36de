package examples_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/manouche-go/manouche/framework/cache"
	"github.com/manouche-go/manouche/framework/cache/locmem"
	"github.com/manouche-go/manouche/framework/signing"
	"github.com/manouche-go/manouche/framework/sitetest"
)

// testCacheBackend is the CACHES backend of the test sites: a locmem cache
// per LOCATION that the tests can also read, to check what the cache and
// cached_db engines stored.
const testCacheBackend = "examples-test-locmem"

// Django's storage names, which the engines keep for interoperability.
const (
	cacheKeyPrefix    = "django.contrib.sessions.cache"                   // cache and cached_db keys
	signedCookiesSalt = "django.contrib.sessions.backends.signed_cookies" // signed_cookies
)

var testCaches = struct {
	sync.Mutex
	m map[string]*locmem.Cache
}{m: map[string]*locmem.Cache{}}

func init() {
	cache.Register(testCacheBackend, func(cfg cache.Config) (cache.Cache, error) { return testCache(cfg.Location), nil })
}

// testCache returns the shared test cache of a LOCATION.
func testCache(location string) *locmem.Cache {
	testCaches.Lock()
	defer testCaches.Unlock()
	c, ok := testCaches.m[location]
	if !ok {
		c = locmem.New(locmem.Options{})
		testCaches.m[location] = c
	}
	return c
}

// hasRecords reports whether the engine keeps server-side records (all
// but signed_cookies, whose cookie is the data).
func (e *engineEnv) hasRecords() bool { return e.engine != "signed_cookies" }

// stored returns the data the engine holds for the client's session, read
// from the engine's own storage, and whether there is a live record.
func (e *engineEnv) stored(t *testing.T, c *sitetest.Client) (map[string]any, bool) {
	t.Helper()
	key, ok := c.Cookie(cookieName)
	if !ok {
		return nil, false
	}
	return e.storedKey(t, key)
}

// storedKey is [engineEnv.stored] for a session key (a cookie value).
func (e *engineEnv) storedKey(t *testing.T, key string) (map[string]any, bool) {
	t.Helper()
	var (
		raw string
		ok  bool
		err error
	)
	switch e.engine {
	case "db":
		raw, ok, err = e.dbRecord(key)
	case "cached_db":
		raw, ok, err = e.dbRecord(key)
		if err == nil {
			err = e.wantCached(key, raw, ok)
		}
	case "file":
		raw, ok, err = e.fileRecord(key)
	case "cache":
		raw, ok, err = e.cacheRecord(key)
	case "signed_cookies":
		return e.cookieRecord(t, key)
	}
	if err != nil {
		t.Fatalf("stored session (%s): %v", e.name, err)
	}
	if !ok {
		return nil, false
	}
	return dictMap(e.codec.Decode(raw)), true
}

// dbRecord reads the live django_session row of key.
func (e *engineEnv) dbRecord(key string) (string, bool, error) {
	db, err := e.srv.Site.Env.DB()
	if err != nil {
		return "", false, err
	}
	var rows []struct {
		SessionData string
		ExpireDate  time.Time
	}
	err = db.WithContext(context.Background()).
		Raw("SELECT session_data, expire_date FROM django_session WHERE session_key = ?", key).Scan(&rows).Error
	if err != nil || len(rows) == 0 {
		return "", false, err
	}
	if !rows[0].ExpireDate.After(time.Now()) {
		return "", false, nil
	}
	return rows[0].SessionData, true, nil
}

// wantCached checks that cached_db's cache agrees with its database row:
// a live row may be cached (then with the same data); no row, no entry.
func (e *engineEnv) wantCached(key, row string, live bool) error {
	raw, ok, err := e.cacheRecord(key)
	switch {
	case err != nil:
		return err
	case ok && !live:
		return errors.New("the cache holds a session the database does not")
	case ok && raw != row:
		return errors.New("the cache and the database hold different data")
	}
	return nil
}

// fileRecord reads the session file, named as Django names it:
// SESSION_FILE_PATH/<SESSION_COOKIE_NAME><key>.
func (e *engineEnv) fileRecord(key string) (string, bool, error) {
	if filepath.Base(key) != key {
		return "", false, nil // a key with a path separator can have no file
	}
	b, err := os.ReadFile(filepath.Join(e.settings.SessionFilePath, cookieName+key))
	if errors.Is(err, os.ErrNotExist) {
		return "", false, nil
	}
	return string(b), err == nil, err
}

// cacheRecord reads the cache entry of key in the sessions' cache.
func (e *engineEnv) cacheRecord(key string) (string, bool, error) {
	b, ok, err := e.cache.Get(context.Background(), cacheKeyPrefix+key)
	return string(b), ok, err
}

// cookieRecord decodes a signed_cookies session cookie.
func (e *engineEnv) cookieRecord(t *testing.T, value string) (map[string]any, bool) {
	t.Helper()
	v, err := signing.Loads(value, signing.LoadOptions{
		Options: signing.Options{Key: testSecretKey, Salt: signedCookiesSalt},
		MaxAge:  defaultAge * time.Second,
	})
	if err != nil {
		return nil, false
	}
	m, ok := v.(map[string]any)
	if !ok {
		t.Fatalf("signed cookie: got a %T, want a JSON object", v)
	}
	return m, true
}

// dictMap copies a session Dict into a map.
func dictMap(d *signing.Dict) map[string]any {
	m := make(map[string]any, d.Len())
	for _, k := range d.Keys() {
		m[k], _ = d.Get(k)
	}
	return m
}
