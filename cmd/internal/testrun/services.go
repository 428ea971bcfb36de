package testrun

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"sync"
	"time"

	"github.com/manouche-go/manouche/framework/cache"
	_ "github.com/manouche-go/manouche/framework/cache/redis" // BACKEND redis
	"github.com/manouche-go/manouche/framework/db"
	"github.com/manouche-go/manouche/framework/settings"
)

// Service is a server the tests use when the variable Env names it.
type Service struct {
	// Name is what messages call it.
	Name string
	// Env is the variable holding its URL.
	Env string
	// Default is where a local install answers, in the form of CI's URL.
	Default string
	// probe connects to a URL and checks that it answers.
	probe func(ctx context.Context, url string) error
}

// Services are the servers the tests use: PostgreSQL, MariaDB or MySQL,
// and Redis, at their default local addresses.
var Services = []Service{
	{"PostgreSQL", "MANOUCHE_TEST_POSTGRES_DSN", "postgres://postgres@127.0.0.1:5432/test?sslmode=disable", probeDB},
	{"MariaDB/MySQL", "MANOUCHE_TEST_MYSQL_DSN", "mysql://root@127.0.0.1:3306/test", probeDB},
	{"Redis", "MANOUCHE_TEST_REDIS_URL", "redis://127.0.0.1:6379/0", probeRedis},
}

// ProbeTimeout bounds each probe.
const ProbeTimeout = 3 * time.Second

// Found is the outcome of probing one service.
type Found struct {
	Service
	// URL is the service's URL: the variable's value when it is set, else
	// Default when a server answered there, else "".
	URL string
	// FromEnv tells that the variable was set (and nothing was probed).
	FromEnv bool
	// Err is why the default address did not do.
	Err error
}

// Detect finds each service: from its variable when getenv (os.Getenv)
// returns one, otherwise by probing its default address, all at once.
func Detect(ctx context.Context, getenv func(string) string) []Found {
	found := make([]Found, len(Services))
	var wg sync.WaitGroup
	for i, s := range Services {
		found[i] = Found{Service: s}
		if v := getenv(s.Env); v != "" {
			found[i].URL, found[i].FromEnv = v, true
			continue
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			ctx, cancel := context.WithTimeout(ctx, ProbeTimeout)
			defer cancel()
			if found[i].Err = s.probe(ctx, s.Default); found[i].Err == nil {
				found[i].URL = s.Default
			}
		}()
	}
	wg.Wait()
	return found
}

func probeDB(ctx context.Context, url string) error {
	g, err := db.Open(settings.Database{URL: url, Options: map[string]any{"max_conns": 1, "connect_timeout": 2}}, slog.New(slog.DiscardHandler))
	if err != nil {
		return err
	}
	defer func() {
		if sqlDB, err := g.DB(); err == nil {
			sqlDB.Close()
		}
	}()
	return db.Ping(ctx, g)
}

func probeRedis(ctx context.Context, url string) error {
	c, err := cache.Open(cache.Config{Backend: "redis", Location: url})
	if err != nil {
		return err
	}
	if cl, ok := c.(io.Closer); ok {
		defer cl.Close()
	}
	return cache.Ping(ctx, c)
}

// Environ returns environ with the variable of each service found by
// probing set to its URL.
func Environ(environ []string, found []Found) []string {
	out := append([]string(nil), environ...)
	for _, f := range found {
		if !f.FromEnv && f.URL != "" {
			out = append(out, f.Env+"="+f.URL)
		}
	}
	return out
}

// Report writes one line per service: where it was found, or why not.
func Report(w io.Writer, found []Found) {
	for _, f := range found {
		switch {
		case f.FromEnv:
			fmt.Fprintf(w, "testrun: %s: %s (from %s)\n", f.Name, f.URL, f.Env)
		case f.URL != "":
			fmt.Fprintf(w, "testrun: %s: %s answers; %s set for the tests\n", f.Name, f.URL, f.Env)
		default:
			fmt.Fprintf(w, "testrun: %s: not at %s (%s); set %s to use another server\n", f.Name, f.Default, oneLine(f.Err), f.Env)
		}
	}
}

func oneLine(err error) string {
	if err == nil {
		return "no answer"
	}
	return strings.Join(strings.Fields(err.Error()), " ")
}
