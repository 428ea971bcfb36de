package migrations

import (
	"context"
	"strings"
	"testing"
)

func TestPending(t *testing.T) {
	all := func() []*Migration {
		return []*Migration{
			tableMigration("shop.0002_order", "shop_order", "shop.0001_initial"),
			sessionsInitial(t),
			tableMigration("shop.0001_initial", "shop_cart", "sessions.0001_initial"),
			failing("catalog.0001_initial", "catalog_item"),
		}
	}
	names := func(ms []*Migration) string {
		var s []string
		for _, m := range ms {
			s = append(s, m.String())
		}
		return strings.Join(s, " ")
	}
	db := openDB(t, "")
	got, err := Pending(context.Background(), db, all())
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 4 || !strings.HasPrefix(names(got), "sessions.0001_initial shop.0001_initial") {
		t.Errorf("fresh: got %q, want all four in plan order", names(got))
	}
	if hasTable(t, db, "django_migrations") {
		t.Error("Pending created django_migrations, want no change")
	}
	apply(t, db, all()) // stops at catalog.0001_initial, which fails
	got, err = Pending(context.Background(), db, all())
	if err != nil {
		t.Fatal(err)
	}
	if names(got) != "catalog.0001_initial" {
		t.Errorf("after migrate: got %q, want catalog.0001_initial", names(got))
	}
}
