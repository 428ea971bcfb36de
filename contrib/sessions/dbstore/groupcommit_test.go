package dbstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/manouche-go/manouche/framework/session"
)

// hammer runs writers goroutines, each creating its session and then
// saving it rounds times with SaveIf, as merging requests do; each checks
// that every write succeeded and that its session holds its last data.
func hammer(t *testing.T, s *Store, writers, rounds int) {
	t.Helper()
	ctx := context.Background()
	expiry := time.Now().Add(time.Hour)
	<-atOnce(writers, func(i int) {
		key := fmt.Sprintf("groupcommit%021d", i)
		data := "0"
		if err := s.Create(ctx, key, data, expiry); err != nil {
			t.Errorf("create %s: %v", key, err)
			return
		}
		for r := range rounds {
			next := fmt.Sprint(r + 1)
			if err := s.SaveIf(ctx, key, data, next, expiry); err != nil {
				t.Errorf("save %s round %d: %v", key, r, err)
				return
			}
			data = next
		}
		if err := s.SaveIf(ctx, key, "stale", "lost", expiry); !errors.Is(err, session.ErrConflict) {
			t.Errorf("save %s over other data: got %v, want ErrConflict", key, err)
		}
		if got, err := s.Load(ctx, key); err != nil || got != data {
			t.Errorf("load %s: got %q, %v; want %q", key, got, err, data)
		}
		if i%2 == 0 {
			if err := s.Delete(ctx, key); err != nil {
				t.Errorf("delete %s: %v", key, err)
			}
			if err := s.Save(ctx, key, "back", expiry); !errors.Is(err, session.ErrNotFound) {
				t.Errorf("save %s after delete: got %v, want ErrNotFound", key, err)
			}
		}
	})
}

// atOnce runs f(0) to f(n-1) on n goroutines released together, so that
// their writes meet in batches, and returns a channel closed once all of
// them have returned.
func atOnce(n int, f func(i int)) <-chan struct{} {
	var wg sync.WaitGroup
	start := make(chan struct{})
	for i := range n {
		wg.Go(func() {
			<-start
			f(i)
		})
	}
	close(start)
	done := make(chan struct{})
	go func() {
		wg.Wait()
		close(done)
	}()
	return done
}

// TestGroupCommit_batches: concurrent writers on SQLite share
// transactions, and each write has the outcome it would have alone.
func TestGroupCommit_batches(t *testing.T) {
	s := New(openSite(t), Options{})
	if s.group == nil {
		t.Fatal("a SQLite store has no group commit")
	}
	hammer(t, s, 64, 40)
	batches, batched := s.group.batches.Load(), s.group.batched.Load()
	t.Logf("%d writes in %d transactions", batched, batches)
	if batches == 0 || batched <= batches {
		t.Errorf("%d writes in %d transactions: want batches of more than one write", batched, batches)
	}
}

// TestGroupCommit_duplicateKey: concurrent Creates of one key, batched
// with other writes: one creates it, the others get ErrKeyExists, and the
// writes batched with them are kept.
func TestGroupCommit_duplicateKey(t *testing.T) {
	s := New(openSite(t), Options{})
	createShared(t, s)
	if s.group.batched.Load() <= s.group.batches.Load() {
		t.Errorf("%d writes in %d transactions: the duplicates were never batched", s.group.batched.Load(), s.group.batches.Load())
	}
}

// TestGroupCommit_failedBatch: a batch whose transaction fails, to begin
// or in a statement, runs its writes one by one, each with its own
// outcome.
func TestGroupCommit_failedBatch(t *testing.T) {
	t.Run("begin", func(t *testing.T) {
		s := New(openSite(t), Options{})
		failed := atomic.Int64{}
		s.group.begin = func(context.Context) (*sql.Tx, error) {
			failed.Add(1)
			return nil, errors.New("disk I/O error")
		}
		hammer(t, s, 32, 10)
		createShared(t, s)
		if failed.Load() == 0 {
			t.Fatal("no batch was tried")
		}
		if n := s.group.batches.Load(); n != 0 {
			t.Errorf("%d transactions committed, want none", n)
		}
	})
	t.Run("statement", func(t *testing.T) {
		s := New(openSite(t), Options{})
		// a duplicate key taken for a failure of the batch: it rolls back
		// and its writes run alone, where Create sees the duplicate
		s.group.duplicate = func(error) bool { return false }
		begun := atomic.Int64{}
		begin := s.group.begin
		s.group.begin = func(ctx context.Context) (*sql.Tx, error) {
			begun.Add(1)
			return begin(ctx)
		}
		createShared(t, s)
		if begun.Load() <= s.group.batches.Load() {
			t.Errorf("%d transactions begun, %d committed: no batch failed", begun.Load(), s.group.batches.Load())
		}
	})
}

// createShared creates one key from 32 writers at once, among 32 others
// creating keys of their own: one creates the shared key, the others get
// ErrKeyExists, and every other key is created.
func createShared(t *testing.T, s *Store) {
	t.Helper()
	ctx := context.Background()
	expiry := time.Now().Add(time.Hour)
	const n = 64
	errs := make([]error, n)
	<-atOnce(n, func(i int) {
		if i%2 == 1 {
			errs[i] = s.Create(ctx, fmt.Sprintf("own%029d", i), "own", expiry)
			return
		}
		errs[i] = s.Create(ctx, "shared00000000000000000000000000", fmt.Sprint(i), expiry)
	})
	created := 0
	for i, err := range errs {
		switch {
		case i%2 == 1 && err != nil:
			t.Errorf("create own%029d: %v", i, err)
		case i%2 == 0 && err == nil:
			created++
		case i%2 == 0 && !errors.Is(err, session.ErrKeyExists):
			t.Errorf("create shared (writer %d): got %v, want ErrKeyExists", i, err)
		}
	}
	if created != 1 {
		t.Errorf("the shared key was created %d times, want once", created)
	}
	for i := 1; i < n; i += 2 {
		if got, err := s.Load(ctx, fmt.Sprintf("own%029d", i)); err != nil || got != "own" {
			t.Errorf("load own%029d: got %q, %v", i, got, err)
		}
	}
}

// TestGroupCommit_panic: a driver panic in a batch fails its writes, is
// raised in its leader, and leaves the group commit working.
func TestGroupCommit_panic(t *testing.T) {
	s := New(openSite(t), Options{})
	ctx := context.Background()
	expiry := time.Now().Add(time.Hour)
	begin := s.group.begin
	s.group.begin = func(context.Context) (*sql.Tx, error) { panic("driver bug") }
	const n = 16
	outcome := make([]string, n)
	done := atOnce(n, func(i int) {
		outcome[i] = "panicked"
		defer func() { recover() }()
		if err := s.Create(ctx, fmt.Sprintf("panic%027d", i), "x", expiry); err != nil {
			outcome[i] = "failed"
			return
		}
		outcome[i] = "saved"
	})
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("writers stuck behind a batch that panicked")
	}
	count := map[string]int{}
	for i, o := range outcome {
		count[o]++
		_, err := s.Load(ctx, fmt.Sprintf("panic%027d", i))
		if (o == "saved") != (err == nil) {
			t.Errorf("writer %d %s, and its session loads with %v", i, o, err)
		}
	}
	if count["panicked"] == 0 || count["failed"] < count["panicked"] {
		t.Errorf("outcomes %v: want batches whose leader panicked and whose other writes failed", count)
	}
	s.group.begin = begin
	hammer(t, s, 16, 5)
}
