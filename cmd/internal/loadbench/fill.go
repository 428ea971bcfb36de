package loadbench

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"fmt"
	"log/slog"
	"net/url"
	"strings"
	"time"

	"github.com/manouche-go/manouche/framework/db"
	"github.com/manouche-go/manouche/framework/settings"
)

// fillChunk is how many rows one INSERT of a filler adds.
const fillChunk = 100_000

// fillerData is the session_data of a filler row: the size of a small
// session, never read.
var fillerData = strings.Repeat("x", 120)

// sqlFiller adds rows to an engine's django_session with server-side
// INSERT … SELECT statements (generate_series on PostgreSQL, a recursive
// CTE on SQLite), fillChunk rows at a time.
type sqlFiller struct {
	db      *sql.DB
	dialect string
}

// openSQL opens the database an engine's server uses: the SQLite file in
// dir, or the PostgreSQL schema of dsn.
func openSQL(e engine, dir, dsn string) (*sqlFiller, error) {
	d := settings.Database{Engine: "sqlite", Name: dir + "/db.sqlite3"}
	if e.db == "postgres" {
		d = settings.Database{Engine: "postgres", URL: dsn}
	}
	sqlDB, err := openDB(d)
	if err != nil {
		return nil, err
	}
	return &sqlFiller{db: sqlDB, dialect: e.db}, nil
}

// openDB opens d through framework/db, as the server does, and returns
// its pool.
func openDB(d settings.Database) (*sql.DB, error) {
	g, err := db.Open(d, slog.New(slog.DiscardHandler))
	if err != nil {
		return nil, fmt.Errorf("loadbench: open database: %w", err)
	}
	sqlDB, err := g.DB()
	if err != nil {
		return nil, fmt.Errorf("loadbench: open database: %w", err)
	}
	return sqlDB, nil
}

// fill adds to-from rows with random 32-character keys, as real session
// keys are (scattered over the primary key's B-tree), expiring at expiry.
func (f *sqlFiller) fill(ctx context.Context, from, to int, expiry time.Time) error {
	q := `INSERT INTO django_session (session_key, session_data, expire_date)
WITH RECURSIVE c(i) AS (SELECT ? UNION ALL SELECT i + 1 FROM c WHERE i + 1 < ?)
SELECT lower(hex(randomblob(16))), ?, ? FROM c`
	exp := any(expiry.UTC().Format("2006-01-02 15:04:05"))
	if f.dialect == "postgres" {
		q = `INSERT INTO django_session (session_key, session_data, expire_date)
SELECT md5(random()::text || i::text), $1, $2 FROM generate_series($3::bigint, $4::bigint - 1) AS i`
		exp = expiry
	}
	for lo := from; lo < to; lo += fillChunk {
		hi := min(lo+fillChunk, to)
		args := []any{lo, hi, fillerData, exp}
		if f.dialect == "postgres" {
			args = []any{fillerData, exp, lo, hi}
		}
		if _, err := f.db.ExecContext(ctx, q, args...); err != nil {
			return fmt.Errorf("loadbench: fill rows %d to %d: %w", lo, hi, err)
		}
	}
	return nil
}

// exec runs q, a statement of the measurement, and returns the rows it
// touched.
func (f *sqlFiller) exec(ctx context.Context, q string, args ...any) (int64, error) {
	res, err := f.db.ExecContext(ctx, q, args...)
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}

func (f *sqlFiller) close() { f.db.Close() }

// postgresSchema creates a schema of its own on the server of dsn, so
// that a million filler rows never meet other users of the database, and
// returns the DSN using it and what drops it.
func postgresSchema(ctx context.Context, dsn string) (string, func(), error) {
	var b [6]byte
	rand.Read(b[:])
	name := "loadtest_" + hex.EncodeToString(b[:])
	u, err := url.Parse(dsn)
	if err != nil || u.Host == "" {
		return "", nil, fmt.Errorf("loadbench: MANOUCHE_TEST_POSTGRES_DSN must be a postgres:// URL for the rows curves")
	}
	admin, err := openDB(settings.Database{Engine: "postgres", URL: dsn})
	if err != nil {
		return "", nil, err
	}
	if _, err := admin.ExecContext(ctx, "CREATE SCHEMA "+name); err != nil {
		admin.Close()
		return "", nil, fmt.Errorf("loadbench: postgres: create schema: %w", err)
	}
	drop := func() {
		admin.Exec("DROP SCHEMA IF EXISTS " + name + " CASCADE")
		admin.Close()
	}
	q := u.Query()
	q.Set("search_path", name)
	u.RawQuery = q.Encode()
	return u.String(), drop, nil
}

// launchInOwnSchema launches the server of e, in a PostgreSQL schema of
// its own (created now, dropped by stop) when ownSchema is set. It returns
// the options the server runs with and the function that stops it.
func launchInOwnSchema(ctx context.Context, o *Options, e engine, ownSchema bool, bin, dir string) (*Options, *server, func(), error) {
	oo := *o
	drop := func() {}
	if ownSchema {
		dsn, d, err := postgresSchema(ctx, o.PostgresDSN)
		if err != nil {
			return nil, nil, nil, err
		}
		oo.PostgresDSN, drop = dsn, d
	}
	srv, err := launch(ctx, &oo, e, bin, dir)
	if err != nil {
		drop()
		return nil, nil, nil, err
	}
	return &oo, srv, func() { srv.stop(); drop() }, nil
}
