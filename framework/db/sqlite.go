package db

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"gorm.io/driver/sqlite"
	"gorm.io/gorm"

	"github.com/manouche-go/manouche/framework/settings"
)

func init() { engines["sqlite"] = openSQLite }

const (
	// sqliteBusyTimeout is how long a connection waits for a lock.
	sqliteBusyTimeout = 5 * time.Second
	// sqliteMaxConns bounds the pool: WAL serves many readers but one
	// writer, so a few connections keep reads concurrent while writers
	// queue in the pool rather than spin on the lock.
	sqliteMaxConns = 4
	// sqliteMaxStmts bounds the prepared statements kept.
	sqliteMaxStmts = 256
)

// memory is SQLite's name for a private in-memory database.
const memory = ":memory:"

func openSQLite(d settings.Database, cfg *gorm.Config) (*gorm.DB, error) {
	dsn, err := sqliteDSN(d)
	if err != nil {
		return nil, err
	}
	// Prepared statements are kept per connection: a session load or save
	// then skips SQLite's parser, about a third of its time in SQLite. The
	// cache is bounded (least recently used out) for apps building SQL on
	// the fly.
	cfg.PrepareStmt = true
	cfg.PrepareStmtMaxSize = sqliteMaxStmts
	db, err := gorm.Open(sqlite.Open(dsn), cfg)
	if err != nil {
		return nil, fmt.Errorf("db: open sqlite database %s: %w", d.Name, err)
	}
	sqlDB, err := db.DB()
	if err != nil {
		return nil, fmt.Errorf("db: open sqlite database %s: %w", d.Name, err)
	}
	conns := sqliteMaxConns
	if d.Name == memory {
		// Each connection to ":memory:" is its own database: keep exactly
		// one, forever.
		conns = 1
	}
	sqlDB.SetMaxOpenConns(conns)
	sqlDB.SetMaxIdleConns(conns)
	sqlDB.SetConnMaxLifetime(0)
	sqlDB.SetConnMaxIdleTime(0)
	if err := db.Use(&target{engine: "sqlite", addr: d.Name}); err != nil {
		sqlDB.Close()
		return nil, fmt.Errorf("db: open sqlite database %s: %w", d.Name, err)
	}
	return db, nil
}

// sqliteDSN builds a go-sqlite3 URI whose parameters apply the pragmas on
// every new connection.
func sqliteDSN(d settings.Database) (string, error) {
	if d.Name == "" {
		return "", errors.New("db: sqlite database NAME is empty")
	}
	busy, txlock, err := sqliteOptions(d.Options)
	if err != nil {
		return "", err
	}
	params := fmt.Sprintf("_busy_timeout=%d&_foreign_keys=on&_txlock=%s", busy.Milliseconds(), txlock)
	if d.Name == memory {
		return "file::memory:?" + params, nil
	}
	if err := checkDir(d.Name); err != nil {
		return "", err
	}
	return "file:" + escapePath(d.Name) + "?_journal_mode=WAL&_synchronous=NORMAL&" + params, nil
}

// checkDir reports a missing directory by name: SQLite creates the file,
// never its directory, and its own error does not say which path failed.
func checkDir(name string) error {
	dir := filepath.Dir(name)
	fi, err := os.Stat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("db: sqlite database %s: directory %s does not exist", name, dir)
	case err != nil:
		return fmt.Errorf("db: sqlite database %s: %w", name, err)
	case !fi.IsDir():
		return fmt.Errorf("db: sqlite database %s: %s is not a directory", name, dir)
	}
	return nil
}

// escapePath escapes what an SQLite URI path cannot hold literally.
func escapePath(p string) string {
	return strings.NewReplacer("%", "%25", "?", "%3f", "#", "%23").Replace(p)
}

// sqliteOptions reads Django's SQLite OPTIONS: timeout (seconds) and
// transaction_mode (DEFERRED, IMMEDIATE or EXCLUSIVE).
func sqliteOptions(opts map[string]any) (busy time.Duration, txlock string, err error) {
	busy, txlock = sqliteBusyTimeout, "immediate"
	for k, v := range opts {
		switch k {
		case "timeout":
			secs, err := strconv.ParseFloat(fmt.Sprint(v), 64)
			if err != nil || secs < 0 {
				return 0, "", fmt.Errorf("db: sqlite OPTIONS timeout %q: want a number of seconds", fmt.Sprint(v))
			}
			busy = time.Duration(secs * float64(time.Second))
		case "transaction_mode":
			txlock = strings.ToLower(fmt.Sprint(v))
			if txlock != "deferred" && txlock != "immediate" && txlock != "exclusive" {
				return 0, "", fmt.Errorf("db: sqlite OPTIONS transaction_mode %q: want DEFERRED, IMMEDIATE or EXCLUSIVE", fmt.Sprint(v))
			}
		default:
			return 0, "", fmt.Errorf("db: sqlite OPTIONS %q is not supported (supported: timeout, transaction_mode)", k)
		}
	}
	return busy, txlock, nil
}
