// Package djangotest runs a real Django next to a Go test, so that interop
// tests can prove that manouche and Django read each other's bytes: Django's
// own management commands (migrate, showmigrations, clearsessions,
// createsuperuser...) and a served Django test site.
//
// A test site is a directory holding settings.py (the settings module, which
// reads what varies from the environment) and whatever it imports (urls.py,
// views.py). The package supplies the rest: commands run as
// `python3 -m django ...` and the site is served by wsgiref on a free port of
// 127.0.0.1, so a site needs neither manage.py nor a server script.
//
// The Django is Debian's python3-django (Django 3.2) for /usr/bin/python3.
// Without it, [Require] skips the test, or fails it when
// MANOUCHE_REQUIRE_SERVICES=1 or CI=true.
//
// Import it only from _test.go files.
package djangotest

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"
)

// Python is Debian's interpreter, the one python3-django installs for.
const Python = "/usr/bin/python3"

// Version returns the version of the Django that [Python] imports, such as
// "3.2.25", or an error saying why it cannot import Django.
func Version() (string, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	out, err := exec.CommandContext(ctx, Python, "-c", "import django; print(django.get_version())").CombinedOutput()
	if err != nil {
		return "", fmt.Errorf("djangotest: %s cannot import django: %w %s", Python, err, strings.TrimSpace(string(out)))
	}
	return strings.TrimSpace(string(out)), nil
}

// Require skips t when err, the error of [Version], is not nil, or fails t
// when the environment makes the interop tests mandatory
// (MANOUCHE_REQUIRE_SERVICES=1 or CI=true). Call Version once, in TestMain,
// and Require in every test that needs Django.
func Require(t testing.TB, err error) {
	t.Helper()
	if err == nil {
		return
	}
	if os.Getenv("MANOUCHE_REQUIRE_SERVICES") == "1" || os.Getenv("CI") == "true" {
		t.Fatalf("install python3-django (Debian) to run the Django interop tests: %v "+
			"(mandatory because MANOUCHE_REQUIRE_SERVICES=1 or CI=true)", err)
	}
	t.Skip("install python3-django (Debian) to run the Django interop tests")
}

// Site is a Django test site and the environment it runs with.
type Site struct {
	// Dir is the directory of settings.py, the settings module.
	Dir string
	// Env holds "NAME=value" pairs added to the process's environment:
	// what settings.py reads (SECRET_KEY, DATABASE...).
	Env []string
	// Log receives the standard error of the server (nil discards it).
	Log io.Writer
}

// environ is the environment of every Django process of the site.
func (s Site) environ() []string {
	env := append(os.Environ(),
		"DJANGO_SETTINGS_MODULE=settings",
		"PYTHONDONTWRITEBYTECODE=1", // keep testdata free of __pycache__
		"PYTHONPATH="+s.Dir,
	)
	return append(env, s.Env...)
}

// Manage runs Django's management command args (manage.py's arguments) on
// the site, with a one-minute limit within ctx, and returns what it
// printed. A failing command's error includes its output.
func (s Site) Manage(ctx context.Context, args ...string) (string, error) {
	return s.ManageInput(ctx, nil, args...)
}

// ManageInput is [Site.Manage] with stdin as the command's standard input
// (nil for none), for commands that read answers, such as changepassword.
func (s Site) ManageInput(ctx context.Context, stdin io.Reader, args ...string) (string, error) {
	ctx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, Python, append([]string{"-m", "django"}, args...)...)
	cmd.Dir, cmd.Env, cmd.Stdin = s.Dir, s.environ(), stdin
	out, err := cmd.CombinedOutput()
	if err != nil {
		return string(out), fmt.Errorf("djangotest: manage.py %s: %w: %s", strings.Join(args, " "), err, out)
	}
	return string(out), nil
}
