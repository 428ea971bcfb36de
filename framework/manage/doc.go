// Package manage runs management commands: the Go form of Django's
// manage.py and django.core.management, in the shape of cmd/go's command
// registry.
//
// A [Command] has a name, a one-line usage, a short and a long description,
// an optional flag set and a Run function. [Main] picks the command named by
// its first argument, parses the command's flags with [flag.FlagSet], and
// runs it:
//
//	os.Exit(manage.Main(ctx, os.Args[1:], cmds, os.Stdout, os.Stderr))
//
// # Built-in help
//
// The command name "help" is reserved. "manage help" (or no arguments, or
// -h/-help/--help) lists every command, one line each, sorted by name;
// "manage help CMD" and "manage CMD -h" print the command's usage, long
// description and flags. Both write to stdout and exit 0.
//
// # Exit codes
//
//   - 0: the command succeeded (or help was printed).
//   - 1: the command's Run returned an error. Main prints
//     "CommandError: <message>" to stderr, as Django does for CommandError.
//   - 2: a usage error: an unknown command (with the nearest command name
//     suggested, as Django does), a bad flag, or a Run that returned a
//     [UsageError].
//
// # Programmer errors
//
// A nil command, an empty name, a nil Run, the reserved name "help" or two
// commands with the same name make Main panic with a message prefixed
// "manage: ", as sql.Register does: the command list is fixed at start-up,
// so the mistake shows the first time any command runs.
package manage
