package locmem

import (
	"context"
	"fmt"
	"testing"
	"time"
)

func BenchmarkGet(b *testing.B) {
	ctx := context.Background()
	c := New(Options{})
	val := make([]byte, 256)
	keys := make([]string, 1000)
	for i := range keys {
		keys[i] = fmt.Sprintf("django.contrib.sessions.cache%032d", i)
		c.Set(ctx, keys[i], val, time.Hour)
	}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		if _, ok, _ := c.Get(ctx, keys[i%len(keys)]); !ok {
			b.Fatal("miss")
		}
		i++
	}
}

func BenchmarkSet(b *testing.B) {
	ctx := context.Background()
	c := New(Options{})
	val := make([]byte, 256)
	keys := make([]string, 1000)
	for i := range keys {
		keys[i] = fmt.Sprintf("django.contrib.sessions.cache%032d", i)
	}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		c.Set(ctx, keys[i%len(keys)], val, time.Hour)
		i++
	}
}

func BenchmarkGetParallel(b *testing.B) {
	ctx := context.Background()
	c := New(Options{})
	c.Set(ctx, "k", make([]byte, 256), time.Hour)
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			c.Get(ctx, "k")
		}
	})
}
