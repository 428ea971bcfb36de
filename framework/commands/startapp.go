package commands

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/manouche-go/manouche/framework/manage"
	"github.com/manouche-go/manouche/framework/scaffold"
	"github.com/manouche-go/manouche/framework/site"
)

func startAppCommand(st *site.Site) *manage.Command { return StartApp(st.Env.Stdout) }

// StartApp returns the startapp command (Django's startapp), which needs
// no settings: the manouche command offers it too. It reports to stdout.
func StartApp(stdout io.Writer) *manage.Command {
	return &manage.Command{
		Name:  "startapp",
		Usage: "startapp NAME [DIR]",
		Short: "create a new app package in NAME (or DIR)",
		Run: func(ctx context.Context, args []string) error {
			if len(args) < 1 || len(args) > 2 {
				return manage.UsageErrorf("startapp takes NAME and an optional DIR")
			}
			dir := args[0]
			if len(args) == 2 {
				dir = args[1]
			}
			err := scaffold.App(scaffold.AppOptions{Name: args[0], Dir: dir})
			var bad *scaffold.InputError
			if errors.As(err, &bad) {
				return manage.UsageErrorf("%v", err)
			} else if err != nil {
				return err
			}
			fmt.Fprintf(stdout, "Created app %s in %s. Add it to INSTALLED_APPS and import it in main.go.\n", args[0], dir)
			return nil
		},
	}
}
