package cachestore

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/manouche-go/manouche/framework/cache/redis/redistest"
	"github.com/manouche-go/manouche/framework/session"
)

// TestFailover_sentinel kills the Redis master under a load of session
// writes (the cache engine, through Sentinel, with wait_replicas 1) and
// brings it back as it would come back in production, empty: the
// sentinel makes it a replica of the promoted one. Every session whose
// Create or Save was acknowledged is there afterwards with its last
// acknowledged data or a later one; writes failed in between wrap
// session.ErrUnavailable (the 503s, counted in the log). With one replica
// and wait_replicas 1, writes fail from the kill until the old master is
// back as a replica: the price of acknowledging only replicated writes.
func TestFailover_sentinel(t *testing.T) {
	s := redistest.StartSentinel(t)
	c := redistest.Open(t, s.URL, "failover", map[string]any{"wait_replicas": 1, "wait_timeout": 0.5})
	store := New(c, Options{})
	ctx, stop := context.WithCancel(t.Context())
	var (
		mu                   sync.Mutex
		acked                = map[string]string{} // session key → last acknowledged data
		ok, unavailable, bad atomic.Int64
		wg                   sync.WaitGroup
	)
	exp := time.Now().Add(time.Hour)
	for w := range 4 {
		wg.Go(func() {
			for i := 0; ctx.Err() == nil; i++ {
				key := fmt.Sprintf("w%dsession%06d%012d", w, i/4, 0)
				data := fmt.Sprint("visits=", i%4)
				var err error
				if i%4 == 0 {
					err = store.Create(ctx, key, data, exp)
				} else {
					err = store.Save(ctx, key, data, exp)
				}
				switch {
				case err == nil:
					ok.Add(1)
					mu.Lock()
					acked[key] = data
					mu.Unlock()
				case errors.Is(err, session.ErrUnavailable):
					unavailable.Add(1)
					time.Sleep(10 * time.Millisecond)
				case ctx.Err() != nil, errors.Is(err, session.ErrNotFound), errors.Is(err, session.ErrKeyExists):
					// the Create of this session failed in the outage, or
					// it landed though its answer was lost
				default:
					bad.Add(1)
					t.Errorf("write: got %v, want nil or an outage", err)
				}
			}
		})
	}
	time.Sleep(time.Second)
	before := ok.Load()
	s.Master.Stop()
	failedAt := time.Now()
	waitFor(t, 30*time.Second, "the sentinel to promote the replica", func() bool {
		addr, err := s.MasterAddr(t.Context())
		return err == nil && addr == s.Replica.Addr()
	})
	promoted := time.Since(failedAt)
	s.Master.Start() // empty, as after a crash without persistence
	mark := ok.Load()
	waitFor(t, 30*time.Second, "writes to succeed again", func() bool { return ok.Load() > mark+100 })
	resumed := time.Since(failedAt)
	stop()
	wg.Wait()
	t.Logf("writes acknowledged: %d before the kill, %d in all; %d failed with an outage (503); "+
		"replica promoted after %v, writes acknowledged again after %v",
		before, ok.Load(), unavailable.Load(), promoted.Round(time.Millisecond), resumed.Round(time.Millisecond))

	// A write that failed may still have landed (its WAIT timed out, or
	// its answer was lost): a session may hold a later visit than the last
	// acknowledged one, never an earlier one.
	check := New(redistest.Open(t, s.URL, "failover", nil), Options{})
	lost := 0
	for key, data := range acked {
		got, err := check.Load(t.Context(), key)
		if err != nil || got < data { // "visits=N", N one digit
			if lost++; lost <= 5 {
				t.Errorf("session %s: got %q, %v, want %q (acknowledged before or during the failover)", key, got, err, data)
			}
		}
	}
	if lost > 0 || len(acked) == 0 {
		t.Errorf("%d of %d acknowledged sessions lost", lost, len(acked))
	}
}

func waitFor(t *testing.T, limit time.Duration, what string, done func() bool) {
	t.Helper()
	deadline := time.Now().Add(limit)
	for !done() {
		if time.Now().After(deadline) {
			t.Fatalf("waited %v for %s", limit, what)
		}
		time.Sleep(50 * time.Millisecond)
	}
}
