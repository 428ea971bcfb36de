//go:build !linux

package redis

import (
	"context"
	"crypto/tls"
	"net"
	"strings"

	"github.com/redis/rueidis"
)

// watch is the near cache's connection watch, which needs Linux's TIOCINQ:
// elsewhere no connection is ever settled and every Get asks Redis.
type watch struct{}

func (*watch) settled() bool { return false }

func (*watch) invalidated([]rueidis.RedisMessage) {}

func (*watch) dial() func(context.Context, string, *net.Dialer, *tls.Config) (net.Conn, error) {
	return func(ctx context.Context, addr string, d *net.Dialer, cfg *tls.Config) (net.Conn, error) {
		network := "tcp"
		if strings.HasPrefix(addr, "/") {
			network = "unix"
		}
		conn, err := d.DialContext(ctx, network, addr)
		if err != nil || cfg == nil {
			return conn, err
		}
		return tls.Client(conn, cfg), nil
	}
}
