package loadbench

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"net"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// redisFiller adds keys to Redis with pipelined SETs over one plain RESP
// connection, and deletes them again; it needs no client library.
type redisFiller struct {
	conn net.Conn
	r    *bufio.Reader
	w    *bufio.Writer
	n    int // keys added, deleted by close
}

// redisPipeline is how many commands are written before their replies
// are read.
const redisPipeline = 10_000

// dialRedis connects to the server of a redis:// URL, authenticates and
// selects its database.
func dialRedis(ctx context.Context, rawURL string) (*redisFiller, error) {
	u, err := url.Parse(rawURL)
	if err != nil || u.Host == "" {
		return nil, fmt.Errorf("loadbench: redis URL: want redis://[:password@]host:port[/db]")
	}
	var d net.Dialer
	conn, err := d.DialContext(ctx, "tcp", u.Host)
	if err != nil {
		return nil, fmt.Errorf("loadbench: redis: %w", err)
	}
	f := &redisFiller{conn: conn, r: bufio.NewReader(conn), w: bufio.NewWriterSize(conn, 1<<16)}
	var setup [][]string
	if pw, ok := u.User.Password(); ok {
		setup = append(setup, []string{"AUTH", pw})
	}
	if db := strings.TrimPrefix(u.Path, "/"); db != "" {
		setup = append(setup, []string{"SELECT", db})
	}
	if err := f.pipeline(setup); err != nil {
		conn.Close()
		return nil, err
	}
	return f, nil
}

// fillerKey is the name of filler key i, in the cache's keyspace.
func fillerKey(i int) string { return fmt.Sprintf("loadtest:1:loadfill%024d", i) }

// fill sets keys from..to-1, expiring in ttl.
func (f *redisFiller) fill(_ context.Context, from, to int, ttl time.Duration) error {
	secs := strconv.Itoa(int(ttl / time.Second))
	for lo := from; lo < to; lo += redisPipeline {
		cmds := make([][]string, 0, redisPipeline)
		for i := lo; i < min(lo+redisPipeline, to); i++ {
			cmds = append(cmds, []string{"SET", fillerKey(i), fillerData, "EX", secs})
		}
		if err := f.pipeline(cmds); err != nil {
			return err
		}
	}
	f.n = max(f.n, to)
	return nil
}

// close deletes the keys fill added and closes the connection.
func (f *redisFiller) close() error {
	defer f.conn.Close()
	f.conn.SetDeadline(time.Now().Add(2 * time.Minute))
	var cmds [][]string
	for lo := 0; lo < f.n; lo += 1000 {
		cmd := []string{"DEL"}
		for i := lo; i < min(lo+1000, f.n); i++ {
			cmd = append(cmd, fillerKey(i))
		}
		cmds = append(cmds, cmd)
	}
	return f.pipeline(cmds)
}

// pipeline writes cmds, then reads one reply per command; the first
// error reply is returned.
func (f *redisFiller) pipeline(cmds [][]string) error {
	for _, cmd := range cmds {
		fmt.Fprintf(f.w, "*%d\r\n", len(cmd))
		for _, a := range cmd {
			fmt.Fprintf(f.w, "$%d\r\n%s\r\n", len(a), a)
		}
	}
	if err := f.w.Flush(); err != nil {
		return fmt.Errorf("loadbench: redis: %w", err)
	}
	var first error
	for range cmds {
		line, err := f.r.ReadString('\n')
		if err != nil {
			return fmt.Errorf("loadbench: redis: %w", err)
		}
		if strings.HasPrefix(line, "-") && first == nil {
			first = errors.New("loadbench: redis: " + strings.TrimSpace(line[1:]))
		}
	}
	return first
}
