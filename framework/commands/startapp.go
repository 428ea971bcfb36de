package commands

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"

	"github.com/manouche-go/manouche/framework/manage"
	"github.com/manouche-go/manouche/framework/scaffold"
	"github.com/manouche-go/manouche/framework/site"
)

func startAppCommand(st *site.Site, inv *invocation) *manage.Command {
	return &manage.Command{
		Name:  "startapp",
		Usage: "startapp NAME [DIR]",
		Short: "create a new app package in NAME (or DIR)",
		Long: "Startapp writes a new app package into NAME, or DIR, and prints the two\n" +
			"edits that install it: the import line for main.go and the INSTALLED_APPS\n" +
			"entry for the settings file.",
		Run: func(ctx context.Context, args []string) error {
			if len(args) < 1 || len(args) > 2 {
				return manage.UsageErrorf("startapp takes NAME and an optional DIR")
			}
			name, dir := args[0], args[0]
			if len(args) == 2 {
				dir = args[1]
			}
			imp := importPath(dir)
			err := scaffold.App(scaffold.AppOptions{Name: name, Dir: dir, ImportPath: imp})
			var bad *scaffold.InputError
			if errors.As(err, &bad) {
				return manage.UsageErrorf("%v", err)
			} else if err != nil {
				return err
			}
			printInstall(st, inv, name, dir, imp)
			return nil
		},
	}
}

// printInstall says what startapp wrote and the two edits that install
// the app.
func printInstall(st *site.Site, inv *invocation, name, dir, imp string) {
	if imp == "" {
		imp = "MODULE/" + filepath.ToSlash(dir) // no go.mod above dir
	}
	settingsFile := inv.settingsFile
	if settingsFile == "" {
		settingsFile = "settings.yaml"
	}
	fmt.Fprintf(st.Env.Stdout, `Created app %s in %s. To install it:

  1. import it in main.go, which registers the app:

	_ %q

  2. add it to INSTALLED_APPS in %s:

	INSTALLED_APPS:
	  - %s
`, name, dir, imp, settingsFile, name)
}
