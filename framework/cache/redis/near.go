//go:build linux

package redis

import (
	"context"
	"crypto/tls"
	"errors"
	"io"
	"math"
	"net"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"

	"github.com/redis/rueidis"
	"golang.org/x/sys/unix"
)

// The near cache answers a Get from this process only when every message
// Redis had sent it when the Get began has been applied: an invalidation
// of the key (another server's write, a logout) travels on the connection
// that cached it, and a writer returns only once Redis has written that
// invalidation (see [Cache.fence]), so by the time a later request
// reaches this server it is in the socket or already read. Each
// connection of a near cache is watched: the bytes in its socket (see
// [socketPending]) and the bytes its reader has taken out tell how far
// the reader must get; once it comes back to Read for more, everything
// it took before is applied. A Get waits a little for that, and asks
// Redis instead of the near cache when the reader is slow, or when the
// connection has hung up or closed: it never answers what Redis has
// already told this process is stale, nor from a connection that broke.

// watch is the set of a near cache's live connections.
type watch struct {
	mu    sync.Mutex
	conns atomic.Pointer[[]*watchedConn] // copy on write: read by every Get
}

// settled reports whether every connection has applied all it had
// received when settled was called, waiting a little for it.
func (w *watch) settled() bool {
	p := w.conns.Load()
	if p == nil {
		return false
	}
	for _, c := range *p {
		if !c.caughtUp() {
			return false
		}
	}
	return true
}

// catchUpTries bounds how many times a Get yields to a connection's
// reader before it asks Redis instead.
const catchUpTries = 64

// caughtUp waits until the reader has applied every byte in the socket
// now, and reports false if that takes more than catchUpTries yields or
// the connection has hung up.
func (c *watchedConn) caughtUp() bool {
	if c.closed.Load() {
		return false
	}
	pending, ok := socketPending(c.rc)
	if !ok {
		return false
	}
	for c.reading.Load() { // a read(2) is counting what it took
		runtime.Gosched()
	}
	target := c.consumed.Load() + int64(pending)
	for range catchUpTries {
		if c.applied.Load() >= target {
			return true
		}
		runtime.Gosched()
	}
	return false
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

// watchedConn is a connection whose reads count the bytes its reader
// took from the socket and, each time it comes back for more, the bytes
// it has applied.
type watchedConn struct {
	net.Conn
	rc       syscall.RawConn
	reading  atomic.Bool  // inside read(2), counting
	consumed atomic.Int64 // bytes taken from the socket
	applied  atomic.Int64 // bytes taken before the reader's latest Read
	closed   atomic.Bool  // closed, or the server hung up
}

// Read reads with read(2) from inside RawConn.Read, so that the bytes
// it takes are counted before a caughtUp that finds them gone from the
// socket reads the count. Deadlines apply as on the plain connection.
func (c *watchedConn) Read(p []byte) (int, error) {
	c.applied.Store(c.consumed.Load()) // the reader came back: what it took is applied
	var n int
	var rerr error
	err := c.rc.Read(func(fd uintptr) bool {
		c.reading.Store(true)
		n, rerr = syscall.Read(int(fd), p)
		if n > 0 {
			c.consumed.Add(int64(n))
		}
		c.reading.Store(false)
		return rerr != syscall.EAGAIN && rerr != syscall.EINTR
	})
	switch {
	case err != nil:
		return 0, err
	case rerr != nil:
		c.closed.Store(true)
		return 0, rerr
	case n == 0 && len(p) > 0:
		c.closed.Store(true) // a hung-up connection is never caught up
		return 0, io.EOF
	}
	return n, nil
}

// Close closes the connection, which stays unsettled until rueidis has
// emptied its near cache (see [watch.invalidated]).
func (c *watchedConn) Close() error {
	c.closed.Store(true)
	return c.Conn.Close()
}

// socketPending returns how many bytes wait in the socket, and false
// when the peer has hung up or the socket cannot be asked. An empty TCP
// socket costs one system call (a peek); bytes waiting, or a socket the
// peek cannot count, cost a poll for a hang-up behind them as well.
func socketPending(rc syscall.RawConn) (int, bool) {
	p := pendingProbe{n: -1}
	if err := rc.Control(p.probe); err != nil || p.err != nil {
		return 0, false
	}
	return p.n, true
}

// pendingProbe is socketPending's question, asked of the descriptor
// inside RawConn.Control.
type pendingProbe struct {
	n   int
	err error
}

func (p *pendingProbe) probe(fd uintptr) {
	switch n, errno := peekPending(fd); {
	case errno == unix.EAGAIN:
		p.n = 0 // empty, and no end of stream
		return
	case errno == 0 && n == 0:
		p.err = io.EOF // the end of stream is all that waits
		return
	case errno == 0:
		p.n = n
	}
	fds := []unix.PollFd{{Fd: int32(fd), Events: unix.POLLIN | unix.POLLRDHUP}}
	if _, err := unix.Poll(fds, 0); err != nil {
		p.err = err
		return
	}
	revents := fds[0].Revents
	if revents&(unix.POLLRDHUP|unix.POLLHUP|unix.POLLERR) != 0 {
		p.err = io.EOF
		return
	}
	if p.n < 0 { // not a socket the peek can count (a Unix socket)
		n, err := unix.IoctlGetInt(int(fd), unix.TIOCINQ)
		switch {
		case err != nil:
			p.err = err
		case revents&unix.POLLIN != 0 && n == 0:
			// POLLIN with nothing to read: a hang-up, or bytes the
			// reader took meanwhile; either way, not now.
			p.err = io.EOF
		default:
			p.n = n
		}
	}
}

// peekPending asks a TCP socket how many bytes wait in it without taking
// or copying them (recv with MSG_PEEK|MSG_TRUNC into no buffer): n > 0
// bytes wait, 0 is the end of stream, EAGAIN an empty socket. Other
// sockets answer with an error (EFAULT: they copy).
func peekPending(fd uintptr) (int, syscall.Errno) {
	const flags = unix.MSG_PEEK | unix.MSG_TRUNC | unix.MSG_DONTWAIT
	n, _, errno := unix.RawSyscall6(unix.SYS_RECVFROM, fd, 0, math.MaxInt32, flags, 0, 0)
	return int(n), errno
}
