package manage

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
)

// Program is the default program name of usage and help messages
// ("manage", as Django's messages say "manage.py"); [MainAs] takes the name
// the program was invoked as.
const Program = "manage"

// Command is one management command (Django's BaseCommand, in cmd/go's
// base.Command shape).
type Command struct {
	// Name is the word that selects the command, e.g. "migrate". It must
	// be unique and must not be "help".
	Name string
	// Usage is the one-line usage without the program name, e.g.
	// "migrate [APP zero]". If empty, Name is used.
	Usage string
	// Short is the one-line description shown by "manage help" (Django's
	// help attribute).
	Short string
	// Long is the full description shown by "manage help NAME". If empty,
	// Short is used.
	Long string
	// Flags, if not nil, defines the command's flags on fs (Django's
	// add_arguments). Run reads the parsed values through the variables it
	// shares with Flags. As with the flag package, flags come before the
	// positional arguments: "migrate -plan shop", not "migrate shop -plan".
	Flags func(fs *flag.FlagSet)
	// Run executes the command (Django's handle) with the arguments left
	// after the flags. A returned [UsageError] exits 2; any other error
	// exits 1.
	Run func(ctx context.Context, args []string) error
}

// usage returns the usage line without the program name.
func (c *Command) usage() string {
	if c.Usage == "" {
		return c.Name
	}
	return c.Usage
}

// UsageError reports that a command was called with wrong arguments
// (argparse's error, which Django turns into exit status 2). A Run that
// returns a UsageError, possibly wrapped, makes [Main] print the message
// and the command's usage and exit 2.
type UsageError struct {
	// Err describes what is wrong with the arguments.
	Err error
}

// Error returns the message of Err.
func (e *UsageError) Error() string {
	if e.Err == nil {
		return "usage error"
	}
	return e.Err.Error()
}

// Unwrap returns Err.
func (e *UsageError) Unwrap() error { return e.Err }

// ExitError makes [Main] exit with Code and print nothing: the command
// has already said what went wrong (runserver's child process, for one).
type ExitError struct {
	// Code is the exit code, 1 or more.
	Code int
}

// Error returns "exit status Code".
func (e *ExitError) Error() string { return fmt.Sprintf("exit status %d", e.Code) }

// UsageErrorf returns a [UsageError] whose Err is fmt.Errorf(format, args...).
func UsageErrorf(format string, args ...any) error {
	return &UsageError{Err: fmt.Errorf(format, args...)}
}

// Main runs the command named by args[0] with the remaining arguments and
// returns the process exit status: 0 on success, 1 when the command
// returned an error, 2 on a usage error or an unknown command (Django's
// ManagementUtility.execute). Output of Main itself goes to stdout (help)
// and stderr (errors); commands write wherever they were built to write.
//
// Main panics if cmds holds a nil command, an empty or reserved name, a
// nil Run or a duplicate name (see the package documentation).
func Main(ctx context.Context, args []string, cmds []*Command, stdout, stderr io.Writer) int {
	return MainAs(ctx, Program, args, cmds, stdout, stderr)
}

// MainAs is [Main] for a program invoked as prog, the name its help and
// usage messages give ("go run .", "./mysite"), as Django's messages name
// the program from argv[0].
func MainAs(ctx context.Context, prog string, args []string, cmds []*Command, stdout, stderr io.Writer) int {
	byName := index(cmds)
	if len(args) == 0 || isHelpFlag(args[0]) {
		printCommands(stdout, prog, byName)
		return 0
	}
	name, rest := args[0], args[1:]
	if name == "help" {
		return help(prog, rest, byName, stdout, stderr)
	}
	c, ok := byName[name]
	if !ok {
		unknown(stderr, prog, name, byName)
		return 2
	}
	return run(ctx, prog, c, rest, stdout, stderr)
}

// index validates cmds and returns them by name.
func index(cmds []*Command) map[string]*Command {
	byName := make(map[string]*Command, len(cmds))
	for i, c := range cmds {
		switch {
		case c == nil:
			panic(fmt.Sprintf("manage: command %d is nil", i))
		case c.Name == "" || strings.ContainsAny(c.Name, " \t\n"):
			panic(fmt.Sprintf("manage: command %d has invalid name %q", i, c.Name))
		case c.Name == "help":
			panic(`manage: command name "help" is reserved`)
		case c.Run == nil:
			panic(fmt.Sprintf("manage: command %q has nil Run", c.Name))
		}
		if _, dup := byName[c.Name]; dup {
			panic(fmt.Sprintf("manage: duplicate command %q", c.Name))
		}
		byName[c.Name] = c
	}
	return byName
}

// run parses c's flags and runs it.
func run(ctx context.Context, prog string, c *Command, args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet(c, stderr)
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			printCommand(stdout, prog, c)
			return 0
		}
		// The flag package has already printed the error to stderr.
		printUsageHint(stderr, prog, c)
		return 2
	}
	err := c.Run(ctx, fs.Args())
	var ue *UsageError
	var ee *ExitError
	switch {
	case err == nil:
		return 0
	case errors.As(err, &ue):
		fmt.Fprintf(stderr, "%s %s: %v\n", prog, c.Name, err)
		printUsageHint(stderr, prog, c)
		return 2
	case errors.As(err, &ee):
		return ee.Code
	default:
		fmt.Fprintf(stderr, "CommandError: %v\n", err)
		return 1
	}
}

// newFlagSet returns c's flag set: ContinueOnError, errors to stderr, and
// no automatic usage text (Main prints its own).
func newFlagSet(c *Command, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(c.Name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {}
	if c.Flags != nil {
		c.Flags(fs)
	}
	return fs
}

func isHelpFlag(arg string) bool {
	return arg == "-h" || arg == "-help" || arg == "--help"
}
