// Package admin is the manouche command, Django's django-admin: the
// commands that run outside any project. startproject writes a project
// that builds against the manouche checkout the command was built from,
// startapp writes an app, version says which manouche this is.
//
//	manouche startproject mysite          # ./mysite
//	manouche startproject mysite ~/src/x  # into ~/src/x
//	manouche version
package admin

import (
	"context"
	"errors"
	"io"
	"path/filepath"

	"github.com/manouche-go/manouche/framework/commands"
	"github.com/manouche-go/manouche/framework/manage"
	"github.com/manouche-go/manouche/framework/scaffold"
)

// Program is the command's name in its messages.
const Program = "manouche"

// Options are what the manouche command knows about itself.
type Options struct {
	// Source is the path of the command's main.go when it was built
	// (runtime.Caller in main): the manouche checkout is found above it.
	// A path made relative by -trimpath finds no checkout.
	Source string
	// Stdout and Stderr are where the commands write.
	Stdout, Stderr io.Writer
}

// Main runs the manouche command named by args[0] and returns the exit
// status: 0, 1 when the command fails, 2 for a usage error.
func Main(ctx context.Context, args []string, o Options) int {
	return manage.MainAs(ctx, Program, args, Commands(o), o.Stdout, o.Stderr)
}

// Commands returns startproject, startapp and version.
func Commands(o Options) []*manage.Command {
	return []*manage.Command{startProject(o), commands.StartApp(o.Stdout), version(o)}
}

// checkout returns the manouche checkout the command was built from.
func (o Options) checkout() (string, error) {
	if o.Source == "" || !filepath.IsAbs(o.Source) {
		return "", errors.New("this manouche command does not know the checkout it was built from (built with -trimpath?): pass -manouche PATH")
	}
	dir, err := scaffold.FindCheckout(filepath.Dir(o.Source))
	if err != nil {
		return "", errors.New("this manouche command was built from " + filepath.Dir(filepath.Dir(filepath.Dir(o.Source))) +
			", which is no longer a manouche checkout: install it again (make install in a checkout) or pass -manouche PATH")
	}
	return dir, nil
}
