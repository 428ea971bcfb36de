package cacheddbstore

import (
	"strings"
	"testing"

	"github.com/manouche-go/manouche/contrib/sessions/dbstore"
	"github.com/manouche-go/manouche/contrib/sessions/sessiontest"
	"github.com/manouche-go/manouche/framework/cache/locmem"
	"github.com/manouche-go/manouche/framework/cache/redis/redistest"
)

var benchData = strings.Repeat("x", 250)

// BenchmarkStore is a cache hit (Load, the common case) and a write of the
// SQLite row and the locmem entry (Save).
func BenchmarkStore(b *testing.B) {
	sessiontest.Bench(b, New(locmem.New(locmem.Options{}), dbstore.New(openDB(b), dbstore.Options{}), Options{}), benchData)
}

// BenchmarkStore_redis is the same with the cache on MANOUCHE_TEST_REDIS_URL.
func BenchmarkStore_redis(b *testing.B) {
	sessiontest.Bench(b, New(redistest.New(b), dbstore.New(openDB(b), dbstore.Options{}), Options{}), benchData)
}
