package main

import (
	"context"
	"io"
	"net"
	"net/http"
	"net/http/cookiejar"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/manouche-go/manouche/framework/sitetest"
)

// childEnv is the environment of the go command and of the project's
// program: offline module resolution, the parent's build and module
// caches, and no MANOUCHE_* variable that could change the project's
// settings; extra variables are added last.
func childEnv(t *testing.T, goTool string, extra ...string) []string {
	t.Helper()
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "MANOUCHE_") && !strings.HasPrefix(kv, "GOFLAGS=") && !strings.HasPrefix(kv, "GOBIN=") {
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
	return append(append(env, "GOFLAGS=-mod=mod", "GOPROXY=off", "GOWORK=off"), extra...)
}

// run runs a command in dir and returns its combined output, failing the
// test if it fails or outlasts timeout.
func run(t *testing.T, dir string, env []string, timeout time.Duration, name string, args ...string) string {
	t.Helper()
	out, err := try(dir, env, timeout, name, args...)
	if err != nil {
		t.Fatalf("%s %s: %v\n%s%s", filepath.Base(name), strings.Join(args, " "), err, out, missingPackages(out))
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

// server is a running `runserver` process.
type server struct {
	base string // http://ADDR
	cmd  *exec.Cmd
	out  *sitetest.Buffer
	done chan struct{} // closed when the process has exited
	err  error         // cmd.Wait's result, set before done is closed
}

// startServer starts `bin runserver ADDR` on a free port and waits
// (bounded) until it accepts connections, without sending a request.
func startServer(t *testing.T, dir string, env []string, bin string) *server {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	s := &server{base: "http://" + addr, cmd: exec.Command(bin, "runserver", addr), out: &sitetest.Buffer{}, done: make(chan struct{})}
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

// stop sends SIGINT and expects a graceful exit with code 0.
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

// browser is an HTTP client with a cookie jar: one visitor.
func browser(t *testing.T) *http.Client {
	t.Helper()
	jar, err := cookiejar.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	return &http.Client{Jar: jar, Timeout: 10 * time.Second}
}

// get fetches path from srv and fails the test unless the status is want.
func get(t *testing.T, c *http.Client, srv *server, path string, want int) (*http.Response, string) {
	t.Helper()
	resp, err := c.Get(srv.base + path)
	if err != nil {
		t.Fatalf("GET %s: %v\nserver output:\n%s", path, err, srv.out)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("GET %s: reading body: %v", path, err)
	}
	if resp.StatusCode != want {
		t.Fatalf("GET %s: got status %d, want %d:\n%s\nserver output:\n%s", path, resp.StatusCode, want, b, srv.out)
	}
	return resp, string(b)
}
