package examples_test

import (
	"fmt"
	"io"
	"net/http"
	"regexp"
	"strconv"
	"sync"
	"testing"

	"github.com/manouche-go/manouche/framework/cache"
	"github.com/manouche-go/manouche/framework/sitetest"
)

// The load of TestConcurrentRequests, per variant.
const (
	concurrentVisits = 100 // /catalog/ visits at once with one cookie
	concurrentPairs  = 200 // sessions, each written by two requests at once
	pairsInFlight    = 8
)

// TestConcurrentRequests sends the requests of one browser at once, as
// tabs and fetch() do: every visit is counted and writes to different
// keys are all kept.
func TestConcurrentRequests(t *testing.T) { forEachEngine(t, testConcurrentRequests) }

func testConcurrentRequests(t *testing.T, e *engineEnv) {
	switch e.engine {
	case "signed_cookies":
		t.Skip("signed_cookies: the cookie is the data, so concurrent requests cannot merge: the last cookie the browser keeps wins")
	case "cached_db":
		t.Skip("cached_db: its store has no SaveIf yet, so the last writer wins (issue 10, item 3)")
	case "cache":
		if _, ok := e.cache.(cache.Swapper); !ok {
			t.Skipf("the sessions cache (%T) is no cache.Swapper, so the cache engine cannot merge: the last writer wins", e.cache)
		}
	}
	t.Run("visits", func(t *testing.T) { testConcurrentVisits(t, e) })
	t.Run("pairs", func(t *testing.T) { testConcurrentPairs(t, e) })
}

var visitsText = regexp.MustCompile(`You have visited this page (\d+) times?\.`)

// testConcurrentVisits: one visit creates the session, then
// concurrentVisits visits at once; the next visit shows them all.
func testConcurrentVisits(t *testing.T, e *engineEnv) {
	c := e.srv.NewClient(t)
	if r := c.Get("/catalog/"); r.StatusCode != http.StatusOK {
		t.Fatalf("first visit: got %d, want 200", r.StatusCode)
	}
	var wg sync.WaitGroup
	for range concurrentVisits {
		wg.Go(func() {
			if status, body, err := get(c, "/catalog/"); err != nil || status != http.StatusOK {
				t.Errorf("visit: got %d, %v, want 200; body %.200q", status, err, body)
			}
		})
	}
	wg.Wait()
	r := c.Get("/catalog/")
	m := visitsText.FindStringSubmatch(r.Body)
	if m == nil {
		t.Fatalf("last visit: got %d %.300q, want the count", r.StatusCode, r.Body)
	}
	if n, _ := strconv.Atoi(m[1]); n != concurrentVisits+1 {
		t.Errorf("last visit shows %d visits before it, want %d", n, concurrentVisits+1)
	}
}

// testConcurrentPairs: concurrentPairs sessions, each with a visit, then
// /session/set/ and /session/username/set/?value=Ann at once; every
// session ends with both values.
func testConcurrentPairs(t *testing.T, e *engineEnv) {
	clients := make([]*sitetest.Client, concurrentPairs)
	for i := range clients {
		clients[i] = e.srv.NewClient(t)
		if r := clients[i].Get("/catalog/"); r.StatusCode != http.StatusOK {
			t.Fatalf("first visit: got %d, want 200", r.StatusCode)
		}
	}
	sem := make(chan struct{}, pairsInFlight)
	var wg sync.WaitGroup
	for _, c := range clients {
		sem <- struct{}{}
		wg.Go(func() {
			defer func() { <-sem }()
			var pair sync.WaitGroup
			for _, path := range []string{"/session/set/", "/session/username/set/?value=Ann"} {
				pair.Go(func() {
					if status, body, err := get(c, path); err != nil || status != http.StatusOK {
						t.Errorf("GET %s: got %d, %v, want 200; body %.200q", path, status, err, body)
					}
				})
			}
			pair.Wait()
		})
	}
	wg.Wait()
	lost := 0
	for i, c := range clients {
		data, _ := e.stored(t, c)
		if data["username"] != "Ann" || data["greeting"] == nil || fmt.Sprint(data["num_visits"]) != "1" {
			if lost++; lost <= 3 {
				t.Errorf("session %d: got %v, want greeting, username Ann and num_visits 1", i, data)
			}
		}
	}
	if lost > 0 {
		t.Errorf("got %d of %d pairs with a lost write, want 0", lost, concurrentPairs)
	}
}

// get GETs path with c's cookies from any goroutine (Client.Get may only
// fail the test from the test's own).
func get(c *sitetest.Client, path string) (int, string, error) {
	resp, err := c.HTTP.Get(c.URL(path))
	if err != nil {
		return 0, "", err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b), err
}
