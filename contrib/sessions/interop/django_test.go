package interop

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"
)

// python is Debian's interpreter, the one python3-django installs for.
const python = "/usr/bin/python3"

// djangoDir is the Django test site's directory.
const djangoDir = "testdata/djangosite"

// probeDjango returns the version of the Django that python imports.
func probeDjango() (string, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	out, err := exec.CommandContext(ctx, python, "-c", "import django; print(django.get_version())").CombinedOutput()
	if err != nil {
		return "", fmt.Errorf("%s cannot import django: %w %s", python, err, strings.TrimSpace(string(out)))
	}
	return strings.TrimSpace(string(out)), nil
}

// djangoEnviron is the environment the Django site reads its settings
// from (testdata/djangosite/settings.py).
func djangoEnviron(st *storage, key string, fallbacks []string) []string {
	fb, _ := json.Marshal(append([]string{}, fallbacks...))
	return append(os.Environ(),
		"DJANGO_SETTINGS_MODULE=settings",
		"PYTHONDONTWRITEBYTECODE=1", // keep testdata free of __pycache__
		"SECRET_KEY="+key,
		"SECRET_KEY_FALLBACKS="+string(fb),
		"DATABASE="+st.db,
		"SESSION_ENGINE="+st.engine,
		"SESSION_FILE_PATH="+st.files,
		"PORT=0",
	)
}

// manage runs Django's manage.py with args on the engine's storage and
// returns what it printed.
func manage(st *storage, key string, args ...string) (string, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, python, append([]string{djangoDir + "/manage.py"}, args...)...)
	cmd.Env = djangoEnviron(st, key, nil)
	out, err := cmd.CombinedOutput()
	if err != nil {
		return string(out), fmt.Errorf("manage.py %s: %v: %s", strings.Join(args, " "), err, out)
	}
	return string(out), nil
}

// djangoServer is a running testdata/djangosite/serve.py.
type djangoServer struct {
	url   string
	cmd   *exec.Cmd
	stdin io.WriteCloser
	done  chan struct{} // closed when the process has exited
}

// djangoSide returns the Django site of engine signing with key (and, on
// Django 4.1+, accepting fallbacks), starting it on first use.
func djangoSide(t testing.TB, engine, key string, fallbacks ...string) side {
	t.Helper()
	st := storageFor(t, engine)
	id := strings.Join(append([]string{engine, key}, fallbacks...), "|")
	d, err := entry(djangos, id).get(func() (*djangoServer, error) {
		return startDjango(st, key, fallbacks)
	})
	if err != nil {
		t.Fatalf("engine %s: Django: %v", engine, err)
	}
	return side{name: "django", url: d.url}
}

// startDjango starts the site and waits for its "listening on" line.
func startDjango(st *storage, key string, fallbacks []string) (*djangoServer, error) {
	cmd := exec.Command(python, djangoDir+"/serve.py")
	cmd.Env = djangoEnviron(st, key, fallbacks)
	cmd.Stderr = &logs
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return nil, err
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	d := &djangoServer{cmd: cmd, stdin: stdin, done: make(chan struct{})}
	lines := make(chan string, 1)
	go func() {
		r := bufio.NewReader(stdout)
		line, _ := r.ReadString('\n')
		lines <- line
		io.Copy(&logs, r)
		cmd.Wait()
		close(d.done)
	}()
	select {
	case line := <-lines:
		addr, ok := strings.CutPrefix(strings.TrimSpace(line), "listening on ")
		if !ok {
			d.stop()
			return nil, fmt.Errorf("serve.py did not start (see the logs): %q", line)
		}
		d.url = "http://" + addr
		return d, nil
	case <-time.After(30 * time.Second):
		d.stop()
		return nil, errors.New("serve.py did not start within 30 s")
	}
}

// stop closes the server's standard input, which ends it, and kills it if
// it is still running after 5 s.
func (d *djangoServer) stop() {
	d.stdin.Close()
	select {
	case <-d.done:
	case <-time.After(5 * time.Second):
		d.cmd.Process.Kill()
		<-d.done
	}
}
