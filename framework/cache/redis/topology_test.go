package redis_test

import (
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
