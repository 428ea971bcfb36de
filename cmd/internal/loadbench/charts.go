package loadbench

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"time"
)

// writeCharts writes c's charts in dir: NAME.svg, the ratio to /plain of
// each engine's /read (solid) and /incr (dashed) against x (for sizes,
// whose xs share rounds, the requests/s over those at the first x), and for the
// connections curve also NAME-p99.svg, the p99 in milliseconds. The clear
// curve has no x to draw against: its table is its record.
func writeCharts(dir string, c Curve) error {
	if c.Name == "clear" || len(c.Points) == 0 {
		return nil
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("loadbench: charts: %w", err)
	}
	ratio := c.chart("requests/s over /plain", func(p Point) float64 { return p.Ratio })
	if c.SameRounds {
		ratio = c.relative()
	}
	if err := saveChart(filepath.Join(dir, c.Name+".svg"), ratio); err != nil {
		return err
	}
	if c.Name != "connections" {
		return nil
	}
	p99 := c.chart("p99 latency (ms)", func(p Point) float64 { return float64(p.P99) / float64(time.Millisecond) })
	p99.title = "p99 latency against connections"
	return saveChart(filepath.Join(dir, c.Name+"-p99.svg"), p99)
}

// chart lays c out with y of each point.
func (c Curve) chart(yLabel string, y func(Point) float64) *chart {
	ch := &chart{title: c.Title, xLabel: c.XLabel, yLabel: yLabel}
	for _, x := range c.Xs {
		ch.xTicks = append(ch.xTicks, fmtCount(x))
	}
	var names []string
	for _, p := range c.Points {
		if name := p.Engine + " " + p.Endpoint; !slices.Contains(names, name) {
			names = append(names, name)
		}
	}
	for _, name := range names {
		s := series{name: name, y: make([]float64, len(c.Xs))}
		for i := range s.y {
			s.y[i] = math.NaN()
		}
		for _, p := range c.Points {
			if i := slices.Index(c.Xs, p.X); i >= 0 && p.Engine+" "+p.Endpoint == name {
				s.y[i] = y(p)
				s.dashed = p.Endpoint == "/incr"
			}
		}
		ch.series = append(ch.series, s)
	}
	return ch
}

func saveChart(path string, c *chart) error {
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("loadbench: chart: %w", err)
	}
	if err := c.writeSVG(f); err != nil {
		f.Close()
		return fmt.Errorf("loadbench: chart %s: %w", path, err)
	}
	return f.Close()
}

// relative lays c out as each point's requests/s over that of its engine
// and endpoint at the first x (1 = as fast as the smallest x).
func (c Curve) relative() *chart {
	first := map[string]float64{}
	for _, p := range c.Points {
		if _, ok := first[p.Engine+p.Endpoint]; !ok {
			first[p.Engine+p.Endpoint] = p.RPS
		}
	}
	return c.chart("requests/s over the same at "+fmtCount(c.Xs[0]), func(p Point) float64 {
		if f := first[p.Engine+p.Endpoint]; f > 0 {
			return p.RPS / f
		}
		return math.NaN()
	})
}
