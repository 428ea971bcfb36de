// Command manouche is manouche's django-admin: `manouche startproject NAME
// [DIR]` writes a project from any directory, `manouche startapp NAME`
// writes an app, `manouche version` says which manouche this is. Install it
// from a checkout with `make install` (or `go install ./cmd/manouche`):
// the projects it writes build against that checkout.
package main

import (
	"context"
	"os"
	"os/signal"
	"runtime"

	"github.com/manouche-go/manouche/cmd/internal/admin"
)

func main() {
	_, src, _, _ := runtime.Caller(0) // this file's path at build time: the checkout is above it
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := admin.Main(ctx, os.Args[1:], admin.Options{Source: src, Stdout: os.Stdout, Stderr: os.Stderr})
	stop()
	os.Exit(code)
}
