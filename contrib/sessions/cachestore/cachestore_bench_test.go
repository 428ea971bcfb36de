package cachestore

import (
	"strings"
	"testing"

	"github.com/manouche-go/manouche/contrib/sessions/sessiontest"
	"github.com/manouche-go/manouche/framework/cache/locmem"
	"github.com/manouche-go/manouche/framework/cache/redis/redistest"
)

var benchData = strings.Repeat("x", 250)

// BenchmarkStore is the locmem cache engine's Load and Save.
func BenchmarkStore(b *testing.B) {
	sessiontest.Bench(b, New(locmem.New(locmem.Options{}), Options{}), benchData)
}

// BenchmarkStore_redis is the same on MANOUCHE_TEST_REDIS_URL (Save is an
// atomic SET XX PX).
func BenchmarkStore_redis(b *testing.B) {
	sessiontest.Bench(b, New(redistest.New(b), Options{}), benchData)
}
