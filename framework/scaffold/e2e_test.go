package scaffold_test

import (
	"bytes"
	"context"
	"io"
	"net"
	"net/http"
	"net/http/cookiejar"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/manouche-go/manouche/framework/scaffold"
)

// TestEndToEnd is the scaffold flow as a new user tries it: startproject,
// build offline, migrate twice, runserver on a free port, two requests with
// a cookie jar (the greeting and visit count survive in the session), then
// SIGINT and a clean exit.
func TestEndToEnd(t *testing.T) {
	if testing.Short() {
		t.Skip("skipped in -short mode: builds a scaffolded project and runs its server")
	}
	if runtime.GOOS == "windows" {
		t.Skip("skipped on windows: the test stops the server with SIGINT")
	}
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("skipped: no go command in PATH to build the scaffolded project")
	}
	checkout, err := scaffold.FindCheckout(".")
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "mysite")
	if err := scaffold.Project(scaffold.ProjectOptions{Name: "mysite", Dir: dir, ManouchePath: checkout}); err != nil {
		t.Fatalf("Project: %v", err)
	}
	env := childEnv(t, goTool)
	modBefore := readFile(t, filepath.Join(dir, "go.mod"))
	if out, err := try(dir, env, 5*time.Minute, goTool, "build", "-o", "mysite", "."); err != nil {
		t.Fatalf("go build in the scaffolded project: %v\n%s%s", err, out, missingPackages(out))
	}
	if modAfter := readFile(t, filepath.Join(dir, "go.mod")); modAfter != modBefore {
		t.Errorf("go build -mod=mod changed go.mod, so `go run .` (-mod=readonly) would fail on it:\ngot\n%s\nwant\n%s", modAfter, modBefore)
	}

	bin := filepath.Join(dir, "mysite")
	if out := run(t, dir, env, time.Minute, bin, "migrate"); !strings.Contains(out, "Applying sessions.0001_initial... OK") {
		t.Errorf("first migrate: got output\n%s\nwant a line Applying sessions.0001_initial... OK", out)
	}
	if out := run(t, dir, env, time.Minute, bin, "migrate"); !strings.Contains(out, "No migrations to apply.") {
		t.Errorf("second migrate: got output\n%s\nwant No migrations to apply.", out)
	}

	addr := freeAddr(t)
	srv := startServer(t, dir, env, bin, addr)
	checkSession(t, "http://"+addr+"/", srv)
	srv.stop(t)
}

// childEnv is the environment of the go command and the project's binary:
// offline module resolution, the parent's build and module caches, and no
// MANOUCHE_* variable that could change the project's settings.
func childEnv(t *testing.T, goTool string) []string {
	t.Helper()
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "MANOUCHE_") && !strings.HasPrefix(kv, "GOFLAGS=") {
			env = append(env, kv)
		}
	}
	for _, name := range []string{"GOCACHE", "GOMODCACHE"} {
		out, err := exec.Command(goTool, "env", name).Output()
		if err != nil {
			t.Fatalf("go env %s: %v", name, err)
		}
		env = append(env, name+"="+strings.TrimSpace(string(out)))
	}
	return append(env, "GOFLAGS=-mod=mod", "GOPROXY=off", "GOWORK=off")
}

// run runs a command in dir and returns its combined output, failing the
// test if it fails or outlasts timeout.
func run(t *testing.T, dir string, env []string, timeout time.Duration, name string, args ...string) string {
	t.Helper()
	out, err := try(dir, env, timeout, name, args...)
	if err != nil {
		t.Fatalf("%s %s: %v\n%s", filepath.Base(name), strings.Join(args, " "), err, out)
	}
	return out
}

// try runs a command in dir with a timeout and returns its combined output.
func try(dir string, env []string, timeout time.Duration, name string, args ...string) (string, error) {
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Dir, cmd.Env = dir, env
	out, err := cmd.CombinedOutput()
	return string(out), err
}

// missingPackages summarises the manouche packages a failed build could not
// find (they are written by other people and may not have landed yet).
func missingPackages(out string) string {
	const marker = "does not contain package "
	var missing []string
	for _, line := range strings.Split(out, "\n") {
		if _, pkg, ok := strings.Cut(line, marker); ok && !slices.Contains(missing, pkg) {
			missing = append(missing, pkg)
		}
	}
	if len(missing) == 0 {
		return ""
	}
	return "manouche packages still missing:\n\t" + strings.Join(missing, "\n\t")
}

func readFile(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// freeAddr returns a 127.0.0.1 address with a port that was free a moment ago.
func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// server is a running `runserver` process.
type server struct {
	cmd  *exec.Cmd
	out  *syncBuffer
	done chan struct{} // closed when the process has exited
	err  error         // cmd.Wait's result, set before done is closed
}

// startServer starts `bin runserver addr` and waits (bounded) until addr
// accepts connections. It does not send a request, so the session count
// is untouched.
func startServer(t *testing.T, dir string, env []string, bin, addr string) *server {
	t.Helper()
	s := &server{cmd: exec.Command(bin, "runserver", addr), out: &syncBuffer{}, done: make(chan struct{})}
	s.cmd.Dir, s.cmd.Env, s.cmd.Stdout, s.cmd.Stderr = dir, env, s.out, s.out
	if err := s.cmd.Start(); err != nil {
		t.Fatalf("runserver: %v", err)
	}
	go func() { s.err = s.cmd.Wait(); close(s.done) }()
	t.Cleanup(func() {
		s.cmd.Process.Kill()
		<-s.done
	})
	deadline := time.Now().Add(30 * time.Second)
	for {
		if c, err := net.DialTimeout("tcp", addr, time.Second); err == nil {
			c.Close()
			return s
		}
		select {
		case <-s.done:
			t.Fatalf("runserver exited early (%v):\n%s", s.err, s.out)
		case <-time.After(50 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			t.Fatalf("runserver did not listen on %s within 30s:\n%s", addr, s.out)
		}
	}
}

// stop sends SIGINT and expects a graceful exit with code 0 within a few
// seconds.
func (s *server) stop(t *testing.T) {
	t.Helper()
	if err := s.cmd.Process.Signal(os.Interrupt); err != nil {
		t.Fatalf("SIGINT: %v", err)
	}
	select {
	case <-s.done:
	case <-time.After(10 * time.Second):
		t.Fatalf("runserver still running 10s after SIGINT:\n%s", s.out)
	}
	if s.err != nil {
		t.Errorf("runserver after SIGINT: got %v, want exit code 0:\n%s", s.err, s.out)
	}
}

// checkSession GETs url twice with a cookie jar: the first response sets
// the session cookie, the second renders the greeting stored by the first
// and one earlier visit.
func checkSession(t *testing.T, url string, srv *server) {
	t.Helper()
	jar, err := cookiejar.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	client := &http.Client{Jar: jar, Timeout: 10 * time.Second}
	resp, body := get(t, client, url, srv)
	var session *http.Cookie
	for _, c := range resp.Cookies() {
		if c.Name == "sessionid" {
			session = c
		}
	}
	switch {
	case session == nil:
		t.Fatalf("first response: no sessionid cookie in %q\n%s", resp.Header.Values("Set-Cookie"), body)
	case !session.HttpOnly || session.SameSite != http.SameSiteLaxMode:
		t.Errorf("sessionid cookie: got HttpOnly=%v SameSite=%v, want HttpOnly and SameSite=Lax", session.HttpOnly, session.SameSite)
	}
	if want := `id="num-visits">0<`; !strings.Contains(body, want) {
		t.Errorf("first response: body does not contain %q:\n%s", want, body)
	}
	_, body = get(t, client, url, srv)
	for _, want := range []string{"Hello from manouche!", `id="num-visits">1<`} {
		if !strings.Contains(body, want) {
			t.Errorf("second response: body does not contain %q:\n%s", want, body)
		}
	}
}

// get fetches url and fails the test unless the answer is 200.
func get(t *testing.T, client *http.Client, url string, srv *server) (*http.Response, string) {
	t.Helper()
	resp, err := client.Get(url)
	if err != nil {
		t.Fatalf("GET %s: %v\nserver output:\n%s", url, err, srv.out)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("GET %s: reading body: %v", url, err)
	}
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: got status %d, want 200:\n%s\nserver output:\n%s", url, resp.StatusCode, b, srv.out)
	}
	return resp, string(b)
}

// syncBuffer is a bytes.Buffer safe to write from the process's output
// copier while the test reads it.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}
