// Command loadtest is `make loadtest`: it measures the session engines
// under wrk and prints one table (see cmd/internal/loadbench).
//
//	go run ./cmd/loadtest [-duration 5s] [-warmup 1s] [-connections 64] [-engines db/sqlite,file]
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
