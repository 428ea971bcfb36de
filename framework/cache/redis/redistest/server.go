package redistest

import (
	"bytes"
	"context"
	"fmt"
	"net"
	"os/exec"
	"strconv"
	"sync"
	"syscall"
	"testing"
	"time"
)

// Server is a redis-server process of the test's own, listening on a free
// port of 127.0.0.1, without persistence (--save "" --appendonly no), in a
// temporary directory of the test. It is killed when the test ends.
type Server struct {
	// URL is the server's redis:// URL, database 0. It stays the same
	// across Stop and Start.
	URL string

	t    testing.TB
	bin  string
	port int
	args []string // more redis-server arguments (replicaof, cluster-enabled...)
	mu   sync.Mutex
	cmd  *exec.Cmd
	out  bytes.Buffer
}

// StartServer starts a private redis-server and waits until it answers.
// Without a redis-server binary it skips t, or fails it when
// MANOUCHE_REQUIRE_SERVICES=1.
func StartServer(t testing.TB) *Server {
	t.Helper()
	return startServer(t, freePort(t))
}

// startServer starts a private redis-server on port with more arguments.
func startServer(t testing.TB, port int, args ...string) *Server {
	t.Helper()
	// Its own directory: a replica writes the master's data there
	// (dump.rdb), and a cluster node its nodes.conf.
	args = append([]string{"--dir", t.TempDir()}, args...)
	s := &Server{t: t, bin: redisServer(t), port: port, args: args}
	s.URL = "redis://127.0.0.1:" + strconv.Itoa(s.port) + "/0"
	s.Start()
	t.Cleanup(s.Stop)
	return s
}

// Start starts the server again on the same port, if it is stopped, and
// waits up to 10 seconds until it answers.
func (s *Server) Start() {
	s.t.Helper()
	s.start()
}

// StartReplicaOf starts the server again, if it is stopped, as a replica
// of master (--replicaof) that Sentinel never promotes
// (--replica-priority 0): empty, it copies master's data instead of
// serving as an empty master, as a killed master should come back once
// its replica has replaced it, and it cannot be promoted before it has
// that data, should the sentinel take the busy master for down again.
func (s *Server) StartReplicaOf(master *Server) {
	s.t.Helper()
	s.start("--replicaof", "127.0.0.1", strconv.Itoa(master.port), "--replica-priority", "0")
}

func (s *Server) start(args ...string) {
	s.t.Helper()
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.cmd != nil {
		return
	}
	s.out.Reset()
	args = append(append([]string{"--port", strconv.Itoa(s.port), "--bind", "127.0.0.1",
		"--save", "", "--appendonly", "no"}, s.args...), args...)
	cmd := exec.Command(s.bin, args...)
	cmd.Stdout, cmd.Stderr = &s.out, &s.out
	if err := cmd.Start(); err != nil {
		s.t.Fatalf("redistest: start redis-server: %v", err)
	}
	s.cmd = cmd
	if err := s.waitReady(10 * time.Second); err != nil {
		cmd.Process.Kill()
		cmd.Wait() // the output is complete, and no longer written, after Wait
		s.cmd = nil
		s.t.Fatalf("redistest: redis-server on port %d does not answer: %v\n%s", s.port, err, s.out.String())
	}
}

// Addr is the server's host:port.
func (s *Server) Addr() string { return "127.0.0.1:" + strconv.Itoa(s.port) }

// Stop kills the server (SIGKILL, even when paused), if it runs, and
// waits for it to exit; its data is lost.
func (s *Server) Stop() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.cmd == nil {
		return
	}
	s.cmd.Process.Kill()
	s.cmd.Wait()
	s.cmd = nil
}

// Pause stops the server process with SIGSTOP, as a server that hangs:
// connections stay open, and commands sent meanwhile wait unanswered
// (and run once it resumes). It does nothing if the server is not
// running.
func (s *Server) Pause() { s.signal(syscall.SIGSTOP) }

// Resume continues a paused server with SIGCONT.
func (s *Server) Resume() { s.signal(syscall.SIGCONT) }

func (s *Server) signal(sig syscall.Signal) {
	s.t.Helper()
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.cmd == nil {
		return
	}
	if err := s.cmd.Process.Signal(sig); err != nil {
		s.t.Fatalf("redistest: signal redis-server: %v", err)
	}
}

func (s *Server) waitReady(limit time.Duration) error {
	return WaitReady(s.URL, limit)
}

// WaitReady waits until the server at url answers PING, for at most limit.
func WaitReady(url string, limit time.Duration) error {
	deadline := time.Now().Add(limit)
	for {
		err := ping(url)
		if err == nil {
			return nil
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("after %v: %w", limit, err)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func ping(url string) error {
	cl, err := dial(url)
	if err != nil {
		return err
	}
	defer cl.Close()
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	return cl.Do(ctx, cl.B().Ping().Build()).Error()
}

// redisServer finds the redis-server binary. Without it, it skips t, or
// fails it when MANOUCHE_REQUIRE_SERVICES=1.
func redisServer(t testing.TB) string {
	t.Helper()
	bin, err := exec.LookPath("redis-server")
	if err != nil {
		if bin, err = exec.LookPath("/usr/bin/redis-server"); err != nil {
			skipOrFail(t, "install redis-server (apt-get install redis-server) to run the Redis outage, Sentinel and Cluster tests")
		}
	}
	return bin
}

// freePort returns a TCP port of 127.0.0.1 that was free a moment ago.
func freePort(t testing.TB) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("redistest: find a free port: %v", err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}
