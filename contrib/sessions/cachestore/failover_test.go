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
// writes (the cache engine, through Sentinel, with wait_replicas 1) and,
// once the sentinel has ended the failover, brings it back empty as a
// replica of the promoted one that the sentinel never promotes. (Brought
// back as an empty master, or as a promotable replica still empty, it is
// one more failover away from being promoted and wiping the other: seen
// in about one run in five under CI's load, when the sentinel took the
// busy new master for down.) See testFailover for what is checked.
func TestFailover_sentinel(t *testing.T) {
	s := redistest.StartSentinel(t)
	testFailover(t, s.URL, s.Master, func() bool {
		done, err := s.FailedOver(t.Context())
		return err == nil && done
	}, func() { s.Master.StartReplicaOf(s.Replica) })
}

// TestFailover_cluster kills one of a Cluster's three masters under the
// same load; the cluster promotes its replica (after the node timeout, 2
// s), and the old master comes back empty, as the new one's replica.
func TestFailover_cluster(t *testing.T) {
	cl := redistest.StartReplicatedCluster(t)
	testFailover(t, cl.URL, cl.Nodes[0], func() bool {
		role, _, err := redistest.Role(cl.Replicas[0])
		return err == nil && role == "master"
	}, cl.Nodes[0].Start)
}

// testFailover runs 4 writers of sessions (Create, then Save, then SaveIf
// over the data saved, so every kind of write the cache engine makes)
// through url with wait_replicas 1, kills master, waits until promoted
// reports its replica promoted, and brings master back with restart.
// Every session whose write was acknowledged is there afterwards with its
// last acknowledged data or a later one; writes failed in between wrap
// session.ErrUnavailable (the 503s, counted in the log). With one
// replica and wait_replicas 1, writes to the master's keys fail from the
// kill until the old master is back as a replica: the price of
// acknowledging only replicated writes.
func testFailover(t *testing.T, url string, master *redistest.Server, promoted func() bool, restart func()) {
	store := New(redistest.Open(t, url, "failover", map[string]any{"wait_replicas": 1, "wait_timeout": 0.5}), Options{})
	saver, ok := store.(session.ConditionalSaver)
	if !ok {
		t.Fatalf("the cache engine over Redis is a %T, want a session.ConditionalSaver", store)
	}
	ctx, stop := context.WithCancel(t.Context())
	var (
		mu                sync.Mutex
		acked             = map[string]string{} // session key → last acknowledged data
		done, unavailable atomic.Int64
		wg                sync.WaitGroup
	)
	exp := time.Now().Add(time.Hour)
	for w := range 4 {
		wg.Go(func() {
			for i := 0; ctx.Err() == nil; i++ {
				key := fmt.Sprintf("w%dsession%06d%012d", w, i/4, 0)
				data := fmt.Sprint("visits=", i%4)
				var err error
				switch i % 4 {
				case 0:
					err = store.Create(ctx, key, data, exp)
				case 3:
					mu.Lock()
					old, saved := acked[key]
					mu.Unlock()
					if !saved {
						continue // the session's earlier writes failed
					}
					err = saver.SaveIf(ctx, key, old, data, exp)
				default:
					err = store.Save(ctx, key, data, exp)
				}
				switch {
				case err == nil:
					done.Add(1)
					mu.Lock()
					acked[key] = data
					mu.Unlock()
				case errors.Is(err, session.ErrUnavailable):
					unavailable.Add(1)
					time.Sleep(10 * time.Millisecond)
				case ctx.Err() != nil, errors.Is(err, session.ErrNotFound), errors.Is(err, session.ErrKeyExists),
					errors.Is(err, session.ErrConflict):
					// the Create of this session failed in the outage, or
					// a write landed though its answer was lost
				default:
					t.Errorf("write: got %v, want nil or an outage", err)
				}
			}
		})
	}
	time.Sleep(time.Second)
	before := done.Load()
	master.Stop()
	failedAt := time.Now()
	waitFor(t, 30*time.Second, "the replica's promotion", promoted)
	promotedAfter := time.Since(failedAt)
	restart() // empty, as after a crash without persistence
	mark := done.Load()
	waitFor(t, 30*time.Second, "writes to succeed again", func() bool { return done.Load() > mark+100 })
	resumed := time.Since(failedAt)
	stop()
	wg.Wait()
	t.Logf("writes acknowledged: %d before the kill, %d in all; %d failed with an outage (503); "+
		"replica promoted after %v, writes acknowledged again after %v",
		before, done.Load(), unavailable.Load(), promotedAfter.Round(time.Millisecond), resumed.Round(time.Millisecond))

	// A write that failed may still have landed (its WAIT timed out, or
	// its answer was lost): a session may hold a later visit than the last
	// acknowledged one, never an earlier one.
	check := New(redistest.Open(t, url, "failover", nil), Options{})
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
