package dbstore

import (
	"context"
	"time"
)

// ClearBatch is how many expired rows one statement of
// [Store.ClearExpiredCount] deletes: each statement is its own short
// transaction, so that clearing a million rows never holds a lock that
// concurrent requests wait on for long.
const ClearBatch = 1000

// The batch statements. Batches walk the primary key upwards from the
// last key of the previous batch, so that each row is visited once: a
// batch by the expire_date index would rescan the index entries of the
// rows deleted before it, which PostgreSQL keeps until VACUUM. The DELETE
// checks expire_date again, so that a session saved meanwhile survives.
const (
	sqlExpiredKeys = "SELECT session_key FROM django_session WHERE session_key > ? AND expire_date < ? ORDER BY session_key LIMIT ?"
	sqlClearKeys   = "DELETE FROM django_session WHERE session_key IN ? AND expire_date < ?"
)

// On SQLite the walk follows the table's rowid instead: the rows of a
// batch then sit on neighbouring pages, each written once to the WAL,
// where rows in key order sit on as many pages as there are rows.
const (
	sqliteExpiredRowids = "SELECT rowid FROM django_session WHERE rowid > ? AND expire_date < ? ORDER BY rowid LIMIT ?"
	sqliteClearRowids   = "DELETE FROM django_session WHERE rowid IN ? AND expire_date < ?"
)

// sqliteClearPause bounds the pause between two batches on SQLite, whose
// one writer lock the servers' writers wait for (a server in another
// process polls it with its busy timeout): a pause lets them in between.
const sqliteClearPause = 10 * time.Millisecond

// ClearExpiredCount deletes the rows whose expire_date is before now,
// as Django's clear_expired does, in batches of at most [ClearBatch] rows
// in key order (rowid order on SQLite), and returns how many it deleted.
// Rows expiring while it runs may be deleted too, as they would be by a
// later run.
func (s *Store) ClearExpiredCount(ctx context.Context) (int64, error) {
	if s.dialect == "sqlite" {
		return clearBatches(ctx, s, sqliteExpiredRowids, sqliteClearRowids, int64(0))
	}
	return clearBatches(ctx, s, sqlExpiredKeys, sqlClearKeys, "")
}

// clearBatches deletes by batches of the ids (keys or rowids) that
// qSelect lists after the last one of the previous batch.
func clearBatches[ID any](ctx context.Context, s *Store, qSelect, qDelete string, last ID) (int64, error) {
	now := s.value(s.now())
	var total int64
	for {
		begin := time.Now()
		var ids []ID
		if err := s.db.WithContext(ctx).Raw(qSelect, last, now, ClearBatch).Scan(&ids).Error; err != nil {
			return total, wrap("clear expired", err)
		}
		if len(ids) == 0 {
			return total, nil
		}
		res := s.db.WithContext(ctx).Exec(qDelete, ids, now)
		if res.Error != nil {
			return total, wrap("clear expired", res.Error)
		}
		total += res.RowsAffected
		if len(ids) < ClearBatch {
			return total, nil
		}
		last = ids[len(ids)-1]
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
