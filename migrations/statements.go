package migrations

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/logger"
)

// Statements returns the SQL that m's Up runs on db's dialect, or with
// backwards its Down, without running it (Django's sqlmigrate): the step
// runs against a dry-run session of db, which builds every statement and
// executes none, and each statement built is recorded. A migration with no
// step (a nil Up) has no statements. A step that needs what a query
// returns to decide what to run cannot be shown this way: it gets an
// error, or shows the statements up to that query.
func Statements(db *gorm.DB, m *Migration, backwards bool) (stmts []string, err error) {
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
	rec := &recorder{}
	dry := db.Session(&gorm.Session{DryRun: true, NewDB: true, Logger: rec})
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("migrations: %s %s cannot be shown as SQL: it failed without a database (%v)", m, verb, p)
		}
	}()
	if err := step(dry); err != nil {
		return nil, fmt.Errorf("migrations: %s %s: %w", m, verb, err)
	}
	return rec.stmts, nil
}

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
