package commands

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"

	"github.com/manouche-go/manouche/framework/manage"
	"github.com/manouche-go/manouche/framework/scaffold"
	"github.com/manouche-go/manouche/framework/site"
)

func startAppCommand(st *site.Site, inv *invocation) *manage.Command {
	return newStartApp(st.Env.Stdout, inv.settingsFile)
}

// StartApp returns the startapp command (Django's startapp) for a program
// without settings, the manouche command: it reports to stdout.
func StartApp(stdout io.Writer) *manage.Command { return newStartApp(stdout, "") }

// newStartApp is startapp, reporting to w the edits that install the app
// in the settings file settingsFile (default settings.yaml).
func newStartApp(w io.Writer, settingsFile string) *manage.Command {
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
			printInstall(w, settingsFile, name, dir, imp)
			return nil
		},
	}
}

// printInstall says what startapp wrote and the two edits that install
// the app.
func printInstall(w io.Writer, settingsFile, name, dir, imp string) {
	if imp == "" {
		imp = "MODULE/" + filepath.ToSlash(dir) // no go.mod above dir
	}
	if settingsFile == "" {
		settingsFile = "settings.yaml"
	}
	fmt.Fprintf(w, `Created app %s in %s. To install it:

  1. import it in main.go, which registers the app:

	_ %q

  2. add it to INSTALLED_APPS in %s:

	INSTALLED_APPS:
	  - %s
`, name, dir, imp, settingsFile, name)
}
