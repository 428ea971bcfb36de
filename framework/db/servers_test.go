package db

import (
	"context"
	"net"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"gorm.io/driver/sqlite"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"

	"github.com/manouche-go/manouche/framework/settings"
)

// servers are the database servers the tests run against, with the
// variable holding each one's URL: postgres://postgres@127.0.0.1:5432/test
// ?sslmode=disable and mysql://root@127.0.0.1:3306/test. Without it a test
// skips, or fails when MANOUCHE_REQUIRE_SERVICES=1. These tests use only
// temporary tables, private to their connection.
var servers = []struct{ engine, env string }{
	{"postgres", "MANOUCHE_TEST_POSTGRES_DSN"},
	{"mysql", "MANOUCHE_TEST_MYSQL_DSN"},
}

func forEachServer(t *testing.T, f func(t *testing.T, engine, url string)) {
	for _, s := range servers {
		t.Run(s.engine, func(t *testing.T) {
			u := os.Getenv(s.env)
			if u == "" {
				if os.Getenv("MANOUCHE_REQUIRE_SERVICES") == "1" {
					t.Fatalf("%s is not set and MANOUCHE_REQUIRE_SERVICES=1", s.env)
				}
				t.Skipf("set %s to run against a real server", s.env)
			}
			f(t, s.engine, u)
		})
	}
}

func openServer(t *testing.T, d settings.Database) *gorm.DB {
	t.Helper()
	g, err := Open(d, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { closeDB(t, g) })
	return g
}

func TestOpen_servers(t *testing.T) {
	forEachServer(t, func(t *testing.T, engine, url string) {
		g := openServer(t, settings.Database{URL: url})
		if err := Ping(t.Context(), g); err != nil {
			t.Errorf("Ping: %v", err)
		}
		sqlDB, _ := g.DB()
		if got := sqlDB.Stats().MaxOpenConnections; got != defaultMaxConns {
			t.Errorf("MaxOpenConnections: got %d, want %d", got, defaultMaxConns)
		}
		g = openServer(t, settings.Database{URL: url, Options: map[string]any{"max_conns": 3}})
		sqlDB, _ = g.DB()
		if got := sqlDB.Stats().MaxOpenConnections; got != 3 {
			t.Errorf("OPTIONS max_conns 3: got %d", got)
		}
	})
}

// TestOpen_serverSettings checks, on the server, what the DSN asks for:
// OPTIONS passed through (PostgreSQL), utf8mb4 and clientFoundRows
// (MySQL: an UPDATE that changes nothing still counts its row).
func TestOpen_serverSettings(t *testing.T) {
	forEachServer(t, func(t *testing.T, engine, url string) {
		if engine == "postgres" {
			g := openServer(t, settings.Database{URL: url, Options: map[string]any{"application_name": "manouche-test"}})
			var name string
			g.Raw("SELECT current_setting('application_name')").Scan(&name)
			if name != "manouche-test" {
				t.Errorf("application_name: got %q, want manouche-test", name)
			}
			return
		}
		g := openServer(t, settings.Database{URL: url})
		err := g.Connection(func(c *gorm.DB) error {
			var charset string
			c.Raw("SELECT @@character_set_connection").Scan(&charset)
			if charset != "utf8mb4" {
				t.Errorf("character_set_connection: got %q, want utf8mb4", charset)
			}
			if err := c.Exec("CREATE TEMPORARY TABLE t (x integer)").Error; err != nil {
				return err
			}
			c.Exec("INSERT INTO t VALUES (1)")
			if n := c.Exec("UPDATE t SET x = 1").RowsAffected; n != 1 {
				t.Errorf("UPDATE with the same value: got %d rows, want 1 (clientFoundRows)", n)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	})
}

// closedPort returns a local address nothing listens on.
func closedPort(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	return addr
}

// TestOpen_unreachable needs no server: it points at a closed port.
func TestOpen_unreachable(t *testing.T) {
	addr := closedPort(t)
	for _, engine := range []string{"postgres", "mysql"} {
		t.Run(engine, func(t *testing.T) {
			start := time.Now()
			_, err := Open(settings.Database{URL: engine + "://app:sekrit@" + addr + "/test"}, nil)
			want := "db: " + engine + " " + addr + "/test: unreachable: "
			if err == nil || !strings.HasPrefix(err.Error(), want) || !strings.Contains(err.Error(), "connection refused") {
				t.Errorf("got %v, want %s... connection refused", err, want)
			}
			if err != nil && strings.Contains(err.Error(), "sekrit") {
				t.Errorf("got %v, which holds the password", err)
			}
			if d := time.Since(start); d > 2*defaultConnectTimeout {
				t.Errorf("took %v, want at most twice the connect timeout", d)
			}
		})
	}
}

func TestPing(t *testing.T) {
	t.Run("sqlite", func(t *testing.T) {
		g, name := openTemp(t, nil)
		if err := Ping(t.Context(), g); err != nil {
			t.Errorf("got %v, want nil (%s)", err, name)
		}
		sqlDB, _ := g.DB()
		sqlDB.Close()
		if err := Ping(t.Context(), g); err == nil || !strings.HasPrefix(err.Error(), "db: sqlite "+name+": ") {
			t.Errorf("closed: got %v, want db: sqlite %s: ...", err, name)
		}
	})
	t.Run("not opened by Open", func(t *testing.T) {
		g, err := gorm.Open(sqlite.Open(":memory:"), &gorm.Config{Logger: logger.Discard})
		if err != nil {
			t.Fatal(err)
		}
		sqlDB, _ := g.DB()
		sqlDB.Close()
		if err := Ping(t.Context(), g); err == nil || !strings.HasPrefix(err.Error(), "db: sqlite: ") {
			t.Errorf("got %v, want db: sqlite: ...", err)
		}
	})
	forEachServer(t, func(t *testing.T, engine, url string) {
		g := openServer(t, settings.Database{URL: url})
		ctx, cancel := context.WithDeadline(t.Context(), time.Now().Add(-time.Second))
		defer cancel()
		err := Ping(ctx, g)
		if want := regexp.MustCompile(`^db: ` + engine + ` 127\.0\.0\.1:\d+/test: unreachable: context deadline exceeded$`); err == nil || !want.MatchString(err.Error()) {
			t.Errorf("deadline passed: got %v, want %s", err, want)
		}
	})
}
