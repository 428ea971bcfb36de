// Package commands holds manouche's built-in management commands (help,
// check, migrate, showmigrations, runserver, startapp) and [Main], the entry
// point of every manage program: this repository's cmd/manage and a
// scaffolded project's main.go (Django's manage.py).
package commands

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"syscall"

	"github.com/manouche-go/manouche/framework/manage"
	"github.com/manouche-go/manouche/framework/settings"
	"github.com/manouche-go/manouche/framework/site"
)

// Main runs the command named by args with the process's environment and
// standard streams and returns the exit code: 0 on success, 1 when the
// command or the settings fail, 2 for usage errors and unknown commands.
// The settings file is chosen with --settings FILE or MANOUCHE_SETTINGS.
func Main(args []string) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	return Run(ctx, args, os.Environ(), os.Stdout, os.Stderr)
}

// Run is [Main] with its inputs made explicit, for tests. Cancelling ctx
// stops runserver gracefully.
func Run(ctx context.Context, args, environ []string, stdout, stderr io.Writer) int {
	path, rest, err := settings.SplitArgs(args, environ)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 2
	}
	s, err := settings.Load(path, environ)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	for _, w := range s.Warnings {
		fmt.Fprintln(stderr, "warning:", w)
	}
	logger := slog.New(slog.NewTextHandler(stderr, nil))
	st, err := site.New(s, site.Options{Logger: logger, Stdout: stdout, Stderr: stderr, Environ: environ})
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	cmds := append(Builtins(st), st.Commands()...)
	return manage.Main(ctx, rest, cmds, stdout, stderr)
}

// Builtins returns the framework's own commands for a site.
func Builtins(st *site.Site) []*manage.Command {
	return []*manage.Command{
		checkCommand(st),
		migrateCommand(st),
		showMigrationsCommand(st),
		runserverCommand(st),
		startAppCommand(st),
	}
}
