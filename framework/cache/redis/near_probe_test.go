//go:build linux

package redis

import (
	"io"
	"net"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// TestSocketPending is the near cache's question to a socket, asked of
// TCP (a peek) and of a Unix socket (poll and TIOCINQ): how many bytes
// wait, and whether the peer hung up behind them.
func TestSocketPending(t *testing.T) {
	for _, network := range []string{"tcp", "unix"} {
		t.Run(network, func(t *testing.T) {
			client, server := socketPair(t, network)
			rc, err := client.(syscall.Conn).SyscallConn()
			if err != nil {
				t.Fatal(err)
			}
			want := func(step string, n int, ok bool) {
				t.Helper()
				// the bytes written travel through the kernel: wait for them
				deadline := time.Now().Add(5 * time.Second)
				for {
					gotN, gotOK := socketPending(rc)
					if gotN == n && gotOK == ok {
						return
					}
					if time.Now().After(deadline) {
						t.Fatalf("%s: socketPending = %d, %v; want %d, %v", step, gotN, gotOK, n, ok)
					}
					time.Sleep(time.Millisecond)
				}
			}
			want("empty", 0, true)
			write(t, server, 100)
			want("100 bytes", 100, true)
			write(t, server, 70000)
			want("70,100 bytes", 70100, true)
			read(t, client, 70100)
			want("all read", 0, true)
			write(t, server, 10)
			server.Close()
			want("10 bytes, then the end of stream", 0, false)
			read(t, client, 10)
			want("the end of stream alone", 0, false)
		})
	}
}

func socketPair(t *testing.T, network string) (client, server net.Conn) {
	t.Helper()
	addr := "127.0.0.1:0"
	if network == "unix" {
		addr = filepath.Join(t.TempDir(), "s")
	}
	ln, err := net.Listen(network, addr)
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	accepted := make(chan net.Conn, 1)
	go func() {
		c, _ := ln.Accept()
		accepted <- c
	}()
	client, err = net.Dial(network, ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	server = <-accepted
	if server == nil {
		t.Fatal("accept failed")
	}
	t.Cleanup(func() { client.Close(); server.Close() })
	return client, server
}

func write(t *testing.T, c net.Conn, n int) {
	t.Helper()
	if _, err := c.Write(make([]byte, n)); err != nil {
		t.Fatal(err)
	}
}

func read(t *testing.T, c net.Conn, n int) {
	t.Helper()
	if _, err := io.ReadFull(c, make([]byte, n)); err != nil {
		t.Fatal(err)
	}
}
