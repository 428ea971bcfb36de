package commands

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/manouche-go/manouche/framework/djangotest"
)

// djangoSite returns the Django site of testdata/djangosite, with only
// django.contrib.sessions installed, on the SQLite database db. Call it
// before the test changes directory.
func djangoSite(t *testing.T, db string) djangotest.Site {
	t.Helper()
	_, err := djangotest.Version()
	djangotest.Require(t, err)
	dir, err := filepath.Abs(filepath.Join("testdata", "djangosite"))
	if err != nil {
		t.Fatal(err)
	}
	return djangotest.Site{Dir: dir, Env: []string{"DATABASE=" + db}}
}

// django runs one of Django 3.2's management commands on site.
func django(t *testing.T, site djangotest.Site, args ...string) string {
	t.Helper()
	out, err := site.Manage(t.Context(), args...)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestMakeMigrations_djangoShares: the migrations makemigrations writes
// are recorded in Django's own django_migrations, which Django 3.2 keeps
// reading and writing: its showmigrations and migrate ignore the app it
// does not know, and each side sees what the other applied.
func TestMakeMigrations_djangoShares(t *testing.T) {
	dir := t.TempDir()
	db := djangoSite(t, filepath.Join(dir, "db.sqlite3"))
	cfg, _ := mmProject(t)
	env := []string{mmEnv[0], "MANOUCHE_DATABASES_DEFAULT_NAME=" + filepath.Join(dir, "db.sqlite3")}
	initial := mmMigration(t, "0001_initial", []any{&Thing{}})
	second := mmMigration(t, "0002_thing_rank", []any{&ThingV2{}}, initial)
	setMM([]any{&ThingV2{}}, initial, second)
	if code, out, errOut := run(t, env, "--settings", cfg, "migrate"); code != 0 || !strings.Contains(out, "Applying mmtest.0002_thing_rank... OK") {
		t.Fatalf("migrate: got exit %d, %q, %q", code, out, errOut)
	}
	if out := django(t, db, "showmigrations"); out != "sessions\n [ ] 0001_initial\n" {
		t.Errorf("Django's showmigrations: got %q, want sessions with 0001_initial not applied", out)
	}
	if out := django(t, db, "migrate"); !strings.Contains(out, "Applying sessions.0001_initial... OK") {
		t.Errorf("Django's migrate: got %q", out)
	}
	if out := django(t, db, "showmigrations"); out != "sessions\n [X] 0001_initial\n" {
		t.Errorf("Django's showmigrations after its migrate: got %q", out)
	}
	if code, out, _ := run(t, env, "--settings", cfg, "showmigrations"); code != 0 || out != "mmtest\n [X] 0001_initial\n [X] 0002_thing_rank\n" {
		t.Errorf("showmigrations after Django's migrate: got exit %d, %q", code, out)
	}
	if code, out, errOut := run(t, env, "--settings", cfg, "migrate", "mmtest", "zero"); code != 0 || !strings.Contains(out, "Unapplying mmtest.0001_initial... OK") {
		t.Fatalf("migrate mmtest zero: got exit %d, %q, %q", code, out, errOut)
	}
	if out := django(t, db, "showmigrations"); out != "sessions\n [X] 0001_initial\n" {
		t.Errorf("Django's showmigrations after migrate mmtest zero: got %q", out)
	}
}
