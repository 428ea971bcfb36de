package commands

import (
	"context"
	"fmt"

	"github.com/manouche-go/manouche/framework/manage"
	"github.com/manouche-go/manouche/framework/site"
)

// DefaultAddr is where runserver listens when no address is given.
const DefaultAddr = "127.0.0.1:8000"

func runserverCommand(st *site.Site) *manage.Command {
	return &manage.Command{
		Name:  "runserver",
		Usage: "runserver [ADDR:PORT]",
		Short: "serve the site over HTTP (default " + DefaultAddr + ")",
		Long: "Runserver serves the site until SIGINT or SIGTERM, then lets in-flight\n" +
			"requests finish before it exits. Each request is logged.",
		Run: func(ctx context.Context, args []string) error {
			addr := DefaultAddr
			switch len(args) {
			case 0:
			case 1:
				addr = args[0]
			default:
				return manage.UsageErrorf("runserver takes at most one ADDR:PORT")
			}
			if err := st.Ping(ctx); err != nil {
				return err
			}
			if _, err := st.Handler(); err != nil {
				return err
			}
			fmt.Fprintf(st.Env.Stdout, "Starting development server at http://%s/\nQuit the server with CONTROL-C.\n", addr)
			return st.Serve(ctx, addr)
		},
	}
}
