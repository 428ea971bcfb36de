package admin

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"path/filepath"

	"github.com/manouche-go/manouche/framework/manage"
	"github.com/manouche-go/manouche/framework/scaffold"
)

func startProject(o Options) *manage.Command {
	var checkout, module string
	return &manage.Command{
		Name:  "startproject",
		Usage: "startproject [-module PATH] [-manouche PATH] NAME [DIR]",
		Short: "create a new project in NAME (or DIR)",
		Long: "Startproject writes a new project (Django's startproject): go.mod, main.go (its\n" +
			"manage program), settings.yaml with a fresh SECRET_KEY, templates, static files,\n" +
			"a first app, a Makefile and a README. DIR defaults to ./NAME and must be empty\n" +
			"or missing. The project builds against the manouche checkout this command was\n" +
			"installed from (a replace directive), or the one -manouche names.",
		Flags: func(fs *flag.FlagSet) {
			fs.StringVar(&module, "module", "", "the project's module path (default: NAME)")
			fs.StringVar(&checkout, "manouche", "", "the manouche checkout to build against (default: the one this command was installed from)")
		},
		Run: func(ctx context.Context, args []string) error {
			if len(args) < 1 || len(args) > 2 {
				return manage.UsageErrorf("startproject takes NAME and an optional DIR")
			}
			p := scaffold.ProjectOptions{Name: args[0], Dir: args[len(args)-1], ModulePath: module, ManouchePath: checkout}
			if err := errors.Join(scaffold.CheckProjectName(p.Name), scaffold.CheckDir(p.Dir)); err != nil {
				return manage.UsageErrorf("%v", err)
			}
			return o.writeProject(p)
		},
	}
}

// writeProject writes the project, lists its files and says what to do
// next.
func (o Options) writeProject(p scaffold.ProjectOptions) error {
	if p.ManouchePath == "" {
		var err error
		if p.ManouchePath, err = o.checkout(); err != nil {
			return err
		}
	}
	err := scaffold.Project(p)
	if ie := (*scaffold.InputError)(nil); errors.As(err, &ie) {
		return manage.UsageErrorf("%v", err)
	} else if err != nil {
		return err
	}
	filepath.WalkDir(p.Dir, func(path string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			fmt.Fprintln(o.Stdout, "created", path)
		}
		return err
	})
	fmt.Fprintf(o.Stdout, "\nProject %s is ready (manouche from %s). Next steps:\n\n\tcd %s && go run . migrate && go run . runserver\n",
		p.Name, p.ManouchePath, p.Dir)
	return nil
}
