// Package loadbench is `make loadtest`: it measures what sessions cost per
// request, engine by engine, under wrk.
//
// For each configuration it writes a settings file (INSTALLED_APPS
// contrib.sessions and bench, MIDDLEWARE contrib.sessions.SessionMiddleware,
// DEBUG false, ALLOWED_HOSTS 127.0.0.1), starts cmd/benchserver on it
// pinned to one core, creates one session per connection, and drives the
// bench app's /plain, /read and /incr with wrk pinned to another core.
// Every request carries one of those sessions' cookies. A last run sends
// /incr without any cookie, so that each request creates a session.
//
// A baseline server, the bench app without the session middleware, runs
// beside each configuration, and the measurement rounds of all endpoints
// interleave, so that every ratio compares numbers taken in the same
// minute of the same run: the machine is shared and its speed drifts.
//
// [RunCurves] measures how the cost grows instead (Options.Curves):
//
//   - sizes: /read and /incr of sessions holding 100 B, 4 KiB and 64 KiB
//     (the bench app's /fill), all sizes in the same interleaved rounds;
//   - rows: /read and /incr as filler sessions are added up to 10⁶, on
//     SQLite and PostgreSQL by INSERT … SELECT (PostgreSQL in a schema of
//     its own, dropped afterwards) and on Redis by pipelined SETs (deleted
//     afterwards);
//   - connections: /read and /incr at 32 to 1,024 wrk connections;
//   - clear: /read while 10⁶ expired rows are deleted, once by one DELETE
//     and once by the clearsessions command.
//
// Each point's ratio is over the same server's /plain in the same rounds,
// and each curve is printed as a table and drawn as an SVG chart.
//
// Engines that need a service (cache/redis, db/postgres, db/mysql) run when the
// variable naming it is set and the server starts with it; otherwise their
// row says "skipped" and why. Everything listens on 127.0.0.1 only, every
// run is bounded in time, and every server started is stopped when Run
// returns, on error too.
package loadbench

import (
	"context"
	"flag"
	"fmt"
	"io"
	"strings"
	"time"
)

// Options configure [Run]. The zero value of each field means its default.
type Options struct {
	// Duration is how long each endpoint is measured, in rounds of one
	// second interleaved with the other endpoints'. The default is 5 s.
	Duration time.Duration
	// Warmup is how long each endpoint runs before it is measured. The
	// default is 1 s.
	Warmup time.Duration
	// Connections is wrk's number of connections, each with its own
	// session. The default is 64.
	Connections int
	// Threads is wrk's number of threads. The default is 1: wrk is pinned
	// to one core, where more threads only add context switches.
	Threads int
	// Engines are the configurations to run, by name (see [Engines]). The
	// default is all of them.
	Engines []string
	// Server is a benchserver binary; "" builds cmd/benchserver with Go.
	Server string
	// Compare, when not empty, is a second benchserver binary (built from
	// another commit) whose /plain, /read and /incr run in the same rounds
	// as Server's; its rows are named "ENGINE (compare)".
	Compare string
	// ServerCPU and ClientCPU are the cores (taskset -c lists) of the
	// server and of wrk. The defaults are "0" and "1".
	ServerCPU, ClientCPU string
	// RedisURL, PostgresDSN and MySQLDSN enable the cache/redis,
	// db/postgres and db/mysql engines (MANOUCHE_TEST_REDIS_URL,
	// MANOUCHE_TEST_POSTGRES_DSN, MANOUCHE_TEST_MYSQL_DSN, a mysql:// URL).
	RedisURL, PostgresDSN, MySQLDSN string
	// ProfileDir, when not empty, is where each engine's server writes a
	// CPU profile of its whole run, as ENGINE.pprof ("/" becomes "_").
	ProfileDir string
	// Log receives progress lines; nil means io.Discard.
	Log io.Writer

	// Curves, when not empty, runs these curves (see [Curves]) instead of
	// the engine table, with the fields below.
	Curves []string
	// Sizes are the session sizes of the "sizes" curve, in bytes; the
	// default is 100, 4096 and 65536.
	Sizes []int
	// Rows are the stored sessions of the "rows" curve; the default is
	// 10³, 10⁴, 10⁵ and 10⁶.
	Rows []int
	// Conns are the wrk connections of the "connections" curve; the
	// default is 32, 128, 512 and 1024.
	Conns []int
	// ClearRows is how many expired rows the "clear" curve deletes; the
	// default is 10⁶.
	ClearRows int
	// ChartDir is where the curves' SVG charts are written; "" writes none.
	ChartDir string

	round time.Duration // the length of a measurement round: 1 s
}

func (o *Options) fill() {
	if o.Duration <= 0 {
		o.Duration = 5 * time.Second
	}
	if o.Warmup <= 0 {
		o.Warmup = time.Second
	}
	if o.Connections <= 0 {
		o.Connections = 64
	}
	if o.Threads <= 0 {
		o.Threads = 1
	}
	if len(o.Engines) == 0 {
		o.Engines = Engines()
	}
	if o.ServerCPU == "" {
		o.ServerCPU = "0"
	}
	if o.ClientCPU == "" {
		o.ClientCPU = "1"
	}
	if o.Log == nil {
		o.Log = io.Discard
	}
	if o.round <= 0 {
		o.round = time.Second
	}
	o.fillCurves()
}

// Main is the loadtest command: it reads its flags and the service
// variables from args and environ, runs [Run] and prints the table to
// stdout and progress to stderr. It returns the exit code: 0 on success,
// 1 when the run fails, 2 for bad flags.
func Main(ctx context.Context, args, environ []string, stdout, stderr io.Writer) int {
	var o Options
	var engines string
	fs := flag.NewFlagSet("loadtest", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.DurationVar(&o.Duration, "duration", 5*time.Second, "measured time per endpoint")
	fs.DurationVar(&o.Warmup, "warmup", time.Second, "warm-up time per endpoint")
	fs.IntVar(&o.Connections, "connections", 64, "wrk connections (one session each)")
	fs.IntVar(&o.Threads, "threads", 1, "wrk threads")
	fs.StringVar(&engines, "engines", strings.Join(Engines(), ","), "comma-separated engines to run")
	fs.StringVar(&o.Server, "server", "", "benchserver binary (default: go build ./cmd/benchserver)")
	fs.StringVar(&o.Compare, "compare", "", "a second benchserver binary measured in the same rounds (rows \"ENGINE (compare)\")")
	fs.StringVar(&o.ServerCPU, "server-cpu", "0", "taskset -c list for the server")
	fs.StringVar(&o.ClientCPU, "client-cpu", "1", "taskset -c list for wrk")
	fs.StringVar(&o.ProfileDir, "cpuprofile-dir", "", "write each engine server's CPU profile in this directory")
	curves := curveFlags(fs, &o)
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if err := curves.parse(&o); err != nil {
		fmt.Fprintln(stderr, "loadtest:", err)
		return 2
	}
	o.Engines = strings.Split(engines, ",")
	o.RedisURL = lookup(environ, "MANOUCHE_TEST_REDIS_URL")
	o.PostgresDSN = lookup(environ, "MANOUCHE_TEST_POSTGRES_DSN")
	o.MySQLDSN = lookup(environ, "MANOUCHE_TEST_MYSQL_DSN")
	o.Log = stderr
	if len(o.Curves) > 0 {
		return mainCurves(ctx, o, flagSet(fs, "engines"), stdout, stderr)
	}
	rows, err := Run(ctx, o)
	if len(rows) > 0 {
		WriteTable(stdout, rows)
	}
	if err != nil {
		fmt.Fprintln(stderr, "loadtest:", err)
		return 1
	}
	return 0
}

// lookup returns the value of name in environ ("NAME=value" entries).
func lookup(environ []string, name string) string {
	for _, kv := range environ {
		if k, v, ok := strings.Cut(kv, "="); ok && k == name {
			return v
		}
	}
	return ""
}
