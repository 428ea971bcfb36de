package autodetect

import (
	"context"
	"io"
	"log/slog"
	"path/filepath"
	"testing"

	"gorm.io/gorm"

	"github.com/manouche-go/manouche/framework/db"
	"github.com/manouche-go/manouche/framework/settings"
	"github.com/manouche-go/manouche/framework/sitetest"
	"github.com/manouche-go/manouche/migrations"
)

// engines are the databases the tests run on; postgres and mysql need the
// servers that MANOUCHE_TEST_POSTGRES_DSN and MANOUCHE_TEST_MYSQL_DSN
// name.
var engines = []struct{ name, env string }{
	{"sqlite", ""},
	{"postgres", "MANOUCHE_TEST_POSTGRES_DSN"},
	{"mysql", "MANOUCHE_TEST_MYSQL_DSN"},
}

// forEachEngine runs fn in a subtest per engine, each with an empty
// database of its own.
func forEachEngine(t *testing.T, fn func(t *testing.T, g *gorm.DB)) {
	for _, e := range engines {
		t.Run(e.name, func(t *testing.T) {
			fn(t, openEngine(t, e.name, e.env))
		})
	}
}

// openEngine opens an empty database: a SQLite file, or a private schema
// or database on the server env names.
func openEngine(t *testing.T, name, env string) *gorm.DB {
	t.Helper()
	d := settings.Database{Engine: "sqlite", Name: filepath.Join(t.TempDir(), "db.sqlite3")}
	if env != "" {
		u, drop, err := sitetest.NewDatabase(t.Context(), sitetest.ServiceURL(t, env))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() {
			if err := drop(context.Background()); err != nil {
				t.Errorf("drop the test database: %v", err)
			}
		})
		d = settings.Database{URL: u}
	}
	g, err := db.Open(d, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if sqlDB, err := g.DB(); err == nil {
			sqlDB.Close()
		}
	})
	return g
}

// migration turns detected changes into a migration, as makemigrations
// writes it.
func migration(t *testing.T, ch *Changes, name string) *migrations.Migration {
	t.Helper()
	up, down, err := SQL(ch.Operations)
	if err != nil {
		t.Fatal(err)
	}
	return &migrations.Migration{App: ch.App, Name: name, Dependencies: ch.Dependencies,
		Up: migrations.RunSQL(up), Down: migrations.RunSQL(down)}
}

// detect runs Detect and fails the test on an error.
func detect(t *testing.T, g *gorm.DB, app string, models []any, all []*migrations.Migration) *Changes {
	t.Helper()
	ch, err := Detect(t.Context(), g, app, models, all)
	if err != nil {
		t.Fatalf("Detect: %v", err)
	}
	return ch
}

// describe lists the operations' descriptions.
func describe(ops []Operation) []string {
	out := make([]string, len(ops))
	for i, o := range ops {
		out[i] = o.Describe()
	}
	return out
}

func migrate(t *testing.T, g *gorm.DB, all []*migrations.Migration) {
	t.Helper()
	if err := migrations.Apply(t.Context(), g, all, io.Discard); err != nil {
		t.Fatal(err)
	}
}
