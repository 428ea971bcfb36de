package loadbench

import (
	"fmt"
	"io"
	"slices"
	"time"
)

// Row is one line of the load test's table.
type Row struct {
	// Engine and Endpoint name the configuration and the request, such as
	// "db/sqlite" and "/incr (no cookie)".
	Engine, Endpoint string
	// RPS is the requests per second, P99 the 99th percentile latency.
	RPS float64
	P99 time.Duration
	// Ratio is RPS over that of the engine's /plain measured in the same
	// rounds; for /plain itself, over /plain without the session
	// middleware.
	Ratio float64
	// Errors counts responses with a status of 400 or more, and socket
	// errors.
	Errors int64
	// Skipped, when not empty, says why the engine did not run; the
	// numbers are then zero.
	Skipped string
}

// tally accumulates the samples of one endpoint over the rounds.
type tally struct {
	requests, errors int64
	duration         time.Duration
	p99s             []time.Duration
}

func (t *tally) add(s sample) {
	t.requests += s.requests
	t.errors += s.errors + s.socket
	t.duration += s.duration
	t.p99s = append(t.p99s, s.p99)
}

func (t *tally) rps() float64 {
	if t.duration <= 0 {
		return 0
	}
	return float64(t.requests) / t.duration.Seconds()
}

// p99 is the median of the rounds' 99th percentiles.
func (t *tally) p99() time.Duration {
	if len(t.p99s) == 0 {
		return 0
	}
	s := slices.Clone(t.p99s)
	slices.Sort(s)
	return s[len(s)/2]
}

func (t *tally) row(engine, endpoint string, base *tally) Row {
	r := Row{Engine: engine, Endpoint: endpoint, RPS: t.rps(), P99: t.p99(), Errors: t.errors}
	if b := base.rps(); b > 0 {
		r.Ratio = r.RPS / b
	}
	return r
}

// WriteTable prints rows as the load test's table, with a legend.
func WriteTable(w io.Writer, rows []Row) {
	const format = "%-24s %-18s %10s %9s %6s %6s\n"
	fmt.Fprintf(w, format, "engine", "endpoint", "requests/s", "p99", "ratio", "errors")
	for _, r := range rows {
		if r.Skipped != "" {
			fmt.Fprintf(w, "%-24s skipped: %s\n", r.Engine, r.Skipped)
			continue
		}
		ratio := fmt.Sprintf("%.2f", r.Ratio)
		if r.Endpoint == "/plain" {
			ratio += "*"
		}
		fmt.Fprintf(w, format, r.Engine, r.Endpoint, fmt.Sprintf("%.0f", r.RPS), fmtDuration(r.P99), ratio, fmt.Sprint(r.Errors))
	}
	fmt.Fprintln(w, "ratio: requests/s over the same engine's /plain, measured in interleaved rounds of the same run;")
	fmt.Fprintln(w, "* /plain: over /plain without the session middleware (a view that never touches the session).")
	fmt.Fprintln(w, "errors: responses with status >= 400 plus socket errors.")
}

func fmtDuration(d time.Duration) string {
	if d >= time.Millisecond {
		return fmt.Sprintf("%.2fms", float64(d)/float64(time.Millisecond))
	}
	return fmt.Sprintf("%dµs", d/time.Microsecond)
}

// WriteCurve prints c as a table: per engine and endpoint, each x with
// its requests/s, p99, ratio to /plain and cost relative to the first x.
func WriteCurve(w io.Writer, c Curve) {
	fmt.Fprintf(w, "\n%s (x: %s)\n", c.Title, c.XLabel)
	const format = "%-14s %-28s %10s %10s %9s %6s %6s %6s\n"
	fmt.Fprintf(w, format, "engine", "endpoint", "x", "requests/s", "p99", "ratio", "cost", "errors")
	first := map[string]float64{}
	for _, p := range c.Points {
		k := p.Engine + " " + p.Endpoint
		if _, ok := first[k]; !ok {
			first[k] = c.base(p)
		}
		cost := "-"
		if c.base(p) > 0 && first[k] > 0 {
			cost = fmt.Sprintf("%.2f", first[k]/c.base(p))
		}
		fmt.Fprintf(w, format, p.Engine, p.Endpoint, fmtCount(p.X), fmt.Sprintf("%.0f", p.RPS), fmtDuration(p.P99),
			fmt.Sprintf("%.2f", p.Ratio), cost, fmt.Sprint(p.Errors))
	}
	for _, r := range c.Skipped {
		fmt.Fprintf(w, "%-14s skipped: %s\n", r.Engine, r.Skipped)
	}
	for _, n := range c.Notes {
		fmt.Fprintln(w, n)
	}
	fmt.Fprintln(w, "ratio: requests/s over the same server's /plain in the same rounds; cost: the first x's ratio over this one's")
	if c.SameRounds {
		fmt.Fprintln(w, "(here every x ran in the same rounds, so cost compares requests/s directly)")
	}
	fmt.Fprintln(w, "(2.00: each request costs twice as much as at the first x).")
}

// fmtCount writes 1000 as 1k, 65536 as 64Ki, 1000000 as 1M.
func fmtCount(n int) string {
	switch {
	case n >= 1<<10 && n%(1<<10) == 0 && n%1000 != 0:
		return fmt.Sprintf("%dKi", n>>10)
	case n >= 1_000_000 && n%1_000_000 == 0:
		return fmt.Sprintf("%dM", n/1_000_000)
	case n >= 1000 && n%1000 == 0:
		return fmt.Sprintf("%dk", n/1000)
	}
	return fmt.Sprint(n)
}
