package dbstore

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"gorm.io/gorm"

	"github.com/manouche-go/manouche/framework/db"
	"github.com/manouche-go/manouche/framework/settings"
)

const benchData = ".eJxVjEEOwiAQRe_C2hBgKC0u3XsGMgyDVA0kpV0Z765NutDtf-_9lwi4rSVsnZcwJ3EWWpx-t4j04LqDdMd6a5JaXZc5yl2RB-3y2hI_L4f7d1Cwl28Nk8rKWFQAZGmkCVxWGrIZaUzKuxwzZ7JWe4gmTtnYbBEGx8y8ge8PLJ8Zt:1r31eq:0UOHT23nanWtePvCM0GfQz8Y1XcA8X-nejOHv7L3JFs"

// openSite opens a SQLite database file as a site does, through
// framework/db (prepared statements, WAL, a bounded pool and its slog
// logger at warning level), with django_session created.
func openSite(b testing.TB) *gorm.DB {
	g, err := db.Open(settings.Database{Engine: "sqlite", Name: filepath.Join(b.TempDir(), "db.sqlite3")}, nil)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() {
		if sqlDB, err := g.DB(); err == nil {
			sqlDB.Close()
		}
	})
	if err := CreateTable(g); err != nil {
		b.Fatal(err)
	}
	return g
}

// forEachDialect runs bench on SQLite (opened directly with GORM, and as a
// site opens it) and on each server whose variable is set
// (servers_test.go).
func forEachDialect(b *testing.B, bench func(b *testing.B, s *Store)) {
	open := map[string]func(b *testing.B) *gorm.DB{
		"sqlite":      func(b *testing.B) *gorm.DB { return openDB(b, nil) },
		"site-sqlite": func(b *testing.B) *gorm.DB { return openSite(b) },
	}
	for _, srv := range servers {
		open[srv.dialect] = func(b *testing.B) *gorm.DB {
			u := os.Getenv(srv.env)
			if u == "" {
				b.Skipf("set %s to benchmark %s", srv.env, srv.dialect)
			}
			return openServer(b, srv.dialect, u)
		}
	}
	for _, name := range []string{"sqlite", "site-sqlite", "postgres", "mysql"} {
		b.Run(name, func(b *testing.B) {
			s := New(open[name](b), Options{})
			if err := s.Create(context.Background(), key, benchData, time.Now().Add(time.Hour)); err != nil {
				b.Fatal(err)
			}
			bench(b, s)
		})
	}
}

func BenchmarkLoad(b *testing.B) {
	forEachDialect(b, func(b *testing.B, s *Store) {
		ctx := context.Background()
		b.ReportAllocs()
		for b.Loop() {
			if _, err := s.Load(ctx, key); err != nil {
				b.Fatal(err)
			}
		}
	})
}

func BenchmarkSave(b *testing.B) {
	forEachDialect(b, func(b *testing.B, s *Store) {
		ctx := context.Background()
		data := strings.Repeat("x", len(benchData))
		b.ReportAllocs()
		for b.Loop() {
			if err := s.Save(ctx, key, data, time.Now().Add(time.Hour)); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkSaveIf is BenchmarkSave with the comparison of SaveIf, as the
// session saves a record it loaded: its ratio to BenchmarkSave is the cost
// of merging concurrent requests.
func BenchmarkSaveIf(b *testing.B) {
	forEachDialect(b, func(b *testing.B, s *Store) {
		ctx := context.Background()
		data := strings.Repeat("x", len(benchData))
		if err := s.Save(ctx, key, data, time.Now().Add(time.Hour)); err != nil {
			b.Fatal(err)
		}
		b.ReportAllocs()
		for b.Loop() {
			if err := s.SaveIf(ctx, key, data, data, time.Now().Add(time.Hour)); err != nil {
				b.Fatal(err)
			}
		}
	})
}
