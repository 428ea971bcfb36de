// Package db opens a site's database connection from a DATABASES entry, as
// Django's django.db.connections does: one *gorm.DB per alias, tuned for
// the engine.
//
// Three engines are built in, each in its own file that registers its
// opener in init: sqlite (sqlite.go), postgres (postgres.go, the pgx
// driver) and mysql (mysql.go, for MySQL and MariaDB). See [Open] for
// what each does and [Ping] for start-up health checks.
//
// A site puts its database in every request's context; views get it with
// [FromContext], as Django views use django.db.connection through the ORM.
package db

import (
	"context"
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
// For ENGINE postgres and mysql (MySQL and MariaDB), the server is given by
// HOST (default localhost), PORT (default 5432 or 3306), NAME, USER and
// PASSWORD, or by a single URL such as postgres://user@host:5432/db or
// mysql://root@127.0.0.1:3306/test. The fields fill in what the URL leaves
// out, so PASSWORD can stay out of the URL. A URL's scheme (postgres,
// postgresql or mysql) chooses the engine, even over the default entry's
// ENGINE sqlite (whose NAME, a file, is then not used); an ENGINE naming
// the other server engine is an error. OPTIONS and the URL's query are
// passed to the driver as connection parameters (libpq's for postgres,
// such as sslmode; go-sql-driver's for mysql, such as tls or readTimeout),
// except two that every engine reads:
//
//   - connect_timeout: seconds to wait for a connection, as in Django's
//     OPTIONS for both drivers. The default is 5; 0 waits forever.
//   - max_conns: the size of the connection pool, a bound on the
//     connections this process opens (idle ones are kept up to the same
//     number, closed after 5 minutes idle and 1 hour in all). The default
//     is 16, so a few servers stay well under the default server limits
//     (100 on PostgreSQL, 151 on MySQL).
//
// MySQL connections always use parseTime=true, loc=UTC (datetime columns
// hold naive UTC, as Django writes them with USE_TZ) and
// clientFoundRows=true (an UPDATE counts the rows it matched, so saving an
// unchanged session still finds its row), and by default charset=utf8mb4
// and interpolateParams=true (one round trip per statement).
//
// Open fails if the server does not answer. A server that cannot be
// reached gives "db: postgres 127.0.0.1:5432/test: unreachable: ..."; the
// password and the URL are never part of an error.
//
// Logs go to logger (nil means slog.Default()) at warning level and above:
// failed and slow queries, with SQL placeholders but never the bound
// values, which may be session keys.
func Open(d settings.Database, logger *slog.Logger) (*gorm.DB, error) {
	if logger == nil {
		logger = slog.Default()
	}
	d, err := resolve(d)
	if err != nil {
		return nil, err
	}
	open, ok := engines[d.Engine]
	if !ok {
		return nil, fmt.Errorf("db: unknown engine %q (want sqlite, postgres or mysql)", d.Engine)
	}
	return open(d, &gorm.Config{Logger: newLogger(logger)})
}

// Ping checks that db answers before ctx ends, opening a connection if the
// pool has none: the start-up health check of the check and runserver
// commands. A server that cannot be reached (refused, timed out, shutting
// down or starting up) gives "db: postgres 127.0.0.1:5432/test:
// unreachable: ..."; another failure, such as a refused password,
// "db: postgres 127.0.0.1:5432/test: ...". A db not opened by [Open] is
// named by its dialect only. The password is never part of the error.
func Ping(ctx context.Context, db *gorm.DB) error {
	sqlDB, err := db.DB()
	if err == nil {
		err = sqlDB.PingContext(ctx)
	}
	if err == nil {
		return nil
	}
	return targetOf(db).fail(err)
}

// newLogger is GORM's slog logger at warning level, with parameterized
// SQL, made quiet (see quietLogger).
func newLogger(l *slog.Logger) logger.Interface {
	cfg := logger.Config{
		LogLevel:                  logger.Warn,
		SlowThreshold:             SlowQuery,
		IgnoreRecordNotFoundError: true,
		ParameterizedQueries:      true,
	}
	return quietLogger{logger.NewSlogLogger(l, cfg), cfg.LogLevel, cfg.SlowThreshold}
}

// quietLogger is a GORM logger that returns at once from the Trace of a
// statement it would not log (no error, not slow, level below Info).
// GORM's slog logger formats every statement's duration before it decides,
// a few percent of a session store's time on SQLite.
type quietLogger struct {
	logger.Interface
	level logger.LogLevel
	slow  time.Duration
}

// LogMode returns the logger at level (db.Debug() asks for Info).
func (l quietLogger) LogMode(level logger.LogLevel) logger.Interface {
	return quietLogger{l.Interface.LogMode(level), level, l.slow}
}

// Trace passes the statement on to the logger unless it is certain not
// to be logged.
func (l quietLogger) Trace(ctx context.Context, begin time.Time, fc func() (string, int64), err error) {
	if err == nil && l.level < logger.Info && (l.slow == 0 || time.Since(begin) <= l.slow) {
		return
	}
	l.Interface.Trace(ctx, begin, fc, err)
}

// ParamsFilter keeps the wrapped logger's parameterized SQL.
func (l quietLogger) ParamsFilter(ctx context.Context, sql string, params ...any) (string, []any) {
	if f, ok := l.Interface.(gorm.ParamsFilter); ok {
		return f.ParamsFilter(ctx, sql, params...)
	}
	return sql, params
}
