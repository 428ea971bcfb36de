package loadbench

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"time"
)

// startTimeout bounds a server's start, migrations included.
const startTimeout = 60 * time.Second

// server is one running benchserver process.
type server struct {
	cmd    *exec.Cmd
	stdin  io.Closer // the lifeline: closing it stops the server
	addr   string    // host:port
	stderr *lockedBuffer
	done   chan struct{} // closed when the process has exited
}

// buildServer builds cmd/benchserver into dir and returns its path.
func buildServer(ctx context.Context, dir string) (string, error) {
	bin := filepath.Join(dir, "benchserver")
	goCmd := os.Getenv("GO")
	if goCmd == "" {
		goCmd = "go"
	}
	out, err := exec.CommandContext(ctx, goCmd, "build", "-o", bin,
		"github.com/manouche-go/manouche/cmd/benchserver").CombinedOutput()
	if err != nil {
		return "", fmt.Errorf("loadbench: build benchserver: %w\n%s", err, out)
	}
	return bin, nil
}

// startServer runs bin on settingsFile, pinned to cpus when taskset is
// available, and waits until it listens. The process is stopped by stop,
// or killed when ctx ends.
func startServer(ctx context.Context, bin, settingsFile, cpus, profile string) (*server, error) {
	argv := pinned(cpus, bin, settingsFile, "127.0.0.1:0")
	if profile != "" {
		argv = append(argv, profile)
	}
	cmd := exec.CommandContext(ctx, argv[0], argv[1:]...)
	cmd.Cancel = func() error { return cmd.Process.Kill() }
	s := &server{cmd: cmd, stderr: &lockedBuffer{}, done: make(chan struct{})}
	var err error
	cmd.Stderr = s.stderr
	cmd.Env = append(os.Environ(), LifelineEnv+"=stdin")
	if s.stdin, err = cmd.StdinPipe(); err != nil {
		return nil, fmt.Errorf("loadbench: server: %w", err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, fmt.Errorf("loadbench: server: %w", err)
	}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("loadbench: start server: %w", err)
	}
	go func() { cmd.Wait(); close(s.done) }()
	addr := make(chan string, 1)
	go readAddr(stdout, addr)
	select {
	case s.addr = <-addr:
		return s, nil
	case <-s.done:
		return nil, fmt.Errorf("server exited: %s", lastLine(s.stderr.String()))
	case <-time.After(startTimeout):
		s.stop()
		return nil, fmt.Errorf("server did not listen within %v", startTimeout)
	}
}

// readAddr sends the address of the "listening on ADDR" line, then drains r.
func readAddr(r io.Reader, addr chan<- string) {
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		if a, ok := strings.CutPrefix(sc.Text(), "listening on "); ok {
			addr <- a
			break
		}
	}
	io.Copy(io.Discard, r)
}

// stop asks the server to shut down, and kills it after 5 s.
func (s *server) stop() {
	s.stdin.Close()
	s.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-s.done:
	case <-time.After(5 * time.Second):
		s.cmd.Process.Kill()
		<-s.done
	}
}

// get fetches path with cookie and returns the status, the body and the
// session cookie set by the response ("" when none).
func (s *server) get(ctx context.Context, path, cookie string) (int, string, string, error) {
	req, err := http.NewRequestWithContext(ctx, "GET", "http://"+s.addr+path, nil)
	if err != nil {
		return 0, "", "", err
	}
	if cookie != "" {
		req.Header.Set("Cookie", cookie)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, "", "", fmt.Errorf("loadbench: GET %s: %w", path, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 1<<16))
	set := ""
	for _, c := range resp.Cookies() {
		if c.Name == cookieName && c.Value != "" {
			set = c.Name + "=" + c.Value
		}
	}
	return resp.StatusCode, string(body), set, err
}

// pinned prefixes argv with taskset -c cpus when taskset is installed.
func pinned(cpus string, argv ...string) []string {
	if _, err := exec.LookPath("taskset"); err != nil || cpus == "" {
		return argv
	}
	return append([]string{"taskset", "-c", cpus}, argv...)
}

func lastLine(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	if l := lines[len(lines)-1]; l != "" {
		return l
	}
	return "no output"
}

// lockedBuffer is a bytes.Buffer safe for a writer and a reader.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// workDir makes the run's temporary directory, which the caller removes,
// and returns it with the benchserver to run: o.Server, or one built
// there.
func workDir(ctx context.Context, o *Options) (dir, bin string, err error) {
	if dir, err = os.MkdirTemp("", "manouche-loadtest-"); err != nil {
		return "", "", fmt.Errorf("loadbench: %w", err)
	}
	if bin = o.Server; bin == "" {
		if bin, err = buildServer(ctx, dir); err != nil {
			os.RemoveAll(dir)
			return "", "", err
		}
	}
	return dir, bin, nil
}
