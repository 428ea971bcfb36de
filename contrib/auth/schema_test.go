package auth_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"gorm.io/gorm"

	"github.com/manouche-go/manouche/framework/db"
	"github.com/manouche-go/manouche/framework/settings"
	"github.com/manouche-go/manouche/framework/sitetest"
	"github.com/manouche-go/manouche/migrations"
)

// schemaVectors holds auth_schema.json.
type schemaVectors struct {
	SQLiteMaster []struct {
		Type, Name string
		SQL        *string
	} `json:"sqlite_master"`
	MigrationRows []struct{ App, Name string } `json:"django_migrations_rows"`
	ContentTypes  []struct {
		ID       int64
		AppLabel string `json:"app_label"`
		Model    string
	} `json:"content_types"`
	Permissions []permissionRow
}

type permissionRow struct {
	ID            int64
	ContentTypeID int64 `json:"content_type_id"`
	Codename      string
	Name          string
}

func readSchemaVectors(t *testing.T) schemaVectors {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(vectorsDir, "auth_schema.json"))
	if err != nil {
		t.Fatal(err)
	}
	var v schemaVectors
	if err := json.Unmarshal(b, &v); err != nil {
		t.Fatal(err)
	}
	return v
}

// TestSchema_sqlite checks that migrate leaves on SQLite exactly what
// Django's migrate leaves (sqlite_master, table rebuilds included), the
// same django_migrations rows, and, after post-migrate, the same content
// types and permissions with the same ids; and that migrating again
// changes nothing.
func TestSchema_sqlite(t *testing.T) {
	want := readSchemaVectors(t)
	ts := newSite(t, nil)
	var got []struct {
		Type, Name string
		SQL        *string
	}
	ts.db.Raw(`SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'manouche_%' AND tbl_name NOT LIKE 'manouche_%' ORDER BY tbl_name, type DESC, name`).Scan(&got)
	byName := map[string]*string{}
	for _, r := range got {
		byName[r.Type+" "+r.Name] = r.SQL
	}
	for _, w := range want.SQLiteMaster {
		g, ok := byName[w.Type+" "+w.Name]
		if !ok {
			t.Errorf("missing %s %s", w.Type, w.Name)
			continue
		}
		if (g == nil) != (w.SQL == nil) || g != nil && *g != *w.SQL {
			t.Errorf("%s %s:\n got %v\nwant %v", w.Type, w.Name, deref(g), deref(w.SQL))
		}
		delete(byName, w.Type+" "+w.Name)
	}
	for k := range byName {
		t.Errorf("extra %s in sqlite_master", k)
	}
	checkRows(t, ts.db, want)
	before, _ := sitetest.Catalog(context.Background(), ts.db)
	var out bytes.Buffer
	if err := ts.Site.Migrate(context.Background(), &out); err != nil || !strings.Contains(out.String(), "No migrations to apply.") {
		t.Errorf("second migrate: %v %q", err, out.String())
	}
	after, _ := sitetest.Catalog(context.Background(), ts.db)
	if !slices.Equal(before, after) {
		t.Error("a second migrate changed the schema")
	}
	checkRows(t, ts.db, want)
}

func deref(s *string) string {
	if s == nil {
		return "NULL"
	}
	return *s
}

// checkRows compares django_migrations, django_content_type and
// auth_permission with Django's. The sessions row may come first, when
// only contenttypes and auth were migrated again.
func checkRows(t *testing.T, g *gorm.DB, want schemaVectors) {
	t.Helper()
	var mig []struct{ App, Name string }
	g.Raw(`SELECT app, name FROM django_migrations WHERE name NOT LIKE 'manouche_%' ORDER BY id`).Scan(&mig)
	if !reflect.DeepEqual(mig, want.MigrationRows) && !reflect.DeepEqual(mig, append(want.MigrationRows[14:], want.MigrationRows[:14]...)) {
		t.Errorf("django_migrations:\n got %v\nwant %v", mig, want.MigrationRows)
	}
	var cts []struct {
		ID              int64
		AppLabel, Model string
	}
	g.Raw(`SELECT id, app_label, model FROM django_content_type ORDER BY id`).Scan(&cts)
	if len(cts) != len(want.ContentTypes) {
		t.Fatalf("content types: got %v, want %v", cts, want.ContentTypes)
	}
	for i, c := range want.ContentTypes {
		if cts[i].ID != c.ID || cts[i].AppLabel != c.AppLabel || cts[i].Model != c.Model {
			t.Errorf("content type %d: got %v, want %v", i, cts[i], c)
		}
	}
	var perms []permissionRow
	g.Raw(`SELECT id, content_type_id, codename, name FROM auth_permission ORDER BY id`).Scan(&perms)
	if len(perms) != len(want.Permissions) {
		t.Fatalf("got %d permissions, want %d", len(perms), len(want.Permissions))
	}
	for i, p := range want.Permissions {
		if perms[i] != p {
			t.Errorf("permission %d: got %+v, want %+v", i, perms[i], p)
		}
	}
}

// TestSchema_servers migrates PostgreSQL and MySQL/MariaDB databases of
// their own, twice, and compares their catalogs with that of a database
// where Django's statements for those migrations (sqlmigrate's, which
// Django's migrate runs there unchanged) were run straight from the vector
// file. contrib/auth/interop compares with Django's migrate itself.
func TestSchema_servers(t *testing.T) {
	var f struct {
		Vectors []struct {
			Vendor, App, Name string
			SQLMigrate        []string `json:"sqlmigrate"`
		}
	}
	b, err := os.ReadFile(filepath.Join(vectorsDir, "auth_schema_pg_mysql.json"))
	if err != nil {
		t.Fatal(err)
	}
	json.Unmarshal(b, &f)
	for _, srv := range []struct{ dialect, vendor, env string }{
		{"postgres", "postgresql", "MANOUCHE_TEST_POSTGRES_DSN"},
		{"mysql", "mysql", "MANOUCHE_TEST_MYSQL_DSN"},
	} {
		t.Run(srv.dialect, func(t *testing.T) {
			base := sitetest.ServiceURL(t, srv.env)
			ours := newSite(t, func(s *settings.Settings) { s.Databases["default"] = settings.Database{URL: freshDB(t, base)} })
			var stmts []string
			for _, v := range f.Vectors {
				if v.Vendor == srv.vendor && v.App != "sessions" {
					for _, s := range v.SQLMigrate {
						if s != "BEGIN;" && s != "COMMIT;" {
							stmts = append(stmts, s)
						}
					}
				}
			}
			django := openDB(t, freshDB(t, base))
			for _, s := range stmts {
				if err := django.Exec(s).Error; err != nil {
					t.Fatalf("Django's %s: %v", s, err)
				}
			}
			got, err := sitetest.Catalog(context.Background(), ours.db, "auth_", "django_content_type")
			if err != nil {
				t.Fatal(err)
			}
			want, _ := sitetest.Catalog(context.Background(), django, "auth_", "django_content_type")
			if diff := sitetest.Diff(got, want); diff != "" {
				t.Errorf("catalog differs from Django's:\n%s", diff)
			}
			if err := ours.Site.Migrate(context.Background(), io.Discard); err != nil {
				t.Fatalf("second migrate: %v", err)
			}
			again, _ := sitetest.Catalog(context.Background(), ours.db, "auth_", "django_content_type")
			if !slices.Equal(got, again) {
				t.Error("a second migrate changed the schema")
			}
			checkRows(t, ours.db, readSchemaVectors(t))
		})
	}
}

// freshDB returns the URL of a new empty database on the server at base,
// dropped when t ends.
func freshDB(t *testing.T, base string) string {
	t.Helper()
	u, drop, err := sitetest.NewDatabase(context.Background(), base)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { drop(context.Background()) })
	return u
}

func openDB(t *testing.T, u string) *gorm.DB {
	t.Helper()
	g, err := db.Open(settings.Database{URL: u, Options: map[string]any{"max_conns": 2}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if s, err := g.DB(); err == nil {
			s.Close()
		}
	})
	return g
}

// TestMigrations_unapply checks that migrate auth zero removes auth's
// tables and records, and that migrating again rebuilds them.
func TestMigrations_unapply(t *testing.T) {
	ts := newSite(t, nil)
	g := ts.db
	var out bytes.Buffer
	if err := migrations.Unapply(context.Background(), g, ts.Site.Migrations(), "contenttypes", &out); err != nil {
		t.Fatalf("unapply: %v\n%s", err, out.String())
	}
	for _, table := range []string{"auth_user", "auth_permission", "django_content_type", "manouche_auth_user_session"} {
		if g.Migrator().HasTable(table) {
			t.Errorf("%s survives migrate contenttypes zero", table)
		}
	}
	if err := ts.Site.Migrate(context.Background(), io.Discard); err != nil {
		t.Fatal(err)
	}
	checkRows(t, g, readSchemaVectors(t))
}
