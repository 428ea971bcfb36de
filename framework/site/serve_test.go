package site

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"mime/multipart"
	"net"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/manouche-go/manouche/framework"
	"github.com/manouche-go/manouche/framework/apps"
	"github.com/manouche-go/manouche/framework/settings"
	"github.com/manouche-go/manouche/framework/urls"
)

// uploadApp answers /upload/ with the size of each posted field and file.
type uploadApp struct{}

func (uploadApp) Label() string { return "siteuploadapp" }
func (uploadApp) URLs() []urls.Pattern {
	return []urls.Pattern{urls.Path("/upload/", func(req *framework.Request) *framework.Response {
		var b strings.Builder
		for k, v := range req.POST {
			fmt.Fprintf(&b, "field %s %d\n", k, len(v[0]))
		}
		for k, v := range req.FILES {
			fmt.Fprintf(&b, "file %s %d\n", k, v[0].Size)
		}
		return framework.Text(b.String())
	}, "upload")}
}

var registerUploadOnce sync.Once

// servingSite serves a test site on 127.0.0.1 with the timeouts set by
// mutate, until the test ends; it returns the address and the serving
// error channel.
func servingSite(t *testing.T, mutate func(*settings.Settings)) (string, context.CancelFunc, chan error) {
	t.Helper()
	registerUploadOnce.Do(func() { apps.Register(uploadApp{}) })
	st, _ := testSite(t, func(s *settings.Settings) {
		s.InstalledApps = append(s.InstalledApps, "siteuploadapp")
		if mutate != nil {
			mutate(s)
		}
	})
	h, err := st.Handler()
	if err != nil {
		t.Fatal(err)
	}
	ln, err := Listen("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- st.ServeListener(ctx, ln, h) }()
	t.Cleanup(func() { cancel(); <-done })
	return ln.Addr().String(), cancel, done
}

// dialSend connects to addr, sends raw, and closes the connection when
// the test ends.
func dialSend(t *testing.T, addr, raw string) net.Conn {
	t.Helper()
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	if _, err := io.WriteString(c, raw); err != nil {
		t.Fatal(err)
	}
	return c
}

// closedWithin reads from c until the server closes it and reports
// whether that happened within limit (a generous bound: the point is that
// the server closes it at all, long before the client would finish).
func closedWithin(c net.Conn, limit time.Duration) bool {
	c.SetReadDeadline(time.Now().Add(limit))
	_, err := io.Copy(io.Discard, c)
	var ne net.Error
	return !(errors.As(err, &ne) && ne.Timeout())
}

// TestServe_slowBody: a client sending its body one byte per second is
// cut off by SERVER_READ_TIMEOUT instead of holding the connection for the
// two minutes its body would take.
func TestServe_slowBody(t *testing.T) {
	addr, _, _ := servingSite(t, func(s *settings.Settings) { s.ServerReadTimeout = time.Second })
	c := dialSend(t, addr, "POST /upload/ HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 120\r\n\r\n")
	stop := make(chan struct{})
	defer close(stop)
	go func() { // one byte a second, until the server hangs up
		for range 120 {
			select {
			case <-stop:
				return
			case <-time.After(time.Second):
			}
			if _, err := c.Write([]byte("a")); err != nil {
				return
			}
		}
	}()
	if !closedWithin(c, 30*time.Second) {
		t.Error("the connection of a client sending a byte a second is still open after 30s; SERVER_READ_TIMEOUT is 1s")
	}
}

// TestServe_slowHeaders: a client that never finishes its headers is cut
// off by SERVER_READ_HEADER_TIMEOUT.
func TestServe_slowHeaders(t *testing.T) {
	addr, _, _ := servingSite(t, func(s *settings.Settings) { s.ServerReadHeaderTimeout = time.Second })
	c := dialSend(t, addr, "GET /page/ HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
	if !closedWithin(c, 30*time.Second) {
		t.Error("the connection of a client that never ends its headers is still open after 30s; SERVER_READ_HEADER_TIMEOUT is 1s")
	}
}

// TestServe_idleKeepAlive: an idle keep-alive connection is closed by
// SERVER_IDLE_TIMEOUT after its request was answered.
func TestServe_idleKeepAlive(t *testing.T) {
	addr, _, _ := servingSite(t, func(s *settings.Settings) { s.ServerIdleTimeout = time.Second })
	c := dialSend(t, addr, "GET /page/ HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
	br := bufio.NewReader(c)
	resp, err := http.ReadResponse(br, nil)
	if err != nil {
		t.Fatal(err)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || resp.Close {
		t.Fatalf("got %d, close %v; want 200 on a kept-alive connection", resp.StatusCode, resp.Close)
	}
	c.SetReadDeadline(time.Now().Add(30 * time.Second))
	_, err = br.ReadByte()
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() {
		t.Error("an idle keep-alive connection is still open after 30s; SERVER_IDLE_TIMEOUT is 1s")
	}
}

// TestServe_defaults: the server gets the settings' timeouts, which
// default to bounded values.
func TestServe_defaults(t *testing.T) {
	st, _ := testSite(t, nil)
	srv := st.NewServer(http.NotFoundHandler())
	if srv.ReadHeaderTimeout != 10*time.Second || srv.ReadTimeout != time.Minute ||
		srv.WriteTimeout != time.Minute || srv.IdleTimeout != 75*time.Second {
		t.Errorf("got read header %v, read %v, write %v, idle %v", srv.ReadHeaderTimeout, srv.ReadTimeout, srv.WriteTimeout, srv.IdleTimeout)
	}
}

// TestServe_multipartLimit: through the real server, a multipart field
// over DATA_UPLOAD_MAX_MEMORY_SIZE gets 400, a file of the same size is
// accepted.
func TestServe_multipartLimit(t *testing.T) {
	addr, _, _ := servingSite(t, nil)
	big := bytes.Repeat([]byte("x"), 12<<20)
	tests := []struct {
		name   string
		file   bool
		status int
		body   string
	}{
		{"12 MiB field", false, 400, ""},
		{"12 MiB file", true, 200, fmt.Sprintf("file f %d\n", len(big))},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b bytes.Buffer
			mw := multipart.NewWriter(&b)
			create := func() (io.Writer, error) { return mw.CreateFormField("f") }
			if tt.file {
				create = func() (io.Writer, error) { return mw.CreateFormFile("f", "big.bin") }
			}
			w, err := create()
			if err != nil {
				t.Fatal(err)
			}
			w.Write(big)
			mw.Close()
			resp, err := http.Post("http://"+addr+"/upload/", mw.FormDataContentType(), &b)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			got, _ := io.ReadAll(resp.Body)
			if resp.StatusCode != tt.status || (tt.body != "" && string(got) != tt.body) {
				t.Errorf("got %d %.200q, want %d %q", resp.StatusCode, got, tt.status, tt.body)
			}
		})
	}
}

// TestServe_shutdownTimeout: a request still running after
// SERVER_SHUTDOWN_TIMEOUT is cut off and ServeListener says so.
func TestServe_shutdownTimeout(t *testing.T) {
	addr, cancel, done := servingSite(t, func(s *settings.Settings) { s.ServerShutdownTimeout = 50 * time.Millisecond })
	// A request whose body never comes keeps its handler busy.
	dialSend(t, addr, "POST /upload/ HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 10\r\n\r\n")
	time.Sleep(200 * time.Millisecond) // let the handler start reading
	cancel()
	select {
	case err := <-done:
		done <- err // for the clean-up
		if err == nil || !strings.Contains(err.Error(), "SERVER_SHUTDOWN_TIMEOUT") {
			t.Errorf("got %v, want an error naming SERVER_SHUTDOWN_TIMEOUT", err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("ServeListener still running 30s after cancel with a 50ms shutdown timeout")
	}
}

func TestListen_inUse(t *testing.T) {
	ln, err := Listen("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	addr := ln.Addr().String()
	_, err = Listen(addr)
	if want := addr + ": That port is already in use"; err == nil || err.Error() != want {
		t.Errorf("got %v, want %s", err, want)
	}
}
