package sessiontest

import (
	"context"
	"testing"
	"time"

	"github.com/manouche-go/manouche/framework/session"
)

// benchKey is the session key Bench stores its data under.
const benchKey = "benchmarksessionkey0123456789abc"

// Bench measures a store's Load and Save of data under one key, an hour
// from expiry, as sub-benchmarks "Load" and "Save", and, when the store is
// a [session.ConditionalSaver], "SaveIf": the save with the comparison,
// whose ratio to "Save" is the cost of merging concurrent requests. Every
// store's benchmark file calls it, as its test file calls [Run]:
//
//	func BenchmarkStore(b *testing.B) { sessiontest.Bench(b, New(...), data) }
func Bench(b *testing.B, s session.Store, data string) {
	b.Helper()
	ctx := context.Background()
	if err := s.Create(ctx, benchKey, data, time.Now().Add(time.Hour)); err != nil {
		b.Fatalf("Create: %v", err)
	}
	b.Run("Load", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := s.Load(ctx, benchKey); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("Save", func(b *testing.B) {
		expiry := time.Now().Add(time.Hour)
		b.ReportAllocs()
		for b.Loop() {
			if err := s.Save(ctx, benchKey, data, expiry); err != nil {
				b.Fatal(err)
			}
		}
	})
	cs, ok := s.(session.ConditionalSaver)
	if !ok {
		return
	}
	b.Run("SaveIf", func(b *testing.B) {
		expiry := time.Now().Add(time.Hour)
		b.ReportAllocs()
		for b.Loop() {
			if err := cs.SaveIf(ctx, benchKey, data, data, expiry); err != nil {
				b.Fatal(err)
			}
		}
	})
}
