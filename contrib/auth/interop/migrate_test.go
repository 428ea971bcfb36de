package interop

import (
	"context"
	"fmt"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/manouche-go/manouche/framework/sitetest"
)

// databases are where the migration tests run: a SQLite file, and the
// PostgreSQL and MySQL/MariaDB servers the variables name.
var databases = []struct{ name, env string }{
	{"sqlite", ""},
	{"postgres", "MANOUCHE_TEST_POSTGRES_DSN"},
	{"mysql", "MANOUCHE_TEST_MYSQL_DSN"},
}

// applying matches migrate's progress lines.
var applying = regexp.MustCompile(`Applying (\S+)\.\.\. OK`)

// TestMigrate migrates a database with manouche then Django, and another
// with Django then manouche, each second side twice: Django finds nothing
// to apply after manouche; manouche, after Django, applies only its own
// user→sessions index, then nothing. Both orders leave the same catalog,
// content types and permissions, and Django's showmigrations marks every
// migration applied.
func TestMigrate(t *testing.T) {
	requireDjango(t)
	for _, d := range databases {
		t.Run(d.name, func(t *testing.T) {
			results := map[string][]string{}
			for _, djangoFirst := range []bool{false, true} {
				name := map[bool]string{false: "manouche_then_django", true: "django_then_manouche"}[djangoFirst]
				t.Run(name, func(t *testing.T) {
					st := storage{engine: "db", database: freshDatabase(t, d.env), files: t.TempDir()}
					results[name] = migrateBoth(t, st, djangoFirst)
				})
			}
			a, b := results["manouche_then_django"], results["django_then_manouche"]
			if a != nil && b != nil && !slices.Equal(a, b) {
				t.Errorf("the two orders leave different schemas (+ manouche then Django, - Django then manouche):\n%s", sitetest.Diff(a, b))
			}
		})
	}
}

// migrateBoth runs the two migrates in the given order and returns the
// resulting catalog and rows.
func migrateBoth(t *testing.T, st storage, djangoFirst bool) []string {
	django := func() (string, error) { return djangoSite(st).Manage(context.Background(), "migrate") }
	manouche := func() (string, error) { return manoucheManage(t, st, nil, "migrate") }
	first, second := manouche, django
	if djangoFirst {
		first, second = django, manouche
	}
	out, err := first()
	if err != nil || !strings.Contains(out, "Applying auth.0012_alter_user_first_name_max_length... OK") {
		t.Fatalf("first migrate: %v\n%s", err, out)
	}
	for run := 1; run <= 2; run++ {
		out, err := second()
		var applied []string
		for _, m := range applying.FindAllStringSubmatch(out, -1) {
			applied = append(applied, m[1])
		}
		var want []string
		if djangoFirst && run == 1 {
			want = []string{"auth.manouche_0001_user_session_index"}
		}
		if err != nil || !slices.Equal(applied, want) {
			t.Errorf("second migrate, run %d: applied %q, want %q (%v)\n%s", run, applied, want, err, out)
		}
	}
	out, err = djangoSite(st).Manage(context.Background(), "showmigrations", "contenttypes", "auth", "sessions")
	if err != nil || strings.Contains(out, "[ ]") || strings.Count(out, "[X]") != 15 {
		t.Errorf("Django's showmigrations: %v\n%s", err, out)
	}
	return catalog(t, st)
}

// catalog is the schema and the rows both sides create after migrating.
func catalog(t *testing.T, st storage) []string {
	g := openDB(t, st.database)
	lines, err := sitetest.Catalog(context.Background(), g)
	if err != nil {
		t.Fatal(err)
	}
	var rows []struct{ AppLabel, Model, Codename, Name string }
	g.Raw(`SELECT ct.app_label, ct.model, p.codename, p.name FROM auth_permission p
		JOIN django_content_type ct ON ct.id = p.content_type_id ORDER BY p.id`).Scan(&rows)
	for i, r := range rows {
		lines = append(lines, fmt.Sprintf("permission %02d %s.%s %s %q", i+1, r.AppLabel, r.Model, r.Codename, r.Name))
	}
	var n int
	g.Raw(`SELECT count(*) FROM django_migrations`).Scan(&n)
	return append(lines, fmt.Sprintf("django_migrations rows %d", n))
}

// freshDatabase returns a new SQLite file, or a new database on the
// server env names, dropped when t ends.
func freshDatabase(t *testing.T, env string) string {
	t.Helper()
	if env == "" {
		return filepath.Join(t.TempDir(), "db.sqlite3")
	}
	u, drop, err := sitetest.NewDatabase(context.Background(), sitetest.ServiceURL(t, env))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { drop(context.Background()) })
	return u
}
