package migrations

import (
	"context"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("%s:\n got:\n%s\nwant:\n%s", path, got, want)
	}
}

func TestShow(t *testing.T) {
	all := func() []*Migration {
		return []*Migration{
			tableMigration("shop.0002_order", "shop_order", "shop.0001_initial"),
			sessionsInitial(t),
			tableMigration("shop.0001_initial", "shop_cart", "sessions.0001_initial"),
			failing("catalog.0001_initial", "catalog_item"),
		}
	}
	tests := []struct {
		name  string
		setup func(t *testing.T, db *gormDB)
	}{
		{"show_fresh.golden", func(t *testing.T, db *gormDB) {}},
		{"show_partial.golden", func(t *testing.T, db *gormDB) {
			apply(t, db, all()) // stops at catalog.0001_initial, which fails
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db := openDB(t, "")
			tt.setup(t, db)
			var out strings.Builder
			if err := Show(context.Background(), db, all(), &out); err != nil {
				t.Fatal(err)
			}
			golden(t, tt.name, out.String())
			if tt.name == "show_fresh.golden" && hasTable(t, db, "django_migrations") {
				t.Error("Show created django_migrations, want no change")
			}
		})
	}
}

func TestShow_error(t *testing.T) {
	err := Show(context.Background(), openDB(t, ""), []*Migration{m("a.1", "b.1")}, &strings.Builder{})
	if want := "migrations: a.1 depends on b.1, which does not exist"; err == nil || err.Error() != want {
		t.Errorf("got %v, want %s", err, want)
	}
}
