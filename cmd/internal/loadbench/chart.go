package loadbench

import (
	"fmt"
	"html"
	"io"
	"math"
	"strings"
)

// chart is a line chart: one line per series over categorical x values
// drawn evenly spaced (the curves' x values grow by powers), and a linear
// y axis from 0.
type chart struct {
	title, xLabel, yLabel string
	xTicks                []string
	series                []series
}

// series is one line; a NaN y is a missing point.
type series struct {
	name   string
	y      []float64
	dashed bool
}

// The chart's geometry, in SVG user units.
const (
	chartW, chartH                     = 720, 380
	marginL, marginR, marginT, marginB = 64, 190, 40, 56
)

var palette = []string{"#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2", "#17becf"}

// writeSVG writes c as a standalone SVG document.
func (c *chart) writeSVG(w io.Writer) error {
	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" font-family="sans-serif" font-size="12">`+"\n", chartW, chartH, chartW, chartH)
	fmt.Fprintf(&b, `<rect width="%d" height="%d" fill="white"/>`+"\n", chartW, chartH)
	fmt.Fprintf(&b, `<text x="%d" y="22" font-size="15" font-weight="bold">%s</text>`+"\n", marginL, esc(c.title))
	top := niceMax(c.maxY())
	c.writeAxes(&b, top)
	for i, s := range c.series {
		c.writeSeries(&b, i, s, top)
	}
	b.WriteString("</svg>\n")
	_, err := io.WriteString(w, b.String())
	return err
}

func (c *chart) maxY() float64 {
	m := 0.0
	for _, s := range c.series {
		for _, y := range s.y {
			if !math.IsNaN(y) {
				m = max(m, y)
			}
		}
	}
	return m
}

// x and y map a point to SVG coordinates.
func (c *chart) x(i int) float64 {
	plot := float64(chartW - marginL - marginR)
	if len(c.xTicks) < 2 {
		return marginL + plot/2
	}
	return marginL + plot*float64(i)/float64(len(c.xTicks)-1)
}

func (c *chart) y(v, top float64) float64 {
	return chartH - marginB - float64(chartH-marginT-marginB)*v/top
}

// writeAxes draws the grid, the tick labels and the axis titles.
func (c *chart) writeAxes(b *strings.Builder, top float64) {
	for i := 0; i <= 5; i++ {
		v := top * float64(i) / 5
		y := c.y(v, top)
		fmt.Fprintf(b, `<line x1="%d" y1="%.1f" x2="%d" y2="%.1f" stroke="#ddd"/>`+"\n", marginL, y, chartW-marginR, y)
		fmt.Fprintf(b, `<text x="%d" y="%.1f" text-anchor="end">%s</text>`+"\n", marginL-6, y+4, fmtTick(v))
	}
	for i, t := range c.xTicks {
		fmt.Fprintf(b, `<text x="%.1f" y="%d" text-anchor="middle">%s</text>`+"\n", c.x(i), chartH-marginB+18, esc(t))
	}
	fmt.Fprintf(b, `<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="#333"/>`+"\n", marginL, chartH-marginB, chartW-marginR, chartH-marginB)
	fmt.Fprintf(b, `<text x="%d" y="%d" text-anchor="middle">%s</text>`+"\n", (marginL+chartW-marginR)/2, chartH-12, esc(c.xLabel))
	fmt.Fprintf(b, `<text transform="translate(16 %d) rotate(-90)" text-anchor="middle">%s</text>`+"\n", (marginT+chartH-marginB)/2, esc(c.yLabel))
}

// writeSeries draws series i as a polyline with dots, and its legend line.
func (c *chart) writeSeries(b *strings.Builder, i int, s series, top float64) {
	color := palette[i%len(palette)]
	dash := ""
	if s.dashed {
		dash = ` stroke-dasharray="6 4"`
	}
	var pts []string
	for j, v := range s.y {
		if math.IsNaN(v) || j >= len(c.xTicks) {
			continue
		}
		x, y := c.x(j), c.y(v, top)
		pts = append(pts, fmt.Sprintf("%.1f,%.1f", x, y))
		fmt.Fprintf(b, `<circle cx="%.1f" cy="%.1f" r="3" fill="%s"/>`+"\n", x, y, color)
	}
	fmt.Fprintf(b, `<polyline points="%s" fill="none" stroke="%s" stroke-width="2"%s/>`+"\n", strings.Join(pts, " "), color, dash)
	ly := marginT + 10 + 18*i
	lx := chartW - marginR + 14
	fmt.Fprintf(b, `<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="%s" stroke-width="2"%s/>`+"\n", lx, ly, lx+24, ly, color, dash)
	fmt.Fprintf(b, `<text x="%d" y="%d">%s</text>`+"\n", lx+30, ly+4, esc(s.name))
}

// niceMax rounds m up to 1, 2 or 5 times a power of ten.
func niceMax(m float64) float64 {
	if m <= 0 || math.IsNaN(m) || math.IsInf(m, 0) {
		return 1
	}
	p := math.Pow(10, math.Floor(math.Log10(m)))
	for _, f := range []float64{1, 2, 5, 10} {
		if m <= f*p {
			return f * p
		}
	}
	return 10 * p
}

func fmtTick(v float64) string {
	if v == math.Trunc(v) {
		return fmt.Sprintf("%.0f", v)
	}
	return strings.TrimRight(strings.TrimRight(fmt.Sprintf("%.2f", v), "0"), ".")
}

func esc(s string) string { return html.EscapeString(s) }
