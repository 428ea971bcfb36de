package dbstore

import (
	"context"
	"errors"
	"runtime"
	"strings"
	"testing"
	"time"

	"gorm.io/driver/sqlite"
	"gorm.io/gorm"
)

func TestNewQueue_sizedByThePool(t *testing.T) {
	g, err := gorm.Open(sqlite.Open("file::memory:"), &gorm.Config{})
	if err != nil {
		t.Fatal(err)
	}
	sqlDB, _ := g.DB()
	t.Cleanup(func() { sqlDB.Close() })
	if q := newQueue(g); q != nil {
		t.Errorf("unbounded pool: got a queue of %d, want none", cap(q))
	}
	sqlDB.SetMaxOpenConns(3)
	if q := newQueue(g); cap(q) != 3 {
		t.Errorf("pool of 3: got a queue of %d, want 3", cap(q))
	}
}

// TestQueue_firstComeFirstServed fills a queue of 2, lines up waiters one
// after the other, and checks that they are admitted in that order, never
// more than 2 at once.
func TestQueue_firstComeFirstServed(t *testing.T) {
	q := make(queue, 2)
	ctx := t.Context()
	for range 2 {
		if err := q.enter(ctx); err != nil {
			t.Fatal(err)
		}
	}
	admitted := make(chan int, 10)
	for i := range 10 {
		go func() {
			if err := q.enter(ctx); err != nil {
				t.Error(err)
				return
			}
			admitted <- i
		}()
		waitWaiting(t, i+1)
	}
	for want := range 10 {
		select {
		case got := <-admitted:
			t.Errorf("waiter %d admitted while the queue was full", got)
		default:
		}
		q.leave()
		if got := <-admitted; got != want {
			t.Fatalf("admitted waiter %d, want %d (first come, first served)", got, want)
		}
	}
	q.leave()
	q.leave()
	if len(q) != 0 {
		t.Errorf("%d places still taken after every leave", len(q))
	}
}

func TestQueue_contextEndsTheWait(t *testing.T) {
	q := make(queue, 1)
	if err := q.enter(t.Context()); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(t.Context(), 20*time.Millisecond)
	defer cancel()
	if err := q.enter(ctx); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("full queue, context expired: got %v, want context.DeadlineExceeded", err)
	}
	var none queue
	if err := none.enter(t.Context()); err != nil {
		t.Errorf("no queue: got %v, want nil", err)
	}
	none.leave()
	if err := none.enter(ctx); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("no queue, context expired: got %v, want context.DeadlineExceeded", err)
	}
	q.leave()
	if err := q.enter(ctx); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("free queue, context expired: got %v, want context.DeadlineExceeded", err)
	}
}

// waitWaiting waits until n goroutines are blocked in q.enter, as the
// runtime's goroutine dump shows them.
func waitWaiting(t *testing.T, n int) {
	t.Helper()
	buf := make([]byte, 1<<20)
	for deadline := time.Now().Add(10 * time.Second); ; {
		dump := string(buf[:runtime.Stack(buf, true)])
		waiting := 0
		for _, g := range strings.Split(dump, "\n\n") {
			if strings.Contains(g, " [select") && strings.Contains(g, "dbstore.queue.enter") {
				waiting++
			}
		}
		if waiting >= n {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d goroutines waiting in queue.enter after 10s, want %d", waiting, n)
		}
		time.Sleep(time.Millisecond)
	}
}
