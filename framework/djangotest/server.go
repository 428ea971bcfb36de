package djangotest

import (
	"bufio"
	_ "embed"
	"errors"
	"fmt"
	"io"
	"os/exec"
	"strings"
	"time"
)

// serveScript serves the site's WSGI application with wsgiref; see its
// docstring.
//
//go:embed serve.py
var serveScript string

// Server is a running Django test site. Stop it when the test ends.
type Server struct {
	// URL is the server's base URL, "http://127.0.0.1:PORT".
	URL string

	cmd   *exec.Cmd
	stdin io.WriteCloser
	done  chan struct{} // closed when the process has exited
}

// Start serves the site on a free port of 127.0.0.1 and returns once it
// accepts requests, or fails after 30 s. Django's errors and warnings go to
// s.Log. The server ends when its Stop is called, or when the test
// process exits (it reads its standard input until EOF).
func (s Site) Start() (*Server, error) {
	cmd := exec.Command(Python, "-c", serveScript)
	cmd.Dir, cmd.Env = s.Dir, s.environ()
	cmd.Stderr = s.Log
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return nil, fmt.Errorf("djangotest: %w", err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, fmt.Errorf("djangotest: %w", err)
	}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("djangotest: start %s: %w", Python, err)
	}
	d := &Server{cmd: cmd, stdin: stdin, done: make(chan struct{})}
	lines := make(chan string, 1)
	go d.wait(stdout, s.Log, lines)
	select {
	case line := <-lines:
		addr, ok := strings.CutPrefix(strings.TrimSpace(line), "listening on ")
		if !ok {
			d.Stop()
			return nil, fmt.Errorf("djangotest: the Django site did not start (see its log): %q", line)
		}
		d.URL = "http://" + addr
		return d, nil
	case <-time.After(30 * time.Second):
		d.Stop()
		return nil, errors.New("djangotest: the Django site did not start within 30 s")
	}
}

// wait sends the server's first output line to lines, copies the rest to
// log, and closes d.done when the process has exited.
func (d *Server) wait(stdout io.Reader, log io.Writer, lines chan<- string) {
	r := bufio.NewReader(stdout)
	line, _ := r.ReadString('\n')
	lines <- line
	if log == nil {
		log = io.Discard
	}
	io.Copy(log, r)
	d.cmd.Wait()
	close(d.done)
}

// Stop closes the server's standard input, which ends it, and kills it if
// it is still running after 5 s.
func (d *Server) Stop() {
	d.stdin.Close()
	select {
	case <-d.done:
	case <-time.After(5 * time.Second):
		d.cmd.Process.Kill()
		<-d.done
	}
}
