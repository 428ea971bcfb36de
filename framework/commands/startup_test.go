package commands

import (
	"context"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/manouche-go/manouche/framework/sitetest"
)

// TestRunserver_startupErrors: each start-up mistake gives one line on
// stderr, exit 1, and no "Starting development server".
func TestRunserver_startupErrors(t *testing.T) {
	taken, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer taken.Close()
	tests := []struct {
		name string
		env  []string
		addr string
		want string
	}{
		{"empty ALLOWED_HOSTS without DEBUG", []string{"MANOUCHE_DEBUG=false"}, "127.0.0.1:0",
			"CommandError: You must set settings.ALLOWED_HOSTS if DEBUG is False."},
		{"empty SECRET_KEY", []string{"MANOUCHE_SECRET_KEY="}, "127.0.0.1:0",
			"CommandError: The SECRET_KEY setting must not be empty: set SECRET_KEY in the settings file or MANOUCHE_SECRET_KEY in the environment."},
		{"port in use", nil, taken.Addr().String(),
			"CommandError: " + taken.Addr().String() + ": That port is already in use"},
		{"unreachable Redis", []string{"MANOUCHE_CACHES_DEFAULT_BACKEND=redis", "MANOUCHE_CACHES_DEFAULT_LOCATION=redis://127.0.0.1:1/0"}, "127.0.0.1:0",
			`CommandError: cache "default" (redis redis://127.0.0.1:1/0): unreachable: dial tcp 127.0.0.1:1: connect: connection refused`},
		{"unknown app", []string{"MANOUCHE_INSTALLED_APPS=cmdtest,polls"}, "127.0.0.1:0",
			`apps: unknown app "polls" in INSTALLED_APPS; registered apps: `},
		{"bad address", nil, "localhost:http", `CommandError: "localhost:http" is not a valid port number or address:port pair`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := project(t, "")
			code, out, errOut := run(t, tt.env, "--settings", cfg, "runserver", tt.addr)
			lines := strings.Split(strings.TrimSpace(errOut), "\n")
			if code != 1 || len(lines) != 1 || !strings.HasPrefix(lines[0], tt.want) || strings.Contains(out, "Starting development server") {
				t.Errorf("got exit %d, stdout %q, stderr %q; want exit 1 and one line starting %q", code, out, errOut, tt.want)
			}
		})
	}
}

func TestRun_unknownAppHint(t *testing.T) {
	cfg := project(t, "")
	_, _, errOut := run(t, []string{"MANOUCHE_INSTALLED_APPS=cmdtest,polls"}, "--settings", cfg, "check")
	if want := `(an app registers itself when its package is imported: is _ ".../polls" among the imports of main.go?)`; !strings.Contains(errOut, want) {
		t.Errorf("got %q, want the hint %q", errOut, want)
	}
}

// TestRunserver_checks: with DEBUG off, the insecure key of a fresh
// project stops runserver with Django's report; silencing the check lets
// it start, and the summary counts it.
func TestRunserver_checks(t *testing.T) {
	insecure := []string{"MANOUCHE_DEBUG=false", "MANOUCHE_ALLOWED_HOSTS=127.0.0.1", "MANOUCHE_SECRET_KEY=django-insecure-" + strings.Repeat("ab3d", 10)}
	cfg := project(t, "")
	code, out, errOut := run(t, insecure, "--settings", cfg, "runserver", "127.0.0.1:0")
	if code != 1 || !strings.HasPrefix(out, "Performing system checks...\n\n") || strings.Contains(out, "Starting development server") ||
		!strings.Contains(errOut, "SystemCheckError: System check identified some issues:") || !strings.Contains(errOut, "(manouche.E001)") {
		t.Errorf("insecure key: got exit %d, stdout %q, stderr %q; want exit 1 and the report", code, out, errOut)
	}
	env := append(insecure, "MANOUCHE_SILENCED_SYSTEM_CHECKS=manouche.E001,security.W010")
	out = serveUntilBanner(t, env, cfg)
	if !strings.Contains(out, "System check identified no issues (1 silenced).") {
		t.Errorf("silenced: got stdout %q", out)
	}
}

// TestRunserver_banner: Django's start-up text, with the notice of
// unapplied migrations.
func TestRunserver_banner(t *testing.T) {
	cfg := project(t, "")
	out := serveUntilBanner(t, nil, cfg)
	for _, want := range []string{
		"Performing system checks...\n\nSystem check identified no issues (0 silenced).\n",
		"\nYou have 1 unapplied migration(s). Your project may not work properly until you apply the migrations for app(s): cmdtest.\nRun 'manage migrate' to apply them.\n",
		"manouche version ", ", using settings '" + cfg + "'\nStarting development server at http://127.0.0.1:",
		"/\nQuit the server with CONTROL-C.\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("stdout %q does not contain %q", out, want)
		}
	}
}

// serveUntilBanner runs runserver until it prints its banner, then stops
// it, and returns its stdout.
func serveUntilBanner(t *testing.T, env []string, cfg string) string {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	out, errOut := &sitetest.Buffer{}, &sitetest.Buffer{}
	done := make(chan int, 1)
	go func() { done <- Run(ctx, []string{"--settings", cfg, "runserver", "127.0.0.1:0"}, env, out, errOut) }()
	deadline := time.Now().Add(30 * time.Second)
	for !strings.Contains(out.String(), "Quit the server with CONTROL-C.") {
		select {
		case code := <-done:
			t.Fatalf("runserver exited %d: %s%s", code, out, errOut)
		case <-time.After(20 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			t.Fatalf("no banner after 30s: %s%s", out, errOut)
		}
	}
	cancel()
	if code := <-done; code != 0 {
		t.Errorf("exit after cancel: got %d, want 0; stderr %s", code, errOut)
	}
	return out.String()
}

// TestRun_noSettings: without a settings file, commands say where it was
// looked for; help still lists the built-in commands.
func TestRun_noSettings(t *testing.T) {
	code, out, errOut := run(t, nil, "migrate")
	if code != 1 || out != "" || !strings.HasPrefix(errOut, "settings.yaml not found in ") ||
		!strings.HasSuffix(errOut, "; pass --settings FILE or set MANOUCHE_SETTINGS\n") || strings.Count(errOut, "\n") != 1 {
		t.Errorf("migrate: got exit %d, %q, %q", code, out, errOut)
	}
	code, out, _ = run(t, nil, "help")
	if code != 0 || !strings.Contains(out, "  runserver ") || !strings.Contains(out, "Note that only manouche's own commands are listed: settings.yaml not found in ") {
		t.Errorf("help: got exit %d, %q", code, out)
	}
}

// TestRun_checkSilenced: check honours SILENCED_SYSTEM_CHECKS.
func TestRun_checkSilenced(t *testing.T) {
	cfg := project(t, "")
	env := []string{"MANOUCHE_DEBUG=false", "MANOUCHE_SECRET_KEY=short", "MANOUCHE_ALLOWED_HOSTS=example.com", "MANOUCHE_SILENCED_SYSTEM_CHECKS=manouche.E001"}
	code, out, _ := run(t, env, "--settings", cfg, "check")
	if code != 0 || !strings.Contains(out, "(1 silenced).") || strings.Contains(out, "manouche.E001") {
		t.Errorf("got exit %d, %q; want 0 and the error counted as silenced", code, out)
	}
}

// TestRun_startappInstall: startapp prints the two edits that install the
// app, with the module's real import path, which the generated doc comment
// names too.
func TestRun_startappInstall(t *testing.T) {
	cfg := project(t, "")
	root := t.TempDir()
	if err := os.WriteFile(filepath.Join(root, "go.mod"), []byte("module example.com/mysite\n\ngo 1.26\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(root, "polls")
	code, out, errOut := run(t, nil, "--settings", cfg, "startapp", "polls", dir)
	want := "Created app polls in " + dir + ". To install it:\n\n  1. import it in main.go, which registers the app:\n\n\t_ \"example.com/mysite/polls\"\n\n" +
		"  2. add it to INSTALLED_APPS in " + cfg + ":\n\n\tINSTALLED_APPS:\n\t  - polls\n"
	if code != 0 || out != want {
		t.Errorf("got exit %d, %q, %q; want\n%s", code, out, errOut, want)
	}
	b, err := os.ReadFile(filepath.Join(dir, "app.go"))
	if err != nil || !strings.Contains(string(b), "(`_ \"example.com/mysite/polls\"`, which registers the app in init)") {
		t.Errorf("app.go does not name the import path:\n%s", b)
	}
}
