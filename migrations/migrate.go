package migrations

import (
	"context"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"gorm.io/gorm"
)

// Apply applies every migration of all that is not recorded yet, in
// [Plan] order, as Django's "migrate" does. It creates django_migrations
// when missing. Each migration's Up runs in its own transaction together
// with the insertion of its row, so a failure rolls back that migration
// alone (those before it stay applied) and returns an error naming it:
// "migrations: apply sessions.0001_initial: ...". Running it again does
// nothing new. Progress goes to out, one line per migration:
// "  Applying sessions.0001_initial... OK", or "  No migrations to apply.".
// A recorded migration whose dependency is not recorded is an error
// (Django's InconsistentMigrationHistory).
func Apply(ctx context.Context, db *gorm.DB, all []*Migration, out io.Writer) error {
	plan, err := Plan(all)
	if err != nil {
		return err
	}
	db = db.WithContext(ctx)
	if err := ensureTable(db); err != nil {
		return err
	}
	applied, err := appliedSet(db)
	if err != nil {
		return err
	}
	if err := checkHistory(plan, applied); err != nil {
		return err
	}
	var pending []*Migration
	for _, m := range plan {
		if !applied[m.key()] {
			pending = append(pending, m)
		}
	}
	fmt.Fprintf(out, "Operations to perform:\n  Apply all migrations: %s\nRunning migrations:\n", labels(plan))
	return run(ctx, db, pending, out, "apply", "Applying", applyOne)
}

// Unapply reverts app's applied migrations, as Django's "migrate APP zero"
// does: in reverse [Plan] order, together with applied migrations of other
// apps that depend on them, each Down in its own transaction with the
// deletion of its row. Before anything runs, a migration to revert without
// a Down is an error naming it. Progress goes to out:
// "  Unapplying sessions.0001_initial... OK".
func Unapply(ctx context.Context, db *gorm.DB, all []*Migration, app string, out io.Writer) error {
	plan, err := Plan(all)
	if err != nil {
		return err
	}
	if !slices.ContainsFunc(plan, func(m *Migration) bool { return m.App == app }) {
		return fmt.Errorf("migrations: app %q has no migrations", app)
	}
	db = db.WithContext(ctx)
	applied, err := appliedSet(db)
	if err != nil {
		return err
	}
	undo := backwards(plan, app, applied)
	for _, m := range undo {
		if m.Down == nil {
			return fmt.Errorf("migrations: unapply %s: migration is irreversible (no Down)", m)
		}
	}
	fmt.Fprintf(out, "Operations to perform:\n  Unapply all migrations: %s\nRunning migrations:\n", app)
	return run(ctx, db, undo, out, "unapply", "Unapplying", unapplyOne)
}

// run performs step on each migration and prints Django's progress lines.
func run(ctx context.Context, db *gorm.DB, ms []*Migration, out io.Writer, verb, label string,
	step func(db *gorm.DB, m *Migration) error) error {
	if len(ms) == 0 {
		fmt.Fprintln(out, "  No migrations to apply.")
		return nil
	}
	for _, m := range ms {
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("migrations: %s %s: %w", verb, m, err)
		}
		fmt.Fprintf(out, "  %s %s...", label, m)
		if err := step(db, m); err != nil {
			fmt.Fprintln(out, " FAILED")
			return fmt.Errorf("migrations: %s %s: %w", verb, m, err)
		}
		fmt.Fprintln(out, " OK")
	}
	return nil
}

// applyOne runs Up and records m in one locked step. The row is checked
// again inside it, so two processes migrating at once apply m once.
func applyOne(db *gorm.DB, m *Migration) error {
	return step(db, func(tx *gorm.DB) error {
		if done, err := isRecorded(tx, m); err != nil || done {
			return err
		}
		if m.Up != nil {
			if err := m.Up(tx); err != nil {
				return err
			}
		}
		return record(tx, m, time.Now())
	})
}

// unapplyOne runs Down and deletes m's row in one locked step, unless
// another process unapplied m meanwhile.
func unapplyOne(db *gorm.DB, m *Migration) error {
	return step(db, func(tx *gorm.DB) error {
		if done, err := isRecorded(tx, m); err != nil || !done {
			return err
		}
		if err := m.Down(tx); err != nil {
			return err
		}
		return unrecord(tx, m)
	})
}

// backwards lists what "migrate app zero" reverts: app's applied
// migrations and the applied migrations depending on them, latest first.
func backwards(plan []*Migration, app string, applied map[[2]string]bool) []*Migration {
	doomed := map[[2]string]bool{}
	for _, m := range plan { // dependencies come first in plan
		hit := m.App == app
		for _, d := range m.Dependencies {
			hit = hit || doomed[d]
		}
		doomed[m.key()] = hit
	}
	var undo []*Migration
	for _, m := range slices.Backward(plan) {
		if doomed[m.key()] && applied[m.key()] {
			undo = append(undo, m)
		}
	}
	return undo
}

// checkHistory refuses a recorded migration whose dependency is not
// recorded (Django's InconsistentMigrationHistory).
func checkHistory(plan []*Migration, applied map[[2]string]bool) error {
	for _, m := range plan {
		if !applied[m.key()] {
			continue
		}
		for _, d := range m.Dependencies {
			if !applied[d] {
				return fmt.Errorf("migrations: inconsistent history: %s is applied before its dependency %s.%s", m, d[0], d[1])
			}
		}
	}
	return nil
}

// labels is Django's "Apply all migrations:" list: the apps, sorted.
func labels(plan []*Migration) string {
	var apps []string
	for _, m := range plan {
		if !slices.Contains(apps, m.App) {
			apps = append(apps, m.App)
		}
	}
	if len(apps) == 0 {
		return "(none)"
	}
	slices.Sort(apps)
	return strings.Join(apps, ", ")
}
