package scaleout

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime/debug"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/manouche-go/manouche/framework/sitetest"
)

// Bounds of the processes' life cycle.
const (
	buildTimeout = 5 * time.Minute  // go build of cmd/manage, slow on a cold cache
	runTimeout   = time.Minute      // migrate, check
	readyTimeout = 30 * time.Second // a server answering after it starts
	stopTimeout  = 20 * time.Second // SIGINT to exit (site.ShutdownTimeout is 10 s)
)

// sysProcAttr is given to the server processes; see procattr_linux_test.go.
var sysProcAttr *syscall.SysProcAttr

// repoRoot is the repository, the servers' working directory (where the
// project templates/ live).
var repoRoot = filepath.Join("..", "..")

// buildManage builds the repository's cmd/manage into dir, with the race
// detector when the test itself runs with it, and returns its path.
func buildManage(t *testing.T, dir string) string {
	t.Helper()
	bin := filepath.Join(dir, "manage")
	args := []string{"build", "-o", bin}
	if raceEnabled() {
		args = append(args, "-race")
	}
	ctx, cancel := context.WithTimeout(context.Background(), buildTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, "go", append(args, "./cmd/manage")...)
	cmd.Dir = repoRoot
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return bin
}

// raceEnabled reports whether this test binary was built with -race.
func raceEnabled() bool {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return false
	}
	for _, s := range bi.Settings {
		if s.Key == "-race" {
			return s.Value == "true"
		}
	}
	return false
}

// environ is the test's environment without MANOUCHE_ variables, which
// manage would read as settings.
func environ() []string {
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "MANOUCHE_") {
			env = append(env, kv)
		}
	}
	return env
}

// manage runs a manage command to completion and fails t unless it exits 0.
func manage(t *testing.T, bin, settingsFile string, args ...string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), runTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, append([]string{"--settings", settingsFile}, args...)...)
	cmd.Dir, cmd.Env = repoRoot, environ()
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("manage %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

// server is one `manage runserver` process on 127.0.0.1.
type server struct {
	URL  string // http://127.0.0.1:PORT
	cmd  *exec.Cmd
	out  *sitetest.Buffer // stdout and stderr
	done chan struct{}    // closed when the process has exited
	err  error            // the exit status, once done is closed
}

// startServer starts runserver on a free port and waits until it answers.
// A port taken between choosing and binding it is tried again. The process
// is killed when the test ends, if it is still running.
func startServer(t *testing.T, bin, settingsFile string) *server {
	t.Helper()
	var err error
	for range 3 {
		var s *server
		if s, err = tryServer(t, bin, settingsFile); err == nil {
			return s
		}
	}
	t.Fatal(err)
	return nil
}

func tryServer(t *testing.T, bin, settingsFile string) (*server, error) {
	addr, err := freeAddr()
	if err != nil {
		return nil, err
	}
	s := &server{URL: "http://" + addr, out: &sitetest.Buffer{}, done: make(chan struct{})}
	s.cmd = exec.Command(bin, "--settings", settingsFile, "runserver", addr)
	s.cmd.Dir, s.cmd.Env = repoRoot, environ()
	s.cmd.Stdout, s.cmd.Stderr = s.out, s.out
	s.cmd.SysProcAttr = sysProcAttr
	if err := s.cmd.Start(); err != nil {
		return nil, err
	}
	go func() { s.err = s.cmd.Wait(); close(s.done) }()
	t.Cleanup(s.kill)
	if err := s.waitReady(); err != nil {
		s.kill()
		return nil, fmt.Errorf("runserver %s: %w\n%s", addr, err, s.out)
	}
	return s, nil
}

// freeAddr returns a 127.0.0.1 address that was free a moment ago.
func freeAddr() (string, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer ln.Close()
	return ln.Addr().String(), nil
}

// waitReady polls the index page until it answers 200, the process exits
// or readyTimeout passes.
func (s *server) waitReady() error {
	client := &http.Client{Timeout: 2 * time.Second}
	deadline := time.Now().Add(readyTimeout)
	for time.Now().Before(deadline) {
		select {
		case <-s.done:
			return fmt.Errorf("exited before answering: %v", s.err)
		default:
		}
		if resp, err := client.Get(s.URL + "/"); err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return nil
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	return fmt.Errorf("no answer within %v", readyTimeout)
}

// stop sends SIGINT to the servers and checks that each exits 0 in time,
// having printed no panic and no data race.
func stop(t *testing.T, servers ...*server) {
	t.Helper()
	for _, s := range servers {
		if err := s.cmd.Process.Signal(syscall.SIGINT); err != nil {
			t.Errorf("%s: SIGINT: %v", s.URL, err)
		}
	}
	for _, s := range servers {
		s.checkExit(t)
	}
}

// checkExit waits for the process to exit and checks how it went.
func (s *server) checkExit(t *testing.T) {
	t.Helper()
	select {
	case <-s.done:
	case <-time.After(stopTimeout):
		s.kill()
		t.Errorf("%s: still running %v after SIGINT", s.URL, stopTimeout)
		return
	}
	out := s.out.String()
	if s.err != nil {
		t.Errorf("%s: exit after SIGINT: got %v, want status 0; output:\n%s", s.URL, s.err, tail(out))
	}
	for _, bad := range []string{"panic", "DATA RACE"} {
		if strings.Contains(out, bad) {
			t.Errorf("%s: output holds %q:\n%s", s.URL, bad, tail(out))
		}
	}
}

// kill ends the process if it is still running and waits for it.
func (s *server) kill() {
	select {
	case <-s.done:
		return
	default:
	}
	s.cmd.Process.Kill()
	select {
	case <-s.done:
	case <-time.After(stopTimeout):
	}
}

// tail is the end of a long output.
func tail(s string) string {
	const n = 4000
	if len(s) > n {
		return "..." + s[len(s)-n:]
	}
	return s
}
