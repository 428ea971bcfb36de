package migrations

import (
	"fmt"
	"time"

	"gorm.io/gorm"
)

// table is Django's migration bookkeeping table (MigrationRecorder).
const table = "django_migrations"

// createTable is Django's DDL for django_migrations per GORM dialect. SQLite
// drops IF NOT EXISTS from the stored schema, so sqlite_master holds
// exactly what Django's migrate writes. Other dialects arrive with their
// database engines.
var createTable = map[string]string{
	"sqlite": `CREATE TABLE IF NOT EXISTS "django_migrations" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "app" varchar(255) NOT NULL, "name" varchar(255) NOT NULL, "applied" datetime NOT NULL)`,
}

// ensureTable creates django_migrations unless it exists (Django's
// MigrationRecorder.ensure_schema).
func ensureTable(db *gorm.DB) error {
	ddl, ok := createTable[db.Name()]
	if !ok {
		return fmt.Errorf("migrations: %s on %s databases is not supported yet", table, db.Name())
	}
	if err := db.Exec(ddl).Error; err != nil {
		return fmt.Errorf("migrations: create %s: %w", table, err)
	}
	return nil
}

// appliedSet returns the {app, name} of every recorded migration, whoever
// recorded it (Django's MigrationRecorder.applied_migrations). Without the
// table nothing is applied.
func appliedSet(db *gorm.DB) (map[[2]string]bool, error) {
	applied := map[[2]string]bool{}
	if !db.Migrator().HasTable(table) {
		return applied, nil
	}
	var rows []struct{ App, Name string }
	if err := db.Raw("SELECT app, name FROM " + table).Scan(&rows).Error; err != nil {
		return nil, fmt.Errorf("migrations: read %s: %w", table, err)
	}
	for _, r := range rows {
		applied[[2]string{r.App, r.Name}] = true
	}
	return applied, nil
}

// isRecorded reports whether m has a row, inside the caller's transaction.
func isRecorded(tx *gorm.DB, m *Migration) (bool, error) {
	var n int64
	err := tx.Raw("SELECT count(*) FROM "+table+" WHERE app = ? AND name = ?", m.App, m.Name).Scan(&n).Error
	return n > 0, err
}

// record inserts m's row (Django's MigrationRecorder.record_applied).
func record(tx *gorm.DB, m *Migration, now time.Time) error {
	return tx.Exec("INSERT INTO "+table+" (app, name, applied) VALUES (?, ?, ?)",
		m.App, m.Name, appliedValue(tx, now)).Error
}

// unrecord deletes m's row (Django's MigrationRecorder.record_unapplied).
func unrecord(tx *gorm.DB, m *Migration) error {
	return tx.Exec("DELETE FROM "+table+" WHERE app = ? AND name = ?", m.App, m.Name).Error
}

// appliedValue is the applied timestamp as Django stores it: on SQLite, UTC
// text in Python's str(datetime) form.
func appliedValue(db *gorm.DB, t time.Time) any {
	if db.Name() == "sqlite" {
		return sqliteTime(t)
	}
	return t.UTC()
}

// sqliteTime formats t as Django writes datetimes to SQLite with USE_TZ:
// UTC, "YYYY-MM-DD HH:MM:SS.ffffff", the microseconds left out when zero.
func sqliteTime(t time.Time) string {
	t = t.UTC()
	if t.Nanosecond()/int(time.Microsecond) == 0 {
		return t.Format(time.DateTime)
	}
	return t.Format("2006-01-02 15:04:05.000000")
}
