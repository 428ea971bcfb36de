package autoreload

import (
	"context"
	"fmt"
	"io"
	"net"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// Options configure [Run].
type Options struct {
	// Dir is the main package's directory, where `go build` runs.
	Dir string
	// Args are the child's arguments, without the program name.
	Args []string
	// Env is the environment of the children and of the go command; nil
	// means os.Environ().
	Env []string
	// Listener is the socket the children serve on. It must be a
	// *net.TCPListener or *net.UnixListener. Run takes it over.
	Listener net.Listener
	// Executable is the binary of the first child; "" means
	// os.Executable(), the running program, so that the first start needs
	// no build.
	Executable string
	// BuildFlags are passed to `go build` (-race, -tags=...).
	BuildFlags []string
	// Restart lists files whose change restarts the child without a
	// rebuild: the settings file.
	Restart []string
	// Live lists directories the child reads at each request: a change
	// there needs no restart.
	Live []string
	// Stdout and Stderr receive the children's output; Stderr also the
	// reloader's messages and the compiler's errors. Nil means os.Stdout
	// and os.Stderr.
	Stdout, Stderr io.Writer
	// Interval is how often files are polled. The default is 500ms.
	Interval time.Duration
	// StopTimeout bounds how long a stopping child may take to drain its
	// requests before it is killed. The default is one minute.
	StopTimeout time.Duration
	// GoTool is the go command. The default is "go".
	GoTool string
}

// StartError is returned by [Run] when the first child exits before it is
// ready: the program failed to start, and said why on its output.
type StartError struct {
	// Code is the child's exit code.
	Code int
}

func (e *StartError) Error() string {
	return fmt.Sprintf("autoreload: runserver exited with status %d before serving", e.Code)
}

// Run runs the program as a child serving on o.Listener and restarts it
// whenever a watched file changes, rebuilding it first when the change is
// to code, until ctx is cancelled; then it stops the child, waits for it,
// and returns nil. It returns a [StartError] when the first child exits
// before it is ready, and an error when it cannot start at all.
func Run(ctx context.Context, o Options) error {
	r, err := newReloader(o)
	if err != nil {
		return err
	}
	defer r.close()
	return r.loop(ctx)
}

// reloader is Run's state.
type reloader struct {
	o      Options
	socket *os.File // the listening socket, kept across children
	tmp    string   // where builds go
	builds int
	exe    string // the current binary
	child  *child
	page   *errorServer // answers while no child runs
	ws     watchSet
	snap   snapshot
	ready  bool // a child has been ready at least once
}

func newReloader(o Options) (*reloader, error) {
	if o.Env == nil {
		o.Env = os.Environ()
	}
	o.Stdout, o.Stderr = orDefault(o.Stdout, os.Stdout), orDefault(o.Stderr, os.Stderr)
	if o.Interval <= 0 {
		o.Interval = 500 * time.Millisecond
	}
	if o.StopTimeout <= 0 {
		o.StopTimeout = time.Minute
	}
	if o.GoTool == "" {
		o.GoTool = "go"
	}
	socket, err := socketFile(o.Listener)
	if err != nil {
		return nil, err
	}
	r := &reloader{o: o, socket: socket, exe: o.Executable}
	if r.exe == "" {
		if r.exe, err = os.Executable(); err != nil {
			socket.Close()
			return nil, fmt.Errorf("autoreload: %w", err)
		}
	}
	if r.tmp, err = os.MkdirTemp("", "manouche-runserver-"); err != nil {
		socket.Close()
		return nil, fmt.Errorf("autoreload: %w", err)
	}
	return r, nil
}

func orDefault(w, def io.Writer) io.Writer {
	if w == nil {
		return def
	}
	return w
}

// socketFile takes the listener's socket as a file to hand down, and
// closes the listener (the file is a copy of the socket).
func socketFile(ln net.Listener) (*os.File, error) {
	fl, ok := ln.(interface{ File() (*os.File, error) })
	if !ok {
		return nil, fmt.Errorf("autoreload: a %T cannot be handed to a child", ln)
	}
	f, err := fl.File()
	ln.Close()
	if err != nil {
		return nil, fmt.Errorf("autoreload: %w", err)
	}
	return f, nil
}

func (r *reloader) close() {
	r.stopPage()
	r.socket.Close()
	os.RemoveAll(r.tmp)
}

// loop starts the first child, then reacts to file changes, the child's
// exit and ctx until ctx is done.
func (r *reloader) loop(ctx context.Context) error {
	r.rediscover(ctx)
	fmt.Fprintln(r.o.Stdout, "Watching for file changes with StatReloader")
	if err := r.start(); err != nil {
		return err
	}
	tick := time.NewTicker(r.o.Interval)
	defer tick.Stop()
	for {
		var exited, ready <-chan struct{}
		if c := r.child; c != nil {
			exited = c.done
			if !r.ready {
				ready = c.ready
			}
		}
		select {
		case <-ctx.Done():
			r.stopChild()
			return nil
		case <-ready:
			r.ready = true
		case <-exited:
			if stop, err := r.exited(); stop {
				return err
			}
		case <-tick.C:
			r.poll(ctx)
		}
	}
}

// exited handles a child that exited by itself: status 0 is a server
// stopped by a signal to the process group (CONTROL-C), so Run stops too;
// the first child failing to start ends Run with a StartError; any other
// failure waits for a file change.
func (r *reloader) exited() (stop bool, err error) {
	c := r.child
	r.child = nil
	code := c.exitCode()
	switch {
	case code == 0:
		return true, nil
	case !r.ready && r.builds == 0:
		return true, &StartError{Code: code}
	}
	msg := fmt.Sprintf("runserver exited (status %d); fix the problem and save a file to restart it.", code)
	fmt.Fprintln(r.o.Stderr, msg)
	r.startPage(msg + "\nIts messages are on the console.")
	return false, nil
}

// poll compares the watched files with the last snapshot and acts on a
// change: nothing for live files, a restart for settings, a rebuild for
// code.
func (r *reloader) poll(ctx context.Context) {
	cur := scan(r.ws, r.o.Restart)
	paths := changed(r.snap, cur)
	if len(paths) == 0 {
		return
	}
	time.Sleep(r.o.Interval / 5) // let an editor finish writing a set of files
	cur = scan(r.ws, r.o.Restart)
	paths = changed(r.snap, cur)
	r.snap = cur
	var act []string
	rebuild := false
	for _, p := range paths {
		if r.live(p) {
			continue
		}
		act = append(act, p)
		rebuild = rebuild || !slices.Contains(r.o.Restart, p)
	}
	if len(act) == 0 {
		return
	}
	r.reload(ctx, act, rebuild)
}

func (r *reloader) live(path string) bool {
	for _, d := range r.o.Live {
		if under(path, d) {
			return true
		}
	}
	return false
}

// reload stops the child, rebuilds when asked, and starts the new child.
// Requests sent meanwhile wait on the socket. "changed, reloading." is
// printed once the old child is stopped: a request sent after it is
// never answered by the old code.
func (r *reloader) reload(ctx context.Context, paths []string, rebuild bool) {
	what := paths[0]
	if len(paths) > 1 {
		what += fmt.Sprintf(" (and %d more)", len(paths)-1)
	}
	r.stopChild()
	r.stopPage() // from now on requests wait for the new child
	fmt.Fprintf(r.o.Stderr, "%s changed, reloading.\n", what)
	if rebuild {
		exe, out, err := r.build(ctx)
		if err != nil {
			fmt.Fprintf(r.o.Stderr, "%s\nBuild failed; fix the error and save: runserver restarts when the build succeeds.\n", out)
			r.startPage("The build failed:\n\n" + out)
			return
		}
		r.replaceExe(exe)
		r.rediscover(ctx)
	}
	if err := r.start(); err != nil {
		fmt.Fprintln(r.o.Stderr, err)
		r.startPage(err.Error())
	}
}

// rediscover refreshes the watch set; on failure the last one stays.
// Files already watched keep the stamps of the last poll, taken before
// the build: a file saved during the build is then seen as changed by the
// next poll, and built again.
func (r *reloader) rediscover(ctx context.Context) {
	ws, err := discover(ctx, r.o.GoTool, r.o.Dir, r.o.Env)
	if err != nil {
		fmt.Fprintln(r.o.Stderr, err)
		if r.snap != nil {
			return
		}
	}
	cur := scan(ws, r.o.Restart)
	for p := range cur {
		if old, ok := r.snap[p]; ok {
			cur[p] = old
		}
	}
	r.ws, r.snap = ws, cur
}

// replaceExe makes exe the current binary and removes the previous build.
func (r *reloader) replaceExe(exe string) {
	if strings.HasPrefix(r.exe, r.tmp+string(filepath.Separator)) {
		os.Remove(r.exe)
	}
	r.exe = exe
}
