//go:build !unix

package redis

import (
	"context"
	"crypto/tls"
	"net"

	"github.com/redis/rueidis"
)

// watch is the near cache's connection watch, which needs poll(2): where
// there is none, no connection is ever settled and every Get asks Redis.
type watch struct{}

func (*watch) settled() bool { return false }

func (*watch) invalidated([]rueidis.RedisMessage) {}

func (*watch) dial() func(context.Context, string, *net.Dialer, *tls.Config) (net.Conn, error) {
	return func(ctx context.Context, addr string, d *net.Dialer, cfg *tls.Config) (net.Conn, error) {
		conn, err := d.DialContext(ctx, "tcp", addr)
		if err != nil || cfg == nil {
			return conn, err
		}
		return tls.Client(conn, cfg), nil
	}
}
