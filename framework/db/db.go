// Package db opens a site's database connection from a DATABASES entry, as
// Django's django.db.connections does: one *gorm.DB per alias, tuned for
// the engine.
//
// SQLite is built in (see [Open]). PostgreSQL and MySQL are reserved names
// that report "not supported yet"; each will be one file that registers
// its opener in init, as sqlite.go does.
package db

import (
	"fmt"
	"log/slog"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/logger"

	"github.com/manouche-go/manouche/framework/settings"
)

// opener opens one engine's database with the given GORM configuration.
type opener func(d settings.Database, cfg *gorm.Config) (*gorm.DB, error)

// engines holds the built-in engines by DATABASES ENGINE name; each
// engine's file fills it in init.
var engines = map[string]opener{}

// planned are engine names that settings accept but no file registers yet.
var planned = map[string]bool{"postgres": true, "mysql": true}

// SlowQuery is the duration above which a query is logged as slow.
const SlowQuery = 200 * time.Millisecond

// Open opens the database described by one DATABASES entry (Django's
// connections[alias]) and checks that it answers.
//
// For ENGINE sqlite, NAME is a file path relative to the working directory,
// created on first use (its directory must exist), or ":memory:" for a
// private in-memory database. Every connection runs in WAL mode with a busy
// timeout of 5 s (OPTIONS timeout, in seconds, as in Django), foreign keys
// on, synchronous=NORMAL and transactions that take the write lock when
// they begin (BEGIN IMMEDIATE; OPTIONS transaction_mode, as in Django 5.1,
// can change it). The pool is small so that concurrent writers wait in
// turn instead of failing with "database is locked".
//
// Logs go to logger (nil means slog.Default()) at warning level and above:
// failed and slow queries, with SQL placeholders but never the bound
// values, which may be session keys. Errors are GORM's and the driver's,
// untranslated, as with a plain gorm.Open.
func Open(d settings.Database, logger *slog.Logger) (*gorm.DB, error) {
	if logger == nil {
		logger = slog.Default()
	}
	open, ok := engines[d.Engine]
	if !ok {
		if planned[d.Engine] {
			return nil, fmt.Errorf("db: engine %q is not supported yet", d.Engine)
		}
		return nil, fmt.Errorf("db: unknown engine %q (want sqlite, postgres or mysql)", d.Engine)
	}
	return open(d, &gorm.Config{Logger: newLogger(logger)})
}

// newLogger is GORM's slog logger at warning level, with parameterized SQL.
func newLogger(l *slog.Logger) logger.Interface {
	return logger.NewSlogLogger(l, logger.Config{
		LogLevel:                  logger.Warn,
		SlowThreshold:             SlowQuery,
		IgnoreRecordNotFoundError: true,
		ParameterizedQueries:      true,
	})
}
