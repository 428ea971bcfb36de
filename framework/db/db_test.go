package db

import (
	"bytes"
	"context"
	"database/sql"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gorm.io/gorm"

	"github.com/manouche-go/manouche/framework/settings"
)

func openTemp(t *testing.T, opts map[string]any) (*gorm.DB, string) {
	t.Helper()
	name := filepath.Join(t.TempDir(), "db.sqlite3")
	db, err := Open(settings.Database{Engine: "sqlite", Name: name, Options: opts}, nil)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() { closeDB(t, db) })
	return db, name
}

func closeDB(t *testing.T, db *gorm.DB) {
	t.Helper()
	sqlDB, err := db.DB()
	if err == nil {
		err = sqlDB.Close()
	}
	if err != nil {
		t.Errorf("close: %v", err)
	}
}

func pragma(t *testing.T, c *sql.Conn, name string) string {
	t.Helper()
	var v string
	if err := c.QueryRowContext(context.Background(), "PRAGMA "+name).Scan(&v); err != nil {
		t.Fatalf("PRAGMA %s: %v", name, err)
	}
	return v
}

// TestOpen_sqlitePragmas checks the pragmas on several pooled connections
// at once: each new connection must get them.
func TestOpen_sqlitePragmas(t *testing.T) {
	db, name := openTemp(t, nil)
	if _, err := os.Stat(name); err != nil {
		t.Fatalf("database file not created: %v", err)
	}
	sqlDB, _ := db.DB()
	var conns []*sql.Conn
	for range sqliteMaxConns {
		c, err := sqlDB.Conn(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		conns = append(conns, c)
	}
	want := map[string]string{"journal_mode": "wal", "busy_timeout": "5000", "foreign_keys": "1", "synchronous": "1"}
	for i, c := range conns {
		for p, w := range want {
			if got := pragma(t, c, p); got != w {
				t.Errorf("connection %d: PRAGMA %s: got %s, want %s", i, p, got, w)
			}
		}
	}
	if got := sqlDB.Stats().MaxOpenConnections; got != sqliteMaxConns {
		t.Errorf("MaxOpenConnections: got %d, want %d", got, sqliteMaxConns)
	}
}

func TestOpen_sqliteOptions(t *testing.T) {
	db, _ := openTemp(t, map[string]any{"timeout": 20, "transaction_mode": "DEFERRED"})
	sqlDB, _ := db.DB()
	c, err := sqlDB.Conn(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if got := pragma(t, c, "busy_timeout"); got != "20000" {
		t.Errorf("busy_timeout: got %s, want 20000", got)
	}
}

func TestOpen_memory(t *testing.T) {
	open := func() *gorm.DB {
		db, err := Open(settings.Database{Engine: "sqlite", Name: ":memory:"}, nil)
		if err != nil {
			t.Fatalf("Open: %v", err)
		}
		t.Cleanup(func() { closeDB(t, db) })
		return db
	}
	a, b := open(), open()
	if err := a.Exec("CREATE TABLE t (x integer)").Error; err != nil {
		t.Fatal(err)
	}
	if err := a.Exec("INSERT INTO t VALUES (1)").Error; err != nil {
		t.Fatalf("table gone between statements: %v", err)
	}
	var n int
	if err := a.Raw("SELECT count(*) FROM t").Scan(&n).Error; err != nil || n != 1 {
		t.Errorf("count: got %d, %v, want 1", n, err)
	}
	if err := b.Exec("SELECT * FROM t").Error; err == nil {
		t.Errorf("second :memory: database sees the first one's table, want a private database")
	}
	var fk int
	a.Raw("PRAGMA foreign_keys").Scan(&fk)
	if fk != 1 {
		t.Errorf("foreign_keys: got %d, want 1", fk)
	}
}

func TestOpen_errors(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "nope", "db.sqlite3")
	tests := []struct {
		name string
		d    settings.Database
		want string
	}{
		{"missing directory", settings.Database{Engine: "sqlite", Name: missing},
			"db: sqlite database " + missing + ": directory " + filepath.Dir(missing) + " does not exist"},
		{"empty name", settings.Database{Engine: "sqlite"}, "db: sqlite database NAME is empty"},
		{"unknown engine", settings.Database{Engine: "oracle"}, `db: unknown engine "oracle" (want sqlite, postgres or mysql)`},
		{"unknown option", settings.Database{Engine: "sqlite", Name: ":memory:", Options: map[string]any{"init_command": "x"}},
			`db: sqlite OPTIONS "init_command" is not supported (supported: timeout, transaction_mode)`},
		{"bad timeout", settings.Database{Engine: "sqlite", Name: ":memory:", Options: map[string]any{"timeout": "soon"}},
			`db: sqlite OPTIONS timeout "soon": want a number of seconds`},
		{"bad transaction mode", settings.Database{Engine: "sqlite", Name: ":memory:", Options: map[string]any{"transaction_mode": "lazy"}},
			`db: sqlite OPTIONS transaction_mode "lazy": want DEFERRED, IMMEDIATE or EXCLUSIVE`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db, err := Open(tt.d, nil)
			if err == nil {
				closeDB(t, db)
				t.Fatalf("got no error, want %s", tt.want)
			}
			if err.Error() != tt.want {
				t.Errorf("got %s, want %s", err, tt.want)
			}
		})
	}
	if _, err := os.Stat(filepath.Dir(missing)); err == nil {
		t.Errorf("Open created the missing directory, want it left alone")
	}
}

func TestOpen_pathNeedingEscapes(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "a?b#c%d")
	if err := os.Mkdir(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	name := filepath.Join(dir, "db.sqlite3")
	db, err := Open(settings.Database{Engine: "sqlite", Name: name}, nil)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	defer closeDB(t, db)
	if _, err := os.Stat(name); err != nil {
		t.Errorf("file not created at %s: %v", name, err)
	}
}

// TestOpen_logsWithoutValues: a failing query is logged with its SQL but
// never with its bound values (session keys travel as values).
func TestOpen_logsWithoutValues(t *testing.T) {
	var buf bytes.Buffer
	logger := slog.New(slog.NewTextHandler(&buf, nil))
	db, err := Open(settings.Database{Engine: "sqlite", Name: ":memory:"}, logger)
	if err != nil {
		t.Fatal(err)
	}
	defer closeDB(t, db)
	if err := db.Exec("INSERT INTO missing VALUES (?)", "secret-session-key").Error; err == nil {
		t.Fatal("got no error from a missing table")
	}
	out := buf.String()
	if !strings.Contains(out, "INSERT INTO missing VALUES (?)") {
		t.Errorf("log: got %q, want the parameterized SQL", out)
	}
	if strings.Contains(out, "secret-session-key") {
		t.Errorf("log: got %q, must not contain the bound value", out)
	}
}
