// Command loadtest is `make loadtest`: it measures the session engines
// under wrk and prints one table (see cmd/internal/loadbench).
//
//	go run ./cmd/loadtest [-duration 5s] [-warmup 1s] [-connections 64] [-engines db/sqlite,file]
//	go run ./cmd/loadtest -curves sizes,rows,connections,clear [-duration 2s] [-chart-dir docs/perf]
//	    [-sizes 100,4096,65536] [-rows 1000,10000,100000,1000000] [-conns 32,128,512,1024] [-clear-rows 1000000]
//
// With -curves it measures how the cost of /read and /incr grows with the
// session's size, the number of stored sessions and the connections, and
// what clearsessions on a million expired rows does to concurrent reads,
// printing one table per curve and writing SVG charts (see
// cmd/internal/loadbench).
//
// cache/redis runs when MANOUCHE_TEST_REDIS_URL is set, db/postgres when
// MANOUCHE_TEST_POSTGRES_DSN is. wrk is installed with apt-get if missing.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"github.com/manouche-go/manouche/cmd/internal/loadbench"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := loadbench.Main(ctx, os.Args[1:], os.Environ(), os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
