package autoreload

import (
	"fmt"
	"io"
	"net"
	"os"
	"strconv"
	"strings"
	"sync"
)

// EnvFD is the environment variable through which the parent tells a child
// the number of its first inherited file descriptor: the listening socket,
// followed by the lifeline (closed when the parent wants the child to stop,
// or dies) and the ready pipe.
const EnvFD = "MANOUCHE_RUNSERVER_FD"

// Child is this process's side of the protocol, when a reloading parent
// started it.
type Child struct {
	// Listener is the socket the parent listens on.
	Listener net.Listener

	ready     *os.File
	readyOnce sync.Once
	stopped   chan struct{}
}

// ChildOf returns the [Child] this process is, or nil when environ (the
// process's environment, os.Environ's form) does not name inherited files:
// the process was not started by [Run].
func ChildOf(environ []string) (*Child, error) {
	v := lookup(environ, EnvFD)
	if v == "" {
		return nil, nil
	}
	fd, err := strconv.Atoi(v)
	if err != nil || fd < 3 {
		return nil, fmt.Errorf("autoreload: %s=%q: want a file descriptor of 3 or more", EnvFD, v)
	}
	f := os.NewFile(uintptr(fd), "listener")
	ln, err := net.FileListener(f)
	f.Close() // FileListener made its own copy
	if err != nil {
		return nil, fmt.Errorf("autoreload: inherited listener: %w", err)
	}
	c := &Child{Listener: ln, ready: os.NewFile(uintptr(fd+2), "ready"), stopped: make(chan struct{})}
	lifeline := os.NewFile(uintptr(fd+1), "lifeline")
	go func() {
		io.Copy(io.Discard, lifeline) // returns when the parent closes its end or dies
		lifeline.Close()
		close(c.stopped)
	}()
	return c, nil
}

// Ready tells the parent that the child has started and serves. Only the
// first call does anything.
func (c *Child) Ready() {
	c.readyOnce.Do(func() {
		c.ready.Write([]byte{1})
		c.ready.Close()
	})
}

// Stopped is closed when the parent asks the child to stop, for a reload,
// or has died. The child should then stop serving gracefully and exit.
func (c *Child) Stopped() <-chan struct{} { return c.stopped }

// lookup returns the last value of name in environ.
func lookup(environ []string, name string) string {
	value := ""
	for _, kv := range environ {
		if k, v, ok := strings.Cut(kv, "="); ok && k == name {
			value = v
		}
	}
	return value
}
