// Package dbstore is the session store of Django's default engine,
// django.contrib.sessions.backends.db: one row per session in the table
// django_session. Every statement runs prepared, straight on GORM's
// connection pool (database/sql); GORM only creates and drops the table.
// Statements wait for a connection first come, first served, and on
// SQLite run without the request's cancellation (see queue.go and
// stmtContext), so that a thousand concurrent requests wait about
// equally long; SQLite's concurrent writes share one transaction (see
// groupcommit.go).
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
//   - SaveIf ([session.ConditionalSaver]) is the same UPDATE with
//     "AND session_data = ?" (compared byte for byte on MySQL too), so
//     concurrent requests of one session merge their changes without a
//     column or a lock Django does not know;
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
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/logger"

	"github.com/manouche-go/manouche/framework/db"
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
// implements [session.ConditionalSaver], [session.ExpiredClearer] and
// [session.Exister]. It is safe for concurrent use.
type Store struct {
	db      *gorm.DB
	loc     *time.Location
	now     func() time.Time
	dialect string // GORM's dialect name: sqlite, postgres, mysql, ...

	// pool runs the statements, prepared on first use, bypassing GORM's
	// statement building: db's *sql.DB, or whatever pool db wraps (a
	// transaction, GORM's prepared-statement cache). log is db's logger,
	// redacted, which still sees every statement.
	pool  gorm.ConnPool
	queue queue        // in front of pool
	group *groupCommit // SQLite's writes, batched; nil elsewhere
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
	s := &Store{db: db, loc: opts.Location, now: opts.Now, dialect: db.Dialector.Name(),
		pool: db.Statement.ConnPool, queue: newQueue(db), log: db.Logger}
	if s.loc == nil {
		s.loc = time.UTC
	}
	if s.now == nil {
		s.now = time.Now
	}
	for i, q := range s.queries() {
		s.stmts[i].query = s.bindVars(q)
	}
	if s.dialect == "sqlite" {
		s.group = newGroupCommit(db, s.queue, s.execAlone)
	}
	return s
}

// Load returns the session_data of the row of key whose expire_date is
// still ahead (Django's load). A missing or expired row is ErrNotFound.
func (s *Store) Load(ctx context.Context, key string) (string, error) {
	var data string
	err := s.queryRow(ctx, stLoad, []any{&data}, key, s.value(s.now()))
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
	var data, text string
	var expiry time.Time
	var dest any = &expiry
	switch s.dialect {
	case "sqlite":
		dest = &text
	case "mysql":
		dest = wallClock{&expiry, s.loc}
	}
	err := s.queryRow(ctx, stLoadExpiry, []any{&data, dest}, key, s.value(s.now()))
	switch {
	case err == nil && s.dialect == "sqlite":
		expiry, err = parseDjango(text, s.loc)
	case err == nil && s.dialect != "mysql":
		expiry = expiry.In(s.loc)
	case errors.Is(err, sql.ErrNoRows):
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
	_, err := s.exec(ctx, stCreate, key, data, s.value(expiry))
	switch {
	case err == nil:
		return nil
	case duplicate(s.db.Dialector, err):
		return session.ErrKeyExists
	}
	return wrap("create", err)
}

// Save updates the row of key (Django's save with force_update). No row
// updated is ErrNotFound: the session was deleted meanwhile. (On MySQL
// this needs clientFoundRows=true; see [New].)
func (s *Store) Save(ctx context.Context, key, data string, expiry time.Time) error {
	n, err := s.exec(ctx, stSave, data, s.value(expiry), key)
	if err != nil {
		return wrap("save", err)
	}
	if n == 0 {
		return session.ErrNotFound
	}
	return nil
}

// SaveIf updates the row of key only while its session_data is old: one
// UPDATE ... WHERE session_key = ? AND session_data = ?. When it updates
// no row, the row is looked up: there is one, ErrConflict; none,
// ErrNotFound.
func (s *Store) SaveIf(ctx context.Context, key, old, data string, expiry time.Time) error {
	n, err := s.exec(ctx, stSaveIf, data, s.value(expiry), key, old)
	if err != nil {
		return wrap("save", err)
	}
	if n > 0 {
		return nil
	}
	switch found, err := s.Exists(ctx, key); {
	case err != nil:
		return err
	case found:
		return session.ErrConflict
	}
	return session.ErrNotFound
}

// Delete deletes the row of key, if any.
func (s *Store) Delete(ctx context.Context, key string) error {
	if _, err := s.exec(ctx, stDelete, key); err != nil {
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
	err := s.queryRow(ctx, stExists, []any{&one}, key)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, wrap("exists", err)
	}
	return true, nil
}

// value is t as expire_date is written and compared: on SQLite and MySQL
// Django's naive text of the wall clock in the store's location (MySQL
// reads it as a datetime, whatever the connection's loc), an instant on
// PostgreSQL.
func (s *Store) value(t time.Time) any {
	t = t.In(s.loc)
	if s.dialect == "sqlite" || s.dialect == "mysql" {
		return db.FormatDateTime(t)
	}
	return t
}
