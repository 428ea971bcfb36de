package autodetect

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"

	"gorm.io/gorm"
	"gorm.io/gorm/logger"

	"github.com/manouche-go/manouche/migrations"
)

// Changes are what an app's models need that its migrations do not
// create yet: the operations of its next migration.
type Changes struct {
	// App is the app's migration label, e.g. "polls".
	App string
	// Operations are the changes, in the order they apply.
	Operations []Operation
	// Dependencies are the migrations the new one comes after: the app's
	// latest, and the latest of each other app whose tables a new model
	// refers to.
	Dependencies [][2]string
	// Initial is true when the app has no migration yet.
	Initial bool
}

// Detect compares models, an app's GORM models, with the schema the
// app's migrations create (Django's MigrationAutodetector). It applies
// all, the installed apps' migrations, to a scratch database of db's
// dialect (see [scratch]), reads the schema back and returns the new
// tables, columns and indexes the models need; since every app's tables
// are there, a new model may refer to any of them, and the new migration
// then depends on that app's latest. A change it cannot write as SQL (a
// removed or changed column, a removed model or index...) is an
// [UnsupportedError] naming each one. Changes with no Operations means
// the migrations are up to date.
func Detect(ctx context.Context, db *gorm.DB, app string, models []any, all []*migrations.Migration) (*Changes, error) {
	plan, err := migrations.Plan(all)
	if err != nil {
		return nil, err
	}
	g, err := newGenerator(db.Dialector.Name())
	if err != nil {
		return nil, err
	}
	defer g.close()
	ch := &Changes{App: app, Dependencies: leaves(plan, app)}
	ch.Initial = len(ch.Dependencies) == 0
	err = scratch(ctx, db, func(tx *gorm.DB) error {
		tx = tx.Session(&gorm.Session{NewDB: true, Logger: logger.Discard})
		st, err := build(tx, plan)
		if err != nil {
			return err
		}
		return diff(tx, g, st, ch, models)
	})
	if err != nil {
		return nil, err
	}
	return ch, nil
}

// state is what the scratch database holds: each table with the
// migration that created it.
type state struct {
	owner map[string][2]string // table → {app, migration}
	plan  []*migrations.Migration
}

// build applies ms to the scratch database, noting which migration
// creates each table.
func build(tx *gorm.DB, ms []*migrations.Migration) (*state, error) {
	st := &state{owner: map[string][2]string{}, plan: ms}
	before, err := tables(tx)
	if err != nil {
		return nil, err
	}
	for _, m := range ms {
		if m.Up != nil {
			if err := m.Up(tx); err != nil {
				return nil, fmt.Errorf("autodetect: apply %s to a scratch database: %w", m, err)
			}
		}
		after, err := tables(tx)
		if err != nil {
			return nil, err
		}
		for t := range after {
			if !before[t] {
				st.owner[t] = [2]string{m.App, m.Name}
			}
		}
		for t := range before {
			if !after[t] {
				delete(st.owner, t)
			}
		}
		before = after
	}
	return st, nil
}

// tables lists the scratch database's tables, without SQLite's own.
func tables(tx *gorm.DB) (map[string]bool, error) {
	list, err := tx.Migrator().GetTables()
	if err != nil {
		return nil, fmt.Errorf("autodetect: list tables: %w", err)
	}
	set := make(map[string]bool, len(list))
	for _, t := range list {
		if !strings.HasPrefix(t, "sqlite_") {
			set[t] = true
		}
	}
	return set, nil
}

// leaves returns app's migrations that no other migration of app depends
// on: what a new migration of app comes after (Django's graph leaf nodes).
func leaves(plan []*migrations.Migration, app string) [][2]string {
	dependedOn := map[[2]string]bool{}
	for _, m := range plan {
		for _, d := range m.Dependencies {
			if d[0] == app && m.App == app {
				dependedOn[d] = true
			}
		}
	}
	var out [][2]string
	for _, m := range plan {
		if k := [2]string{m.App, m.Name}; m.App == app && !dependedOn[k] {
			out = append(out, k)
		}
	}
	return out
}

// diff fills ch with what models need beyond st, or returns an
// [UnsupportedError].
func diff(tx *gorm.DB, g *generator, st *state, ch *Changes, models []any) error {
	var created []any
	var later []Operation
	var problems []string
	claimed := map[string]bool{}
	for _, model := range models {
		sch, err := g.schemaOf(model)
		if err != nil {
			return err
		}
		claimed[sch.Table] = true
		if !tx.Migrator().HasTable(sch.Table) {
			created = append(created, model)
			continue
		}
		ops, probs, err := compareTable(tx, g, sch, model)
		if err != nil {
			return err
		}
		later, problems = append(later, ops...), append(problems, probs...)
	}
	for _, t := range slices.Sorted(maps.Keys(st.owner)) {
		if st.owner[t][0] == ch.App && !claimed[t] {
			problems = append(problems, fmt.Sprintf("delete the model of table %s (no model of %s maps to it)", t, ch.App))
		}
	}
	newOps, deps, probs, err := createOps(tx, g, st, ch.App, created)
	if err != nil {
		return err
	}
	if problems = append(problems, probs...); len(problems) > 0 {
		return &UnsupportedError{App: ch.App, Changes: problems}
	}
	ch.Operations = append(newOps, later...)
	for _, d := range deps {
		if !slices.Contains(ch.Dependencies, d) {
			ch.Dependencies = append(ch.Dependencies, d)
		}
	}
	return nil
}

// UnsupportedError lists the changes of an app's models that
// makemigrations cannot write as SQL: a removed or changed field, a
// removed model or index, a new primary key, unique or foreign key on an
// existing table. Nothing is written; a migration written by hand
// (makemigrations -empty) can make them.
type UnsupportedError struct {
	// App is the app's migration label.
	App string
	// Changes describe each change in a few words.
	Changes []string
}

// Error returns one line naming every change.
func (e *UnsupportedError) Error() string {
	return fmt.Sprintf("autodetect: app %s: makemigrations cannot write %s; write these changes in a migration by hand (makemigrations -empty %s)",
		e.App, strings.Join(e.Changes, "; "), e.App)
}

// Empty returns the changes of an empty migration of app, to be written
// by hand (makemigrations -empty): no operations, after the app's latest
// migrations in all.
func Empty(app string, all []*migrations.Migration) (*Changes, error) {
	plan, err := migrations.Plan(all)
	if err != nil {
		return nil, err
	}
	deps := leaves(plan, app)
	return &Changes{App: app, Dependencies: deps, Initial: len(deps) == 0}, nil
}
