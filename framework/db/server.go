package db

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net"
	"net/url"
	"strconv"
	"strings"
	"time"

	"gorm.io/gorm"

	"github.com/manouche-go/manouche/framework/settings"
)

const (
	// defaultConnectTimeout is how long a new server connection may take.
	defaultConnectTimeout = 5 * time.Second
	// defaultMaxConns bounds a server database's pool (OPTIONS max_conns).
	defaultMaxConns = 16
	// connMaxIdleTime closes pooled connections idle this long.
	connMaxIdleTime = 5 * time.Minute
	// connMaxLifetime replaces pooled connections this old, so that a
	// failover or a server's settings change reaches every connection.
	connMaxLifetime = time.Hour
)

// schemes maps the URL schemes Open accepts to engines.
var schemes = map[string]string{"postgres": "postgres", "postgresql": "postgres", "mysql": "mysql"}

// server is a database server's address, credentials and connection
// settings, from a DATABASES entry's URL, fields and OPTIONS.
type server struct {
	engine, host, port, name, user, password string
	// params are the driver's connection parameters.
	params         url.Values
	connectTimeout time.Duration
	maxConns       int
}

// resolve sets the entry's engine from its URL's scheme, if it has a URL.
// A URL over a sqlite entry (the default one) drops its NAME, a file.
func resolve(d settings.Database) (settings.Database, error) {
	if d.URL == "" {
		return d, nil
	}
	u, err := parseURL(d.URL)
	if err != nil {
		return d, err
	}
	e, ok := schemes[u.Scheme]
	switch {
	case !ok:
		return d, fmt.Errorf("db: URL scheme %q is not supported (want postgres, postgresql or mysql)", u.Scheme)
	case d.Engine == "sqlite":
		d.Name = ""
	case d.Engine != "" && d.Engine != e:
		return d, fmt.Errorf("db: URL scheme %q does not match ENGINE %q", u.Scheme, d.Engine)
	}
	d.Engine = e
	return d, nil
}

// parseURL parses a database URL without ever putting it, and the
// password it may hold, into an error.
func parseURL(s string) (*url.URL, error) {
	u, err := url.Parse(s)
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err
	}
	if err != nil {
		return nil, fmt.Errorf("db: URL is not valid: %w", err)
	}
	return u, nil
}

// parseServer merges d's URL, fields and OPTIONS: the URL's parts first,
// then the fields for the parts it leaves out; defaultPort is the
// engine's.
func parseServer(d settings.Database, defaultPort string) (*server, error) {
	s := &server{engine: d.Engine, params: url.Values{}, connectTimeout: defaultConnectTimeout, maxConns: defaultMaxConns}
	if d.URL != "" {
		u, err := parseURL(d.URL)
		if err != nil {
			return nil, err
		}
		s.host, s.port = u.Hostname(), u.Port()
		s.name = strings.TrimPrefix(u.Path, "/")
		s.user = u.User.Username()
		s.password, _ = u.User.Password()
		s.params = u.Query()
	}
	fill(&s.host, d.Host)
	fill(&s.port, d.Port)
	fill(&s.name, d.Name)
	fill(&s.user, d.User)
	fill(&s.password, d.Password)
	if s.host == "" {
		s.host = "localhost"
	}
	if s.port == "" {
		s.port = defaultPort
	}
	if err := s.options(d.Options); err != nil {
		return nil, err
	}
	return s, nil
}

// fill sets a part the URL left out.
func fill(dst *string, v string) {
	if *dst == "" {
		*dst = v
	}
}

// options reads connect_timeout and max_conns, and keeps the rest (and
// the URL's query) as driver parameters.
func (s *server) options(opts map[string]any) error {
	all := map[string]string{}
	for k, v := range s.params {
		all[k] = v[len(v)-1]
	}
	for k, v := range opts {
		all[k] = fmt.Sprint(v)
	}
	for k, v := range all {
		switch k {
		case "connect_timeout":
			n, err := strconv.Atoi(v)
			if err != nil || n < 0 {
				return fmt.Errorf("db: %s OPTIONS connect_timeout %q: want a whole number of seconds", s.engine, v)
			}
			s.connectTimeout = time.Duration(n) * time.Second
			s.params.Del(k)
		case "max_conns":
			n, err := strconv.Atoi(v)
			if err != nil || n < 1 {
				return fmt.Errorf("db: %s OPTIONS max_conns %q: want a positive number", s.engine, v)
			}
			s.maxConns = n
			s.params.Del(k)
		default:
			s.params.Set(k, v)
		}
	}
	return nil
}

// target names s in errors.
func (s *server) target() *target {
	return &target{engine: s.engine, addr: net.JoinHostPort(s.host, s.port) + "/" + s.name, secret: s.password}
}

// open opens a pool of driver connections to dsn, bounds it, pings the
// server within twice the connect timeout, then hands the pool to GORM
// through dialect. Pinging first means GORM's own start-up queries (the
// MySQL dialect asks for the server version) find a live server.
func (s *server) open(driver, dsn string, dialect func(*sql.DB) gorm.Dialector, cfg *gorm.Config) (*gorm.DB, error) {
	t := s.target()
	sqlDB, err := sql.Open(driver, dsn)
	if err != nil {
		return nil, t.fail(err)
	}
	sqlDB.SetMaxOpenConns(s.maxConns)
	sqlDB.SetMaxIdleConns(s.maxConns)
	sqlDB.SetConnMaxIdleTime(connMaxIdleTime)
	sqlDB.SetConnMaxLifetime(connMaxLifetime)
	ctx := context.Background()
	if s.connectTimeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, 2*s.connectTimeout)
		defer cancel()
	}
	if err := sqlDB.PingContext(ctx); err != nil {
		sqlDB.Close()
		return nil, t.fail(err)
	}
	db, err := gorm.Open(dialect(sqlDB), cfg)
	if err == nil {
		err = db.Use(t)
	}
	if err != nil {
		sqlDB.Close()
		return nil, t.fail(err)
	}
	return db, nil
}
