// Package commands holds manouche's built-in management commands (help,
// check, migrate, showmigrations, runserver, startapp, makemigrations,
// sqlmigrate, collectstatic, findstatic, dbshell) and [Main], the entry
// point of every manage program: this repository's cmd/manage and a
// scaffolded project's main.go (Django's manage.py).
package commands

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"syscall"

	"github.com/manouche-go/manouche/framework/apps"
	"github.com/manouche-go/manouche/framework/manage"
	"github.com/manouche-go/manouche/framework/settings"
	"github.com/manouche-go/manouche/framework/site"
)

// Main runs the command named by args with the process's environment and
// standard streams and returns the exit code: 0 on success, 1 when the
// command or the settings fail, 2 for usage errors and unknown commands.
// The settings file is chosen with --settings FILE or MANOUCHE_SETTINGS.
// Messages name the program as it was invoked ("go run .", "./mysite"),
// and runserver may reload the program from its source (see runserver's
// help).
func Main(args []string) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	dir := mainDir()
	inv := &invocation{program: programName(os.Args[0], dir), environ: os.Environ(), mainDir: dir, reload: true}
	return execute(ctx, args, inv, os.Stdout, os.Stderr)
}

// Run is [Main] with its inputs made explicit, for tests. Cancelling ctx
// stops runserver gracefully. Messages call the program "manage", and
// runserver never reloads: it serves in-process, as with --noreload.
func Run(ctx context.Context, args, environ []string, stdout, stderr io.Writer) int {
	return execute(ctx, args, &invocation{program: manage.Program, environ: environ}, stdout, stderr)
}

func execute(ctx context.Context, args []string, inv *invocation, stdout, stderr io.Writer) int {
	inv.args = args
	path, rest, err := settings.SplitArgs(args, inv.environ)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 2
	}
	inv.settingsFile = path
	s, err := loadSettings(path, rest, inv.environ)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	for _, w := range s.Warnings {
		fmt.Fprintln(stderr, "warning:", w)
	}
	logger := slog.New(slog.NewTextHandler(stderr, nil))
	st, err := site.New(s, site.Options{Logger: logger, Stdout: stdout, Stderr: stderr, Environ: inv.environ, SettingsFile: path})
	if err != nil {
		fmt.Fprintln(stderr, withImportHint(err, s.InstalledApps, inv.mainDir))
		return 1
	}
	cmds := append(builtins(st, inv), st.Commands()...)
	code := manage.MainAs(ctx, inv.program, rest, cmds, stdout, stderr)
	if path == "" && isHelp(rest) {
		fmt.Fprintf(stdout, "\nNote that only manouche's own commands are listed: %s\n", errNoSettings())
	}
	return code
}

// loadSettings reads the settings file. Without one, help and startapp
// run on Django's defaults; any other command stops with one line saying
// where the file was looked for.
func loadSettings(path string, rest, environ []string) (*settings.Settings, error) {
	if path == "" {
		if !isHelp(rest) && (len(rest) == 0 || rest[0] != "startapp") {
			return nil, errNoSettings()
		}
		s := settings.Default()
		s.Debug = true
		return s, nil
	}
	return settings.Load(path, environ)
}

func errNoSettings() error {
	dir, err := os.Getwd()
	if err != nil {
		dir = "the working directory"
	}
	return fmt.Errorf("%s not found in %s; pass --settings FILE or set MANOUCHE_SETTINGS", settings.DefaultFile, dir)
}

func isHelp(rest []string) bool {
	return len(rest) == 0 || rest[0] == "help" || rest[0] == "-h" || rest[0] == "-help" || rest[0] == "--help"
}

// withImportHint adds to an unknown-app error how an app gets registered:
// its package must be imported by main.go.
func withImportHint(err error, installed []string, dir string) error {
	if !errors.Is(err, apps.ErrUnknown) {
		return err
	}
	for _, label := range installed {
		if _, lerr := apps.Lookup(label); lerr == nil {
			continue
		}
		imp := ".../" + label
		if mod, _ := modulePath(dir); mod != "" && dir != "" {
			imp = mod + "/" + label
		}
		return fmt.Errorf("%w (an app registers itself when its package is imported: is _ %q among the imports of main.go?)", err, imp)
	}
	return err
}

// Builtins returns the framework's own commands for a site.
func Builtins(st *site.Site) []*manage.Command {
	return builtins(st, &invocation{program: manage.Program})
}

func builtins(st *site.Site, inv *invocation) []*manage.Command {
	return []*manage.Command{
		checkCommand(st),
		migrateCommand(st),
		showMigrationsCommand(st),
		runserverCommand(st, inv),
		startAppCommand(st, inv),
		dbshellCommand(st),
		makeMigrationsCommand(st),
		sqlMigrateCommand(st),
		collectStaticCommand(st),
		findStaticCommand(st),
	}
}
