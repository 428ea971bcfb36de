package migrations

import (
	"errors"
	"fmt"
	"strings"

	"gorm.io/gorm"
)

// Migration is one schema change of an app, Django's
// django.db.migrations.Migration with Go steps instead of operations.
type Migration struct {
	// App is Django's app label, as written to django_migrations.app
	// ("sessions" for contrib.sessions).
	App string
	// Name is the migration's name, as Django numbers them: "0001_initial".
	Name string
	// Dependencies are the {app, name} pairs that must be applied first.
	Dependencies [][2]string
	// Up applies the change inside the migration's transaction. A nil Up
	// only records the migration (Django's empty operations list).
	Up func(tx *gorm.DB) error
	// Down reverts Up inside a transaction, for "migrate APP zero". A nil
	// Down makes the migration irreversible (Django's IrreversibleError).
	Down func(tx *gorm.DB) error
}

// String returns "app.name", the way Django names a migration in its
// output: "sessions.0001_initial".
func (m *Migration) String() string { return m.App + "." + m.Name }

func (m *Migration) key() [2]string { return [2]string{m.App, m.Name} }

// Plan returns all in an order where every migration comes after its
// dependencies (Django's MigrationGraph.forwards_plan). Among migrations
// that do not depend on each other the given order is kept: each step
// takes the earliest migration whose dependencies are placed. A nil or
// unnamed migration, a duplicate, a dependency that is not in all and a
// dependency cycle are errors naming the migrations involved.
func Plan(all []*Migration) ([]*Migration, error) {
	index, err := indexOf(all)
	if err != nil {
		return nil, err
	}
	placed := make(map[[2]string]bool, len(all))
	ready := func(m *Migration) bool {
		for _, d := range m.Dependencies {
			if !placed[d] {
				return false
			}
		}
		return true
	}
	plan := make([]*Migration, 0, len(all))
	for len(plan) < len(all) {
		next := -1
		for i, m := range all {
			if !placed[m.key()] && ready(m) {
				next = i
				break
			}
		}
		if next < 0 {
			return nil, cycleError(all, index, placed)
		}
		placed[all[next].key()] = true
		plan = append(plan, all[next])
	}
	return plan, nil
}

// indexOf validates all and maps each migration's key to it.
func indexOf(all []*Migration) (map[[2]string]*Migration, error) {
	index := make(map[[2]string]*Migration, len(all))
	for i, m := range all {
		switch {
		case m == nil:
			return nil, fmt.Errorf("migrations: migration %d is nil", i)
		case m.App == "" || m.Name == "":
			return nil, fmt.Errorf("migrations: migration %d (%q) needs both App and Name", i, m.String())
		case index[m.key()] != nil:
			return nil, fmt.Errorf("migrations: %s is declared twice", m)
		}
		index[m.key()] = m
	}
	for _, m := range all {
		for _, d := range m.Dependencies {
			if index[d] == nil {
				return nil, fmt.Errorf("migrations: %s depends on %s.%s, which does not exist", m, d[0], d[1])
			}
		}
	}
	return index, nil
}

// cycleError names one cycle among the migrations not yet placed. Each of
// them has an unplaced dependency, so following those from any of them
// must come back to a migration already seen.
func cycleError(all []*Migration, index map[[2]string]*Migration, placed map[[2]string]bool) error {
	var cur *Migration
	for _, m := range all {
		if !placed[m.key()] {
			cur = m
			break
		}
	}
	seen := map[*Migration]int{}
	var path []string
	for {
		if at, ok := seen[cur]; ok {
			cycle := append(path[at:], cur.String())
			return errors.New("migrations: dependency cycle: " + strings.Join(cycle, " -> "))
		}
		seen[cur] = len(path)
		path = append(path, cur.String())
		for _, d := range cur.Dependencies {
			if !placed[d] {
				cur = index[d]
				break
			}
		}
	}
}
