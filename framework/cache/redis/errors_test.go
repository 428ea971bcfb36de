package redis

import (
	"bufio"
	"context"
	"errors"
	"io"
	"net"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/redis/rueidis"

	"github.com/manouche-go/manouche/framework/cache"
)

// fakeServer serves RESP on a free port of 127.0.0.1, answering every
// command with reply(name); a reply of "" means close the connection, and
// "hang" means never answer. It returns the server's address.
func fakeServer(t *testing.T, reply func(cmd string) string) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	t.Cleanup(func() { l.Close(); wg.Wait() })
	wg.Go(func() {
		for {
			conn, err := l.Accept()
			if err != nil {
				return
			}
			wg.Go(func() { serveFake(conn, reply) })
		}
	})
	return l.Addr().String()
}

func serveFake(conn net.Conn, reply func(cmd string) string) {
	defer conn.Close()
	r := bufio.NewReader(conn)
	for {
		args, err := readCommand(r)
		if err != nil {
			return
		}
		switch out := reply(strings.ToUpper(args[0])); out {
		case "":
			return
		case "hang":
			io.Copy(io.Discard, r) // until the client gives up and closes
			return
		default:
			conn.Write([]byte(out))
		}
	}
}

// readCommand reads one RESP array of bulk strings.
func readCommand(r *bufio.Reader) ([]string, error) {
	line, err := r.ReadString('\n')
	if err != nil || len(line) < 3 || line[0] != '*' {
		return nil, errors.New("not a command")
	}
	n, _ := strconv.Atoi(strings.TrimSpace(line[1:]))
	args := make([]string, 0, n)
	for range n {
		if _, err := r.ReadString('\n'); err != nil { // $len
			return nil, err
		}
		s, err := r.ReadString('\n')
		if err != nil {
			return nil, err
		}
		args = append(args, strings.TrimSuffix(s, "\r\n"))
	}
	if n == 0 {
		return nil, errors.New("empty command")
	}
	return args, nil
}

// replyAll answers the connection set-up commands as a Redis without
// RESP3 does, and every other command with data.
func replyAll(data string) func(string) string {
	return func(cmd string) string {
		switch cmd {
		case "HELLO", "CLIENT":
			return "-ERR unknown command 'HELLO'\r\n"
		case "SELECT", "AUTH":
			return "+OK\r\n"
		}
		return data
	}
}

func TestUnavailable_serverStates(t *testing.T) {
	tests := []struct {
		name  string
		reply func(cmd string) string
		want  bool // wraps cache.ErrUnavailable
	}{
		{"server still loading its data", replyAll("-LOADING Redis is loading the dataset in memory\r\n"), true},
		{"replica during a failover", replyAll("-READONLY You can't write against a read only replica.\r\n"), true},
		{"too many clients", replyAll("-ERR max number of clients reached\r\n"), true},
		{"connection closed by the server", replyAll(""), true},
		{"server never answers", replyAll("hang"), true},
		{"other server error", replyAll("-ERR something else\r\n"), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := New(Options{Client: &rueidis.ClientOption{
				InitAddress: []string{fakeServer(t, tt.reply)}, ForceSingleClient: true, DisableRetry: true,
				ConnWriteTimeout: 200 * time.Millisecond, Dialer: net.Dialer{Timeout: time.Second},
			}})
			defer c.Close()
			ctx, cancel := context.WithTimeout(t.Context(), 10*time.Second)
			defer cancel()
			err := c.Set(ctx, "k", []byte("v"), time.Minute)
			if err == nil {
				t.Fatal("got nil, want an error")
			}
			if got := errors.Is(err, cache.ErrUnavailable); got != tt.want {
				t.Errorf("got %v (unavailable %v), want unavailable %v", err, got, tt.want)
			}
		})
	}
}
