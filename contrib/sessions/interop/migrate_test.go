package interop

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestMigrate: manouche's migrate on a database Django migrated, and
// Django's migrate on a database manouche migrated, succeed without
// applying anything twice: each sees sessions.0001_initial as applied in
// django_migrations. Both orders leave the same schema.
func TestMigrate(t *testing.T) {
	requireDjango(t)
	django := func(st *storage, args ...string) (string, error) { return manage(st, secretKey, args...) }
	manouche := func(st *storage, args ...string) (string, error) { return manoucheManage(st, args...) }
	orders := []struct {
		name          string
		first, second func(st *storage, args ...string) (string, error)
		showArgs      []string // the second's showmigrations
	}{
		{"manouche_after_django", django, manouche, []string{"showmigrations"}},
		{"django_after_manouche", manouche, django, []string{"showmigrations", "sessions"}},
	}
	schemas := map[string][]string{}
	for _, o := range orders {
		t.Run(o.name, func(t *testing.T) {
			dir := t.TempDir()
			st := &storage{engine: "db", db: filepath.Join(dir, "db.sqlite3"), files: dir}
			if out, err := o.first(st, "migrate"); err != nil || !strings.Contains(out, "Applying sessions.0001_initial... OK") {
				t.Fatalf("first migrate: %v\n%s", err, out)
			}
			for range 2 { // a second run changes nothing either
				out, err := o.second(st, "migrate")
				if err != nil || !strings.Contains(out, "No migrations to apply.") {
					t.Errorf("second migrate: got %v\n%s\nwant \"No migrations to apply.\"", err, out)
				}
			}
			out, err := o.second(st, o.showArgs...)
			if err != nil || !strings.Contains(out, "sessions\n [X] 0001_initial\n") {
				t.Errorf("showmigrations: got %v\n%s\nwant sessions [X] 0001_initial", err, out)
			}
			checkMigrated(t, st)
			schemas[o.name] = schema(t, st)
		})
	}
	a, b := schemas[orders[0].name], schemas[orders[1].name]
	if a != nil && b != nil && !slices.Equal(a, b) {
		t.Errorf("schemas differ:\n%s:\n%s\n%s:\n%s", orders[0].name, strings.Join(a, "\n"), orders[1].name, strings.Join(b, "\n"))
	}
}

// checkMigrated checks that the database holds django_session once and
// exactly one django_migrations row, sessions.0001_initial.
func checkMigrated(t *testing.T, st *storage) {
	t.Helper()
	gdb := openDB(t, st.db)
	var tables []string
	if err := gdb.Raw(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`).Scan(&tables).Error; err != nil {
		t.Fatal(err)
	}
	if want := []string{"django_migrations", "django_session"}; !slices.Equal(tables, want) {
		t.Errorf("tables: got %q, want %q", tables, want)
	}
	var applied []string
	if err := gdb.Raw(`SELECT app || '.' || name FROM django_migrations ORDER BY id`).Scan(&applied).Error; err != nil {
		t.Fatal(err)
	}
	if want := []string{"sessions.0001_initial"}; !slices.Equal(applied, want) {
		t.Errorf("django_migrations: got %q, want %q", applied, want)
	}
}

// schema returns the database's tables and indexes as SQLite stores them.
func schema(t *testing.T, st *storage) []string {
	t.Helper()
	var rows []string
	err := openDB(t, st.db).Raw(`SELECT type || ' ' || name || ': ' || sql FROM sqlite_master
		WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name`).Scan(&rows).Error
	if err != nil {
		t.Fatal(err)
	}
	return rows
}
