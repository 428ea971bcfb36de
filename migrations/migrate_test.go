package migrations

import (
	"context"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"gorm.io/gorm"
)

const header = "Operations to perform:\n  Apply all migrations: %s\nRunning migrations:\n"

func TestApply_fresh(t *testing.T) {
	db := openDB(t, "")
	out, err := apply(t, db, []*Migration{sessionsInitial(t)})
	if err != nil {
		t.Fatal(err)
	}
	want := "Operations to perform:\n  Apply all migrations: sessions\nRunning migrations:\n  Applying sessions.0001_initial... OK\n"
	if out != want {
		t.Errorf("output: got %q, want %q", out, want)
	}
	var ddl string
	db.Raw(`SELECT sql FROM sqlite_master WHERE name = 'django_migrations'`).Scan(&ddl)
	if want := loadStorage(t).DjangoMigrationsDDL; ddl != want {
		t.Errorf("django_migrations DDL:\n got %s\nwant %s", ddl, want)
	}
	if got := rows(t, db); got != "sessions.0001_initial" {
		t.Errorf("rows: got %q, want sessions.0001_initial", got)
	}
	if !hasTable(t, db, "django_session") {
		t.Error("django_session not created")
	}
	var applied string
	db.Raw(`SELECT CAST(applied AS TEXT) FROM django_migrations`).Scan(&applied) // raw text, not the driver's time.Time
	if !regexp.MustCompile(`^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d{6})?$`).MatchString(applied) {
		t.Errorf("applied: got %q, want Django's SQLite text YYYY-MM-DD HH:MM:SS[.ffffff]", applied)
	}
	at, err := time.Parse("2006-01-02 15:04:05.999999", applied)
	if err != nil || time.Since(at) > time.Minute || time.Since(at) < -time.Second {
		t.Errorf("applied: got %q (%v), want about now in UTC", applied, err)
	}
}

func TestApply_idempotent(t *testing.T) {
	db := openDB(t, "")
	all := []*Migration{sessionsInitial(t), tableMigration("shop.0001_initial", "shop_item", "sessions.0001_initial")}
	if _, err := apply(t, db, all); err != nil {
		t.Fatal(err)
	}
	out, err := apply(t, db, all)
	if err != nil {
		t.Fatalf("second Apply: %v", err)
	}
	if want := strings.Replace(header, "%s", "sessions, shop", 1) + "  No migrations to apply.\n"; out != want {
		t.Errorf("output: got %q, want %q", out, want)
	}
	if got := rows(t, db); got != "sessions.0001_initial shop.0001_initial" {
		t.Errorf("rows: got %q", got)
	}
}

func TestApply_empty(t *testing.T) {
	out, err := apply(t, openDB(t, ""), nil)
	if want := strings.Replace(header, "%s", "(none)", 1) + "  No migrations to apply.\n"; err != nil || out != want {
		t.Errorf("got %q, %v, want %q", out, err, want)
	}
}

// TestApply_failure: the failing migration leaves no table and no row,
// those before it stay, and a fixed migration applies on the next run.
func TestApply_failure(t *testing.T) {
	db := openDB(t, "")
	all := []*Migration{tableMigration("app.0001_initial", "one"), failing("app.0002_two", "two", "app.0001_initial")}
	out, err := apply(t, db, all)
	if err == nil || err.Error() != "migrations: apply app.0002_two: boom" {
		t.Fatalf("got %v, want migrations: apply app.0002_two: boom", err)
	}
	wantOut := strings.Replace(header, "%s", "app", 1) +
		"  Applying app.0001_initial... OK\n  Applying app.0002_two... FAILED\n"
	if out != wantOut {
		t.Errorf("output: got %q, want %q", out, wantOut)
	}
	if hasTable(t, db, "two") {
		t.Error("table of the failed migration left behind")
	}
	if got := rows(t, db); got != "app.0001_initial" {
		t.Errorf("rows: got %q, want app.0001_initial", got)
	}
	all[1] = tableMigration("app.0002_two", "two", "app.0001_initial")
	if _, err := apply(t, db, all); err != nil || !hasTable(t, db, "two") {
		t.Errorf("after the fix: got %v, table two %v", err, hasTable(t, db, "two"))
	}
}

// TestApply_djangoMigrated: a database Django migrated (its DDL, its row)
// counts as migrated; running sessions.0001_initial again would fail.
func TestApply_djangoMigrated(t *testing.T) {
	db := openDB(t, "")
	st := loadStorage(t)
	stmts := append([]string{st.DjangoMigrationsDDL}, st.SQLiteDDL[1:len(st.SQLiteDDL)-1]...)
	stmts = append(stmts, `INSERT INTO "django_migrations" ("app", "name", "applied") VALUES ('sessions', '0001_initial', '2023-11-14 22:13:20.123456')`)
	for _, s := range stmts {
		if err := db.Exec(s).Error; err != nil {
			t.Fatal(err)
		}
	}
	out, err := apply(t, db, []*Migration{sessionsInitial(t)})
	if err != nil {
		t.Fatalf("Apply: %v", err)
	}
	if !strings.HasSuffix(out, "  No migrations to apply.\n") {
		t.Errorf("output: got %q, want No migrations to apply.", out)
	}
	if got := rows(t, db); got != "sessions.0001_initial" {
		t.Errorf("rows: got %q, want one sessions.0001_initial", got)
	}
}

func TestApply_inconsistentHistory(t *testing.T) {
	db := openDB(t, "")
	all := []*Migration{m("auth.0001_initial"), m("admin.0001_initial", "auth.0001_initial")}
	if err := ensureTable(db); err != nil {
		t.Fatal(err)
	}
	db.Exec("INSERT INTO django_migrations (app, name, applied) VALUES ('admin', '0001_initial', '2023-11-14 22:13:20')")
	_, err := apply(t, db, all)
	want := "migrations: inconsistent history: admin.0001_initial is applied before its dependency auth.0001_initial"
	if err == nil || err.Error() != want {
		t.Errorf("got %v, want %s", err, want)
	}
}

// TestApply_concurrent: two processes migrating the same file apply each
// migration once.
func TestApply_concurrent(t *testing.T) {
	path := filepath.Join(t.TempDir(), "db.sqlite3")
	var ups atomic.Int32
	mig := tableMigration("app.0001_initial", "one")
	up := mig.Up
	mig.Up = func(tx *gorm.DB) error {
		ups.Add(1)
		time.Sleep(100 * time.Millisecond) // the others read "not applied" meanwhile
		return up(tx)
	}
	var wg sync.WaitGroup
	start := make(chan struct{})
	errs := make([]error, 4)
	for i := range errs {
		db := openDB(t, path)
		if err := ensureTable(db); err != nil {
			t.Fatal(err)
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			var out strings.Builder
			errs[i] = Apply(context.Background(), db, []*Migration{mig}, &out)
		}()
	}
	close(start)
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Errorf("Apply %d: %v", i, err)
		}
	}
	if n := ups.Load(); n != 1 {
		t.Errorf("Up ran %d times, want 1", n)
	}
}

func TestApply_canceled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	err := Apply(ctx, openDB(t, ""), []*Migration{tableMigration("app.0001_initial", "one")}, &strings.Builder{})
	if err == nil || !strings.HasPrefix(err.Error(), "migrations: ") || !strings.Contains(err.Error(), "context canceled") {
		t.Errorf("got %v, want a migrations error wrapping context canceled", err)
	}
}

func TestSQLiteTime(t *testing.T) {
	paris, _ := time.LoadLocation("Europe/Paris")
	tests := []struct {
		in   time.Time
		want string
	}{
		{time.Date(2023, 11, 14, 22, 13, 20, 0, time.UTC), "2023-11-14 22:13:20"},
		{time.Date(2023, 11, 14, 22, 13, 20, 123456789, time.UTC), "2023-11-14 22:13:20.123456"},
		{time.Date(2023, 11, 14, 22, 13, 20, 999, time.UTC), "2023-11-14 22:13:20"},
		{time.Date(2023, 11, 14, 23, 13, 20, 5000, paris), "2023-11-14 22:13:20.000005"},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			if got := sqliteTime(tt.in); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}
