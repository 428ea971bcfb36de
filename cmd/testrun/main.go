// Command testrun is `make test`'s test runner: go test -json with the
// local test services found, go test's usual output, and a last line per
// reason tests were skipped for.
//
//	go run ./cmd/testrun -race -count=1 ./...
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"github.com/manouche-go/manouche/cmd/internal/testrun"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	os.Exit(testrun.Run(ctx, "go", os.Args[1:], os.Stdout, os.Stderr))
}
