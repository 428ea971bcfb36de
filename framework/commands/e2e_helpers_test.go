//go:build unix

package commands_test

import (
	"bytes"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/manouche-go/manouche/framework/scaffold"
	"github.com/manouche-go/manouche/framework/sitetest"
)

// Bounds for two busy cores: the first `go run` compiles the project and
// manouche (cgo SQLite included) unless the build cache has them.
const (
	firstStart = 5 * time.Minute
	rebuild    = 3 * time.Minute
)

// e2eProject is a scaffolded project and the environment to run it in.
type e2eProject struct {
	dir string
	env []string
}

func newE2EProject(t *testing.T) *e2eProject {
	t.Helper()
	if testing.Short() {
		t.Skip("skipped in -short mode: builds a scaffolded project and runs runserver")
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
		t.Fatal(err)
	}
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "MANOUCHE_") && !strings.HasPrefix(kv, "GOFLAGS=") {
			env = append(env, kv)
		}
	}
	for _, name := range []string{"GOCACHE", "GOMODCACHE"} {
		out, err := exec.Command(goTool, "env", name).Output()
		if err != nil {
			t.Fatal(err)
		}
		env = append(env, name+"="+strings.TrimSpace(string(out)))
	}
	return &e2eProject{dir: dir, env: append(env, "GOFLAGS=-mod=mod", "GOPROXY=off", "GOWORK=off")}
}

// edit replaces old with new in a project file.
func (p *e2eProject) edit(t *testing.T, name, old, new string) {
	t.Helper()
	path := filepath.Join(p.dir, filepath.FromSlash(name))
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(b, []byte(old)) {
		t.Fatalf("%s does not contain %q", name, old)
	}
	if err := os.WriteFile(path, bytes.Replace(b, []byte(old), []byte(new), 1), 0o644); err != nil {
		t.Fatal(err)
	}
}

// run runs `go run . ARGS` to completion and returns its output.
func (p *e2eProject) run(t *testing.T, args ...string) string {
	t.Helper()
	cmd := exec.Command("go", append([]string{"run", "."}, args...)...)
	cmd.Dir, cmd.Env = p.dir, p.env
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("go run . %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

// e2eServer is `go run . runserver` in its own process group, as a
// terminal runs it.
type e2eServer struct {
	cmd    *exec.Cmd
	stdout *sitetest.Buffer
	stderr *sitetest.Buffer
	done   chan struct{}
	err    error
	base   string
}

func (p *e2eProject) start(t *testing.T, env []string, args ...string) *e2eServer {
	t.Helper()
	s := &e2eServer{stdout: &sitetest.Buffer{}, stderr: &sitetest.Buffer{}, done: make(chan struct{})}
	s.cmd = exec.Command("go", append([]string{"run", "."}, args...)...)
	s.cmd.Dir, s.cmd.Env = p.dir, append(append([]string(nil), p.env...), env...)
	s.cmd.Stdout, s.cmd.Stderr = s.stdout, s.stderr
	s.cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := s.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { s.err = s.cmd.Wait(); close(s.done) }()
	t.Cleanup(func() {
		syscall.Kill(-s.cmd.Process.Pid, syscall.SIGKILL)
		<-s.done
	})
	return s
}

// interrupt is CONTROL-C: SIGINT to the whole process group.
func (s *e2eServer) interrupt() { syscall.Kill(-s.cmd.Process.Pid, syscall.SIGINT) }

func (s *e2eServer) output() string { return s.stdout.String() + s.stderr.String() }

// waitOutput waits until stdout or stderr has want n times.
func (s *e2eServer) waitOutput(t *testing.T, want string, n int, limit time.Duration) {
	t.Helper()
	deadline := time.Now().Add(limit)
	for strings.Count(s.output(), want) < n {
		select {
		case <-s.done:
			t.Fatalf("runserver exited (%v) before printing %q:\n%s", s.err, want, s.output())
		case <-time.After(50 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			t.Fatalf("no %q after %v:\n%s", want, limit, s.output())
		}
	}
}

// get sends a GET with a fresh session (no cookie jar) and a client
// timeout long enough for a rebuild, during which the request waits.
func get(t *testing.T, url string) (int, string) {
	t.Helper()
	c := &http.Client{Timeout: rebuild}
	resp, err := c.Get(url)
	if err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func freePort(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	_, port, _ := net.SplitHostPort(ln.Addr().String())
	return port
}
