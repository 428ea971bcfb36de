package migrations

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gorm.io/driver/sqlite"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"
)

// storage holds the facts of Django's storage.json golden file.
type storage struct {
	SQLiteDDL           []string `json:"sqlite_ddl"`
	DjangoMigrationsDDL string   `json:"sqlite_django_migrations_ddl"`
}

func loadStorage(t *testing.T) storage {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "shared", "spec", "vectors", "storage.json"))
	if err != nil {
		t.Fatalf("Django's golden vectors: %v", err)
	}
	var s storage
	if err := json.Unmarshal(b, &s); err != nil {
		t.Fatal(err)
	}
	return s
}

// openDB opens a temporary SQLite file the way framework/db does
// (immediate transactions, busy timeout); migrations cannot import it.
func openDB(t *testing.T, path string) *gorm.DB {
	t.Helper()
	if path == "" {
		path = filepath.Join(t.TempDir(), "db.sqlite3")
	}
	db, err := gorm.Open(sqlite.Open("file:"+path+"?_busy_timeout=5000&_txlock=immediate&_journal_mode=WAL"),
		&gorm.Config{Logger: logger.Discard})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if sqlDB, err := db.DB(); err == nil {
			sqlDB.Close()
		}
	})
	return db
}

// sessionsInitial is contrib.sessions' 0001_initial with Django's DDL.
func sessionsInitial(t *testing.T) *Migration {
	ddl := loadStorage(t).SQLiteDDL
	return &Migration{
		App:  "sessions",
		Name: "0001_initial",
		Up: func(tx *gorm.DB) error {
			for _, stmt := range ddl[1 : len(ddl)-1] { // without BEGIN; and COMMIT;
				if err := tx.Exec(stmt).Error; err != nil {
					return err
				}
			}
			return nil
		},
		Down: func(tx *gorm.DB) error { return tx.Exec(`DROP TABLE "django_session"`).Error },
	}
}

// tableMigration creates and drops one table.
func tableMigration(id, tbl string, deps ...string) *Migration {
	mig := m(id, deps...)
	mig.Up = func(tx *gorm.DB) error { return tx.Exec("CREATE TABLE " + tbl + " (x integer)").Error }
	mig.Down = func(tx *gorm.DB) error { return tx.Exec("DROP TABLE " + tbl).Error }
	return mig
}

// failing creates a table, then fails.
func failing(id, tbl string, deps ...string) *Migration {
	mig := tableMigration(id, tbl, deps...)
	mig.Up = func(tx *gorm.DB) error {
		if err := tx.Exec("CREATE TABLE " + tbl + " (x integer)").Error; err != nil {
			return err
		}
		return errors.New("boom")
	}
	return mig
}

func hasTable(t *testing.T, db *gorm.DB, name string) bool {
	t.Helper()
	return db.Migrator().HasTable(name)
}

// rows returns django_migrations as "app.name" in id order.
func rows(t *testing.T, db *gorm.DB) string {
	t.Helper()
	var rs []struct{ App, Name string }
	if err := db.Raw("SELECT app, name FROM django_migrations ORDER BY id").Scan(&rs).Error; err != nil {
		t.Fatal(err)
	}
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = r.App + "." + r.Name
	}
	return strings.Join(out, " ")
}

func apply(t *testing.T, db *gorm.DB, all []*Migration) (string, error) {
	t.Helper()
	var out strings.Builder
	err := Apply(context.Background(), db, all, &out)
	return out.String(), err
}

type gormDB = gorm.DB

var errBoom = errors.New("boom")
