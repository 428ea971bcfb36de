package redis_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/manouche-go/manouche/framework/cache/redis"
	"github.com/manouche-go/manouche/framework/cache/redis/redistest"
)

// The benchmarks run against MANOUCHE_TEST_REDIS_URL and measure a round
// trip to it: on one machine, mostly the loopback and Redis itself.

func BenchmarkGet(b *testing.B) {
	c := redistest.New(b)
	ctx := context.Background()
	val := make([]byte, 256)
	keys := make([]string, 100)
	for i := range keys {
		keys[i] = fmt.Sprintf("django.contrib.sessions.cache%032d", i)
		if err := c.Set(ctx, keys[i], val, time.Hour); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		if _, ok, err := c.Get(ctx, keys[i%len(keys)]); !ok || err != nil {
			b.Fatal("miss", err)
		}
		i++
	}
}

func BenchmarkSet(b *testing.B) {
	c := redistest.New(b)
	ctx := context.Background()
	val := make([]byte, 256)
	keys := make([]string, 100)
	for i := range keys {
		keys[i] = fmt.Sprintf("django.contrib.sessions.cache%032d", i)
	}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		if err := c.Set(ctx, keys[i%len(keys)], val, time.Hour); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

// BenchmarkGetParallel is many requests reading sessions at once,
// pipelined by the client on its connections.
func BenchmarkGetParallel(b *testing.B) { getParallel(b, redistest.New(b)) }

// BenchmarkGetParallel_near is the same with the near cache: reads of an
// unchanged key are answered in the process.
func BenchmarkGetParallel_near(b *testing.B) {
	getParallel(b, redistest.Open(b, redistest.URL(b), redistest.NewPrefix(b), map[string]any{"near_cache": true}))
}

func getParallel(b *testing.B, c *redis.Cache) {
	ctx := context.Background()
	if err := c.Set(ctx, "k", make([]byte, 256), time.Hour); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.SetParallelism(8)
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if _, _, err := c.Get(ctx, "k"); err != nil {
				b.Error(err)
				return
			}
		}
	})
}
