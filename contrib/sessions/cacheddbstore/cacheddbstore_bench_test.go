package cacheddbstore

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/manouche-go/manouche/contrib/sessions/dbstore"
	"github.com/manouche-go/manouche/framework/cache/locmem"
	"github.com/manouche-go/manouche/framework/cache/redis/redistest"
)

var benchData = strings.Repeat("x", 250)

func benchStore(b *testing.B) *Store {
	s := New(locmem.New(locmem.Options{}), dbstore.New(openDB(b), dbstore.Options{}), Options{})
	if err := s.Create(context.Background(), key, benchData, time.Now().Add(time.Hour)); err != nil {
		b.Fatal(err)
	}
	return s
}

// BenchmarkLoad is a cache hit, the common case.
func BenchmarkLoad(b *testing.B) {
	s := benchStore(b)
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := s.Load(ctx, key); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSave writes the row and the cache entry.
func BenchmarkSave(b *testing.B) {
	s := benchStore(b)
	ctx := context.Background()
	exp := time.Now().Add(time.Hour)
	b.ReportAllocs()
	for b.Loop() {
		if err := s.Save(ctx, key, benchData, exp); err != nil {
			b.Fatal(err)
		}
	}
}

func benchRedisStore(b *testing.B) *Store {
	s := New(redistest.New(b), dbstore.New(openDB(b), dbstore.Options{}), Options{})
	if err := s.Create(context.Background(), key, benchData, time.Now().Add(time.Hour)); err != nil {
		b.Fatal(err)
	}
	return s
}

// BenchmarkLoad_redis is a cache hit on MANOUCHE_TEST_REDIS_URL.
func BenchmarkLoad_redis(b *testing.B) {
	s := benchRedisStore(b)
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := s.Load(ctx, key); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSave_redis writes the SQLite row and replaces the Redis entry.
func BenchmarkSave_redis(b *testing.B) {
	s := benchRedisStore(b)
	ctx := context.Background()
	exp := time.Now().Add(time.Hour)
	b.ReportAllocs()
	for b.Loop() {
		if err := s.Save(ctx, key, benchData, exp); err != nil {
			b.Fatal(err)
		}
	}
}
