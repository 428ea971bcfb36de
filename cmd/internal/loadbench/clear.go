package loadbench

import (
	"context"
	"fmt"
	"os/exec"
	"strings"
	"time"
)

// Clear methods, as the "clear" curve's endpoints name them.
const (
	clearOneStatement  = "/read during one DELETE"
	clearSessionsBatch = "/read during clearsessions"
)

// runClear measures /read alone, then while o.ClearRows expired rows are
// deleted twice: by one DELETE … WHERE expire_date < now (what
// clearsessions did before it deleted in batches) and by the clearsessions
// command itself (cmd/benchserver runs it on the same settings). Each
// note says how long a deletion took and how many rows it reported.
func runClear(ctx context.Context, o *Options, e engine, bin, dir string) ([]Point, []string, error) {
	oo := *o
	if e.db == "postgres" {
		dsn, drop, err := postgresSchema(ctx, o.PostgresDSN)
		if err != nil {
			return nil, nil, err
		}
		defer drop()
		oo.PostgresDSN = dsn
	}
	srv, err := launch(ctx, &oo, e, bin, dir)
	if err != nil {
		return nil, nil, err
	}
	defer srv.stop()
	f, err := openSQL(e, dir, oo.PostgresDSN)
	if err != nil {
		return nil, nil, err
	}
	defer f.close()
	script, _, err := sessionsOf(ctx, srv, dir, "clear.lua", o.Connections, 0)
	if err != nil {
		return nil, nil, err
	}
	plain, read := &target{srv: srv, path: "/plain", script: script}, &target{srv: srv, path: "/read", script: script}
	if err := measure(ctx, o, plain, read); err != nil {
		return nil, nil, err
	}
	ps := points(e, 0, plain, read)
	ps[0].Endpoint = "/read alone"
	var notes []string
	for _, method := range []string{clearOneStatement, clearSessionsBatch} {
		p, note, err := clearUnderLoad(ctx, o, e, f, srv, script, method, bin, dir)
		if err != nil {
			return ps, notes, err
		}
		p.Ratio = p.RPS / plain.tally.rps()
		ps, notes = append(ps, p), append(notes, note)
	}
	return ps, notes, nil
}

// clearUnderLoad fills o.ClearRows expired rows, deletes them by method
// while /read runs in one-second rounds, and returns /read's point: the
// requests/s over the deletion and the worst round's p99.
func clearUnderLoad(ctx context.Context, o *Options, e engine, f *sqlFiller, srv *server, script, method, bin, dir string) (Point, string, error) {
	fmt.Fprintf(o.Log, "loadtest: %s: filling %d expired rows\n", e.name, o.ClearRows)
	if err := f.fill(ctx, 0, o.ClearRows, time.Now().Add(-24*time.Hour)); err != nil {
		return Point{}, "", err
	}
	type result struct {
		n   int64
		err error
	}
	done := make(chan result, 1)
	begin := time.Now()
	go func() {
		n, err := clearBy(ctx, method, f, e, bin, dir)
		done <- result{n, err}
	}()
	t := &target{srv: srv, path: "/read", script: script}
	var worst time.Duration
	for {
		select {
		case r := <-done:
			took := time.Since(begin)
			p := Point{Engine: e.name, Endpoint: method, X: o.ClearRows, RPS: t.tally.rps(), P99: worst, Errors: t.tally.errors}
			note := fmt.Sprintf("%s, %s: deleted %d rows in %.1fs; /read p99 while deleting: median round %s, worst round %s",
				e.name, strings.TrimPrefix(method, "/read during "), r.n, took.Seconds(), fmtDuration(t.tally.p99()), fmtDuration(worst))
			return p, note, r.err
		default:
		}
		s, err := runWrk(ctx, o, t.script, t.url(), time.Second)
		if err != nil {
			<-done
			return Point{}, "", err
		}
		t.tally.add(s)
		worst = max(worst, s.p99)
	}
}

// clearBy deletes the expired rows by method and returns how many.
func clearBy(ctx context.Context, method string, f *sqlFiller, e engine, bin, dir string) (int64, error) {
	if method == clearOneStatement {
		q, now := "DELETE FROM django_session WHERE expire_date < ?", any(time.Now().UTC().Format("2006-01-02 15:04:05"))
		if e.db == "postgres" {
			q, now = "DELETE FROM django_session WHERE expire_date < $1", time.Now()
		}
		return f.exec(ctx, q, now)
	}
	cmd := exec.CommandContext(ctx, bin, dir+"/settings.yaml", "manage", "clearsessions")
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return 0, fmt.Errorf("clearsessions: %w\n%s", err, stderr.String())
	}
	var n int64
	if _, err := fmt.Sscanf(string(out), "Deleted %d expired sessions.", &n); err != nil {
		return 0, fmt.Errorf("clearsessions printed %q, want \"Deleted N expired sessions.\"", out)
	}
	return n, nil
}
