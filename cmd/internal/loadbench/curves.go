package loadbench

import (
	"context"
	"fmt"
	"time"
)

// runSizes measures /read and /incr of sessions of each size, all sizes
// in the same interleaved rounds on one server.
func runSizes(ctx context.Context, o *Options, e engine, bin, dir string) ([]Point, []string, error) {
	srv, err := launch(ctx, o, e, bin, dir)
	if err != nil {
		return nil, nil, err
	}
	defer srv.stop()
	var reads, incrs []*target
	for _, size := range o.Sizes {
		script, _, err := sessionsOf(ctx, srv, dir, fmt.Sprintf("size-%d.lua", size), o.Connections, size)
		if err != nil {
			return nil, nil, err
		}
		reads = append(reads, &target{srv: srv, path: "/read", script: script})
		incrs = append(incrs, &target{srv: srv, path: "/incr", script: script})
	}
	plain := &target{srv: srv, path: "/plain", script: reads[0].script}
	all := append(append([]*target{plain}, reads...), incrs...)
	if err := measure(ctx, o, all...); err != nil {
		return nil, nil, err
	}
	var ps []Point
	for i, size := range o.Sizes {
		ps = append(ps, points(e, size, plain, reads[i], incrs[i])...)
	}
	return ps, nil, nil
}

// filler is storage that takes filler sessions: rows or Redis keys.
type filler interface {
	add(ctx context.Context, from, to int) error
	close()
}

type sqlRows struct{ *sqlFiller }

func (f sqlRows) add(ctx context.Context, from, to int) error {
	return f.fill(ctx, from, to, time.Now().Add(24*time.Hour))
}

type redisKeys struct{ *redisFiller }

func (f redisKeys) add(ctx context.Context, from, to int) error {
	return f.fill(ctx, from, to, 24*time.Hour)
}

func (f redisKeys) close() { f.redisFiller.close() }

// runRows measures /read and /incr as filler sessions are added up to
// each count of o.Rows, on PostgreSQL in a schema of its own that is
// dropped afterwards; Redis keys are deleted afterwards.
func runRows(ctx context.Context, o *Options, e engine, bin, dir string) ([]Point, []string, error) {
	oo, srv, stop, err := launchInOwnSchema(ctx, o, e, e.db == "postgres" && e.session != "cache", bin, dir)
	if err != nil {
		return nil, nil, err
	}
	defer stop()
	f, err := newFiller(ctx, oo, e, dir)
	if err != nil {
		return nil, nil, err
	}
	defer f.close()
	script, _, err := sessionsOf(ctx, srv, dir, "rows.lua", o.Connections, 0)
	if err != nil {
		return nil, nil, err
	}
	var ps []Point
	stored := o.Connections
	for _, n := range o.Rows {
		if n > stored {
			fmt.Fprintf(o.Log, "loadtest: %s: filling to %d sessions\n", e.name, n)
			if err := f.add(ctx, stored, n); err != nil {
				return ps, nil, err
			}
			stored = n
		}
		plain, read, incr := &target{srv: srv, path: "/plain", script: script},
			&target{srv: srv, path: "/read", script: script}, &target{srv: srv, path: "/incr", script: script}
		if err := measure(ctx, o, plain, read, incr); err != nil {
			return ps, nil, err
		}
		ps = append(ps, points(e, n, plain, read, incr)...)
	}
	return ps, nil, nil
}

func newFiller(ctx context.Context, o *Options, e engine, dir string) (filler, error) {
	if e.cache == "redis" && e.session == "cache" {
		f, err := dialRedis(ctx, o.RedisURL)
		if err != nil {
			return nil, err
		}
		return redisKeys{f}, nil
	}
	f, err := openSQL(e, dir, o.PostgresDSN)
	if err != nil {
		return nil, err
	}
	return sqlRows{f}, nil
}

// runConns measures /read and /incr at each number of connections, over
// as many sessions as the largest number.
func runConns(ctx context.Context, o *Options, e engine, bin, dir string) ([]Point, []string, error) {
	srv, err := launch(ctx, o, e, bin, dir)
	if err != nil {
		return nil, nil, err
	}
	defer srv.stop()
	script, _, err := sessionsOf(ctx, srv, dir, "conns.lua", maxOf(o.Conns), 0)
	if err != nil {
		return nil, nil, err
	}
	var ps []Point
	for _, n := range o.Conns {
		oc := *o
		oc.Connections = n
		plain, read, incr := &target{srv: srv, path: "/plain", script: script},
			&target{srv: srv, path: "/read", script: script}, &target{srv: srv, path: "/incr", script: script}
		if err := measure(ctx, &oc, plain, read, incr); err != nil {
			return ps, nil, err
		}
		ps = append(ps, points(e, n, plain, read, incr)...)
	}
	return ps, nil, nil
}

func maxOf(xs []int) int {
	m := 0
	for _, x := range xs {
		m = max(m, x)
	}
	return m
}
