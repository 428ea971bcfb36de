package commands

import (
	"context"
	"flag"
	"fmt"
	"strings"

	"github.com/manouche-go/manouche/framework/manage"
	"github.com/manouche-go/manouche/framework/site"
	"github.com/manouche-go/manouche/migrations"
)

func sqlMigrateCommand(st *site.Site) *manage.Command {
	var backwards bool
	return &manage.Command{
		Name:  "sqlmigrate",
		Usage: "sqlmigrate [-backwards] APP NAME",
		Short: "print the SQL of a migration",
		Long: "Sqlmigrate prints the SQL statements migration NAME of APP runs on the\n" +
			"configured database, without running them (Django's sqlmigrate). NAME may be\n" +
			"a unique prefix such as 0002. -backwards prints the SQL that unapplies it.",
		Flags: func(fs *flag.FlagSet) {
			fs.BoolVar(&backwards, "backwards", false, "print the SQL that unapplies the migration")
		},
		Run: func(ctx context.Context, args []string) error {
			if len(args) != 2 {
				return manage.UsageErrorf("sqlmigrate takes APP and NAME")
			}
			refs, err := findApps(st, args[:1])
			if err != nil {
				return err
			}
			m, err := findMigration(st.Migrations(), refs[0].label, args[1])
			if err != nil {
				return err
			}
			db, err := st.Env.DB()
			if err != nil {
				return err
			}
			stmts, err := migrations.Statements(db.WithContext(ctx), m, backwards)
			if err != nil {
				return err
			}
			printSQL(st, db.Dialector.Name(), stmts)
			return nil
		},
	}
}

// findMigration returns app's migration whose name is name or starts
// with it, as Django's sqlmigrate matches a prefix.
func findMigration(all []*migrations.Migration, app, name string) (*migrations.Migration, error) {
	var found []*migrations.Migration
	for _, m := range all {
		if m.App == app && m.Name == name {
			return m, nil
		}
		if m.App == app && strings.HasPrefix(m.Name, name) {
			found = append(found, m)
		}
	}
	switch len(found) {
	case 0:
		return nil, fmt.Errorf("cannot find a migration matching '%s' from app '%s'", name, app)
	case 1:
		return found[0], nil
	}
	return nil, fmt.Errorf("more than one migration matches '%s' in app '%s': be more specific", name, app)
}

// printSQL writes the statements one per line, ended by ";", inside
// BEGIN; and COMMIT; where the database rolls DDL back (SQLite and
// PostgreSQL), as Django's sqlmigrate does.
func printSQL(st *site.Site, dialect string, stmts []string) {
	atomic := dialect != "mysql"
	if atomic {
		fmt.Fprintln(st.Env.Stdout, "BEGIN;")
	}
	for _, s := range stmts {
		fmt.Fprintln(st.Env.Stdout, strings.TrimSuffix(strings.TrimSpace(s), ";")+";")
	}
	if atomic {
		fmt.Fprintln(st.Env.Stdout, "COMMIT;")
	}
}
