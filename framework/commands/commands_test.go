package commands

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"gorm.io/gorm"

	"github.com/manouche-go/manouche/framework"
	"github.com/manouche-go/manouche/framework/apps"
	"github.com/manouche-go/manouche/framework/urls"
	"github.com/manouche-go/manouche/migrations"
)

// cmdApp is a test app with one migration and one page.
type cmdApp struct{}

func (cmdApp) Label() string { return "cmdtest" }
func (cmdApp) Migrations() []*migrations.Migration {
	return []*migrations.Migration{{
		App:  "cmdtest",
		Name: "0001_initial",
		Up:   func(tx *gorm.DB) error { return tx.Exec(`CREATE TABLE cmdtest_thing (id integer PRIMARY KEY)`).Error },
		Down: func(tx *gorm.DB) error { return tx.Exec(`DROP TABLE cmdtest_thing`).Error },
	}}
}
func (cmdApp) URLs() []urls.Pattern {
	return []urls.Pattern{urls.Path("/hello/", func(*framework.Request) *framework.Response {
		return framework.Text("hello")
	}, "hello")}
}

var registerOnce sync.Once

// project writes a settings file into a temp dir and returns its path.
func project(t *testing.T, extra string) string {
	t.Helper()
	registerOnce.Do(func() { apps.Register(cmdApp{}) })
	dir := t.TempDir()
	yaml := fmt.Sprintf(`DEBUG: true
SECRET_KEY: %q
INSTALLED_APPS: [cmdtest]
DATABASES:
  default: {ENGINE: sqlite, NAME: %q}
%s`, strings.Repeat("x1y2z3", 9), filepath.Join(dir, "db.sqlite3"), extra)
	path := filepath.Join(dir, "settings.yaml")
	if err := os.WriteFile(path, []byte(yaml), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func run(t *testing.T, environ []string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = Run(context.Background(), args, environ, &out, &errOut)
	return code, out.String(), errOut.String()
}

func TestRun_migrate(t *testing.T) {
	cfg := project(t, "")
	steps := []struct {
		args     []string
		wantCode int
		want     string
	}{
		{[]string{"showmigrations"}, 0, "cmdtest\n [ ] 0001_initial\n"},
		{[]string{"migrate"}, 0, "  Applying cmdtest.0001_initial... OK\n"},
		{[]string{"migrate"}, 0, "  No migrations to apply.\n"},
		{[]string{"showmigrations"}, 0, "cmdtest\n [X] 0001_initial\n"},
		{[]string{"migrate", "cmdtest", "zero"}, 0, "  Unapplying cmdtest.0001_initial... OK\n"},
		{[]string{"showmigrations"}, 0, "cmdtest\n [ ] 0001_initial\n"},
		{[]string{"migrate", "cmdtest"}, 2, ""},
	}
	for _, s := range steps {
		code, out, errOut := run(t, nil, append([]string{"--settings", cfg}, s.args...)...)
		if code != s.wantCode || !strings.Contains(out, s.want) {
			t.Errorf("%v: got exit %d, stdout %q, stderr %q; want exit %d and %q", s.args, code, out, errOut, s.wantCode, s.want)
		}
	}
}

func TestRun_settingsFromEnvironment(t *testing.T) {
	cfg := project(t, "")
	code, out, errOut := run(t, []string{"MANOUCHE_SETTINGS=" + cfg}, "showmigrations")
	if code != 0 || !strings.Contains(out, "cmdtest") {
		t.Errorf("MANOUCHE_SETTINGS: got exit %d, %q, %q", code, out, errOut)
	}
}

func TestRun_badSettings(t *testing.T) {
	cfg := project(t, "")
	tests := []struct {
		env  string
		want string
	}{
		{"MANOUCHE_SESSION_COOKIE_AGE=-5", `SESSION_COOKIE_AGE = "-5"`},
		{"MANOUCHE_SESSION_COOKIE_SAMESITE=Loose", `SESSION_COOKIE_SAMESITE = "Loose"`},
		{"MANOUCHE_DEBUG=maybe", "DEBUG"},
		{"MANOUCHE_INSTALLED_APPS=nosuchapp", `unknown app "nosuchapp"`},
	}
	for _, tt := range tests {
		code, out, errOut := run(t, []string{tt.env}, "--settings", cfg, "check")
		lines := strings.Split(strings.TrimSpace(errOut), "\n")
		if code != 1 || out != "" || len(lines) != 1 || !strings.Contains(errOut, tt.want) {
			t.Errorf("%s: got exit %d, stdout %q, stderr %q; want exit 1 and one line containing %q", tt.env, code, out, errOut, tt.want)
		}
	}
}

func TestRun_check(t *testing.T) {
	cfg := project(t, "")
	if code, out, errOut := run(t, nil, "--settings", cfg, "check"); code != 0 || !strings.Contains(out, "no issues") {
		t.Errorf("clean settings: got exit %d, %q, %q", code, out, errOut)
	}
	code, out, _ := run(t, []string{"MANOUCHE_DEBUG=false", "MANOUCHE_SECRET_KEY=short", "MANOUCHE_ALLOWED_HOSTS=example.com"}, "--settings", cfg, "check")
	if code != 1 || !strings.Contains(out, "SECRET_KEY") {
		t.Errorf("short SECRET_KEY with DEBUG off: got exit %d, %q; want exit 1 naming SECRET_KEY", code, out)
	}
}

func TestRun_unknownCommand(t *testing.T) {
	cfg := project(t, "")
	code, _, errOut := run(t, nil, "--settings", cfg, "migarte")
	if code != 2 || !strings.Contains(errOut, "Did you mean migrate?") {
		t.Errorf("got exit %d, stderr %q; want 2 and a suggestion", code, errOut)
	}
}

func TestRun_help(t *testing.T) {
	cfg := project(t, "")
	code, out, _ := run(t, nil, "--settings", cfg, "help")
	for _, name := range []string{"check", "migrate", "showmigrations", "runserver", "startapp"} {
		if !strings.Contains(out, "  "+name+" ") {
			t.Errorf("help does not list %s:\n%s", name, out)
		}
	}
	if code != 0 {
		t.Errorf("help: exit %d", code)
	}
}

func TestRun_startapp(t *testing.T) {
	cfg := project(t, "")
	root := t.TempDir() // a project: startapp needs its go.mod for the app's import path
	if err := os.WriteFile(filepath.Join(root, "go.mod"), []byte("module example.com/mysite\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(root, "notes")
	if code, out, errOut := run(t, nil, "--settings", cfg, "startapp", "notes", dir); code != 0 || !strings.Contains(out, "Created app notes") {
		t.Fatalf("got exit %d, %q, %q", code, out, errOut)
	}
	if _, err := os.Stat(filepath.Join(dir, "app.go")); err != nil {
		t.Errorf("startapp wrote no app.go: %v", err)
	}
	if code, _, errOut := run(t, nil, "--settings", cfg, "startapp", "my-notes"); code != 2 || !strings.Contains(errOut, "my-notes") {
		t.Errorf("invalid name: got exit %d, %q; want 2 naming it", code, errOut)
	}
}

// TestRun_runserver serves on a free port, answers a request, then stops
// gracefully when the context is cancelled (SIGINT in Main).
func TestRun_runserver(t *testing.T) {
	cfg := project(t, "")
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	ctx, cancel := context.WithCancel(context.Background())
	var out bytes.Buffer
	done := make(chan int, 1)
	go func() { done <- Run(ctx, []string{"--settings", cfg, "runserver", addr}, nil, &out, io.Discard) }()

	body := waitGet(t, "http://"+addr+"/hello/")
	if body != "hello" {
		t.Errorf("GET /hello/: got %q, want hello", body)
	}
	cancel()
	select {
	case code := <-done:
		if code != 0 {
			t.Errorf("runserver exit: got %d, want 0", code)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("runserver did not stop")
	}
	if !strings.Contains(out.String(), "Starting development server at http://"+addr+"/") {
		t.Errorf("banner: got %q", out.String())
	}
}

func waitGet(t *testing.T, url string) string {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		resp, err := http.Get(url)
		if err == nil {
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			return string(b)
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("%s never answered", url)
	return ""
}

// TestRun_unreachableDatabase: check and runserver name a database that
// cannot be opened in one line, and runserver does not start.
func TestRun_unreachableDatabase(t *testing.T) {
	cfg := project(t, "")
	env := []string{"MANOUCHE_DATABASES_DEFAULT_NAME=" + filepath.Join(t.TempDir(), "missing", "db.sqlite3")}
	code, out, _ := run(t, env, "--settings", cfg, "check")
	if code != 1 || !strings.Contains(out, `(manouche.E010) database "default" (sqlite): unreachable`) {
		t.Errorf("check: got exit %d, %q; want 1 naming the database", code, out)
	}
	code, _, errOut := run(t, env, "--settings", cfg, "runserver", "127.0.0.1:0")
	lines := strings.Split(strings.TrimSpace(errOut), "\n")
	if code != 1 || len(lines) != 1 || !strings.Contains(errOut, `database "default" (sqlite): unreachable`) {
		t.Errorf("runserver: got exit %d, stderr %q; want 1 and one line naming the database", code, errOut)
	}
}
