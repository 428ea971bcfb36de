package site

import (
	"errors"
	"fmt"
	"net"
	"strings"
	"testing"

	"github.com/manouche-go/manouche/framework/settings"
)

func TestUnreachableError_oneLine(t *testing.T) {
	cause := errors.New("failed to connect:\n\t127.0.0.1:1: refused\n\t127.0.0.1:1: refused")
	err := &unreachableError{`database "default" (postgres)`, cause}
	want := `database "default" (postgres): unreachable: failed to connect: 127.0.0.1:1: refused; 127.0.0.1:1: refused`
	if got := err.Error(); got != want || strings.Contains(got, "\n") {
		t.Errorf("got %q, want %q", got, want)
	}
	if !errors.Is(err, cause) {
		t.Error("the cause is not reachable with errors.Is")
	}
}

func TestEngineOf(t *testing.T) {
	tests := []struct {
		d    settings.Database
		want string
	}{
		{settings.Database{Engine: "sqlite"}, "sqlite"},
		{settings.Database{Engine: "sqlite", URL: "postgres://u@h/db"}, "postgres"},
		{settings.Database{Engine: "sqlite", URL: "postgresql://u@h/db"}, "postgres"},
		{settings.Database{Engine: "sqlite", URL: "mysql://root@h/db"}, "mysql"},
		{settings.Database{Engine: "postgres", URL: "host=h dbname=db"}, "postgres"},
	}
	for _, tt := range tests {
		if got := engineOf(tt.d); got != tt.want {
			t.Errorf("engineOf(%+v): got %q, want %q", tt.d, got, tt.want)
		}
	}
}

func TestRedactURL(t *testing.T) {
	if got := redactURL("redis://:secret@127.0.0.1:6379/0"); strings.Contains(got, "secret") {
		t.Errorf("got %q, want the password hidden", got)
	}
	if got := redactURL("redis://127.0.0.1:6379/0"); got != "redis://127.0.0.1:6379/0" {
		t.Errorf("got %q, want the URL unchanged", got)
	}
}

// TestUnreachableError_network: a network error is the whole cause; the
// layers that wrap it are left out.
func TestUnreachableError_network(t *testing.T) {
	op := &net.OpError{Op: "dial", Net: "tcp", Addr: &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 1}, Err: errors.New("connect: connection refused")}
	cause := fmt.Errorf("cache: ping: redis: ping: cache: unavailable: %w", op)
	err := &unreachableError{`cache "default" (redis redis://127.0.0.1:1/0)`, cause}
	want := `cache "default" (redis redis://127.0.0.1:1/0): unreachable: dial tcp 127.0.0.1:1: connect: connection refused`
	if got := err.Error(); got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}
