package sitetest

import (
	"context"
	"log/slog"
	"testing"
	"time"

	"gorm.io/gorm"

	"github.com/manouche-go/manouche/framework/db"
	"github.com/manouche-go/manouche/framework/settings"
)

// TestNewDatabase creates a database on each server, checks that its URL
// lands in it and nowhere else, and drops it.
func TestNewDatabase(t *testing.T) {
	for _, tc := range []struct{ name, env, current string }{
		{"postgres", "MANOUCHE_TEST_POSTGRES_DSN", "SELECT current_schema()"},
		{"mysql", "MANOUCHE_TEST_MYSQL_DSN", "SELECT DATABASE()"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			base := ServiceURL(t, tc.env)
			ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
			defer cancel()
			u, drop, err := NewDatabase(ctx, base)
			if err != nil {
				t.Fatal(err)
			}
			dropped := false
			t.Cleanup(func() {
				if !dropped {
					drop(context.Background())
				}
			})
			var name string
			g := open(t, u)
			g.Raw(tc.current).Scan(&name)
			closeDB(g)
			if len(name) != len("test_")+12 || name[:5] != "test_" {
				t.Fatalf("%s: got %q, want test_<12 hex digits>", tc.current, name)
			}
			if n := count(t, u, "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = ?", name); n != 0 {
				t.Errorf("new database: got %d tables, want 0", n)
			}
			dropped = true
			if err := drop(ctx); err != nil {
				t.Fatalf("drop: %v", err)
			}
			if n := count(t, base, "SELECT COUNT(*) FROM information_schema.schemata WHERE schema_name = ?", name); n != 0 {
				t.Errorf("after drop: got %d schemata named %s, want 0", n, name)
			}
		})
	}
}

func TestNewDatabase_badScheme(t *testing.T) {
	if _, _, err := NewDatabase(context.Background(), "sqlite:///tmp/x"); err == nil {
		t.Error("sqlite URL: got no error, want one")
	}
}

func open(t *testing.T, u string) *gorm.DB {
	t.Helper()
	g, err := db.Open(settings.Database{URL: u}, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	return g
}

func closeDB(g *gorm.DB) {
	if sqlDB, err := g.DB(); err == nil {
		sqlDB.Close()
	}
}

// count runs a COUNT query on its own connection to u.
func count(t *testing.T, u, query string, args ...any) int64 {
	t.Helper()
	g := open(t, u)
	defer closeDB(g)
	var n int64
	if err := g.Raw(query, args...).Scan(&n).Error; err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return n
}
