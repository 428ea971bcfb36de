package migrations

import (
	"crypto/rand"
	"encoding/hex"
	"net/url"
	"os"
	"strings"
	"testing"

	"gorm.io/driver/mysql"
	"gorm.io/driver/postgres"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"
)

// servers are the database servers the tests run against, by GORM
// dialect, with the variable holding each one's URL:
// postgres://postgres@127.0.0.1:5432/test?sslmode=disable and
// mysql://root@127.0.0.1:3306/test.
var servers = []struct{ dialect, env string }{
	{"postgres", "MANOUCHE_TEST_POSTGRES_DSN"},
	{"mysql", "MANOUCHE_TEST_MYSQL_DSN"},
}

// forEachServer runs f once per server whose variable is set, as a
// subtest named by dialect. Without the variable the subtest skips, or
// fails when MANOUCHE_REQUIRE_SERVICES=1.
func forEachServer(t *testing.T, f func(t *testing.T, open func() *gorm.DB)) {
	for _, s := range servers {
		t.Run(s.dialect, func(t *testing.T) {
			base := os.Getenv(s.env)
			if base == "" {
				if os.Getenv("MANOUCHE_REQUIRE_SERVICES") == "1" {
					t.Fatalf("%s is not set and MANOUCHE_REQUIRE_SERVICES=1", s.env)
				}
				t.Skipf("set %s to run against a real server", s.env)
			}
			fresh := freshURL(t, s.dialect, base)
			f(t, func() *gorm.DB { return openServer(t, s.dialect, fresh) })
		})
	}
}

// openServer opens the database at a postgres:// or mysql:// URL with the
// parameters framework/db uses (which this package cannot import).
func openServer(t *testing.T, dialect, rawURL string) *gorm.DB {
	t.Helper()
	var d gorm.Dialector = postgres.Open(rawURL)
	if dialect == "mysql" {
		u, err := url.Parse(rawURL)
		if err != nil {
			t.Fatal(err)
		}
		dsn := u.User.String() + "@tcp(" + u.Host + ")" + u.Path + "?parseTime=true&loc=UTC&clientFoundRows=true"
		d = mysql.Open(dsn)
	}
	g, err := gorm.Open(d, &gorm.Config{Logger: logger.Discard})
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

// freshURL creates an empty schema (PostgreSQL, then used through
// search_path) or database (MySQL) named test_<random>, drops it when t
// ends, and returns the URL that uses it.
func freshURL(t *testing.T, dialect, base string) string {
	t.Helper()
	var b [6]byte
	rand.Read(b[:])
	name := "test_" + hex.EncodeToString(b[:])
	create, drop := "CREATE DATABASE "+name, "DROP DATABASE IF EXISTS "+name
	if dialect == "postgres" {
		create, drop = "CREATE SCHEMA "+name, "DROP SCHEMA IF EXISTS "+name+" CASCADE"
	}
	admin := openServer(t, dialect, base)
	if err := admin.Exec(create).Error; err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := admin.Exec(drop).Error; err != nil {
			t.Errorf("%s: %v", drop, err)
		}
	})
	u, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	if dialect == "postgres" {
		q := u.Query()
		q.Set("search_path", name)
		u.RawQuery = q.Encode()
	} else {
		u.Path = "/" + name
	}
	return u.String()
}

// columnTypes returns django_migrations' columns from information_schema,
// "name type[(length)] NULL|NOT NULL [default]", in column order.
func columnTypes(t *testing.T, g *gorm.DB) string {
	t.Helper()
	q := `SELECT column_name, column_type, is_nullable, extra FROM information_schema.columns
		WHERE table_name = 'django_migrations' AND table_schema = database() ORDER BY ordinal_position`
	if g.Name() == "postgres" {
		q = `SELECT column_name, format_type(atttypid, atttypmod) AS column_type, is_nullable, coalesce(column_default, '') AS extra
			FROM information_schema.columns c JOIN pg_attribute a
			ON a.attrelid = 'django_migrations'::regclass AND a.attname = c.column_name
			WHERE table_name = 'django_migrations' AND table_schema = current_schema() ORDER BY ordinal_position`
	}
	var rows []struct{ ColumnName, ColumnType, IsNullable, Extra string }
	if err := g.Raw(q).Scan(&rows).Error; err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, r := range rows {
		// MariaDB and MySQL 5.7 show integer as int(11), MySQL 8 as int.
		s := r.ColumnName + " " + strings.Replace(r.ColumnType, "int(11)", "int", 1) + map[string]string{"NO": " NOT NULL", "YES": " NULL"}[r.IsNullable]
		if r.Extra != "" {
			s += " " + r.Extra
		}
		out = append(out, s)
	}
	return strings.Join(out, ", ")
}
