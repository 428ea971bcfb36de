package dbstore

// This file holds the statements, run on database/sql directly, and the
// GORM logger wrapper that keeps parameters out of logs.

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"sync/atomic"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/logger"

	"github.com/manouche-go/manouche/framework/session"
)

// The statements, indexes into Store.stmts.
const (
	stLoad = iota
	stLoadExpiry
	stCreate
	stSave
	stSaveIf
	stDelete
	stExists
	numStmts
)

// lazyStmt is a statement prepared on first use. A failed preparation (no
// table yet, the server down) is not kept: the next call tries again.
type lazyStmt struct {
	query string // in the dialect's placeholders
	stmt  atomic.Pointer[sql.Stmt]
}

var (
	_ session.Store            = (*Store)(nil)
	_ session.ConditionalSaver = (*Store)(nil)
	_ session.ExpiredClearer   = (*Store)(nil)
	_ session.ExpiredCounter   = (*Store)(nil)
	_ session.Exister          = (*Store)(nil)
)

// queries returns the statements in "?" placeholders. On MySQL, whose
// default collations would match another spelling of a key or of the data
// (case, accents, trailing spaces; see the package doc), session_key and
// session_data are compared as binary strings (still a primary-key
// lookup). The other databases compare text exactly already.
func (s *Store) queries() [numStmts]string {
	loadExpiry := sqlLoadExpiry
	if s.dialect == "sqlite" {
		loadExpiry = sqlLoadText
	}
	q := [numStmts]string{
		stLoad: sqlLoad, stLoadExpiry: loadExpiry, stCreate: sqlCreate, stSave: sqlSave,
		stSaveIf: sqlSaveIf, stDelete: sqlDelete, stExists: sqlExists,
	}
	if s.dialect == "mysql" {
		for i := range q {
			q[i] = strings.ReplaceAll(q[i], "session_key = ?", "session_key = CAST(? AS BINARY)")
		}
		q[stSaveIf] = strings.Replace(q[stSaveIf], "AND session_data = ?", "AND session_data = CAST(? AS BINARY)", 1)
	}
	return q
}

// bindVars rewrites the "?" of q in the dialect's placeholders ("$1",
// "$2"... on PostgreSQL), as GORM would.
func (s *Store) bindVars(q string) string {
	var b strings.Builder
	st := &gorm.Statement{DB: s.db}
	for _, r := range q {
		if r != '?' {
			b.WriteRune(r)
			continue
		}
		st.Vars = append(st.Vars, nil)
		s.db.Dialector.BindVarTo(&b, st, nil)
	}
	return b.String()
}

// stmt returns statement i, preparing it on first use. Concurrent first
// uses may each prepare it; one is kept and the others closed.
func (s *Store) stmt(ctx context.Context, i int) (*sql.Stmt, error) {
	l := &s.stmts[i]
	if st := l.stmt.Load(); st != nil {
		return st, nil
	}
	st, err := s.pool.PrepareContext(ctx, l.query)
	if err != nil {
		return nil, err
	}
	if !l.stmt.CompareAndSwap(nil, st) {
		st.Close()
		return l.stmt.Load(), nil
	}
	return st, nil
}

// queryRow runs statement i with args and scans its row into dest.
func (s *Store) queryRow(ctx context.Context, i int, dest []any, args ...any) error {
	begin := time.Now()
	st, err := s.stmt(ctx, i)
	if err == nil {
		err = s.queue.enter(ctx)
	}
	if err == nil {
		err = st.QueryRowContext(s.stmtContext(ctx), args...).Scan(dest...)
		s.queue.leave()
	}
	s.trace(ctx, begin, i, -1, err)
	return err
}

// exec runs statement i, a write, with args and returns the rows it
// affected. On SQLite it joins the store's group commit.
func (s *Store) exec(ctx context.Context, i int, args ...any) (int64, error) {
	begin := time.Now()
	w := write{ctx: ctx, args: args}
	if w.st, w.err = s.stmt(ctx, i); w.err == nil {
		if s.group != nil {
			s.group.exec(&w)
		} else {
			s.execAlone(&w)
		}
	}
	if w.err != nil {
		w.n = -1
	}
	s.trace(ctx, begin, i, w.n, w.err)
	return w.n, w.err
}

// execAlone runs w on its own: its statement in its own transaction.
func (s *Store) execAlone(w *write) {
	if w.err = s.queue.enter(w.ctx); w.err != nil {
		return
	}
	defer s.queue.leave()
	var res sql.Result
	if res, w.err = w.st.ExecContext(s.stmtContext(w.ctx), w.args...); w.err == nil {
		w.n, w.err = res.RowsAffected()
	}
}

// stmtContext is the context a statement runs on: on SQLite, ctx without
// its cancellation. A cancellable context costs two goroutines per
// statement (database/sql's and go-sqlite3's watchers of ctx), which on a
// busy server wait their turn behind every request; a statement on a
// local file takes microseconds and has nothing to give up (the busy
// timeout bounds a wait for the write lock), so the request's end is
// noticed between statements instead: the queue's wait and the next
// statement still see it.
func (s *Store) stmtContext(ctx context.Context) context.Context {
	if s.dialect == "sqlite" {
		return context.WithoutCancel(ctx)
	}
	return ctx
}

// trace reports statement i to db's logger as GORM would, with its SQL
// only (never its parameters); no row is not an error, as with GORM.
func (s *Store) trace(ctx context.Context, begin time.Time, i int, rows int64, err error) {
	if errors.Is(err, sql.ErrNoRows) {
		err = nil
	}
	q := s.stmts[i].query
	s.log.Trace(ctx, begin, func() (string, int64) { return q, rows }, err)
}

const (
	sqlLoad       = "SELECT session_data FROM django_session WHERE session_key = ? AND expire_date > ?"
	sqlLoadExpiry = "SELECT session_data, expire_date FROM django_session WHERE session_key = ? AND expire_date > ?"
	sqlLoadText   = "SELECT session_data, CAST(expire_date AS TEXT) FROM django_session WHERE session_key = ? AND expire_date > ?"
	sqlCreate     = "INSERT INTO django_session (session_key, session_data, expire_date) VALUES (?, ?, ?)"
	sqlSave       = "UPDATE django_session SET session_data = ?, expire_date = ? WHERE session_key = ?"
	sqlSaveIf     = sqlSave + " AND session_data = ?"
	sqlDelete     = "DELETE FROM django_session WHERE session_key = ?"
	sqlExists     = "SELECT 1 FROM django_session WHERE session_key = ?"
)

// redacted is a GORM logger that logs statements with "?" in place of their
// parameters (gorm.ParamsFilter), and a duplicate key, an expected outcome
// of Create whose MySQL message quotes the key, as a success.
type redacted struct {
	logger.Interface
	dialector gorm.Dialector
}

func (r redacted) LogMode(l logger.LogLevel) logger.Interface {
	return redacted{r.Interface.LogMode(l), r.dialector}
}

func (redacted) ParamsFilter(_ context.Context, sql string, _ ...any) (string, []any) {
	return sql, nil
}

func (r redacted) Trace(ctx context.Context, begin time.Time, fc func() (string, int64), err error) {
	if err != nil && duplicate(r.dialector, err) {
		err = nil
	}
	r.Interface.Trace(ctx, begin, fc, err)
}
