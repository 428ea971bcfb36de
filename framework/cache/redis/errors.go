package redis

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"net"
	"strings"
	"syscall"

	"github.com/redis/rueidis"

	"github.com/manouche-go/manouche/framework/cache"
)

// wrap names the operation and marks connection-level failures with
// cache.ErrUnavailable. Errors carry no key.
func wrap(ctx context.Context, op string, err error) error {
	if unavailable(ctx, err) {
		return fmt.Errorf("redis: %s: %w: %w", op, cache.ErrUnavailable, err)
	}
	return fmt.Errorf("redis: %s: %w", op, err)
}

// unavailableCodes are the error codes of a server that cannot serve
// right now: loading its data, a replica or a master without its replicas
// during a failover, a cluster moving slots or missing a master, too many
// clients.
var unavailableCodes = []string{"LOADING", "READONLY", "MASTERDOWN", "TRYAGAIN", "CLUSTERDOWN", "NOREPLICAS", "max number of clients"} // rueidis drops the ERR of ERR max...

// unavailable reports whether err means the server cannot be reached
// right now. A context the caller cancelled or let expire is the caller's
// doing, not an outage.
func unavailable(ctx context.Context, err error) bool {
	if ctx.Err() != nil {
		return false
	}
	if re, ok := rueidis.IsRedisErr(err); ok {
		for _, code := range unavailableCodes {
			if strings.HasPrefix(re.Error(), code) {
				return true
			}
		}
		return false
	}
	var netErr net.Error
	return errors.As(err, &netErr) ||
		errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.ErrClosedPipe) ||
		errors.Is(err, syscall.ECONNREFUSED) || errors.Is(err, syscall.ECONNRESET) || errors.Is(err, syscall.EPIPE) ||
		errors.Is(err, context.DeadlineExceeded) || // a dial or read timeout
		errors.Is(err, rueidis.ErrClosing) || errors.Is(err, rueidis.ErrDoCacheAborted) ||
		errors.Is(err, errNotReplicated)
}

// dialUnix connects to a Unix socket (LOCATION unix:///path).
func dialUnix(ctx context.Context, path string, d *net.Dialer, _ *tls.Config) (net.Conn, error) {
	return d.DialContext(ctx, "unix", path)
}
