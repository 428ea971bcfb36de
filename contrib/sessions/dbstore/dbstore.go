// Package dbstore is the session store of Django's default engine,
// django.contrib.sessions.backends.db: one row per session in the table
// django_session. The per-request statements (load, create, save, delete,
// exists) run as prepared statements straight on GORM's *sql.DB; the
// table's DDL and clear_expired go through GORM.
//
// The engine is selected with SESSION_ENGINE "db" (or Django's dotted
// name); its rows follow USE_TZ and TIME_ZONE through [Options.Location].
// The table and its rows are byte-compatible with Django's, so a Go site
// and a Django site can share the database:
//
//   - the table is created with Django's own DDL ([CreateTable]), wrapped
//     by contrib/sessions into migration sessions.0001_initial;
//   - on SQLite, expire_date is TEXT "YYYY-MM-DD HH:MM:SS[.ffffff]" and is
//     compared as a string, exactly as Django writes and compares it; on
//     PostgreSQL it is a timestamp with time zone; on MySQL and MariaDB a
//     datetime(6) holding the naive wall clock of [Options.Location] (UTC
//     for USE_TZ = True), as Django stores it;
//   - Create is a plain INSERT whose duplicate-key error (SQLite's unique
//     constraint, PostgreSQL's 23505, MySQL's 1062) becomes
//     [session.ErrKeyExists] (no read-then-write race), and Save is an
//     UPDATE that must touch one row, else [session.ErrNotFound], so a
//     session deleted meanwhile is never brought back;
//   - keys are compared byte for byte on every database. On MySQL, Django's
//     DDL leaves session_key in the database's default collation, usually
//     case- and accent-insensitive and blind to trailing spaces, so the
//     statements compare it with CAST(? AS BINARY) (still a primary-key
//     lookup): "ABC..." or "abc... " never names the row of "abc...".
//
// An error meaning the database cannot be reached right now (a refused or
// broken connection, a timeout, a server shutting down or starting up) is
// wrapped with [session.ErrUnavailable], which the session middleware
// answers with 503; the pool reconnects by itself once the server is back.
//
// Expired rows stay in the table until [Store.ClearExpired] (the
// clearsessions command) removes them, as in Django.
package dbstore

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/logger"

	"github.com/manouche-go/manouche/framework/session"
)

// Options configures [New]. The zero value writes UTC on the system clock,
// Django's behaviour with USE_TZ = True.
type Options struct {
	// Location is the time zone of expire_date on databases without zone
	// support (SQLite, MySQL): UTC for USE_TZ = True, the TIME_ZONE
	// location for USE_TZ = False. On PostgreSQL expire_date is an instant
	// and Location only sets the zone of the times LoadWithExpiry
	// returns. Nil means UTC.
	Location *time.Location
	// Now is the clock that decides what has expired; nil means time.Now.
	Now func() time.Time
}

// Store is a [session.Store] over the django_session table. It also
// implements [session.ExpiredClearer] and [session.Exister]. It is safe
// for concurrent use.
type Store struct {
	db      *gorm.DB
	loc     *time.Location
	now     func() time.Time
	dialect string // GORM's dialect name: sqlite, postgres, mysql, ...

	// sqlDB, when not nil, runs the per-request statements, prepared on
	// first use, bypassing GORM's statement building; log is db's logger,
	// redacted, which still sees them. It is nil when db has no *sql.DB
	// (a transaction, a custom pool) or a dialect without statements
	// here: the store then goes through GORM.
	sqlDB *sql.DB
	log   logger.Interface
	stmts [numStmts]lazyStmt
}

// New returns a store keeping sessions in db's django_session table, which
// must exist (see [CreateTable]). The store's statements reach db's logger
// without their parameters, so session keys and data never appear in SQL
// logs. On MySQL, db must be opened with clientFoundRows=true, as
// framework/db opens it (and as Django's MySQL backend connects), so that
// saving unchanged data still counts the row it matched.
func New(db *gorm.DB, opts Options) *Store {
	db = db.Session(&gorm.Session{Logger: redacted{db.Logger, db.Dialector}})
	s := &Store{db: db, loc: opts.Location, now: opts.Now, dialect: db.Dialector.Name()}
	if s.loc == nil {
		s.loc = time.UTC
	}
	if s.now == nil {
		s.now = time.Now
	}
	if s.dialect == "sqlite" || s.dialect == "postgres" || s.dialect == "mysql" {
		if sqlDB, err := db.DB(); err == nil && sqlDB != nil {
			s.sqlDB, s.log = sqlDB, db.Logger
			loadExpiry := sqlLoadExpiry
			if s.dialect == "sqlite" {
				loadExpiry = sqlLoadText
			}
			for i, q := range [numStmts]string{
				stLoad: sqlLoad, stLoadExpiry: loadExpiry, stCreate: sqlCreate,
				stSave: sqlSave, stDelete: sqlDelete, stExists: sqlExists,
			} {
				s.stmts[i].query = s.placeholders(s.exact(q))
			}
		}
	}
	return s
}

// Load returns the session_data of the row of key whose expire_date is
// still ahead (Django's load). A missing or expired row is ErrNotFound.
func (s *Store) Load(ctx context.Context, key string) (string, error) {
	var data string
	var err error
	if s.sqlDB != nil {
		err = s.queryRow(ctx, stLoad, []any{&data}, key, s.value(s.now()))
	} else {
		err = s.db.WithContext(ctx).Raw(s.exact(sqlLoad), key, s.value(s.now())).Row().Scan(&data)
	}
	if errors.Is(err, sql.ErrNoRows) {
		return "", session.ErrNotFound
	}
	if err != nil {
		return "", wrap("load", err)
	}
	return data, nil
}

// LoadWithExpiry is [Store.Load] that also returns the row's expire_date,
// which the cached_db engine uses as the cache timeout.
func (s *Store) LoadWithExpiry(ctx context.Context, key string) (string, time.Time, error) {
	var data string
	var expiry time.Time
	var err error
	scan := func(q string, dest ...any) error {
		if s.sqlDB != nil {
			return s.queryRow(ctx, stLoadExpiry, dest, key, s.value(s.now()))
		}
		return s.db.WithContext(ctx).Raw(s.exact(q), key, s.value(s.now())).Row().Scan(dest...)
	}
	switch s.dialect {
	case "sqlite":
		var text string
		err = scan(sqlLoadText, &data, &text)
		if err == nil {
			expiry, err = parseDjango(text, s.loc)
		}
	case "mysql":
		err = scan(sqlLoadExpiry, &data, wallClock{&expiry, s.loc})
	default:
		err = scan(sqlLoadExpiry, &data, &expiry)
		expiry = expiry.In(s.loc)
	}
	if errors.Is(err, sql.ErrNoRows) {
		return "", time.Time{}, session.ErrNotFound
	}
	if err != nil {
		return "", time.Time{}, wrap("load", err)
	}
	return data, expiry, nil
}

// Create inserts a row (Django's save with must_create=True). A duplicate
// key is ErrKeyExists and leaves the existing row untouched.
func (s *Store) Create(ctx context.Context, key, data string, expiry time.Time) error {
	var err error
	if s.sqlDB != nil {
		_, err = s.exec(ctx, stCreate, key, data, s.value(expiry))
	} else {
		err = s.db.WithContext(ctx).Exec(sqlCreate, key, data, s.value(expiry)).Error
	}
	if err == nil {
		return nil
	}
	if duplicate(s.db.Dialector, err) {
		return session.ErrKeyExists
	}
	return wrap("create", err)
}

// Save updates the row of key (Django's save with force_update). No row
// updated is ErrNotFound: the session was deleted meanwhile. (On MySQL
// this needs clientFoundRows=true; see [New].)
func (s *Store) Save(ctx context.Context, key, data string, expiry time.Time) error {
	var n int64
	var err error
	if s.sqlDB != nil {
		n, err = s.exec(ctx, stSave, data, s.value(expiry), key)
	} else {
		res := s.db.WithContext(ctx).Exec(s.exact(sqlSave), data, s.value(expiry), key)
		n, err = res.RowsAffected, res.Error
	}
	if err != nil {
		return wrap("save", err)
	}
	if n == 0 {
		return session.ErrNotFound
	}
	return nil
}

// Delete deletes the row of key, if any.
func (s *Store) Delete(ctx context.Context, key string) error {
	var err error
	if s.sqlDB != nil {
		_, err = s.exec(ctx, stDelete, key)
	} else {
		err = s.db.WithContext(ctx).Exec(s.exact(sqlDelete), key).Error
	}
	if err != nil {
		return wrap("delete", err)
	}
	return nil
}

// ClearExpired deletes the rows whose expire_date is before now (Django's
// clear_expired), in batches: see [Store.ClearExpiredCount].
func (s *Store) ClearExpired(ctx context.Context) error {
	_, err := s.ClearExpiredCount(ctx)
	return err
}

// Exists reports whether key has a row, expired or not (Django's exists).
func (s *Store) Exists(ctx context.Context, key string) (bool, error) {
	var one int
	var err error
	if s.sqlDB != nil {
		err = s.queryRow(ctx, stExists, []any{&one}, key)
	} else {
		err = s.db.WithContext(ctx).Raw(s.exact(sqlExists), key).Row().Scan(&one)
	}
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, wrap("exists", err)
	}
	return true, nil
}

// exact makes q compare session_key byte for byte on MySQL, whose
// default collations would match another spelling of the key (see the
// package doc). The other databases compare varchar exactly already.
func (s *Store) exact(q string) string {
	if s.dialect != "mysql" {
		return q
	}
	return strings.Replace(q, "session_key = ?", "session_key = CAST(? AS BINARY)", 1)
}

// value is t as expire_date is written and compared: on SQLite and MySQL
// Django's naive text of the wall clock in the store's location (MySQL
// reads it as a datetime, whatever the connection's loc), an instant on
// PostgreSQL.
func (s *Store) value(t time.Time) any {
	t = t.In(s.loc)
	if s.dialect == "sqlite" || s.dialect == "mysql" {
		return formatDjango(t)
	}
	return t
}
