package redis_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/manouche-go/manouche/framework/cache"
	"github.com/manouche-go/manouche/framework/cache/cachetest"
	"github.com/manouche-go/manouche/framework/cache/redis"
	"github.com/manouche-go/manouche/framework/cache/redis/redistest"
)

var near = map[string]any{"near_cache": true}

func TestNearCache_conformance(t *testing.T) {
	u := redistest.URL(t)
	cachetest.Run(t, func(t *testing.T) cache.Cache { return redistest.Open(t, u, redistest.NewPrefix(t), near) })
}

// rounds is the length of the near cache's coherence loops: 10,000 as the
// issue asks, fewer with -short.
func rounds() int {
	if testing.Short() {
		return 1000
	}
	return 10000
}

// getCalls returns how many GETs the server at url has run.
func getCalls(t *testing.T, url string) int {
	t.Helper()
	cl := redistest.Client(t, url)
	info, err := cl.Do(t.Context(), cl.B().Info().Section("commandstats").Build()).ToString()
	if err != nil {
		t.Fatal(err)
	}
	for line := range strings.SplitSeq(info, "\r\n") {
		if rest, ok := strings.CutPrefix(line, "cmdstat_get:calls="); ok {
			n, _ := strconv.Atoi(rest[:strings.IndexByte(rest, ',')])
			return n
		}
	}
	return 0
}

func TestNearCache_readsStayInProcess(t *testing.T) {
	srv := redistest.StartServer(t)
	c := redistest.Open(t, srv.URL, "near", near)
	ctx := t.Context()
	if err := c.Set(ctx, "k", []byte("v"), time.Minute); err != nil {
		t.Fatal(err)
	}
	before := getCalls(t, srv.URL)
	for range 1000 {
		if v, ok, err := c.Get(ctx, "k"); string(v) != "v" || !ok || err != nil {
			t.Fatalf("got %q, %v, %v, want %q", v, ok, err, "v")
		}
	}
	if n := getCalls(t, srv.URL) - before; n > 5 {
		t.Errorf("1000 Gets of an unchanged key: got %d GETs on the server, want at most a few", n)
	}
	plain := redistest.Open(t, srv.URL, "near", nil)
	before = getCalls(t, srv.URL)
	for range 100 {
		plain.Get(ctx, "k")
	}
	if n := getCalls(t, srv.URL) - before; n != 100 {
		t.Errorf("without near_cache, 100 Gets: got %d GETs on the server, want 100", n)
	}
}

// TestNearCache_ownWrites checks that every write through one cache is
// read back by it at once, though the value before was near-cached.
func TestNearCache_ownWrites(t *testing.T) {
	c := redistest.Open(t, redistest.URL(t), redistest.NewPrefix(t), near)
	ctx := t.Context()
	want := func(i int, op string, wantV string, wantOK bool) {
		t.Helper()
		v, ok, err := c.Get(ctx, "k")
		if err != nil || ok != wantOK || string(v) != wantV {
			t.Fatalf("round %d, after %s: got %q, %v, %v, want %q, %v", i, op, v, ok, err, wantV, wantOK)
		}
	}
	for i := range rounds() / 4 {
		v := []byte(strconv.Itoa(i))
		mustOK(t, c.Set(ctx, "k", v, time.Minute))
		want(i, "Set", string(v), true)
		next := []byte(strconv.Itoa(i) + "r")
		if ok, err := c.Replace(ctx, "k", next, time.Minute); !ok || err != nil {
			t.Fatalf("Replace: got %v, %v", ok, err)
		}
		want(i, "Replace", string(next), true)
		if ok, err := c.Swap(ctx, "k", next, v, time.Minute); !ok || err != nil {
			t.Fatalf("Swap: got %v, %v", ok, err)
		}
		want(i, "Swap", string(v), true)
		mustOK(t, c.Delete(ctx, "k"))
		want(i, "Delete", "", false)
		if ok, err := c.Add(ctx, "k", next, time.Minute); !ok || err != nil {
			t.Fatalf("Add: got %v, %v", ok, err)
		}
		want(i, "Add", string(next), true)
	}
}

// TestNearCache_twoCaches is two caches sharing one Redis, each with its
// near cache: what one writes, the other reads on its very next Get, with
// nothing in between, for 10,000 writes in a row, alternating sides.
func TestNearCache_twoCaches(t *testing.T) {
	u, prefix := redistest.URL(t), redistest.NewPrefix(t)
	sides := [2]*redis.Cache{redistest.Open(t, u, prefix, near), redistest.Open(t, u, prefix, near)}
	ctx := t.Context()
	stale := 0
	for i := range rounds() {
		w, r := sides[i%2], sides[(i+1)%2]
		if _, _, err := r.Get(ctx, "session"); err != nil { // the reader holds the old value
			t.Fatal(err)
		}
		v := "visits=" + strconv.Itoa(i)
		mustOK(t, w.Set(ctx, "session", []byte(v), time.Minute))
		if got, ok, err := r.Get(ctx, "session"); string(got) != v || !ok || err != nil {
			stale++
			t.Errorf("write %d: the other cache read %q, %v, %v, want %q", i, got, ok, err, v)
			if stale > 5 {
				t.FailNow()
			}
		}
	}
}

// TestNearCache_twoServers is two servers sharing one Redis, each with
// its near cache, as a load balancer sees them: a request to one stores a
// value, and the very next request, to the other, reads it, for 10,000
// requests in a row alternating sides. Each reader holds the old value in
// its near cache when the other side writes.
func TestNearCache_twoServers(t *testing.T) {
	u, prefix := redistest.URL(t), redistest.NewPrefix(t)
	var servers [2]*httptest.Server
	for i := range servers {
		c := redistest.Open(t, u, prefix, near)
		servers[i] = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if v := r.URL.Query().Get("set"); v != "" {
				if err := c.Set(r.Context(), "session", []byte(v), time.Minute); err != nil {
					http.Error(w, err.Error(), http.StatusServiceUnavailable)
				}
				return
			}
			v, _, err := c.Get(r.Context(), "session")
			if err != nil {
				http.Error(w, err.Error(), http.StatusServiceUnavailable)
			}
			w.Write(v)
		}))
		t.Cleanup(servers[i].Close)
	}
	get := func(url string) string {
		t.Helper()
		resp, err := http.Get(url)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("GET %s: got %d %s", url, resp.StatusCode, b)
		}
		return string(b)
	}
	stale := 0
	for i := range rounds() {
		w, r := servers[i%2], servers[(i+1)%2]
		get(r.URL) // the reader holds the current value in its near cache
		want := "visits=" + strconv.Itoa(i)
		get(w.URL + "?set=" + want)
		if got := get(r.URL); got != want {
			stale++
			t.Errorf("write %d: the other server read %q on the next request, want %q", i, got, want)
			if stale > 5 {
				t.FailNow()
			}
		}
	}
}

// TestNearCache_lostConnection cuts the near cache's connection (CLIENT
// KILL), changes the key behind its back while it is cut, and reads it at
// once: Get answers the new value, never the one cached before the cut.
// Then it kills the server and starts it again, empty: no Get answers the
// value cached before.
func TestNearCache_lostConnection(t *testing.T) {
	srv := redistest.StartServer(t)
	c := redistest.Open(t, srv.URL, "near", near)
	raw := redistest.Client(t, srv.URL)
	ctx := t.Context()
	for i := range 100 {
		mustOK(t, c.Set(ctx, "k", []byte("cached"), time.Minute))
		if v, _, _ := c.Get(ctx, "k"); string(v) != "cached" {
			t.Fatalf("round %d: got %q, want %q", i, v, "cached")
		}
		if err := raw.Do(ctx, raw.B().ClientKill().TypeNormal().SkipmeYes().Build()).Error(); err != nil {
			t.Fatal(err)
		}
		want := fmt.Sprint("changed-", i)
		mustOK(t, raw.Do(ctx, raw.B().Set().Key(c.Key("k")).Value(want).Build()).Error())
		if v, ok, err := getSoon(ctx, c, "k"); string(v) != want || !ok {
			t.Fatalf("round %d, after CLIENT KILL: got %q, %v, %v, want %q", i, v, ok, err, want)
		}
	}
	srv.Stop()
	if _, _, err := c.Get(ctx, "k"); err == nil {
		t.Error("Redis down: got no error, want one (the near cache does not answer for a lost server)")
	}
	srv.Start() // empty: no persistence
	if v, ok, err := getSoon(ctx, c, "k"); ok || err != nil {
		t.Errorf("Redis restarted empty: got %q, %v, %v, want absent", v, ok, err)
	}
}

// getSoon is Get, tried again for up to 5 seconds while it fails with an
// outage (the client reconnecting). A value it returns is never a
// retried guess: each try asks the cache anew.
func getSoon(ctx context.Context, c *redis.Cache, key string) ([]byte, bool, error) {
	deadline := time.Now().Add(5 * time.Second)
	for {
		v, ok, err := c.Get(ctx, key)
		if err == nil || time.Now().After(deadline) {
			return v, ok, err
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func mustOK(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// TestKilledConnections_reads reads and writes from a few goroutines
// while another client kills every connection of the cache, again and
// again. Each Get answers the one value ever stored, or fails: never
// another. Under -race it also checks that a read rueidis sends again on
// a new connection is never recycled while the broken connection's
// writer may still hold it.
func TestKilledConnections_reads(t *testing.T) {
	srv := redistest.StartServer(t)
	raw := redistest.Client(t, srv.URL)
	for _, tt := range []struct {
		name string
		opts map[string]any
	}{{"plain", nil}, {"near", near}} {
		t.Run(tt.name, func(t *testing.T) {
			c := redistest.Open(t, srv.URL, redistest.NewPrefix(t), tt.opts)
			ctx := t.Context()
			mustOK(t, c.Set(ctx, "k", []byte("v"), time.Minute))
			done := make(chan struct{})
			var wg sync.WaitGroup
			var reads, fails atomic.Int64
			for range 4 {
				wg.Go(func() {
					for {
						select {
						case <-done:
							return
						default:
						}
						v, ok, err := c.Get(ctx, "k")
						reads.Add(1)
						if err != nil {
							fails.Add(1)
						} else if string(v) != "v" || !ok {
							t.Errorf("got %q, %v, want %q", v, ok, "v")
							return
						}
						c.Set(ctx, "other", []byte("x"), time.Minute)
					}
				})
			}
			for range 100 {
				time.Sleep(10 * time.Millisecond)
				raw.Do(ctx, raw.B().ClientKill().TypeNormal().SkipmeYes().Build())
			}
			close(done)
			wg.Wait()
			t.Logf("%d reads, %d failed", reads.Load(), fails.Load())
		})
	}
}

// TestNearCache_keysSharingACommandSlot reads more keys than the table of
// GET commands has slots, so that keys take each other's slots, each
// changed by another server's near cache between reads: every read
// answers its own key's latest value.
func TestNearCache_keysSharingACommandSlot(t *testing.T) {
	srv := redistest.StartServer(t)
	prefix := redistest.NewPrefix(t)
	c := redistest.Open(t, srv.URL, prefix, near)
	other := redistest.Open(t, srv.URL, prefix, near)
	ctx := t.Context()
	const keys = 5000 // over getCmdSlots (4,096)
	for round := range 2 {
		for i := range keys {
			k := fmt.Sprint("k", i)
			want := fmt.Sprint(k, "-", round)
			mustOK(t, other.Set(ctx, k, []byte(want), time.Minute))
			if v, ok, err := c.Get(ctx, k); string(v) != want || !ok || err != nil {
				t.Fatalf("round %d, key %s: got %q, %v, %v, want %q", round, k, v, ok, err, want)
			}
			if v, _, _ := c.Get(ctx, k); string(v) != want {
				t.Fatalf("round %d, key %s read again: got %q, want %q", round, k, v, want)
			}
		}
	}
}
