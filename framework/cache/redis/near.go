//go:build unix

package redis

import (
	"context"
	"crypto/tls"
	"errors"
	"io"
	"net"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"

	"github.com/redis/rueidis"
	"golang.org/x/sys/unix"
)

// The near cache answers a Get from this process only when every message
// Redis has sent it so far has been applied: an invalidation of the key
// (another server's write, a logout) travels on the connection that
// cached it, and Redis writes it in the same event-loop turn as its answer
// to the writer, so by the time a later request reaches this server it is
// in the socket. Each connection of a near cache is watched: it is settled
// when its reader is waiting in Read with nothing left to read (poll says
// no data and no hang-up). A Get while any connection is unsettled asks
// Redis instead of the near cache, so it never answers what Redis has
// already told it is stale, nor a value from a connection that just broke.

// watch is the set of a near cache's live connections.
type watch struct {
	mu    sync.Mutex
	conns atomic.Pointer[[]*watchedConn] // copy on write: read by every Get
}

// settled reports whether every connection has applied all it received.
func (w *watch) settled() bool {
	p := w.conns.Load()
	if p == nil {
		return false
	}
	for _, c := range *p {
		if c.busy.Load() || readable(c.rc) {
			return false
		}
	}
	return true
}

func (w *watch) add(c *watchedConn) {
	w.mu.Lock()
	defer w.mu.Unlock()
	var next []*watchedConn
	if p := w.conns.Load(); p != nil {
		next = slices.Clone(*p)
	}
	next = append(next, c)
	w.conns.Store(&next)
}

// invalidated is the client's OnInvalidations hook. rueidis calls it
// with nil once it has emptied the near cache of a broken connection
// (and for a FLUSHALL): closed connections stop being watched only then,
// since rueidis closes a connection before it empties its cache.
func (w *watch) invalidated(keys []rueidis.RedisMessage) {
	if keys != nil {
		return
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if p := w.conns.Load(); p != nil {
		next := slices.DeleteFunc(slices.Clone(*p), func(x *watchedConn) bool { return x.closed.Load() })
		w.conns.Store(&next)
	}
}

// dial is the near cache's rueidis DialCtxFn: it dials TCP (or a Unix
// socket), watches the connection, then adds TLS over it when asked.
func (w *watch) dial() func(context.Context, string, *net.Dialer, *tls.Config) (net.Conn, error) {
	return func(ctx context.Context, addr string, d *net.Dialer, cfg *tls.Config) (net.Conn, error) {
		network := "tcp"
		if strings.HasPrefix(addr, "/") {
			network = "unix"
		}
		conn, err := d.DialContext(ctx, network, addr)
		if err != nil {
			return nil, err
		}
		sc, ok := conn.(syscall.Conn)
		if !ok {
			conn.Close()
			return nil, errors.New("redis: near cache: connection has no file descriptor")
		}
		rc, err := sc.SyscallConn()
		if err != nil {
			conn.Close()
			return nil, err
		}
		wc := &watchedConn{Conn: conn, rc: rc}
		w.add(wc)
		if cfg == nil {
			return wc, nil
		}
		tc := tls.Client(wc, cfg)
		if err := tc.HandshakeContext(ctx); err != nil {
			tc.Close()
			return nil, err
		}
		return tc, nil
	}
}

// watchedConn is a connection whose reads say when received bytes may
// not be applied yet: busy from the moment a read takes bytes from the
// socket until the reader comes back for more.
type watchedConn struct {
	net.Conn
	rc     syscall.RawConn
	busy   atomic.Bool
	closed atomic.Bool
}

// Read reads with read(2) from inside RawConn.Read, so that busy is set
// before the socket gives up its bytes. Deadlines apply as on the plain
// connection.
func (c *watchedConn) Read(p []byte) (int, error) {
	c.busy.Store(false) // the reader came back: what it read before is applied
	var n int
	var rerr error
	err := c.rc.Read(func(fd uintptr) bool {
		c.busy.Store(true)
		n, rerr = syscall.Read(int(fd), p)
		if rerr == syscall.EAGAIN || rerr == syscall.EINTR {
			c.busy.Store(false)
			return false
		}
		return true
	})
	switch {
	case err != nil:
		return 0, err
	case rerr != nil:
		return 0, rerr
	case n == 0 && len(p) > 0:
		return 0, io.EOF // busy stays set: a closed connection is never settled
	}
	return n, nil
}

// Close closes the connection, which stays unsettled until rueidis has
// emptied its near cache (see [watch.invalidated]).
func (c *watchedConn) Close() error {
	c.busy.Store(true)
	c.closed.Store(true)
	return c.Conn.Close()
}

// readable reports whether the socket has bytes or a hang-up waiting.
func readable(rc syscall.RawConn) bool {
	var n int
	var perr error
	err := rc.Control(func(fd uintptr) {
		n, perr = unix.Poll([]unix.PollFd{{Fd: int32(fd), Events: unix.POLLIN}}, 0)
	})
	return err != nil || perr != nil || n != 0
}
