package commands

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// djangoScript runs one of Django 3.2's management commands on the SQLite
// database named by argv[1], with only django.contrib.sessions installed:
// python3 - DB COMMAND [ARGS...].
const djangoScript = `
import sys
import django
from django.conf import settings
settings.configure(
    INSTALLED_APPS=["django.contrib.sessions"],
    DATABASES={"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": sys.argv[1]}},
    USE_TZ=True,
)
django.setup()
from django.core.management import call_command
call_command(*sys.argv[2:])
`

// django runs djangoScript, skipping the test when /usr/bin/python3 cannot
// import Django unless the environment makes it mandatory.
func django(t *testing.T, db string, args ...string) string {
	t.Helper()
	if err := exec.Command("/usr/bin/python3", "-c", "import django").Run(); err != nil {
		if os.Getenv("MANOUCHE_REQUIRE_SERVICES") == "1" || os.Getenv("CI") == "true" {
			t.Fatalf("install python3-django (Debian) to run the Django interop tests: %v", err)
		}
		t.Skip("install python3-django (Debian) to run the Django interop tests")
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "/usr/bin/python3", append([]string{"-", db}, args...)...)
	cmd.Stdin = strings.NewReader(djangoScript)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("django %v: %v\n%s", args, err, out)
	}
	return string(out)
}

// TestMakeMigrations_djangoShares: the migrations makemigrations writes
// are recorded in Django's own django_migrations, which Django 3.2 keeps
// reading and writing: its showmigrations and migrate ignore the app it
// does not know, and each side sees what the other applied.
func TestMakeMigrations_djangoShares(t *testing.T) {
	cfg, _ := mmProject(t)
	initial := mmMigration(t, "0001_initial", []any{&Thing{}})
	second := mmMigration(t, "0002_thing_rank", []any{&ThingV2{}}, initial)
	setMM([]any{&ThingV2{}}, initial, second)
	db := filepath.Join(filepath.Dir(cfg), "db.sqlite3")
	if code, out, errOut := run(t, mmEnv, "--settings", cfg, "migrate"); code != 0 || !strings.Contains(out, "Applying mmtest.0002_thing_rank... OK") {
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
	if code, out, _ := run(t, mmEnv, "--settings", cfg, "showmigrations"); code != 0 || out != "mmtest\n [X] 0001_initial\n [X] 0002_thing_rank\n" {
		t.Errorf("showmigrations after Django's migrate: got exit %d, %q", code, out)
	}
	if code, out, errOut := run(t, mmEnv, "--settings", cfg, "migrate", "mmtest", "zero"); code != 0 || !strings.Contains(out, "Unapplying mmtest.0001_initial... OK") {
		t.Fatalf("migrate mmtest zero: got exit %d, %q, %q", code, out, errOut)
	}
	if out := django(t, db, "showmigrations"); out != "sessions\n [X] 0001_initial\n" {
		t.Errorf("Django's showmigrations after migrate mmtest zero: got %q", out)
	}
}
