package dbstore

import (
	"crypto/rand"
	"encoding/hex"
	"io"
	"net"
	"net/url"
	"os"
	"sync"
	"testing"

	"gorm.io/gorm"
	"gorm.io/gorm/logger"

	"github.com/manouche-go/manouche/framework/db"
	"github.com/manouche-go/manouche/framework/settings"
)

// servers are the database servers the tests run against, by GORM
// dialect, with the variable holding each one's URL:
// postgres://postgres@127.0.0.1:5432/test?sslmode=disable and
// mysql://root@127.0.0.1:3306/test.
var servers = []struct{ dialect, env string }{
	{"postgres", "MANOUCHE_TEST_POSTGRES_DSN"},
	{"mysql", "MANOUCHE_TEST_MYSQL_DSN"},
}

// serverURL returns the URL in env, or skips t without it (fails it when
// MANOUCHE_REQUIRE_SERVICES=1).
func serverURL(t testing.TB, env string) string {
	t.Helper()
	u := os.Getenv(env)
	if u == "" {
		if os.Getenv("MANOUCHE_REQUIRE_SERVICES") == "1" {
			t.Fatalf("%s is not set and MANOUCHE_REQUIRE_SERVICES=1", env)
		}
		t.Skipf("set %s to run against a real server", env)
	}
	return u
}

// forEachServer runs f once per server, as a subtest named by dialect.
func forEachServer(t *testing.T, f func(t *testing.T, dialect, url string)) {
	for _, s := range servers {
		t.Run(s.dialect, func(t *testing.T) { f(t, s.dialect, serverURL(t, s.env)) })
	}
}

// openURL opens the database at u through framework/db, as a site does,
// without query logs.
func openURL(t testing.TB, u string, opts map[string]any) *gorm.DB {
	t.Helper()
	g, err := db.Open(settings.Database{URL: u, Options: opts}, nil)
	if err != nil {
		t.Fatal(err)
	}
	g.Logger = logger.Discard
	t.Cleanup(func() {
		if sqlDB, err := g.DB(); err == nil {
			sqlDB.Close()
		}
	})
	return g
}

// freshURL creates an empty schema (PostgreSQL) or database (MySQL) named
// test_<random> on the server at base, drops it when t ends, and returns
// the URL of a connection that uses it (and names itself after it on
// PostgreSQL, as application_name).
func freshURL(t testing.TB, dialect, base string) string {
	t.Helper()
	var b [6]byte
	rand.Read(b[:])
	name := "test_" + hex.EncodeToString(b[:])
	create, drop := "CREATE DATABASE "+name, "DROP DATABASE IF EXISTS "+name
	if dialect == "postgres" {
		create, drop = "CREATE SCHEMA "+name, "DROP SCHEMA IF EXISTS "+name+" CASCADE"
	}
	admin := func(q string) {
		g := openURL(t, base, map[string]any{"max_conns": 1})
		if err := g.Exec(q).Error; err != nil {
			t.Errorf("%s: %v", q, err)
		}
		sqlDB, _ := g.DB()
		sqlDB.Close()
	}
	admin(create)
	t.Cleanup(func() { admin(drop) })
	u, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	if dialect == "postgres" {
		q := u.Query()
		q.Set("search_path", name)
		q.Set("application_name", name)
		u.RawQuery = q.Encode()
	} else {
		u.Path = "/" + name
	}
	return u.String()
}

// openServer opens a fresh database on the server with django_session
// created.
func openServer(t testing.TB, dialect, base string) *gorm.DB {
	t.Helper()
	g := openURL(t, freshURL(t, dialect, base), nil)
	if err := CreateTable(g); err != nil {
		t.Fatal(err)
	}
	return g
}

// proxy forwards TCP connections from a local port to a server until
// stopped, and can start again on the same port: a server outage and its
// return, without touching the real server.
type proxy struct {
	t      testing.TB
	target string
	addr   string
	mu     sync.Mutex
	ln     net.Listener
	conns  []net.Conn
}

func startProxy(t testing.TB, target string) *proxy {
	p := &proxy{t: t, target: target, addr: "127.0.0.1:0"}
	p.start()
	p.addr = p.ln.Addr().String()
	t.Cleanup(p.stop)
	return p
}

func (p *proxy) start() {
	ln, err := net.Listen("tcp", p.addr)
	if err != nil {
		p.t.Fatal(err)
	}
	p.mu.Lock()
	p.ln = ln
	p.mu.Unlock()
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			s, err := net.Dial("tcp", p.target)
			if err != nil {
				c.Close()
				continue
			}
			p.mu.Lock()
			p.conns = append(p.conns, c, s)
			p.mu.Unlock()
			go func() { io.Copy(s, c); s.Close() }()
			go func() { io.Copy(c, s); c.Close() }()
		}
	}()
}

// stop closes the listener and every forwarded connection.
func (p *proxy) stop() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.ln.Close()
	for _, c := range p.conns {
		c.Close()
	}
	p.conns = nil
}
