package cachestore

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/manouche-go/manouche/framework/cache/locmem"
	"github.com/manouche-go/manouche/framework/cache/redis/redistest"
)

var benchData = strings.Repeat("x", 250)

func benchStore(b *testing.B) *Store {
	s := New(locmem.New(locmem.Options{}), Options{})
	if err := s.Create(context.Background(), key, benchData, time.Now().Add(time.Hour)); err != nil {
		b.Fatal(err)
	}
	return s
}

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
	s := New(redistest.New(b), Options{})
	if err := s.Create(context.Background(), key, benchData, time.Now().Add(time.Hour)); err != nil {
		b.Fatal(err)
	}
	return s
}

// BenchmarkLoad_redis is a session read from MANOUCHE_TEST_REDIS_URL.
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

// BenchmarkSave_redis is an atomic replace (SET XX PX) on
// MANOUCHE_TEST_REDIS_URL.
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
