//go:build unix

package commands_test

import (
	"bytes"
	"errors"
	"net"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestRunserver_e2e is runserver as a new user runs it: go run . runserver
// PORT, a template edit shown without a rebuild, a view edit rebuilt while
// a request waits for it, a broken build and its fix, a panic's DEBUG
// page, then CONTROL-C.
func TestRunserver_e2e(t *testing.T) {
	p := newE2EProject(t)
	p.run(t, "migrate")
	port := freePort(t)
	url := "http://127.0.0.1:" + port + "/"
	s := p.start(t, nil, "runserver", port)
	s.waitOutput(t, "Quit the server with CONTROL-C.", 1, firstStart)
	for _, want := range []string{"Watching for file changes with StatReloader", "System check identified no issues (0 silenced).",
		"Starting development server at " + url} {
		if !strings.Contains(s.stdout.String(), want) {
			t.Errorf("start-up output lacks %q:\n%s", want, s.output())
		}
	}
	if code, body := get(t, url); code != 200 || !strings.Contains(body, "Hello from manouche!") {
		t.Fatalf("first page: got %d\n%s\n%s", code, body, s.output())
	}

	t.Run("template edit", func(t *testing.T) {
		p.edit(t, "greetings/templates/greetings/index.html", "You have visited this page", "E2E template edit: visited")
		if code, body := get(t, url); code != 200 || !strings.Contains(body, "E2E template edit: visited") {
			t.Errorf("next request after a template edit: got %d\n%s", code, body)
		}
		time.Sleep(time.Second) // a few polls: the reloader must not react
		if strings.Contains(s.output(), "index.html changed") {
			t.Errorf("a template edit restarted the server:\n%s", s.output())
		}
	})
	t.Run("view edit", func(t *testing.T) {
		start := time.Now()
		p.edit(t, "greetings/views.go", `const Greeting = "Hello from manouche!"`, `const Greeting = "Hello from the edited view!"`)
		s.waitOutput(t, "greetings/views.go changed, reloading.", 1, rebuild)
		code, body := get(t, url) // sent during the rebuild: it waits
		if code != 200 || !strings.Contains(body, "Hello from the edited view!") {
			t.Errorf("request during the rebuild: got %d\n%s\n%s", code, body, s.output())
		}
		t.Logf("view edit served after %v", time.Since(start).Round(100*time.Millisecond))
	})
	t.Run("broken build", func(t *testing.T) {
		p.edit(t, "greetings/views.go", "func index(", "func broken() { undefinedThing() }\n\nfunc index(")
		s.waitOutput(t, "Build failed; fix the error and save", 1, rebuild)
		if !strings.Contains(s.stderr.String(), "undefined: undefinedThing") {
			t.Errorf("the compiler's error is not shown:\n%s", s.output())
		}
		if code, body := get(t, url); code != 500 || !strings.Contains(body, "undefined: undefinedThing") {
			t.Errorf("request while the build is broken: got %d\n%s", code, body)
		}
		p.edit(t, "greetings/views.go", "func broken() { undefinedThing() }\n\n", "")
		if code, body := get(t, url); code != 200 || !strings.Contains(body, "Hello from the edited view!") {
			s.waitOutput(t, "greetings/views.go changed, reloading.", 3, rebuild)
			if code, body = get(t, url); code != 200 {
				t.Errorf("after the fix: got %d\n%s\n%s", code, body, s.output())
			}
		}
	})
	t.Run("panic page", func(t *testing.T) {
		p.edit(t, "greetings/views.go", "\tif req.Session == nil {", "\tif req.Method == http.MethodGet {\n\t\tpanic(\"e2e: boom\")\n\t}\n\tif req.Session == nil {")
		s.waitOutput(t, "greetings/views.go changed, reloading.", 4, rebuild)
		code, body := get(t, url)
		for _, want := range []string{"<h1>panic (string) at /</h1>", "e2e: boom", "in mysite/greetings.index</a>",
			"panic(&#34;e2e: boom&#34;)", "greetings/views.go</span>, line", "<td>SECRET_KEY</td><td class=\"code\"><pre>&#34;********************&#34;</pre>"} {
			if !strings.Contains(body, want) {
				t.Errorf("the DEBUG 500 page lacks %q", want)
			}
		}
		if code != 500 {
			t.Errorf("got status %d, want 500", code)
		}
	})

	// CONTROL-C stops every process; go run itself then exits 1, as it
	// does for any program it runs that is interrupted.
	s.interrupt()
	select {
	case <-s.done:
		if out := s.output(); strings.Contains(out, "CommandError") || strings.Contains(out, "panic:") {
			t.Errorf("after CONTROL-C:\n%s", out)
		}
	case <-time.After(30 * time.Second):
		t.Fatalf("runserver still running 30s after CONTROL-C:\n%s", s.output())
	}
	if ln, err := net.Listen("tcp", "127.0.0.1:"+port); err != nil {
		t.Errorf("port %s still taken after CONTROL-C: %v", port, err)
	} else {
		ln.Close()
	}
}

// TestRunserver_e2eStartupMistakes: each start-up mistake of a new user
// stops the built program with one line on stderr and exit 1, before any
// "Starting development server".
func TestRunserver_e2eStartupMistakes(t *testing.T) {
	p := newE2EProject(t)
	bin := filepath.Join(p.dir, "mysite")
	build := exec.Command("go", "build", "-o", bin, ".")
	build.Dir, build.Env = p.dir, p.env
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	taken, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer taken.Close()
	empty := t.TempDir()
	tests := []struct {
		name, dir string
		env       []string
		args      []string
		want      string
	}{
		{"no settings file", empty, nil, []string{"runserver"},
			"settings.yaml not found in " + empty + "; pass --settings FILE or set MANOUCHE_SETTINGS"},
		{"no SECRET_KEY", p.dir, []string{"MANOUCHE_SECRET_KEY="}, []string{"runserver", freePort(t)},
			"CommandError: The SECRET_KEY setting must not be empty: set SECRET_KEY in the settings file or MANOUCHE_SECRET_KEY in the environment."},
		{"Redis down", p.dir, []string{"MANOUCHE_CACHES_DEFAULT_BACKEND=redis", "MANOUCHE_CACHES_DEFAULT_LOCATION=redis://127.0.0.1:1/0"}, []string{"runserver", freePort(t)},
			`CommandError: cache "default" (redis redis://127.0.0.1:1/0): unreachable: dial tcp 127.0.0.1:1: connect: connection refused`},
		{"port in use", p.dir, nil, []string{"runserver", taken.Addr().String()},
			"CommandError: " + taken.Addr().String() + ": That port is already in use"},
		{"DEBUG off, no ALLOWED_HOSTS", p.dir, []string{"MANOUCHE_DEBUG=false", "MANOUCHE_ALLOWED_HOSTS="}, []string{"runserver", freePort(t)},
			"CommandError: You must set settings.ALLOWED_HOSTS if DEBUG is False."},
		{"app not imported", p.dir, []string{"MANOUCHE_INSTALLED_APPS=contrib.sessions,greetings,polls"}, []string{"runserver", freePort(t)},
			`apps: unknown app "polls" in INSTALLED_APPS; registered apps: * (an app registers itself when its package is imported: is _ "mysite/polls" among the imports of main.go?)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			cmd := exec.Command(bin, tt.args...)
			cmd.Dir, cmd.Env = tt.dir, append(append([]string(nil), p.env...), tt.env...)
			cmd.Stdout, cmd.Stderr = &stdout, &stderr
			err := cmd.Run()
			var ee *exec.ExitError
			if !errors.As(err, &ee) || ee.ExitCode() != 1 {
				t.Errorf("got %v, want exit status 1", err)
			}
			// "*" stands for the list of registered apps, which the skeleton decides.
			before, after, _ := strings.Cut(tt.want+"\n", "*")
			if got := stderr.String(); !strings.HasPrefix(got, before) || !strings.HasSuffix(got, after) || strings.Count(got, "\n") != 1 {
				t.Errorf("stderr: got %q, want the one line %q", got, tt.want)
			}
			if strings.Contains(stdout.String(), "Starting development server") {
				t.Errorf("stdout announces a server: %q", stdout.String())
			}
		})
	}
	// DEBUG off with the project's key works; with a django-insecure- key
	// the system checks stop it.
	var stderr bytes.Buffer
	cmd := exec.Command(bin, "runserver", freePort(t))
	cmd.Dir, cmd.Stderr = p.dir, &stderr
	cmd.Env = append(append([]string(nil), p.env...), "MANOUCHE_DEBUG=false", "MANOUCHE_SECRET_KEY=django-insecure-"+strings.Repeat("k3y", 20))
	if err := cmd.Run(); err == nil || !strings.Contains(stderr.String(), "(manouche.E001)") {
		t.Errorf("insecure key with DEBUG off: got %v, stderr %q; want exit 1 and manouche.E001", err, stderr.String())
	}
}
