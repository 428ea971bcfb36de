package loadbench

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
)

// target is one endpoint of one server, measured with one script.
type target struct {
	srv    *server
	path   string
	script string
	tally  tally
}

// Run runs the load test with o and returns the table's rows: the
// baseline's /plain, then for each engine /plain, /read, /incr and
// /incr without a cookie, or one skipped row. It stops every server it
// started before it returns; a failed engine makes it return an error
// after the others have run.
func Run(ctx context.Context, o Options) ([]Row, error) {
	o.fill()
	if err := ensureWrk(ctx, &o); err != nil {
		return nil, err
	}
	if _, err := exec.LookPath("taskset"); err != nil {
		fmt.Fprintln(o.Log, "loadtest: taskset not found: the server and wrk are not pinned to cores")
	}
	dir, bin, err := workDir(ctx, &o)
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	base, err := launch(ctx, &o, baseline, bin, filepath.Join(dir, "baseline"))
	if err != nil {
		return nil, fmt.Errorf("loadbench: baseline server: %w", err)
	}
	defer base.stop()
	baseTally := &tally{}
	var rows []Row
	var errs []error
	for i, name := range o.Engines {
		e, err := findEngine(name)
		if err != nil {
			return rows, err
		}
		fmt.Fprintf(o.Log, "loadtest: %s\n", e.name)
		r, err := runEngine(ctx, &o, e, base, baseTally, bin, filepath.Join(dir, strconv.Itoa(i)))
		errs = append(errs, err)
		rows = append(rows, r...)
	}
	first := baseTally.row(baseline.name, "/plain", baseTally)
	return append([]Row{first}, rows...), errors.Join(errs...)
}

// launch writes e's settings in dir and starts its server.
func launch(ctx context.Context, o *Options, e engine, bin, dir string) (*server, error) {
	settingsFile, err := e.writeSettings(dir, o)
	if err != nil {
		return nil, err
	}
	profile := ""
	if o.ProfileDir != "" && e.session != "" {
		profile = filepath.Join(o.ProfileDir, strings.ReplaceAll(e.name, "/", "_")+".pprof")
	}
	return startServer(ctx, bin, settingsFile, o.ServerCPU, profile)
}

// runEngine measures one engine; a server that does not start, or an
// engine missing its service, is a skipped row, not an error.
func runEngine(ctx context.Context, o *Options, e engine, base *server, baseTally *tally, bin, dir string) ([]Row, error) {
	if why := e.unavailable(o); why != "" {
		return []Row{{Engine: e.name, Skipped: why}}, nil
	}
	srv, err := launch(ctx, o, e, bin, dir)
	if err != nil {
		return []Row{{Engine: e.name, Skipped: err.Error()}}, nil
	}
	defer srv.stop()
	cookies, err := newSessions(ctx, srv, o.Connections)
	if err != nil {
		return []Row{{Engine: e.name, Skipped: err.Error()}}, nil
	}
	withCookies, err := writeScript(dir, cookies)
	if err != nil {
		return nil, err
	}
	cookieless, err := writeScript(dir, nil)
	if err != nil {
		return nil, err
	}
	plain, read, incr := &target{srv: srv, path: "/plain", script: withCookies},
		&target{srv: srv, path: "/read", script: withCookies}, &target{srv: srv, path: "/incr", script: withCookies}
	basePlain := &target{srv: base, path: "/plain", script: cookieless}
	var compare []*target
	if o.Compare != "" {
		stop, ts, err := compareTargets(ctx, o, e, filepath.Join(dir, "compare"))
		if err != nil {
			return nil, fmt.Errorf("%s (compare): %w", e.name, err)
		}
		defer stop()
		compare = ts
	}
	if err := measure(ctx, o, append([]*target{plain, read, incr, basePlain}, compare...)...); err != nil {
		return nil, fmt.Errorf("%s: %w", e.name, err)
	}
	if err := checkSession(ctx, srv, cookies[0]); err != nil {
		return nil, fmt.Errorf("%s: %w", e.name, err)
	}
	// Session creation last: it may evict the sessions of the cache engines.
	plain2, create := &target{srv: srv, path: "/plain", script: withCookies}, &target{srv: srv, path: "/incr", script: cookieless}
	if err := measure(ctx, o, plain2, create); err != nil {
		return nil, fmt.Errorf("%s: %w", e.name, err)
	}
	baseTally.merge(&basePlain.tally)
	rows := []Row{
		plain.tally.row(e.name, "/plain", &basePlain.tally),
		read.tally.row(e.name, "/read", &plain.tally),
		incr.tally.row(e.name, "/incr", &plain.tally),
		create.tally.row(e.name, "/incr (no cookie)", &plain2.tally),
	}
	if compare != nil {
		name := e.name + " (compare)"
		rows = append(rows, compare[0].tally.row(name, "/plain", &basePlain.tally),
			compare[1].tally.row(name, "/read", &compare[0].tally), compare[2].tally.row(name, "/incr", &compare[0].tally))
	}
	return rows, nil
}

// compareTargets starts o.Compare on e's configuration in dir, with its
// own sessions, and returns what stops it and its /plain, /read and /incr.
func compareTargets(ctx context.Context, o *Options, e engine, dir string) (func(), []*target, error) {
	srv, err := launch(ctx, o, e, o.Compare, dir)
	if err != nil {
		return nil, nil, err
	}
	cookies, err := newSessions(ctx, srv, o.Connections)
	if err == nil {
		var script string
		if script, err = writeScriptAs(dir, "compare.lua", cookies); err == nil {
			return srv.stop, []*target{{srv: srv, path: "/plain", script: script},
				{srv: srv, path: "/read", script: script}, {srv: srv, path: "/incr", script: script}}, nil
		}
	}
	srv.stop()
	return nil, nil, err
}

// measure warms every target up, then runs rounds of o.round (one
// second unless a curve says otherwise) over all the targets in turn
// until each has run for o.Duration.
func measure(ctx context.Context, o *Options, targets ...*target) error {
	for _, t := range targets {
		if _, err := runWrk(ctx, o, t.script, t.url(), o.Warmup); err != nil {
			return err
		}
	}
	for range max(1, int(o.Duration/o.round)) {
		for _, t := range targets {
			s, err := runWrk(ctx, o, t.script, t.url(), o.round)
			if err != nil {
				return err
			}
			t.tally.add(s)
		}
	}
	return nil
}

func (t *target) url() string { return "http://" + t.srv.addr + t.path }

// newSessions creates n sessions with /incr and returns their cookies.
func newSessions(ctx context.Context, srv *server, n int) ([]string, error) {
	cookies := make([]string, 0, n)
	for range n {
		status, body, cookie, err := srv.get(ctx, "/incr", "")
		if err != nil {
			return nil, err
		}
		if status != 200 || cookie == "" {
			return nil, fmt.Errorf("GET /incr: got %d %q and no session cookie", status, strings.TrimSpace(body))
		}
		cookies = append(cookies, cookie)
	}
	return cookies, nil
}

// checkSession verifies, after the measurement, that a session the load
// test created is still there: otherwise /read and /incr measured a
// different path (a missing session) than they claim.
func checkSession(ctx context.Context, srv *server, cookie string) error {
	status, body, _, err := srv.get(ctx, "/read", cookie)
	if err != nil {
		return err
	}
	if n, _ := strconv.Atoi(body); status != 200 || n < 1 {
		return fmt.Errorf("a load-test session was lost (GET /read: %d %q)", status, body)
	}
	return nil
}

func (t *tally) merge(u *tally) {
	t.requests += u.requests
	t.errors += u.errors
	t.duration += u.duration
	t.p99s = append(t.p99s, u.p99s...)
}
