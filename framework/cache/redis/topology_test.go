package redis_test

import (
	"errors"
	"fmt"
	"sync/atomic"
	"testing"
	"time"

	"github.com/manouche-go/manouche/framework/cache"
	"github.com/manouche-go/manouche/framework/cache/cachetest"
	"github.com/manouche-go/manouche/framework/cache/redis/redistest"
)

// conformanceOn runs cachetest on the private servers at url, each case
// under a key prefix of its own, with and without the near cache.
func conformanceOn(t *testing.T, url string) {
	var n atomic.Int64
	for _, opts := range []map[string]any{nil, near} {
		t.Run(fmt.Sprintf("near_cache=%v", opts != nil), func(t *testing.T) {
			cachetest.Run(t, func(t *testing.T) cache.Cache {
				return redistest.Open(t, url, fmt.Sprint("case", n.Add(1)), opts)
			})
		})
	}
}

func TestSentinel_conformance(t *testing.T) {
	conformanceOn(t, redistest.StartSentinel(t).URL)
}

func TestCluster_conformance(t *testing.T) {
	conformanceOn(t, redistest.StartCluster(t).URL)
}

// TestCluster_keysSpread checks that the cluster client sends each key to
// the master owning its slot: 60 keys land on all three masters.
func TestCluster_keysSpread(t *testing.T) {
	cl := redistest.StartCluster(t)
	c := redistest.Open(t, cl.URL, "site", nil)
	ctx := t.Context()
	for i := range 60 {
		mustOK(t, c.Set(ctx, fmt.Sprint("django.contrib.sessions.cache", i), []byte("v"), time.Minute))
	}
	total := int64(0)
	for _, node := range cl.Nodes {
		raw := redistest.Client(t, node.URL)
		n, err := raw.Do(ctx, raw.B().Dbsize().Build()).AsInt64()
		if err != nil {
			t.Fatal(err)
		}
		if n == 0 {
			t.Errorf("master %s holds no key, want some of the 60", node.URL)
		}
		total += n
	}
	if total != 60 {
		t.Errorf("got %d keys on the masters, want 60", total)
	}
}

// TestSentinel_followsFailover kills the master: once the sentinel has
// promoted the replica, the same Cache reads what it wrote before (the
// write waited for the replica: wait_replicas 1) and writes again.
func TestSentinel_followsFailover(t *testing.T) {
	s := redistest.StartSentinel(t)
	c := redistest.Open(t, s.URL, "site", map[string]any{"wait_replicas": 1})
	ctx := t.Context()
	mustOK(t, c.Set(ctx, "k", []byte("before"), time.Minute))
	s.Master.Stop()
	deadline := time.Now().Add(30 * time.Second)
	var err error
	for time.Now().Before(deadline) {
		var v []byte
		if v, _, err = c.Get(ctx, "k"); err == nil {
			if string(v) != "before" {
				t.Fatalf("after the failover: got %q, want %q", v, "before")
			}
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	if err != nil {
		t.Fatalf("no read within 30s of the master's death: %v", err)
	}
	if addr, err := s.MasterAddr(ctx); err != nil || addr != s.Replica.Addr() {
		t.Errorf("sentinel's master: got %q, %v, want the replica %s", addr, err, s.Replica.Addr())
	}
}

// TestSentinel_waitReplicas_everyWrite stops the replica (SIGSTOP, as a
// hung one): with wait_replicas 1, every kind of write then fails as an
// outage, because WAIT counts the replication of the write itself, not
// of an earlier write made on whichever connection carried the WAIT. Each
// write is made once first, while the replica answers, so that the
// connections have replicated writes behind them.
func TestSentinel_waitReplicas_everyWrite(t *testing.T) {
	s := redistest.StartSentinel(t)
	for _, opts := range []map[string]any{
		{"wait_replicas": 1, "wait_timeout": 0.2},
		{"wait_replicas": 1, "wait_timeout": 0.2, "near_cache": true},
	} {
		t.Run(fmt.Sprintf("near_cache=%v", opts["near_cache"] != nil), func(t *testing.T) {
			c := redistest.Open(t, s.URL, "wait", opts)
			ctx := t.Context()
			writes := map[string]func(v string) error{
				"set": func(v string) error { return c.Set(ctx, "set", []byte(v), time.Minute) },
				"add": func(v string) error {
					_, err := c.Add(ctx, "add"+v, []byte(v), time.Minute)
					return err
				},
				"replace": func(v string) error {
					_, err := c.Replace(ctx, "set", []byte(v), time.Minute)
					return err
				},
				"swap": func(v string) error {
					old, _, err := c.Get(ctx, "set")
					if err != nil {
						return err
					}
					swapped, err := c.Swap(ctx, "set", old, []byte(v), time.Minute)
					if err == nil && !swapped {
						return fmt.Errorf("swap over %q did not swap", old)
					}
					return err
				},
				"delete": func(v string) error { return c.Delete(ctx, "add"+v) },
			}
			// Swap first: the connections then have only replicated writes
			// behind them.
			order := []string{"swap", "set", "add", "replace", "delete"}
			mustOK(t, c.Set(ctx, "set", []byte("0"), time.Minute))
			for _, name := range order {
				if err := writes[name]("1"); err != nil {
					t.Fatalf("%s with the replica up: %v", name, err)
				}
			}
			mustOK(t, c.Set(ctx, "set", []byte("2"), time.Minute))
			s.Replica.Pause()
			defer s.Replica.Resume()
			for _, name := range order {
				if err := writes[name]("3"); !errors.Is(err, cache.ErrUnavailable) {
					t.Errorf("%s with the replica stopped: got %v, want an error wrapping cache.ErrUnavailable", name, err)
				}
			}
		})
	}
}
