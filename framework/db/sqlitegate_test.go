package db

import (
	"context"
	"sync"
	"testing"
	"time"
)

// TestOpen_writersQueue: writers on every connection at once, in
// transactions and single statements, all pass the gate, none is lost and
// none sees "database is locked". (What the gate changes, the latency of
// the last writer, is measured by make loadtest, not asserted here.)
func TestOpen_writersQueue(t *testing.T) {
	db, _ := openTemp(t, map[string]any{"timeout": 2})
	if err := db.Exec(`CREATE TABLE t (id integer PRIMARY KEY AUTOINCREMENT, g integer NOT NULL, n integer NOT NULL, pad text)`).Error; err != nil {
		t.Fatal(err)
	}
	const goroutines, writes = 16, 40
	var wg sync.WaitGroup
	errs := make(chan error, goroutines*writes)
	for g := range goroutines {
		wg.Go(func() {
			for n := range writes {
				errs <- write(db, g, n)
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Errorf("write: %v", err)
		}
	}
	var count int64
	if err := db.Raw("SELECT count(*) FROM t").Scan(&count).Error; err != nil || count != goroutines*writes {
		t.Errorf("rows: got %d, %v, want %d", count, err, goroutines*writes)
	}
}

// TestOpen_gateNeverHangs: a transaction holding the write lock while
// its goroutine writes on another connection fails after the busy
// timeout, as SQLite alone makes it fail, instead of waiting forever.
func TestOpen_gateNeverHangs(t *testing.T) {
	db, _ := openTemp(t, map[string]any{"timeout": 0.1})
	if err := db.Exec(`CREATE TABLE t (n integer)`).Error; err != nil {
		t.Fatal(err)
	}
	tx := db.Begin()
	if tx.Error != nil {
		t.Fatal(tx.Error)
	}
	defer tx.Rollback()
	if err := tx.Exec("INSERT INTO t VALUES (1)").Error; err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- db.Exec("INSERT INTO t VALUES (2)").Error }()
	select {
	case err := <-done:
		if err == nil {
			t.Errorf("a write beside a writing transaction: got nil error, want database is locked")
		}
	case <-time.After(10 * time.Second):
		t.Fatal("a write beside a writing transaction hangs")
	}
}

func TestWriteGate_enter(t *testing.T) {
	g := newWriteGate(20 * time.Millisecond)
	leave := g.enter(context.Background())
	begin := time.Now()
	g.enter(context.Background())() // gives up after the wait, holds nothing
	if d := time.Since(begin); d < 20*time.Millisecond {
		t.Errorf("second enter returned after %v, want the 20ms wait", d)
	}
	leave()
	select {
	case g.slot <- struct{}{}:
	default:
		t.Errorf("the gate is still held after leave")
	}
}
