package loadbench

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"time"
)

// Point is one measurement of a curve: an endpoint of an engine at one x.
type Point struct {
	Engine, Endpoint string
	X                int
	RPS              float64
	P99              time.Duration
	// Ratio is RPS over the same server's /plain in the same rounds.
	Ratio  float64
	Errors int64
}

// Curve is how the cost of /read and /incr grows with one quantity.
type Curve struct {
	// Name is the -curves name: "sizes", "rows", "connections", "clear".
	Name          string
	Title, XLabel string
	Xs            []int
	Points        []Point
	// Skipped are the engines that did not run, with why.
	Skipped []Row
	// Notes are lines printed under the table.
	Notes []string
	// SameRounds is true when every x was measured in the same
	// interleaved rounds (sizes): the cost then compares requests/s
	// directly, without going through each x's /plain.
	SameRounds bool
}

// base is what the cost of p compares: its requests/s when all xs share
// rounds, else its ratio to /plain.
func (c Curve) base(p Point) float64 {
	if c.SameRounds {
		return p.RPS
	}
	return p.Ratio
}

// curveSpec describes one curve: its default engines and how one engine
// is measured.
type curveSpec struct {
	name, title, xLabel string
	engines             []string
	anyEngine           bool // -engines may name any engine, not only those above
	xs                  func(o *Options) []int
	run                 func(ctx context.Context, o *Options, e engine, bin, dir string) ([]Point, []string, error)
}

var curveSpecs = []curveSpec{
	{"sizes", "/read and /incr against session size", "session size (bytes of data)",
		[]string{"cache/locmem", "cache/redis", "db/sqlite", "db/postgres"}, true,
		func(o *Options) []int { return o.Sizes }, runSizes},
	{"rows", "/read and /incr against stored sessions", "sessions stored",
		[]string{"db/sqlite", "db/postgres", "cache/redis"}, false,
		func(o *Options) []int { return o.Rows }, runRows},
	{"connections", "/read and /incr against connections", "wrk connections",
		[]string{"cache/locmem", "db/sqlite"}, true,
		func(o *Options) []int { return o.Conns }, runConns},
	{"clear", "/read while clearsessions deletes expired rows", "expired rows deleted",
		[]string{"db/sqlite", "db/postgres"}, false,
		func(o *Options) []int { return []int{o.ClearRows} }, runClear},
}

// Curves returns the names of the curves, in the order they run.
func Curves() []string {
	var names []string
	for _, c := range curveSpecs {
		names = append(names, c.name)
	}
	return names
}

func (o *Options) fillCurves() {
	if len(o.Sizes) == 0 {
		o.Sizes = []int{100, 4 << 10, 64 << 10}
	}
	if len(o.Rows) == 0 {
		o.Rows = []int{1_000, 10_000, 100_000, 1_000_000}
	}
	if len(o.Conns) == 0 {
		o.Conns = []int{32, 128, 512, 1024}
	}
	if o.ClearRows <= 0 {
		o.ClearRows = 1_000_000
	}
}

// RunCurves runs the curves named in o.Curves, each over its default
// engines or, when o.Engines is set, over those of them the curve
// measures. It writes each curve's charts in o.ChartDir.
func RunCurves(ctx context.Context, o Options, enginesSet bool) ([]Curve, error) {
	o.fill()
	if err := ensureWrk(ctx, &o); err != nil {
		return nil, err
	}
	dir, bin, err := workDir(ctx, &o)
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	var curves []Curve
	var errs []error
	for _, name := range o.Curves {
		i := slices.IndexFunc(curveSpecs, func(c curveSpec) bool { return c.name == name })
		if i < 0 {
			return curves, fmt.Errorf("loadbench: unknown curve %q (known: %v)", name, Curves())
		}
		c, err := runCurve(ctx, &o, curveSpecs[i], enginesSet, bin, filepath.Join(dir, name))
		errs = append(errs, err)
		curves = append(curves, c)
		if o.ChartDir != "" {
			errs = append(errs, writeCharts(o.ChartDir, c))
		}
	}
	return curves, errors.Join(errs...)
}

// runCurve measures one curve over its engines.
func runCurve(ctx context.Context, o *Options, spec curveSpec, enginesSet bool, bin, dir string) (Curve, error) {
	c := Curve{Name: spec.name, Title: spec.title, XLabel: spec.xLabel, Xs: spec.xs(o), SameRounds: spec.name == "sizes"}
	names := spec.engines
	if enginesSet {
		names = slices.DeleteFunc(slices.Clone(o.Engines), func(n string) bool {
			return !spec.anyEngine && !slices.Contains(spec.engines, n)
		})
	}
	var errs []error
	for i, name := range names {
		e, err := findEngine(name)
		if err != nil {
			return c, err
		}
		if why := e.unavailable(o); why != "" {
			c.Skipped = append(c.Skipped, Row{Engine: e.name, Skipped: why})
			continue
		}
		fmt.Fprintf(o.Log, "loadtest: curve %s: %s\n", spec.name, e.name)
		points, notes, err := spec.run(ctx, o, e, bin, filepath.Join(dir, strconv.Itoa(i)))
		if err != nil {
			errs = append(errs, fmt.Errorf("curve %s, %s: %w", spec.name, e.name, err))
		}
		c.Points = append(c.Points, points...)
		c.Notes = append(c.Notes, notes...)
	}
	return c, errors.Join(errs...)
}

// sessionsOf creates n sessions on srv, each then filled with size bytes
// when size > 0, and writes the wrk script sending their cookies as name.
func sessionsOf(ctx context.Context, srv *server, dir, name string, n, size int) (string, []string, error) {
	cookies, err := newSessions(ctx, srv, n)
	if err != nil {
		return "", nil, err
	}
	for _, c := range cookies {
		if size <= 0 {
			break
		}
		if status, body, _, err := srv.get(ctx, "/fill?bytes="+strconv.Itoa(size), c); err != nil || status != 200 {
			return "", nil, fmt.Errorf("GET /fill: %d %q %v", status, body, err)
		}
	}
	script, err := writeScriptAs(dir, name, cookies)
	return script, cookies, err
}

// points turns the tallies of one round set into points at x.
func points(e engine, x int, plain *target, targets ...*target) []Point {
	var ps []Point
	for _, t := range targets {
		r := t.tally.row(e.name, t.path, &plain.tally)
		ps = append(ps, Point{Engine: e.name, Endpoint: t.path, X: x, RPS: r.RPS, P99: r.P99, Ratio: r.Ratio, Errors: r.Errors})
	}
	return ps
}
