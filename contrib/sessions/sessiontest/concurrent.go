package sessiontest

import (
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/manouche-go/manouche/framework/session"
)

const workers = 8

var concurrencyCases = []testCase{
	{"concurrent Creates of one key: exactly one wins", testConcurrentCreate},
	{"concurrent Saves of different keys all succeed", testConcurrentSaveKeys},
	{"concurrent Saves of one key: Load sees a whole value", testConcurrentSaveOneKey},
	{"Save racing Delete never brings the record back", testSaveRacingDelete},
}

// testSaveRacingDelete deletes a record while other requests keep saving
// it: once Delete has returned, the record stays deleted (in every layer
// of a store that has several, such as cached_db's cache and table).
func testSaveRacingDelete(t *testing.T, s session.Store) {
	key := newKey()
	mustCreate(t, s, key, "created", later())
	deleted := make(chan struct{})
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for {
				if err := s.Save(t.Context(), key, "saved", later()); err != nil && !errors.Is(err, session.ErrNotFound) {
					t.Errorf("Save: got %v, want nil or ErrNotFound", err)
					return
				}
				select {
				case <-deleted:
					return
				default:
				}
			}
		})
	}
	time.Sleep(20 * time.Millisecond)
	if err := s.Delete(t.Context(), key); err != nil {
		t.Fatalf("Delete: got %v, want nil", err)
	}
	close(deleted)
	wg.Wait()
	if _, err := s.Load(t.Context(), key); !errors.Is(err, session.ErrNotFound) {
		t.Errorf("Load after Delete: got %v, want ErrNotFound (a Save brought the record back)", err)
	}
}

func testConcurrentCreate(t *testing.T, s session.Store) {
	key := newKey()
	errs := make([]error, workers)
	var wg sync.WaitGroup
	for i := range workers {
		wg.Go(func() { errs[i] = s.Create(t.Context(), key, fmt.Sprint("winner ", i), later()) })
	}
	wg.Wait()
	winner := -1
	for i, err := range errs {
		switch {
		case err == nil && winner >= 0:
			t.Errorf("got Creates %d and %d both succeeding, want exactly one", winner, i)
		case err == nil:
			winner = i
		case !errors.Is(err, session.ErrKeyExists):
			t.Errorf("Create %d: got %v, want nil or ErrKeyExists", i, err)
		}
	}
	if winner < 0 {
		t.Fatalf("got no successful Create, want exactly one")
	}
	wantData(t, s, key, fmt.Sprint("winner ", winner))
}

func testConcurrentSaveKeys(t *testing.T, s session.Store) {
	keys := make([]string, workers)
	for i := range keys {
		keys[i] = newKey()
	}
	var wg sync.WaitGroup
	for i, key := range keys {
		wg.Go(func() {
			if err := s.Create(t.Context(), key, "v0", later()); err != nil {
				t.Errorf("Create %d: got %v, want nil", i, err)
				return
			}
			for n := 1; n <= 10; n++ {
				if err := s.Save(t.Context(), key, fmt.Sprint(i, "v", n), later()); err != nil {
					t.Errorf("Save %d/%d: got %v, want nil", i, n, err)
				}
			}
		})
	}
	wg.Wait()
	for i, key := range keys {
		wantData(t, s, key, fmt.Sprint(i, "v", 10))
	}
}

// testConcurrentSaveOneKey saves large values from several goroutines
// while another loads: every load must see one value whole, never a mix
// or a truncated write.
func testConcurrentSaveOneKey(t *testing.T, s session.Store) {
	key := newKey()
	value := func(g, n int) string {
		head := fmt.Sprintf("%d/%d:", g, n)
		return head + strings.Repeat(string(rune('a'+g)), 16<<10)
	}
	mustCreate(t, s, key, value(0, 0), later())
	stop := make(chan struct{})
	loaded := make(chan struct{})
	go func() {
		defer close(loaded)
		for {
			select {
			case <-stop:
				return
			default:
			}
			got, err := s.Load(t.Context(), key)
			if err != nil {
				t.Errorf("Load during Saves: got %v, want nil", err)
				return
			}
			if !wholeValue(got) {
				t.Errorf("Load during Saves: got a torn value %s", abbrev(got))
				return
			}
			time.Sleep(time.Millisecond)
		}
	}()
	var wg sync.WaitGroup
	for g := range workers {
		wg.Go(func() {
			for n := 1; n <= 10; n++ {
				if err := s.Save(t.Context(), key, value(g, n), later()); err != nil {
					t.Errorf("Save %d/%d: got %v, want nil", g, n, err)
				}
			}
		})
	}
	wg.Wait()
	close(stop)
	<-loaded
	got, _ := s.Load(t.Context(), key)
	if !wholeValue(got) || !strings.HasSuffix(strings.SplitN(got, ":", 2)[0], "/10") {
		t.Errorf("after the Saves: got %s, want one goroutine's last value", abbrev(got))
	}
}

// wholeValue reports whether v is "g/n:" followed by 16 KiB of one letter.
func wholeValue(v string) bool {
	head, body, ok := strings.Cut(v, ":")
	if !ok || head == "" || len(body) != 16<<10 {
		return false
	}
	return strings.Count(body, body[:1]) == len(body)
}
