package dbstore

import (
	"context"
	"time"
)

// ClearBatch is how many expired rows one statement of
// [Store.ClearExpiredCount] deletes: each statement is its own short
// transaction, so that clearing a million rows never holds a lock that
// concurrent requests wait on for long.
const ClearBatch = 2000

// The batch statements: by the expire_date index, at most ClearBatch keys
// at a time. MySQL cannot LIMIT a subquery of IN, but its single-table
// DELETE takes a LIMIT.
const (
	sqlClearBatch      = "DELETE FROM django_session WHERE session_key IN (SELECT session_key FROM django_session WHERE expire_date < ? LIMIT ?)"
	sqlClearBatchMySQL = "DELETE FROM django_session WHERE expire_date < ? LIMIT ?"
)

// sqliteClearPause bounds the pause between two batches on SQLite, whose
// one writer lock the server's writers poll for (busy timeout): a pause
// as long as the batch leaves them half the time.
const sqliteClearPause = 50 * time.Millisecond

// ClearExpiredCount deletes the rows whose expire_date is before now,
// as Django's clear_expired does, in batches of [ClearBatch] rows, and
// returns how many it deleted. Rows expiring while it runs may be
// deleted too, as they would be by a later run.
func (s *Store) ClearExpiredCount(ctx context.Context) (int64, error) {
	q := sqlClearBatch
	if s.dialect == "mysql" {
		q = sqlClearBatchMySQL
	}
	now := s.value(s.now())
	var total int64
	for {
		begin := time.Now()
		res := s.db.WithContext(ctx).Exec(q, now, ClearBatch)
		if res.Error != nil {
			return total, wrap("clear expired", res.Error)
		}
		total += res.RowsAffected
		if res.RowsAffected < ClearBatch {
			return total, nil
		}
		if s.dialect == "sqlite" {
			if err := sleep(ctx, min(time.Since(begin), sqliteClearPause)); err != nil {
				return total, wrap("clear expired", err)
			}
		}
	}
}

// sleep waits for d or until ctx ends.
func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
