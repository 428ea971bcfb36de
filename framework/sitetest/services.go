package sitetest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"log/slog"
	"net/url"
	"os"
	"testing"

	"github.com/manouche-go/manouche/framework/db"
	"github.com/manouche-go/manouche/framework/settings"
)

// EnvRequireServices is the environment variable that, set to 1 (as .ci/run
// sets it), turns a missing service into a test failure.
const EnvRequireServices = "MANOUCHE_REQUIRE_SERVICES"

// ServiceURL returns the value of the environment variable name, the URL
// of a test service such as MANOUCHE_TEST_POSTGRES_DSN. Without it, it
// skips t with a message naming the variable, or fails t when
// MANOUCHE_REQUIRE_SERVICES=1.
func ServiceURL(t testing.TB, name string) string {
	t.Helper()
	u := os.Getenv(name)
	if u == "" {
		if os.Getenv(EnvRequireServices) == "1" {
			t.Fatalf("%s is not set and %s=1", name, EnvRequireServices)
		}
		t.Skipf("set %s to run against a real server", name)
	}
	return u
}

// NewDatabase creates an empty database named test_<12 hex digits> on the
// PostgreSQL or MySQL server at base, a DATABASES URL such as
// postgres://postgres@127.0.0.1:5432/test?sslmode=disable or
// mysql://root@127.0.0.1:3306/test. On PostgreSQL it is a schema of base's
// database, which the returned URL selects with search_path (and names as
// application_name); on MySQL, a database the URL names. drop removes it
// with everything in it; close every connection to it first, or MySQL
// waits for them.
func NewDatabase(ctx context.Context, base string) (dbURL string, drop func(context.Context) error, err error) {
	u, err := url.Parse(base)
	if err != nil {
		return "", nil, fmt.Errorf("sitetest: database URL: %w", err)
	}
	var b [6]byte
	rand.Read(b[:])
	name := "test_" + hex.EncodeToString(b[:])
	create, dropSQL := "CREATE DATABASE "+name, "DROP DATABASE IF EXISTS "+name
	switch u.Scheme {
	case "postgres", "postgresql":
		create, dropSQL = "CREATE SCHEMA "+name, "DROP SCHEMA IF EXISTS "+name+" CASCADE"
		q := u.Query()
		q.Set("search_path", name)
		q.Set("application_name", name)
		u.RawQuery = q.Encode()
	case "mysql":
		u.Path = "/" + name
	default:
		return "", nil, fmt.Errorf("sitetest: database URL scheme %q: want postgres or mysql", u.Scheme)
	}
	if err := exec(ctx, base, create); err != nil {
		return "", nil, err
	}
	return u.String(), func(ctx context.Context) error { return exec(ctx, base, dropSQL) }, nil
}

// exec runs one statement on its own connection to the server at base.
func exec(ctx context.Context, base, query string) error {
	g, err := db.Open(settings.Database{URL: base, Options: map[string]any{"max_conns": 1}}, slog.New(slog.DiscardHandler))
	if err != nil {
		return fmt.Errorf("sitetest: %w", err)
	}
	defer func() {
		if sqlDB, err := g.DB(); err == nil {
			sqlDB.Close()
		}
	}()
	if err := g.WithContext(ctx).Exec(query).Error; err != nil {
		return fmt.Errorf("sitetest: %s: %w", query, err)
	}
	return nil
}
