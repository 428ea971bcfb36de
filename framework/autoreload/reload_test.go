package autoreload

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/manouche-go/manouche/framework/sitetest"
)

// serverMain is a program that speaks the child protocol without this
// package: it serves "version: V" on fd 3, stops when fd 4 closes, and
// says it is ready on fd 5. FAIL_START=1 makes it fail to start.
const serverMain = `package main

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
)

const version = "%s"

func main() {
	if os.Getenv("FAIL_START") == "1" {
		fmt.Fprintln(os.Stderr, "cannot start: FAIL_START=1")
		os.Exit(3)
	}
	ln, err := net.FileListener(os.NewFile(3, "listener"))
	if err != nil {
		panic(err)
	}
	srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, "version: "+version)
	})}
	go func() {
		io.Copy(io.Discard, os.NewFile(4, "lifeline"))
		srv.Shutdown(context.Background())
	}()
	fmt.Println("serving version", version)
	os.NewFile(5, "ready").Write([]byte{1})
	srv.Serve(ln)
}
`

// project is a temporary program under the reloader.
type project struct {
	t    *testing.T
	dir  string
	url  string
	out  *sitetest.Buffer
	done chan error
}

func goEnv() []string {
	return append(os.Environ(), "GOFLAGS=-mod=mod", "GOWORK=off", "GOPROXY=off")
}

// startProject writes the program at version v, builds it, and runs the
// reloader on it with opts applied.
func startProject(t *testing.T, env []string, opts func(*Options)) *project {
	t.Helper()
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command in PATH to build the test program")
	}
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"go.mod": "module example.com/srv\n\ngo 1.22\n", "main.go": strings.Replace(serverMain, "%s", "1", 1)})
	bin := filepath.Join(t.TempDir(), "srv")
	build := exec.Command(goTool, "build", "-o", bin, ".")
	build.Dir, build.Env = dir, goEnv()
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p := &project{t: t, dir: dir, url: "http://" + ln.Addr().String() + "/", out: &sitetest.Buffer{}, done: make(chan error, 1)}
	o := Options{Dir: dir, Executable: bin, Listener: ln, Env: append(goEnv(), env...),
		Stdout: p.out, Stderr: p.out, Interval: 100 * time.Millisecond, GoTool: goTool}
	if opts != nil {
		opts(&o)
	}
	ctx, cancel := context.WithCancel(context.Background())
	go func() { p.done <- Run(ctx, o) }()
	t.Cleanup(func() {
		cancel()
		select {
		case <-p.done:
		case <-time.After(time.Minute):
			t.Error("Run did not return within a minute of cancel")
		}
	})
	return p
}

// setVersion rewrites main.go with version v, its modification time moved
// on so that a poll sees it even within the file system's time resolution.
func (p *project) setVersion(v string) {
	p.t.Helper()
	p.write("main.go", strings.Replace(serverMain, "%s", v, 1))
}

func (p *project) write(name, content string) {
	p.t.Helper()
	path := filepath.Join(p.dir, name)
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		p.t.Fatal(err)
	}
	later := time.Now().Add(time.Second)
	os.Chtimes(path, later, later)
}

// get sends one request, with a long client timeout: a request sent during
// a rebuild waits for it.
func (p *project) get() (int, string, error) {
	c := &http.Client{Timeout: 3 * time.Minute}
	resp, err := c.Get(p.url)
	if err != nil {
		return 0, "", err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b), err
}

// waitFor polls until the body contains want.
func (p *project) waitFor(want string) {
	p.t.Helper()
	deadline := time.Now().Add(3 * time.Minute)
	for time.Now().Before(deadline) {
		if _, body, err := p.get(); err == nil && strings.Contains(body, want) {
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
	p.t.Fatalf("%q never served; output:\n%s", want, p.out)
}

// waitOutput waits until the reloader's output contains want n times.
func (p *project) waitOutput(want string, n int) {
	p.t.Helper()
	deadline := time.Now().Add(3 * time.Minute)
	for strings.Count(p.out.String(), want) < n {
		if time.Now().After(deadline) {
			p.t.Fatalf("output never had %q %d times:\n%s", want, n, p.out)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// TestRun_reload: an edit is rebuilt and served; a request sent during the
// rebuild waits and gets the new code; a failed build shows the compiler's
// error and the next good one serves again.
func TestRun_reload(t *testing.T) {
	p := startProject(t, nil, nil)
	p.waitFor("version: 1")
	if !strings.Contains(p.out.String(), "Watching for file changes with StatReloader") {
		t.Errorf("no start message:\n%s", p.out)
	}

	p.setVersion("2")
	p.waitOutput("main.go changed, reloading.", 1)
	code, body, err := p.get() // sent during the rebuild
	if err != nil || code != 200 || body != "version: 2" {
		t.Errorf("request during the rebuild: got %d %q, %v; want 200 and the new version", code, body, err)
	}

	p.write("main.go", "package main\n\nfunc main() { undefined() }\n")
	p.waitOutput("Build failed", 1)
	if !strings.Contains(p.out.String(), "undefined: undefined") {
		t.Errorf("the compiler's error is not shown:\n%s", p.out)
	}
	code, body, err = p.get()
	if err != nil || code != 500 || !strings.Contains(body, "undefined: undefined") {
		t.Errorf("request after a failed build: got %d %q, %v; want 500 with the compiler's error", code, body, err)
	}

	p.setVersion("3")
	p.waitFor("version: 3")
}

// TestRun_liveAndRestart: a change in a live directory does nothing; a
// change to a restart file restarts the same binary without a build.
func TestRun_liveAndRestart(t *testing.T) {
	var live, settings string
	p := startProject(t, nil, func(o *Options) {
		live = filepath.Join(o.Dir, "templates")
		settings = filepath.Join(o.Dir, "settings.yaml")
		writeFiles(t, o.Dir, map[string]string{"templates/a.html": "a", "settings.yaml": "DEBUG: true\n"})
		o.Live, o.Restart = []string{live}, []string{settings}
	})
	p.waitFor("version: 1")
	p.waitOutput("serving version 1", 1)
	p.write("templates/a.html", "b")
	p.write("settings.yaml", "DEBUG: false\n")
	p.waitOutput("serving version 1", 2)
	out := p.out.String()
	if !strings.Contains(out, "settings.yaml changed, reloading.") || strings.Contains(out, "a.html") {
		t.Errorf("got output:\n%s\nwant a restart for settings.yaml and nothing for the live template", out)
	}
}

// TestRun_startError: a first child that exits before it is ready ends Run
// with its exit code.
func TestRun_startError(t *testing.T) {
	p := startProject(t, []string{"FAIL_START=1"}, nil)
	select {
	case err := <-p.done:
		p.done <- err // for the clean-up
		var se *StartError
		if !errors.As(err, &se) || se.Code != 3 {
			t.Errorf("got %v, want a StartError with code 3", err)
		}
		if !strings.Contains(p.out.String(), "cannot start: FAIL_START=1") {
			t.Errorf("the child's message is missing:\n%s", p.out)
		}
	case <-time.After(time.Minute):
		t.Fatal("Run still running a minute after its child failed to start")
	}
}
