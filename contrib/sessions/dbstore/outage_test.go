package dbstore

import (
	"bytes"
	"context"
	"database/sql/driver"
	"errors"
	"fmt"
	"log"
	"net"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/go-sql-driver/mysql"
	"github.com/jackc/pgx/v5/pgconn"
	"gorm.io/gorm/logger"

	"github.com/manouche-go/manouche/framework/session"
)

func TestUnavailable(t *testing.T) {
	refused := &net.OpError{Op: "dial", Net: "tcp", Err: errors.New("connect: connection refused")}
	tests := []struct {
		name string
		err  error
		want bool
	}{
		{"refused connection", fmt.Errorf("failed to connect: %w", refused), true},
		{"bad connection", driver.ErrBadConn, true},
		{"deadline", fmt.Errorf("query: %w", context.DeadlineExceeded), true},
		{"postgres admin shutdown 57P01", &pgconn.PgError{Code: "57P01"}, true},
		{"postgres cannot connect now 57P03", &pgconn.PgError{Code: "57P03"}, true},
		{"postgres connection failure 08006", &pgconn.PgError{Code: "08006"}, true},
		{"postgres too many connections 53300", &pgconn.PgError{Code: "53300"}, true},
		{"mysql invalid connection", fmt.Errorf("exec: %w", mysql.ErrInvalidConn), true},
		{"mysql server shutdown 1053", &mysql.MySQLError{Number: 1053, SQLState: [5]byte{'0', '8', 'S', '0', '1'}}, true},
		{"mariadb connection killed 1927", &mysql.MySQLError{Number: 1927, SQLState: [5]byte{'7', '0', '1', '0', '0'}}, true},
		{"joined", errors.Join(errors.New("first"), driver.ErrBadConn), true},
		{"postgres unique violation", &pgconn.PgError{Code: "23505"}, false},
		{"postgres undefined table", &pgconn.PgError{Code: "42P01"}, false},
		{"mysql syntax error", &mysql.MySQLError{Number: 1064, SQLState: [5]byte{'4', '2', '0', '0', '0'}}, false},
		{"canceled by the client", context.Canceled, false},
		{"other", errors.New("no such table: django_session"), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := wrap("load", tt.err)
			if got := errors.Is(err, session.ErrUnavailable); got != tt.want {
				t.Errorf("errors.Is(%v, ErrUnavailable): got %v, want %v", err, got, tt.want)
			}
			if !errors.Is(err, tt.err) || !strings.HasPrefix(err.Error(), "dbstore: load: ") {
				t.Errorf("got %v, want dbstore: load: wrapping the driver's error", err)
			}
		})
	}
}

// TestOutage_servers stops a proxy in front of the server: every method
// fails with ErrUnavailable, and the store works again, by itself, once
// the proxy is back on its port.
func TestOutage_servers(t *testing.T) {
	forEachServer(t, func(t *testing.T, dialect, base string) {
		u, err := url.Parse(freshURL(t, dialect, base))
		if err != nil {
			t.Fatal(err)
		}
		p := startProxy(t, u.Host)
		u.Host = p.addr
		g := openURL(t, u.String(), map[string]any{"connect_timeout": 2})
		if err := CreateTable(g); err != nil {
			t.Fatal(err)
		}
		s := New(g, Options{})
		ctx, exp := t.Context(), time.Now().Add(time.Hour)
		if err := s.Create(ctx, key, "before", exp); err != nil {
			t.Fatal(err)
		}
		p.stop()
		for name, call := range map[string]func() error{
			"Load":         func() error { _, err := s.Load(ctx, key); return err },
			"Create":       func() error { return s.Create(ctx, key[1:]+"x", "d", exp) },
			"Save":         func() error { return s.Save(ctx, key, "d", exp) },
			"Delete":       func() error { return s.Delete(ctx, key) },
			"ClearExpired": func() error { return s.ClearExpired(ctx) },
			"Exists":       func() error { _, err := s.Exists(ctx, key); return err },
		} {
			if err := call(); !errors.Is(err, session.ErrUnavailable) {
				t.Errorf("%s during the outage: got %v, want ErrUnavailable", name, err)
			}
		}
		p.start()
		if got, err := s.Load(ctx, key); err != nil || got != "before" {
			t.Errorf("Load after the outage: got %q, %v, want before, nil", got, err)
		}
	})
}

// TestKilledConnections_servers kills the store's connections from a
// second connection (pg_terminate_backend, KILL): the next call either
// succeeds on a new connection or fails with ErrUnavailable, and the one
// after succeeds.
func TestKilledConnections_servers(t *testing.T) {
	kill := map[string]string{
		"postgres": "SELECT pid FROM pg_stat_activity WHERE application_name = ?",
		"mysql":    "SELECT id FROM information_schema.processlist WHERE db = ?",
	}
	forEachServer(t, func(t *testing.T, dialect, base string) {
		fresh := freshURL(t, dialect, base)
		u, _ := url.Parse(fresh)
		name := strings.TrimPrefix(u.Path, "/")
		if dialect == "postgres" {
			name = u.Query().Get("application_name")
		}
		g := openURL(t, fresh, nil)
		if err := CreateTable(g); err != nil {
			t.Fatal(err)
		}
		s := New(g, Options{})
		ctx := t.Context()
		if err := s.Create(ctx, key, "d", time.Now().Add(time.Hour)); err != nil {
			t.Fatal(err)
		}
		admin := openURL(t, base, nil)
		var ids []int64
		if err := admin.Raw(kill[dialect], name).Scan(&ids).Error; err != nil {
			t.Fatal(err)
		}
		for _, id := range ids {
			q := fmt.Sprintf("KILL CONNECTION %d", id)
			if dialect == "postgres" {
				q = fmt.Sprintf("SELECT pg_terminate_backend(%d)", id)
			}
			if err := admin.Exec(q).Error; err != nil {
				t.Fatal(err)
			}
		}
		if len(ids) == 0 {
			t.Fatal("found no connection to kill")
		}
		_, err := s.Load(ctx, key)
		if err != nil && !errors.Is(err, session.ErrUnavailable) {
			t.Errorf("first Load after the kill: got %v, want nil or ErrUnavailable", err)
		}
		t.Logf("first Load after killing %d connections: %v", len(ids), err)
		if got, err := s.Load(ctx, key); err != nil || got != "d" {
			t.Errorf("second Load after the kill: got %q, %v, want d, nil", got, err)
		}
	})
}

// TestSQLLogsHideKeysAndData_servers: MySQL's duplicate-key message quotes
// the key, so a duplicate Create must not reach the log as an error.
func TestSQLLogsHideKeysAndData_servers(t *testing.T) {
	forEachServer(t, func(t *testing.T, dialect, base string) {
		var logs bytes.Buffer
		g := openServer(t, dialect, base)
		g.Logger = logger.New(log.New(&logs, "", 0), logger.Config{LogLevel: logger.Info})
		s := New(g, Options{})
		exp := time.Now().Add(time.Hour)
		s.Create(t.Context(), key, "secret data", exp)
		if err := s.Create(t.Context(), key, "secret data", exp); !errors.Is(err, session.ErrKeyExists) {
			t.Fatalf("duplicate Create: got %v, want ErrKeyExists", err)
		}
		s.Save(t.Context(), key, "secret data", exp)
		if !strings.Contains(logs.String(), "INSERT INTO django_session") {
			t.Fatalf("got logs %q, want the statements logged", logs.String())
		}
		if strings.Contains(logs.String(), key) || strings.Contains(logs.String(), "secret data") {
			t.Errorf("got logs %q, which contain the session key or data", logs.String())
		}
	})
}
