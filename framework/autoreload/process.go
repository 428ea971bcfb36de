package autoreload

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// child is a running child process.
type child struct {
	cmd      *exec.Cmd
	lifeline *os.File      // closing it asks the child to stop
	ready    chan struct{} // closed when the child says it serves
	done     chan struct{} // closed when it has exited
	err      error         // cmd.Wait's result, set before done closes
}

// start runs the current binary as a child with the socket, after closing
// the error page if it was up.
func (r *reloader) start() error {
	r.stopPage()
	lifeR, lifeW, err := os.Pipe()
	if err != nil {
		return fmt.Errorf("autoreload: %w", err)
	}
	readyR, readyW, err := os.Pipe()
	if err != nil {
		lifeR.Close()
		lifeW.Close()
		return fmt.Errorf("autoreload: %w", err)
	}
	cmd := exec.Command(r.exe, r.o.Args...)
	cmd.Env = append(withoutFD(r.o.Env), EnvFD+"=3")
	cmd.ExtraFiles = []*os.File{r.socket, lifeR, readyW}
	cmd.Stdout, cmd.Stderr = r.o.Stdout, r.o.Stderr
	err = cmd.Start()
	lifeR.Close()
	readyW.Close()
	if err != nil {
		lifeW.Close()
		readyR.Close()
		return fmt.Errorf("autoreload: start %s: %w", r.exe, err)
	}
	c := &child{cmd: cmd, lifeline: lifeW, ready: make(chan struct{}), done: make(chan struct{})}
	go c.watchReady(readyR)
	go func() { c.err = cmd.Wait(); close(c.done) }()
	r.child = c
	return nil
}

// watchReady closes c.ready when the child writes to the ready pipe.
func (c *child) watchReady(f *os.File) {
	defer f.Close()
	var b [1]byte
	if n, _ := f.Read(b[:]); n == 1 {
		close(c.ready)
	}
	io.Copy(io.Discard, f)
}

func (c *child) exitCode() int {
	var ee *exec.ExitError
	if errors.As(c.err, &ee) {
		return ee.ExitCode()
	}
	if c.err != nil {
		return 1
	}
	return 0
}

// stopChild asks the child to stop by closing its lifeline, lets it drain
// its requests, and kills it after StopTimeout.
func (r *reloader) stopChild() {
	c := r.child
	if c == nil {
		return
	}
	r.child = nil
	c.lifeline.Close()
	select {
	case <-c.done:
	case <-time.After(r.o.StopTimeout):
		c.cmd.Process.Kill()
		<-c.done
	}
}

// build builds the program into a new file of the temporary directory and
// returns its path, or the compiler's output.
func (r *reloader) build(ctx context.Context) (exe, output string, err error) {
	r.builds++
	exe = filepath.Join(r.tmp, "runserver-"+strconv.Itoa(r.builds))
	args := append(append([]string{"build", "-o", exe}, r.o.BuildFlags...), ".")
	cmd := exec.CommandContext(ctx, r.o.GoTool, args...)
	cmd.Dir, cmd.Env = r.o.Dir, withoutFD(r.o.Env)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		return "", strings.TrimRight(out.String(), "\n"), fmt.Errorf("autoreload: go build: %w", err)
	}
	return exe, "", nil
}

// withoutFD returns env without EnvFD, which only the parent sets.
func withoutFD(env []string) []string {
	out := make([]string, 0, len(env))
	for _, kv := range env {
		if !strings.HasPrefix(kv, EnvFD+"=") {
			out = append(out, kv)
		}
	}
	return out
}
