package commands

import (
	"context"
	"fmt"

	"github.com/manouche-go/manouche/framework/manage"
	"github.com/manouche-go/manouche/framework/site"
	"github.com/manouche-go/manouche/migrations"
)

func migrateCommand(st *site.Site) *manage.Command {
	return &manage.Command{
		Name:  "migrate",
		Usage: "migrate [APP zero]",
		Short: "apply pending migrations, or unapply an app's with APP zero",
		Long: "Migrate applies every pending migration of the installed apps in dependency\n" +
			"order, each in its own transaction, and records it in django_migrations,\n" +
			"then lets the apps act after it (content types and permissions).\n" +
			"'migrate APP zero' unapplies APP's migrations.",
		Run: func(ctx context.Context, args []string) error {
			db, err := st.Env.DB()
			if err != nil {
				return err
			}
			switch {
			case len(args) == 0:
				return st.Migrate(ctx, st.Env.Stdout)
			case len(args) == 2 && args[1] == "zero":
				return migrations.Unapply(ctx, db, st.Migrations(), args[0], st.Env.Stdout)
			}
			return manage.UsageErrorf("migrate takes no arguments or APP zero, got %q", args)
		},
	}
}

func showMigrationsCommand(st *site.Site) *manage.Command {
	return &manage.Command{
		Name:  "showmigrations",
		Usage: "showmigrations",
		Short: "list every migration and whether it is applied",
		Run: func(ctx context.Context, args []string) error {
			if len(args) != 0 {
				return manage.UsageErrorf("showmigrations takes no arguments")
			}
			db, err := st.Env.DB()
			if err != nil {
				return fmt.Errorf("showmigrations: %w", err)
			}
			return migrations.Show(ctx, db, st.Migrations(), st.Env.Stdout)
		},
	}
}
