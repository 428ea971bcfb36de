// Command startproject writes a new manouche project (Django's startproject):
// `go run ./cmd/startproject [-manouche PATH] [-module PATH] NAME [DIR]`, DIR defaulting
// to ./NAME. It builds against this checkout (found from the working directory or this file).
package main

import (
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"

	"github.com/manouche-go/manouche/framework/scaffold"
)

func main() {
	checkout := flag.String("manouche", "", "the manouche checkout to build against (default: found from the working directory)")
	module := flag.String("module", "", "the project's module path (default: NAME)")
	if flag.Parse(); flag.NArg() < 1 || flag.NArg() > 2 {
		fail(errors.New("usage: startproject [-manouche PATH] [-module PATH] NAME [DIR]"), 2)
	}
	o := scaffold.ProjectOptions{Name: flag.Arg(0), Dir: flag.Arg(flag.NArg() - 1), ModulePath: *module, ManouchePath: *checkout}
	err := errors.Join(scaffold.CheckProjectName(o.Name), scaffold.CheckDir(o.Dir))
	if err == nil && o.ManouchePath == "" {
		wd, _ := os.Getwd()
		_, src, _, _ := runtime.Caller(0)
		o.ManouchePath, err = scaffold.FindCheckout(wd, filepath.Dir(src))
	}
	if err == nil {
		err = scaffold.Project(o)
	}
	if ie := (*scaffold.InputError)(nil); errors.As(err, &ie) {
		fail(ie, 2)
	} else if err != nil {
		fail(err, 1)
	}
	filepath.WalkDir(o.Dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			fmt.Println("created", p)
		}
		return err
	})
	fmt.Printf("\nProject %s is ready (manouche from %s). Next steps:\n\n\tcd %s && go run . migrate && go run . runserver\n", o.Name, o.ManouchePath, o.Dir)
}

func fail(err error, code int) { fmt.Fprintln(os.Stderr, err); os.Exit(code) }
