package site

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/url"
	"sort"
	"strings"
	"time"

	"github.com/manouche-go/manouche/framework/cache"
	"github.com/manouche-go/manouche/framework/db"
	"github.com/manouche-go/manouche/framework/settings"
)

// PingTimeout bounds how long [Site.Ping] waits for each service.
const PingTimeout = 5 * time.Second

// Ping checks that the services the site depends on answer: the database
// DATABASES.default and every cache in CACHES. The error is one line naming
// the first service that does not answer (never its password). check and
// runserver call it at start-up.
func (s *Site) Ping(ctx context.Context) error {
	if err := s.pingDB(ctx); err != nil {
		return err
	}
	aliases := make([]string, 0, len(s.Settings.Caches))
	for alias := range s.Settings.Caches {
		aliases = append(aliases, alias)
	}
	sort.Strings(aliases)
	for _, alias := range aliases {
		if err := pingCache(ctx, alias, s.Settings.Caches[alias]); err != nil {
			return err
		}
	}
	return nil
}

func (s *Site) pingDB(ctx context.Context) error {
	d := s.Settings.Databases["default"]
	gdb, err := s.Env.DB()
	if err == nil {
		ctx, cancel := context.WithTimeout(ctx, PingTimeout)
		defer cancel()
		err = db.Ping(ctx, gdb)
	}
	if err != nil {
		return &unreachableError{fmt.Sprintf("database \"default\" (%s)", engineOf(d)), err}
	}
	return nil
}

// engineOf is the engine a database entry opens: its URL's scheme wins
// over ENGINE, as in framework/db.
func engineOf(d settings.Database) string {
	if scheme, _, ok := strings.Cut(d.URL, "://"); ok {
		switch scheme {
		case "postgres", "postgresql":
			return "postgres"
		case "mysql":
			return "mysql"
		}
	}
	return d.Engine
}

// unreachableError names a service that does not answer, in one line:
// drivers' multi-line messages are folded.
type unreachableError struct {
	service string
	err     error
}

// Error names the service and the cause: the network error when there is
// one ("dial tcp 127.0.0.1:6379: connect: connection refused"), without
// the layers of wrapping above it, or else the whole message on one line.
func (e *unreachableError) Error() string {
	msg := e.err.Error()
	var op *net.OpError
	if errors.As(e.err, &op) {
		msg = op.Error()
	}
	msg = strings.ReplaceAll(strings.ReplaceAll(msg, "\n", "; "), ":; ", ": ")
	msg = strings.Join(strings.Fields(msg), " ")
	return e.service + ": unreachable: " + msg
}

func (e *unreachableError) Unwrap() error { return e.err }

func pingCache(ctx context.Context, alias string, cfg settings.Cache) error {
	where := cfg.Backend
	if cfg.Location != "" {
		where += " " + redactURL(cfg.Location)
	}
	c, err := cache.Open(cache.Config{
		Backend:   cfg.Backend,
		Location:  cfg.Location,
		KeyPrefix: cfg.KeyPrefix,
		Timeout:   cfg.Timeout,
		Options:   cfg.Options,
	})
	if err == nil {
		if cl, ok := c.(io.Closer); ok {
			defer cl.Close()
		}
		ctx, cancel := context.WithTimeout(ctx, PingTimeout)
		defer cancel()
		err = cache.Ping(ctx, c)
	}
	if err != nil {
		return &unreachableError{fmt.Sprintf("cache %q (%s)", alias, where), err}
	}
	return nil
}

// redactURL hides the password of a URL such as redis://:secret@host/0.
func redactURL(s string) string {
	u, err := url.Parse(s)
	if err != nil || u.User == nil {
		return s
	}
	return u.Redacted()
}
