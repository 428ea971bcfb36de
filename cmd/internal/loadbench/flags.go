package loadbench

import (
	"context"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// curveOptions are the curve flags as given, parsed by parse.
type curveOptions struct {
	curves, sizes, rows, conns string
}

// curveFlags declares the curve flags on fs.
func curveFlags(fs *flag.FlagSet, o *Options) *curveOptions {
	c := &curveOptions{}
	fs.StringVar(&c.curves, "curves", "", "run these curves instead of the table: "+strings.Join(Curves(), ",")+" or all")
	fs.StringVar(&c.sizes, "sizes", "100,4096,65536", "session sizes of the sizes curve, in bytes")
	fs.StringVar(&c.rows, "rows", "1000,10000,100000,1000000", "stored sessions of the rows curve")
	fs.StringVar(&c.conns, "conns", "32,128,512,1024", "connections of the connections curve")
	fs.IntVar(&o.ClearRows, "clear-rows", 1_000_000, "expired rows the clear curve deletes")
	fs.StringVar(&o.ChartDir, "chart-dir", "docs/perf", "where the curves' SVG charts are written (\"\": none)")
	return c
}

func (c *curveOptions) parse(o *Options) error {
	switch c.curves {
	case "":
	case "all":
		o.Curves = Curves()
	default:
		o.Curves = strings.Split(c.curves, ",")
	}
	var err error
	if o.Sizes, err = ints("sizes", c.sizes); err != nil {
		return err
	}
	if o.Rows, err = ints("rows", c.rows); err != nil {
		return err
	}
	o.Conns, err = ints("conns", c.conns)
	return err
}

// ints parses a comma-separated list of positive integers.
func ints(name, list string) ([]int, error) {
	var xs []int
	for f := range strings.SplitSeq(list, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n <= 0 {
			return nil, fmt.Errorf("-%s %q: want positive integers separated by commas", name, list)
		}
		xs = append(xs, n)
	}
	return xs, nil
}

// flagSet reports whether the flag name was given.
func flagSet(fs *flag.FlagSet, name string) bool {
	set := false
	fs.Visit(func(f *flag.Flag) { set = set || f.Name == name })
	return set
}

// mainCurves runs the curves and prints their tables.
func mainCurves(ctx context.Context, o Options, enginesSet bool, stdout, stderr io.Writer) int {
	curves, err := RunCurves(ctx, o, enginesSet)
	for _, c := range curves {
		WriteCurve(stdout, c)
	}
	if o.ChartDir != "" && len(curves) > 0 {
		fmt.Fprintf(stdout, "\ncharts: %s/{%s}.svg\n", o.ChartDir, strings.Join(o.Curves, ","))
	}
	if err != nil {
		fmt.Fprintln(stderr, "loadtest:", err)
		return 1
	}
	return 0
}
