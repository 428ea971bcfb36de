package main

import (
	"context"
	"log/slog"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/manouche-go/manouche/framework/db"
	"github.com/manouche-go/manouche/framework/scaffold"
	"github.com/manouche-go/manouche/framework/settings"
	"github.com/manouche-go/manouche/framework/sitetest"
)

// TestEndToEnd is the path of a new user: make install into a temporary
// GOBIN, manouche startproject in a directory outside the checkout, a
// project that builds offline, migrates, serves its page and passes its
// own tests untouched; then a polls app from startapp, a field added to
// its model, makemigrations and migrate on SQLite and on PostgreSQL, and
// its page, which reads the model and counts visits in the session.
func TestEndToEnd(t *testing.T) {
	if testing.Short() {
		t.Skip("skipped in -short mode: installs manouche and builds a project")
	}
	if runtime.GOOS == "windows" {
		t.Skip("skipped on windows: the test stops the server with SIGINT")
	}
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("skipped: no go command in PATH")
	}
	pgURL := sitetest.ServiceURL(t, "MANOUCHE_TEST_POSTGRES_DSN")
	checkout, err := scaffold.FindCheckout(".")
	if err != nil {
		t.Fatal(err)
	}
	p := &project{goTool: goTool, env: childEnv(t, goTool)}
	manouche := install(t, p, checkout)
	work := t.TempDir()
	out := run(t, work, p.env, time.Minute, manouche, "startproject", "mysite")
	if !strings.Contains(out, "Project mysite is ready (manouche from "+checkout+")") {
		t.Fatalf("startproject: got\n%s", out)
	}
	p.dir = filepath.Join(work, "mysite")
	t.Run("new project", func(t *testing.T) { testNewProject(t, p) })
	t.Run("polls on SQLite", func(t *testing.T) { testPolls(t, p) })
	t.Run("polls on PostgreSQL", func(t *testing.T) { testPostgres(t, p, pgURL) })
	t.Run("own tests", func(t *testing.T) { run(t, p.dir, p.env, 10*time.Minute, goTool, "test", "./...") })
}

// project is the scaffolded project under test.
type project struct {
	goTool, dir string
	env         []string
}

// build compiles the project's manage program and returns its path.
func (p *project) build(t *testing.T) string {
	t.Helper()
	run(t, p.dir, p.env, 5*time.Minute, p.goTool, "build", "-o", "mysite", ".")
	return filepath.Join(p.dir, "mysite")
}

// manage runs the project's program with extra environment variables.
func (p *project) manage(t *testing.T, bin string, env []string, args ...string) string {
	t.Helper()
	return run(t, p.dir, append(append([]string(nil), p.env...), env...), time.Minute, bin, args...)
}

// install runs make install (or go install when make is missing) with
// GOBIN a temporary directory, and returns the installed command.
func install(t *testing.T, p *project, checkout string) string {
	t.Helper()
	gobin := t.TempDir()
	env := append(append([]string(nil), p.env...), "GOBIN="+gobin, "GO="+p.goTool)
	if _, err := exec.LookPath("make"); err == nil {
		run(t, checkout, env, 5*time.Minute, "make", "--no-print-directory", "install")
	} else {
		run(t, checkout, env, 5*time.Minute, p.goTool, "install", "./cmd/manouche")
	}
	bin := filepath.Join(gobin, "manouche")
	if out := run(t, t.TempDir(), p.env, time.Minute, bin, "version"); !strings.Contains(out, "checkout "+checkout) {
		t.Fatalf("manouche version: got %q, want the checkout %s", out, checkout)
	}
	return bin
}

func testNewProject(t *testing.T, p *project) {
	modBefore := readFile(t, filepath.Join(p.dir, "go.mod"))
	bin := p.build(t)
	if modAfter := readFile(t, filepath.Join(p.dir, "go.mod")); modAfter != modBefore {
		t.Errorf("go build -mod=mod changed go.mod, so `go run .` (-mod=readonly) would fail on it:\ngot\n%s\nwant\n%s", modAfter, modBefore)
	}
	if out := p.manage(t, bin, nil, "migrate"); !strings.Contains(out, "Applying sessions.0001_initial... OK") {
		t.Errorf("first migrate: got\n%s", out)
	}
	if out := p.manage(t, bin, nil, "migrate"); !strings.Contains(out, "No migrations to apply.") {
		t.Errorf("second migrate: got\n%s", out)
	}
	srv := startServer(t, p.dir, p.env, bin)
	c := browser(t)
	resp, body := get(t, c, srv, "/", 200)
	if !strings.Contains(body, `id="num-visits">0<`) || !strings.Contains(body, `href="/static/css/site.css"`) {
		t.Errorf("first visit: got\n%s", body)
	}
	checkSessionCookie(t, resp)
	if _, body = get(t, c, srv, "/", 200); !strings.Contains(body, "Hello from manouche!") || !strings.Contains(body, `id="num-visits">1<`) {
		t.Errorf("second visit: got\n%s", body)
	}
	if resp, _ := get(t, c, srv, "/static/css/site.css", 200); !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/css") {
		t.Errorf("stylesheet: Content-Type %q", resp.Header.Get("Content-Type"))
	}
	srv.stop(t)
}

// testPolls adds the polls app, adds a field to its model, and migrates
// and serves it on SQLite.
func testPolls(t *testing.T, p *project) {
	bin := p.build(t)
	if out := p.manage(t, bin, nil, "startapp", "polls"); !strings.Contains(out, "Created app polls") {
		t.Fatalf("startapp: got %q", out)
	}
	edit(t, filepath.Join(p.dir, "main.go"), `_ "mysite/greetings"`, `_ "mysite/greetings"`+"\n\t_ \"mysite/polls\"")
	edit(t, filepath.Join(p.dir, "settings.yaml"), "  - greetings\n", "  - greetings\n  - polls\n")
	if out := p.manage(t, p.build(t), nil, "makemigrations"); out != "No changes detected\n" {
		t.Errorf("makemigrations on the new app: got %q, want No changes detected", out)
	}
	edit(t, filepath.Join(p.dir, "polls", "models.go"), "\tCreated time.Time `gorm:\"not null;index\"`\n",
		"\tCreated time.Time `gorm:\"not null;index\"`\n\tVotes   int       `gorm:\"not null;default:0\"`\n")
	edit(t, filepath.Join(p.dir, "polls", "templates", "polls", "index.html"), "<< .Text >>", "<< .Text >> (<< .Votes >> votes)")
	out := p.manage(t, p.build(t), nil, "makemigrations")
	want := "Migrations for 'polls':\n  polls/migrations/0002_poll_votes.go\n    - Add field votes to poll\n"
	if out != want {
		t.Fatalf("makemigrations after a new field: got %q, want %q", out, want)
	}
	bin = p.build(t)
	if out := p.manage(t, bin, nil, "makemigrations", "polls"); out != "No changes detected in app 'polls'\n" {
		t.Errorf("makemigrations again: got %q", out)
	}
	out = p.manage(t, bin, nil, "migrate")
	for _, w := range []string{"Applying polls.0001_initial... OK", "Applying polls.0002_poll_votes... OK"} {
		if !strings.Contains(out, w) {
			t.Errorf("migrate: no %q in\n%s", w, out)
		}
	}
	if out := p.manage(t, bin, nil, "sqlmigrate", "polls", "0002"); !strings.Contains(out, "ALTER TABLE `polls_poll` ADD `votes` bigint NOT NULL DEFAULT 0;") {
		t.Errorf("sqlmigrate polls 0002: got\n%s", out)
	}
	insertPoll(t, settings.Database{Engine: "sqlite", Name: filepath.Join(p.dir, "db.sqlite3")})
	checkPolls(t, p, bin, nil)
}

// testPostgres migrates and serves the same project on a private
// PostgreSQL schema, with DEBUG off and collected static files.
func testPostgres(t *testing.T, p *project, base string) {
	ctx := context.Background()
	u, drop, err := sitetest.NewDatabase(ctx, base)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := drop(context.Background()); err != nil {
			t.Error(err)
		}
	})
	env := []string{"MANOUCHE_DATABASES_DEFAULT_URL=" + u}
	bin := filepath.Join(p.dir, "mysite")
	if out := p.manage(t, bin, env, "makemigrations"); out != "No changes detected\n" {
		t.Errorf("makemigrations on PostgreSQL: got %q", out)
	}
	out := p.manage(t, bin, env, "migrate")
	for _, w := range []string{"Applying sessions.0001_initial... OK", "Applying polls.0001_initial... OK", "Applying polls.0002_poll_votes... OK"} {
		if !strings.Contains(out, w) {
			t.Errorf("migrate on PostgreSQL: no %q in\n%s", w, out)
		}
	}
	if out := p.manage(t, bin, env, "sqlmigrate", "polls", "0002"); !strings.Contains(out, `ALTER TABLE "polls_poll" ADD "votes" bigint NOT NULL DEFAULT 0;`) {
		t.Errorf("sqlmigrate on PostgreSQL: got\n%s", out)
	}
	insertPoll(t, settings.Database{URL: u})
	if out := p.manage(t, bin, nil, "collectstatic"); !strings.Contains(out, "static files copied to '"+filepath.Join(p.dir, "staticfiles")+"'") {
		t.Errorf("collectstatic: got %q", out)
	}
	checkPolls(t, p, bin, append(env, "MANOUCHE_DEBUG=false", "MANOUCHE_ALLOWED_HOSTS=127.0.0.1"))
}

// insertPoll stores a poll with 7 votes in the project's database.
func insertPoll(t *testing.T, d settings.Database) {
	t.Helper()
	g, err := db.Open(d, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	defer func() {
		if sqlDB, err := g.DB(); err == nil {
			sqlDB.Close()
		}
	}()
	if err := g.Exec("INSERT INTO polls_poll (text, created, votes) VALUES (?, ?, ?)", "What's new?", time.Now().UTC(), 7).Error; err != nil {
		t.Fatal(err)
	}
}

// hashedStyle is the polls stylesheet's link with DEBUG off.
var hashedStyle = regexp.MustCompile(`href="(/static/polls/style\.[0-9a-f]{12}\.css)"`)

// checkPolls serves the project and visits /polls/ twice: the poll from
// the database with its votes, and a visit count kept in the session.
func checkPolls(t *testing.T, p *project, bin string, env []string) {
	t.Helper()
	srv := startServer(t, p.dir, append(append([]string(nil), p.env...), env...), bin)
	c := browser(t)
	for visit := 1; visit <= 2; visit++ {
		_, body := get(t, c, srv, "/polls/", 200)
		for _, w := range []string{"What&#39;s new? (7 votes)", `id="polls-visits">` + string(rune('0'+visit)) + "<"} {
			if !strings.Contains(body, w) {
				t.Errorf("visit %d: no %q in\n%s", visit, w, body)
			}
		}
		if m := hashedStyle.FindStringSubmatch(body); len(env) > 0 && m != nil {
			if resp, _ := get(t, c, srv, m[1], 200); resp.Header.Get("Cache-Control") != "max-age=315360000, public, immutable" {
				t.Errorf("%s: Cache-Control %q", m[1], resp.Header.Get("Cache-Control"))
			}
		} else if len(env) > 0 {
			t.Errorf("visit %d with DEBUG off: no hashed stylesheet in\n%s", visit, body)
		}
	}
	srv.stop(t)
}

// checkSessionCookie checks the session cookie the first visit got.
func checkSessionCookie(t *testing.T, resp *http.Response) {
	t.Helper()
	for _, c := range resp.Cookies() {
		if c.Name == "sessionid" {
			if !c.HttpOnly || c.SameSite != http.SameSiteLaxMode {
				t.Errorf("sessionid cookie: got HttpOnly=%v SameSite=%v, want HttpOnly and SameSite=Lax", c.HttpOnly, c.SameSite)
			}
			return
		}
	}
	t.Errorf("first visit: no sessionid cookie in %q", resp.Header.Values("Set-Cookie"))
}

// edit replaces the one occurrence of old in the file name by new.
func edit(t *testing.T, name, old, new string) {
	t.Helper()
	s := readFile(t, name)
	if strings.Count(s, old) != 1 {
		t.Fatalf("%s: want exactly one %q in\n%s", name, old, s)
	}
	if err := os.WriteFile(name, []byte(strings.Replace(s, old, new, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
}

func readFile(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
