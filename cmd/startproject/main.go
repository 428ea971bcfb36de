// Command startproject writes a new manouche project (Django's startproject):
// `go run ./cmd/startproject [-manouche PATH] [-module PATH] NAME [DIR]`, DIR defaulting
// to ./NAME. It is `manouche startproject` (cmd/manouche), kept for `go run`
// from a checkout; the project builds against this checkout.
package main

import (
	"context"
	"os"
	"runtime"

	"github.com/manouche-go/manouche/cmd/internal/admin"
)

func main() {
	_, src, _, _ := runtime.Caller(0) // this file's path at build time: the checkout is above it
	args := append([]string{"startproject"}, os.Args[1:]...)
	os.Exit(admin.Main(context.Background(), args, admin.Options{Source: src, Stdout: os.Stdout, Stderr: os.Stderr}))
}
