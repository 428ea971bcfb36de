package migrations

import (
	"context"
	"fmt"

	"gorm.io/gorm"
)

// lockName names the server-wide lock that processes migrating the same
// database take in turn, on the dialects that need one.
const lockName = "manouche.migrations"

// lockID is lockName as a PostgreSQL advisory lock key: the bytes of
// "manouche" as a big-endian integer.
const lockID = 0x6d616e6f75636865

// step runs one migration step in a transaction that holds the migration
// lock, so that processes migrating one database at once apply each
// migration once: the step checks django_migrations again inside it.
//
//   - SQLite: the transaction itself is the lock (BEGIN IMMEDIATE, as
//     framework/db opens SQLite).
//   - PostgreSQL: a transaction-scoped advisory lock, released by the
//     commit or rollback; DDL is transactional there, so a failure leaves
//     nothing behind.
//   - MySQL and MariaDB: GET_LOCK on a dedicated connection, released
//     after the transaction. Their DDL commits implicitly, so, as with
//     Django there, a migration that fails after a schema statement keeps
//     that statement's effect (but not its django_migrations row).
func step(db *gorm.DB, fn func(tx *gorm.DB) error) error {
	switch db.Name() {
	case "postgres":
		return db.Transaction(func(tx *gorm.DB) error {
			if err := tx.Exec("SELECT pg_advisory_xact_lock(?)", int64(lockID)).Error; err != nil {
				return fmt.Errorf("take the migration lock: %w", err)
			}
			return fn(tx)
		})
	case "mysql":
		return db.Connection(func(conn *gorm.DB) error {
			if err := getLock(conn); err != nil {
				return err
			}
			// Release even when the caller's context is done, or the
			// pooled connection would keep the lock.
			defer conn.Session(&gorm.Session{Context: context.WithoutCancel(conn.Statement.Context)}).
				Exec("SELECT RELEASE_LOCK(?)", lockName)
			return conn.Session(&gorm.Session{}).Transaction(fn)
		})
	}
	return db.Transaction(fn)
}

// getLock waits up to a minute for the MySQL migration lock.
func getLock(conn *gorm.DB) error {
	var got *int
	if err := conn.Session(&gorm.Session{}).Raw("SELECT GET_LOCK(?, 60)", lockName).Row().Scan(&got); err != nil {
		return fmt.Errorf("take the migration lock: %w", err)
	}
	if got == nil || *got != 1 {
		return fmt.Errorf("take the migration lock: another process held %q for a minute", lockName)
	}
	return nil
}
