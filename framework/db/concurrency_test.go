package db

import (
	"fmt"
	"sync"
	"testing"

	"gorm.io/gorm"
)

// TestOpen_concurrentWrites: 16 goroutines write at once, half in
// read-then-write transactions (the case that deadlocks under deferred
// transactions), and none may see "database is locked".
func TestOpen_concurrentWrites(t *testing.T) {
	db, _ := openTemp(t, nil)
	if err := db.Exec(`CREATE TABLE t (id integer PRIMARY KEY AUTOINCREMENT, g integer NOT NULL, n integer NOT NULL)`).Error; err != nil {
		t.Fatal(err)
	}
	const goroutines, writes = 16, 25
	var wg sync.WaitGroup
	errs := make(chan error, goroutines*writes)
	for g := range goroutines {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for n := range writes {
				errs <- write(db, g, n)
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Errorf("write: %v", err)
		}
	}
	var count int64
	if err := db.Raw("SELECT count(*) FROM t").Scan(&count).Error; err != nil {
		t.Fatal(err)
	}
	if count != goroutines*writes {
		t.Errorf("rows: got %d, want %d", count, goroutines*writes)
	}
}

func write(db *gorm.DB, g, n int) error {
	if g%2 == 0 {
		return db.Exec("INSERT INTO t (g, n) VALUES (?, ?)", g, n).Error
	}
	return db.Transaction(func(tx *gorm.DB) error {
		var max int
		if err := tx.Raw("SELECT coalesce(max(n), -1) FROM t WHERE g = ?", g).Scan(&max).Error; err != nil {
			return fmt.Errorf("read: %w", err)
		}
		return tx.Exec("INSERT INTO t (g, n) VALUES (?, ?)", g, max+1).Error
	})
}
