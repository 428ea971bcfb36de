package migrations

import (
	"fmt"
	"time"

	"gorm.io/gorm"
)

// table is Django's migration bookkeeping table (MigrationRecorder).
const table = "django_migrations"

// createTable is Django's DDL for django_migrations per GORM dialect, with
// IF NOT EXISTS added: Django 3.2's schema editor output for the recorder's
// model (id an AutoField, app and name CharField(255), applied a
// DateTimeField). SQLite drops IF NOT EXISTS from the stored schema, so
// sqlite_master holds exactly what Django's migrate writes. A Django
// project whose DEFAULT_AUTO_FIELD is BigAutoField makes id a bigint on
// PostgreSQL and MySQL; manouche never writes id, so either table works.
var createTable = map[string]string{
	"sqlite":   `CREATE TABLE IF NOT EXISTS "django_migrations" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "app" varchar(255) NOT NULL, "name" varchar(255) NOT NULL, "applied" datetime NOT NULL)`,
	"postgres": `CREATE TABLE IF NOT EXISTS "django_migrations" ("id" serial NOT NULL PRIMARY KEY, "app" varchar(255) NOT NULL, "name" varchar(255) NOT NULL, "applied" timestamp with time zone NOT NULL)`,
	"mysql":    "CREATE TABLE IF NOT EXISTS `django_migrations` (`id` integer AUTO_INCREMENT NOT NULL PRIMARY KEY, `app` varchar(255) NOT NULL, `name` varchar(255) NOT NULL, `applied` datetime(6) NOT NULL)",
}

// ensureTable creates django_migrations unless it exists (Django's
// MigrationRecorder.ensure_schema).
func ensureTable(db *gorm.DB) error {
	ddl, ok := createTable[db.Name()]
	if !ok {
		return fmt.Errorf("migrations: %s on %s databases is not supported (want sqlite, postgres or mysql)", table, db.Name())
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

// appliedValue is the applied timestamp as Django stores it with USE_TZ:
// on SQLite, UTC text in Python's str(datetime) form; on MySQL the same
// text, which the server reads as a naive UTC datetime(6) whatever the
// connection's loc; on PostgreSQL an instant (timestamptz).
func appliedValue(db *gorm.DB, t time.Time) any {
	if n := db.Name(); n == "sqlite" || n == "mysql" {
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
