package migrations

import (
	"context"
	"errors"
	"fmt"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/logger"
)

// Statements returns the SQL that m's Up runs on db's dialect, or with
// backwards its Down, without running it (Django's sqlmigrate), through
// [DryRun]. A migration with no step (a nil Up) has no statements. A step
// that needs what a query returns to decide what to run cannot be shown
// this way: it gets an error, or shows the statements up to that query.
func Statements(db *gorm.DB, m *Migration, backwards bool) ([]string, error) {
	step, verb := m.Up, "forwards"
	if backwards {
		step, verb = m.Down, "backwards"
		if step == nil {
			return nil, fmt.Errorf("migrations: %s is irreversible (no Down)", m)
		}
	}
	if step == nil {
		return nil, nil
	}
	stmts, err := DryRun(db, step)
	var p *dryRunPanic
	switch {
	case errors.As(err, &p):
		return nil, fmt.Errorf("migrations: %s %s cannot be shown as SQL: it failed without a database (%v)", m, verb, p.value)
	case err != nil:
		return nil, fmt.Errorf("migrations: %s %s: %w", m, verb, err)
	}
	return stmts, nil
}

// DryRun runs fn on a dry-run session of db, which builds every statement
// and executes none, and returns the SQL of the statements built, in
// order: what fn would run on db's dialect. No connection is used. A
// panic in fn, as when it scans the rows of a query that did not run, is
// returned as an error.
func DryRun(db *gorm.DB, fn func(tx *gorm.DB) error) (stmts []string, err error) {
	rec := &recorder{}
	dry := db.Session(&gorm.Session{DryRun: true, NewDB: true, Logger: rec})
	defer func() {
		if p := recover(); p != nil {
			err = &dryRunPanic{p}
		}
	}()
	if err := fn(dry); err != nil {
		return nil, err
	}
	return rec.stmts, nil
}

// dryRunPanic is a panic of the function given to [DryRun].
type dryRunPanic struct{ value any }

func (p *dryRunPanic) Error() string { return fmt.Sprintf("migrations: dry run: panic: %v", p.value) }

// recorder is a GORM logger that keeps the SQL of every statement GORM
// builds, in order, and logs nothing.
type recorder struct{ stmts []string }

func (r *recorder) LogMode(logger.LogLevel) logger.Interface { return r }
func (r *recorder) Info(context.Context, string, ...any)     {}
func (r *recorder) Warn(context.Context, string, ...any)     {}
func (r *recorder) Error(context.Context, string, ...any)    {}

func (r *recorder) Trace(_ context.Context, _ time.Time, fc func() (string, int64), _ error) {
	if sql, _ := fc(); sql != "" {
		r.stmts = append(r.stmts, sql)
	}
}
