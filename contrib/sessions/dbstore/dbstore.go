// Package dbstore is the session store of Django's default engine,
// django.contrib.sessions.backends.db: one row per session in the table
// django_session, read and written through GORM.
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
//     other databases it is a native timestamp;
//   - Create is a plain INSERT whose duplicate-key error becomes
//     [session.ErrKeyExists] (no read-then-write race), and Save is an
//     UPDATE that must touch one row, else [session.ErrNotFound], so a
//     session deleted meanwhile is never brought back.
//
// Expired rows stay in the table until [Store.ClearExpired] (the
// clearsessions command) removes them, as in Django.
package dbstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
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
	// location for USE_TZ = False. Nil means UTC.
	Location *time.Location
	// Now is the clock that decides what has expired; nil means time.Now.
	Now func() time.Time
}

// Store is a [session.Store] over the django_session table. It also
// implements [session.ExpiredClearer] and [session.Exister]. It is safe
// for concurrent use.
type Store struct {
	db     *gorm.DB
	loc    *time.Location
	now    func() time.Time
	sqlite bool
}

var (
	_ session.Store          = (*Store)(nil)
	_ session.ExpiredClearer = (*Store)(nil)
	_ session.Exister        = (*Store)(nil)
)

// New returns a store keeping sessions in db's django_session table, which
// must exist (see [CreateTable]). The store's statements reach db's logger
// without their parameters, so session keys and data never appear in SQL
// logs.
func New(db *gorm.DB, opts Options) *Store {
	db = db.Session(&gorm.Session{Logger: redacted{db.Logger}})
	s := &Store{db: db, loc: opts.Location, now: opts.Now, sqlite: db.Dialector.Name() == "sqlite"}
	if s.loc == nil {
		s.loc = time.UTC
	}
	if s.now == nil {
		s.now = time.Now
	}
	return s
}

const (
	sqlLoad       = "SELECT session_data FROM django_session WHERE session_key = ? AND expire_date > ?"
	sqlLoadExpiry = "SELECT session_data, expire_date FROM django_session WHERE session_key = ? AND expire_date > ?"
	sqlLoadText   = "SELECT session_data, CAST(expire_date AS TEXT) FROM django_session WHERE session_key = ? AND expire_date > ?"
	sqlCreate     = "INSERT INTO django_session (session_key, session_data, expire_date) VALUES (?, ?, ?)"
	sqlSave       = "UPDATE django_session SET session_data = ?, expire_date = ? WHERE session_key = ?"
	sqlDelete     = "DELETE FROM django_session WHERE session_key = ?"
	sqlClear      = "DELETE FROM django_session WHERE expire_date < ?"
	sqlExists     = "SELECT 1 FROM django_session WHERE session_key = ?"
)

// Load returns the session_data of the row of key whose expire_date is
// still ahead (Django's load). A missing or expired row is ErrNotFound.
func (s *Store) Load(ctx context.Context, key string) (string, error) {
	var data string
	err := s.db.WithContext(ctx).Raw(sqlLoad, key, s.value(s.now())).Row().Scan(&data)
	if errors.Is(err, sql.ErrNoRows) {
		return "", session.ErrNotFound
	}
	if err != nil {
		return "", fmt.Errorf("dbstore: load: %w", err)
	}
	return data, nil
}

// LoadWithExpiry is [Store.Load] that also returns the row's expire_date,
// which the cached_db engine uses as the cache timeout.
func (s *Store) LoadWithExpiry(ctx context.Context, key string) (string, time.Time, error) {
	var data string
	var expiry time.Time
	var err error
	q := s.db.WithContext(ctx)
	if s.sqlite {
		var text string
		err = q.Raw(sqlLoadText, key, s.value(s.now())).Row().Scan(&data, &text)
		if err == nil {
			expiry, err = parseDjango(text, s.loc)
		}
	} else {
		err = q.Raw(sqlLoadExpiry, key, s.value(s.now())).Row().Scan(&data, &expiry)
	}
	if errors.Is(err, sql.ErrNoRows) {
		return "", time.Time{}, session.ErrNotFound
	}
	if err != nil {
		return "", time.Time{}, fmt.Errorf("dbstore: load: %w", err)
	}
	return data, expiry, nil
}

// Create inserts a row (Django's save with must_create=True). A duplicate
// key is ErrKeyExists and leaves the existing row untouched.
func (s *Store) Create(ctx context.Context, key, data string, expiry time.Time) error {
	err := s.db.WithContext(ctx).Exec(sqlCreate, key, data, s.value(expiry)).Error
	if err == nil {
		return nil
	}
	if s.duplicate(err) {
		return session.ErrKeyExists
	}
	return fmt.Errorf("dbstore: create: %w", err)
}

// Save updates the row of key (Django's save with force_update). No row
// updated is ErrNotFound: the session was deleted meanwhile. (On MySQL,
// open the database with clientFoundRows=true, as Django does, so that
// saving unchanged data still counts the row.)
func (s *Store) Save(ctx context.Context, key, data string, expiry time.Time) error {
	res := s.db.WithContext(ctx).Exec(sqlSave, data, s.value(expiry), key)
	if res.Error != nil {
		return fmt.Errorf("dbstore: save: %w", res.Error)
	}
	if res.RowsAffected == 0 {
		return session.ErrNotFound
	}
	return nil
}

// Delete deletes the row of key, if any.
func (s *Store) Delete(ctx context.Context, key string) error {
	if err := s.db.WithContext(ctx).Exec(sqlDelete, key).Error; err != nil {
		return fmt.Errorf("dbstore: delete: %w", err)
	}
	return nil
}

// ClearExpired deletes the rows whose expire_date is before now (Django's
// clear_expired: DELETE ... WHERE expire_date < now).
func (s *Store) ClearExpired(ctx context.Context) error {
	if err := s.db.WithContext(ctx).Exec(sqlClear, s.value(s.now())).Error; err != nil {
		return fmt.Errorf("dbstore: clear expired: %w", err)
	}
	return nil
}

// Exists reports whether key has a row, expired or not (Django's exists).
func (s *Store) Exists(ctx context.Context, key string) (bool, error) {
	var one int
	err := s.db.WithContext(ctx).Raw(sqlExists, key).Row().Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("dbstore: exists: %w", err)
	}
	return true, nil
}

// value is t as expire_date is written and compared: Django's text on
// SQLite, a time in the store's location elsewhere.
func (s *Store) value(t time.Time) any {
	t = t.In(s.loc)
	if s.sqlite {
		return formatDjango(t)
	}
	return t
}

// duplicate reports whether err is a duplicate-key error, whether or not
// the gorm.DB was opened with TranslateError.
func (s *Store) duplicate(err error) bool {
	if errors.Is(err, gorm.ErrDuplicatedKey) {
		return true
	}
	tr, ok := s.db.Dialector.(gorm.ErrorTranslator)
	return ok && errors.Is(tr.Translate(err), gorm.ErrDuplicatedKey)
}

// redacted is a GORM logger that logs statements with "?" in place of their
// parameters (gorm.ParamsFilter).
type redacted struct{ logger.Interface }

func (r redacted) LogMode(l logger.LogLevel) logger.Interface {
	return redacted{r.Interface.LogMode(l)}
}

func (redacted) ParamsFilter(_ context.Context, sql string, _ ...any) (string, []any) {
	return sql, nil
}
