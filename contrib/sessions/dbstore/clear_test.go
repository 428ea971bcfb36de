package dbstore

import (
	"fmt"
	"testing"
	"time"

	"gorm.io/gorm"
)

// testClearExpiredCount fills g with more than two batches of expired
// rows and a few live ones, then checks that ClearExpiredCount deletes
// and counts exactly the expired ones.
func testClearExpiredCount(t *testing.T, g *gorm.DB) {
	now := time.Date(2023, 11, 28, 22, 13, 20, 0, time.UTC)
	s := New(g, Options{Now: func() time.Time { return now }})
	// Live rows sit between expired ones in key order, in every batch.
	const rows = 2*ClearBatch + 7
	isLive := func(i int) bool { return i%997 == 3 }
	expired, live := 0, 0
	err := g.Transaction(func(tx *gorm.DB) error {
		for i := range rows {
			exp := now.Add(-time.Duration(i+1) * time.Second)
			if isLive(i) {
				exp, live = now.Add(time.Hour), live+1
			} else {
				expired++
			}
			q := "INSERT INTO django_session (session_key, session_data, expire_date) VALUES (?, ?, ?)"
			if err := tx.Exec(q, fmt.Sprintf("clear%027d", i), "d", s.value(exp)).Error; err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	n, err := s.ClearExpiredCount(t.Context())
	if n != int64(expired) || err != nil {
		t.Errorf("ClearExpiredCount: got %d, %v, want %d, nil", n, err, expired)
	}
	var left int64
	g.Raw("SELECT COUNT(*) FROM django_session").Scan(&left)
	if left != int64(live) {
		t.Errorf("rows left: got %d, want the %d live ones", left, live)
	}
	if n, err := s.ClearExpiredCount(t.Context()); n != 0 || err != nil {
		t.Errorf("ClearExpiredCount again: got %d, %v, want 0, nil", n, err)
	}
}

func TestClearExpiredCount(t *testing.T) {
	testClearExpiredCount(t, openDB(t, nil))
}

func TestClearExpiredCount_servers(t *testing.T) {
	forEachServer(t, func(t *testing.T, dialect, base string) {
		testClearExpiredCount(t, openServer(t, dialect, base))
	})
}
