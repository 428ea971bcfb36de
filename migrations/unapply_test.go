package migrations

import (
	"context"
	"strings"
	"testing"
)

func TestUnapply(t *testing.T) {
	db := openDB(t, "")
	all := []*Migration{
		sessionsInitial(t),
		tableMigration("other.0001_initial", "other_t"),
		tableMigration("shop.0001_initial", "shop_cart", "sessions.0001_initial"),
		tableMigration("sessions.0002_extra", "sessions_extra", "sessions.0001_initial"),
	}
	if _, err := apply(t, db, all); err != nil {
		t.Fatal(err)
	}
	var out strings.Builder
	if err := Unapply(context.Background(), db, all, "sessions", &out); err != nil {
		t.Fatal(err)
	}
	want := "Operations to perform:\n  Unapply all migrations: sessions\nRunning migrations:\n" +
		"  Unapplying sessions.0002_extra... OK\n" +
		"  Unapplying shop.0001_initial... OK\n" +
		"  Unapplying sessions.0001_initial... OK\n"
	if out.String() != want {
		t.Errorf("output: got %q, want %q", out.String(), want)
	}
	for _, tbl := range []string{"django_session", "shop_cart", "sessions_extra"} {
		if hasTable(t, db, tbl) {
			t.Errorf("table %s still there", tbl)
		}
	}
	if got := rows(t, db); got != "other.0001_initial" || !hasTable(t, db, "other_t") {
		t.Errorf("rows: got %q, want other.0001_initial untouched", got)
	}
	out.Reset()
	if err := Unapply(context.Background(), db, all, "sessions", &out); err != nil || !strings.HasSuffix(out.String(), "  No migrations to apply.\n") {
		t.Errorf("second Unapply: got %q, %v, want No migrations to apply.", out.String(), err)
	}
}

func TestUnapply_errors(t *testing.T) {
	db := openDB(t, "")
	irreversible := tableMigration("shop.0001_initial", "shop_cart", "sessions.0001_initial")
	irreversible.Down = nil
	all := []*Migration{sessionsInitial(t), irreversible}
	if _, err := apply(t, db, all); err != nil {
		t.Fatal(err)
	}
	tests := []struct{ app, want string }{
		{"sessions", "migrations: unapply shop.0001_initial: migration is irreversible (no Down)"},
		{"auth", `migrations: app "auth" has no migrations`},
	}
	for _, tt := range tests {
		t.Run(tt.app, func(t *testing.T) {
			err := Unapply(context.Background(), db, all, tt.app, &strings.Builder{})
			if err == nil || err.Error() != tt.want {
				t.Errorf("got %v, want %s", err, tt.want)
			}
		})
	}
	if got := rows(t, db); got != "sessions.0001_initial shop.0001_initial" || !hasTable(t, db, "django_session") {
		t.Errorf("a refused Unapply changed the database: rows %q", got)
	}
}

func TestUnapply_failureRollsBack(t *testing.T) {
	db := openDB(t, "")
	mig := tableMigration("app.0001_initial", "one")
	if _, err := apply(t, db, []*Migration{mig}); err != nil {
		t.Fatal(err)
	}
	mig.Down = func(tx *gormDB) error {
		if err := tx.Exec("DROP TABLE one").Error; err != nil {
			return err
		}
		return errBoom
	}
	err := Unapply(context.Background(), db, []*Migration{mig}, "app", &strings.Builder{})
	if err == nil || err.Error() != "migrations: unapply app.0001_initial: boom" {
		t.Errorf("got %v, want migrations: unapply app.0001_initial: boom", err)
	}
	if !hasTable(t, db, "one") || rows(t, db) != "app.0001_initial" {
		t.Errorf("failed Down not rolled back: table %v, rows %q", hasTable(t, db, "one"), rows(t, db))
	}
}
