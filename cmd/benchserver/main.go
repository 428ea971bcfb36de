// Command benchserver serves one configuration of `make loadtest`: the
// repository's site with contrib.sessions and the bench app
// (examples/benchapp) installed, as described by a settings file the load
// test writes. It is built and started by cmd/loadtest.
//
//	benchserver SETTINGS_FILE 127.0.0.1:0 [CPU_PROFILE_FILE]
//	benchserver SETTINGS_FILE manage COMMAND [ARG...]
//
// The second form runs a management command on the same settings (the
// load test's clear curve runs clearsessions so).
//
// It prints "listening on HOST:PORT" once it accepts connections and stops
// gracefully on SIGINT or SIGTERM, or when its stdin closes if
// LOADBENCH_LIFELINE=stdin (as cmd/loadtest starts it).
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"github.com/manouche-go/manouche/cmd/internal/loadbench"
	_ "github.com/manouche-go/manouche/contrib/sessions"
	_ "github.com/manouche-go/manouche/examples/benchapp"
	"github.com/manouche-go/manouche/framework/commands"
)

func main() {
	if len(os.Args) > 3 && os.Args[2] == "manage" {
		args := append([]string{"--settings", os.Args[1]}, os.Args[3:]...)
		os.Exit(commands.Run(context.Background(), args, nil, os.Stdout, os.Stderr))
	}
	if len(os.Args) != 3 && len(os.Args) != 4 {
		fmt.Fprintln(os.Stderr, "usage: benchserver SETTINGS_FILE ADDR [CPU_PROFILE_FILE]")
		os.Exit(2)
	}
	profile := ""
	if len(os.Args) == 4 {
		profile = os.Args[3]
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if os.Getenv(loadbench.LifelineEnv) == "stdin" {
		ctx = loadbench.UntilEOF(ctx, os.Stdin)
	}
	if err := loadbench.Serve(ctx, os.Args[1], os.Args[2], profile, os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "benchserver:", err)
		os.Exit(1)
	}
}
