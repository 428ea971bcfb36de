package commands

import (
	"context"
	"os/exec"
	"strings"
	"testing"

	"github.com/manouche-go/manouche/framework/sitetest"
)

// TestDbshell_sqlite runs sqlite3 on the settings' database.
func TestDbshell_sqlite(t *testing.T) {
	if _, err := exec.LookPath("sqlite3"); err != nil {
		t.Skip("install sqlite3 to run the dbshell test")
	}
	cfg := project(t, "")
	if code, _, errOut := run(t, nil, "--settings", cfg, "migrate"); code != 0 {
		t.Fatal(errOut)
	}
	code, out, errOut := run(t, nil, "--settings", cfg, "dbshell", "--", "SELECT name FROM django_migrations;")
	if code != 0 || out != "0001_initial\n" {
		t.Errorf("got exit %d, %q, %q; want the migration's name", code, out, errOut)
	}
	code, _, errOut = run(t, nil, "--settings", cfg, "dbshell", "--", "SELECT nope;")
	if code != 1 || !strings.Contains(errOut, `CommandError: "sqlite3 `) || !strings.Contains(errOut, `returned non-zero exit status `) {
		t.Errorf("failing SQL: got exit %d, %q", code, errOut)
	}
}

func TestDbshell_missingClient(t *testing.T) {
	cfg := project(t, "")
	t.Setenv("PATH", t.TempDir())
	code, _, errOut := run(t, nil, "--settings", cfg, "dbshell")
	if want := "CommandError: You appear not to have the \"sqlite3\" program installed or on your path.\n"; code != 1 || errOut != want {
		t.Errorf("got exit %d, %q; want 1 and %q", code, errOut, want)
	}
}

// TestDbshell_servers runs psql and mysql against the test servers, with
// the connection of a DATABASES URL.
func TestDbshell_servers(t *testing.T) {
	for _, s := range []struct{ engine, env, client, flag string }{
		{"postgres", "MANOUCHE_TEST_POSTGRES_DSN", "psql", "-c"},
		{"mysql", "MANOUCHE_TEST_MYSQL_DSN", "mysql", "-e"},
	} {
		t.Run(s.engine, func(t *testing.T) {
			u := sitetest.ServiceURL(t, s.env)
			if _, err := exec.LookPath(s.client); err != nil {
				t.Skipf("install %s to run the dbshell test", s.client)
			}
			dbURL, drop, err := sitetest.NewDatabase(context.Background(), u)
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { drop(context.Background()) })
			cfg := project(t, "")
			env := []string{"MANOUCHE_DATABASES_DEFAULT_URL=" + dbURL}
			if code, _, errOut := run(t, env, "--settings", cfg, "migrate"); code != 0 {
				t.Fatal(errOut)
			}
			code, out, errOut := run(t, env, "--settings", cfg, "dbshell", "--", s.flag, "SELECT name FROM django_migrations")
			if code != 0 || !strings.Contains(out, "0001_initial") {
				t.Errorf("got exit %d, %q, %q; want the migration's name", code, out, errOut)
			}
		})
	}
}
