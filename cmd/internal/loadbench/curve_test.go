package loadbench

import (
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/manouche-go/manouche/framework/settings"
)

func TestChart_writeSVG(t *testing.T) {
	c := &chart{title: "a <b> & c", xLabel: "x", yLabel: "y", xTicks: []string{"100", "4Ki", "64Ki"},
		series: []series{{name: "db/sqlite /read", y: []float64{0.5, 0.4, math.NaN()}}, {name: "db/sqlite /incr", y: []float64{0.3, 0.2, 0.1}, dashed: true}}}
	var b bytes.Buffer
	if err := c.writeSVG(&b); err != nil {
		t.Fatal(err)
	}
	svg := b.String()
	d := xml.NewDecoder(strings.NewReader(svg))
	for {
		if _, err := d.Token(); err != nil {
			if !errors.Is(err, io.EOF) {
				t.Fatalf("the SVG is not well-formed XML: %v", err)
			}
			break
		}
	}
	for _, want := range []string{"a &lt;b&gt; &amp; c", "db/sqlite /read", "stroke-dasharray", ">64Ki<"} {
		if !strings.Contains(svg, want) {
			t.Errorf("SVG lacks %q", want)
		}
	}
	if n := strings.Count(svg, "<circle"); n != 5 {
		t.Errorf("dots: got %d, want 5 (the NaN point is not drawn)", n)
	}
}

func TestNiceMax(t *testing.T) {
	for _, tt := range []struct{ in, want float64 }{{0, 1}, {0.87, 1}, {1.2, 2}, {3, 5}, {7, 10}, {140, 200}} {
		if got := niceMax(tt.in); got != tt.want {
			t.Errorf("niceMax(%v): got %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestFmtCount(t *testing.T) {
	for n, want := range map[int]string{100: "100", 4096: "4Ki", 65536: "64Ki", 1000: "1k", 100_000: "100k", 1_000_000: "1M", 1024: "1Ki"} {
		if got := fmtCount(n); got != want {
			t.Errorf("fmtCount(%d): got %q, want %q", n, got, want)
		}
	}
}

func TestWriteCurve(t *testing.T) {
	var b bytes.Buffer
	WriteCurve(&b, Curve{Title: "sizes", XLabel: "bytes", Xs: []int{100, 65536}, Points: []Point{
		{Engine: "cache/locmem", Endpoint: "/read", X: 100, RPS: 9000, Ratio: 0.9, P99: 2 * time.Millisecond},
		{Engine: "cache/locmem", Endpoint: "/read", X: 65536, RPS: 3000, Ratio: 0.3, P99: 3 * time.Millisecond},
	}, Skipped: []Row{{Engine: "cache/redis", Skipped: "MANOUCHE_TEST_REDIS_URL is not set"}}})
	for _, want := range []string{"64Ki", "3.00", "1.00", "skipped: MANOUCHE_TEST_REDIS_URL"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("table lacks %q:\n%s", want, b.String())
		}
	}
}

func TestWriteCharts(t *testing.T) {
	dir := t.TempDir()
	c := Curve{Name: "connections", Title: "t", Xs: []int{32, 1024}, Points: []Point{
		{Engine: "db/sqlite", Endpoint: "/read", X: 32, Ratio: 0.5, P99: time.Millisecond},
		{Engine: "db/sqlite", Endpoint: "/read", X: 1024, Ratio: 0.4, P99: 80 * time.Millisecond},
	}}
	if err := writeCharts(dir, c); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"connections.svg", "connections-p99.svg"} {
		if _, err := os.Stat(filepath.Join(dir, name)); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
}

func newFlags(o *Options) (*flag.FlagSet, *curveOptions) {
	fs := flag.NewFlagSet("loadtest", flag.ContinueOnError)
	return fs, curveFlags(fs, o)
}

func TestCurveFlags(t *testing.T) {
	var o Options
	for _, bad := range []string{"-sizes=1,x", "-rows=0", "-conns=-5"} {
		fs, c := newFlags(&o)
		if err := fs.Parse([]string{bad}); err != nil {
			t.Fatal(err)
		}
		if err := c.parse(&o); err == nil {
			t.Errorf("%s: got nil error, want one", bad)
		}
	}
	fs, c := newFlags(&o)
	fs.Parse([]string{"-curves=all", "-conns=32,1024"})
	if err := c.parse(&o); err != nil || len(o.Curves) != 4 || len(o.Conns) != 2 || o.Conns[1] != 1024 {
		t.Errorf("got %v, curves %v, conns %v, want all 4 curves and [32 1024]", err, o.Curves, o.Conns)
	}
}

// TestSQLFiller_sqlite: the filler adds the rows it says, with distinct
// 32-character keys and the expiry given.
func TestSQLFiller_sqlite(t *testing.T) {
	dir := t.TempDir()
	sqlDB, err := openDB(settings.Database{Engine: "sqlite", Name: dir + "/db.sqlite3"})
	if err != nil {
		t.Fatal(err)
	}
	defer sqlDB.Close()
	if _, err := sqlDB.Exec(`CREATE TABLE django_session (session_key varchar(40) NOT NULL PRIMARY KEY, session_data text NOT NULL, expire_date datetime NOT NULL)`); err != nil {
		t.Fatal(err)
	}
	f, err := openSQL(engine{db: "sqlite"}, dir, "")
	if err != nil {
		t.Fatal(err)
	}
	defer f.close()
	if err := f.fill(context.Background(), 0, 2*fillChunk+5, time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)); err != nil {
		t.Fatal(err)
	}
	var n, distinct, len32 int
	sqlDB.QueryRow(`SELECT COUNT(*), COUNT(DISTINCT session_key), SUM(length(session_key) = 32) FROM django_session WHERE expire_date = '2000-01-01 00:00:00'`).Scan(&n, &distinct, &len32)
	if want := 2*fillChunk + 5; n != want || distinct != want || len32 != want {
		t.Errorf("rows: got %d, %d distinct keys, %d of 32 characters, want %d of each", n, distinct, len32, want)
	}
}

// TestRedisFiller sets keys in pipelines and deletes them on close.
func TestRedisFiller(t *testing.T) {
	u := os.Getenv("MANOUCHE_TEST_REDIS_URL")
	if u == "" {
		if os.Getenv("MANOUCHE_REQUIRE_SERVICES") == "1" {
			t.Fatal("MANOUCHE_TEST_REDIS_URL is not set and MANOUCHE_REQUIRE_SERVICES=1")
		}
		t.Skip("set MANOUCHE_TEST_REDIS_URL to run against Redis")
	}
	exists := func(f *redisFiller) string {
		t.Helper()
		fmt.Fprintf(f.w, "*3\r\n$6\r\nEXISTS\r\n$%d\r\n%s\r\n$%d\r\n%s\r\n", len(fillerKey(0)), fillerKey(0), len(fillerKey(redisPipeline)), fillerKey(redisPipeline))
		f.w.Flush()
		line, err := f.r.ReadString('\n')
		if err != nil {
			t.Fatal(err)
		}
		return strings.TrimSpace(line)
	}
	f, err := dialRedis(t.Context(), u)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.fill(t.Context(), 0, redisPipeline+1, time.Minute); err != nil {
		t.Fatal(err)
	}
	if got := exists(f); got != ":2" {
		t.Errorf("EXISTS first and last key after fill: got %s, want :2", got)
	}
	if err := f.close(); err != nil {
		t.Fatal(err)
	}
	g, err := dialRedis(t.Context(), u)
	if err != nil {
		t.Fatal(err)
	}
	defer g.conn.Close()
	if got := exists(g); got != ":0" {
		t.Errorf("EXISTS after close: got %s, want :0", got)
	}
}

// TestWriteCurve_sameRounds: when every x shares the rounds, the cost
// compares requests/s, not ratios to a /plain measured less often.
func TestWriteCurve_sameRounds(t *testing.T) {
	var b bytes.Buffer
	WriteCurve(&b, Curve{SameRounds: true, Xs: []int{100, 65536}, Points: []Point{
		{Engine: "db/sqlite", Endpoint: "/read", X: 100, RPS: 8000, Ratio: 3.0},
		{Engine: "db/sqlite", Endpoint: "/read", X: 65536, RPS: 4000, Ratio: 3.0},
	}})
	if !strings.Contains(b.String(), " 2.00 ") {
		t.Errorf("cost of 4000 req/s against 8000: want 2.00 in\n%s", b.String())
	}
}
