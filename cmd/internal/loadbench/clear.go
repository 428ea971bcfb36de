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
	oo, srv, stop, err := launchInOwnSchema(ctx, o, e, e.db == "postgres", bin, dir)
	if err != nil {
		return nil, nil, err
	}
	defer stop()
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
// while /read and /incr run in alternate one-second rounds, and returns
// /read's point (the requests/s over the deletion and the worst round's
// p99) and a note with /incr's.
func clearUnderLoad(ctx context.Context, o *Options, e engine, f *sqlFiller, srv *server, script, method, bin, dir string) (Point, string, error) {
	fmt.Fprintf(o.Log, "loadtest: %s: filling %d expired rows\n", e.name, o.ClearRows)
	if err := f.fill(ctx, 0, o.ClearRows, time.Now().Add(-24*time.Hour)); err != nil {
		return Point{}, "", err
	}
	done := make(chan clearResult, 1)
	begin := time.Now()
	go func() {
		n, err := clearBy(ctx, method, f, e, bin, dir)
		done <- clearResult{n, time.Since(begin), err}
	}()
	read, incr := &target{srv: srv, path: "/read", script: script}, &target{srv: srv, path: "/incr", script: script}
	worst := map[*target]time.Duration{}
	for i := 0; ; i++ {
		select {
		case r := <-done:
			p := Point{Engine: e.name, Endpoint: method, X: o.ClearRows, RPS: read.tally.rps(), P99: worst[read], Errors: read.tally.errors}
			return p, r.note(e, method, read, incr, worst), r.err
		default:
		}
		t := []*target{read, incr}[i%2]
		s, err := runWrk(ctx, o, t.script, t.url(), time.Second)
		if err != nil {
			<-done
			return Point{}, "", err
		}
		t.tally.add(s)
		worst[t] = max(worst[t], s.p99)
	}
}

// clearResult is the outcome of one deletion.
type clearResult struct {
	n    int64
	took time.Duration
	err  error
}

// note says what the deletion did and what /read and /incr, measured in
// alternate one-second rounds while it ran, saw.
func (r clearResult) note(e engine, method string, read, incr *target, worst map[*target]time.Duration) string {
	return fmt.Sprintf("%s, %s: deleted %d rows in %.1fs; p99 while deleting (median round, worst round): "+
		"/read %s, %s; /incr %s, %s with %d errors",
		e.name, strings.TrimPrefix(method, "/read during "), r.n, r.took.Seconds(),
		fmtDuration(read.tally.p99()), fmtDuration(worst[read]), fmtDuration(incr.tally.p99()), fmtDuration(worst[incr]), incr.tally.errors)
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
