package manage

import (
	"flag"
	"fmt"
	"io"
	"slices"
	"strings"
)

// helpShort is the line "manage help" prints for the built-in help command.
const helpShort = "show the commands, or the usage of one command"

// helpLong is what "manage help help" prints.
const helpLong = "Help lists every command with a one-line description, or prints the\n" +
	"usage, description and flags of COMMAND."

// printCommands writes Django's main help text: every command, sorted, one
// line each with its Short description.
func printCommands(w io.Writer, prog string, byName map[string]*Command) {
	names := make([]string, 0, len(byName)+1)
	width := len("help")
	for name := range byName {
		names = append(names, name)
		width = max(width, len(name))
	}
	names = append(names, "help")
	slices.Sort(names)
	fmt.Fprintf(w, "Usage: %s COMMAND [ARGS]\n\nAvailable commands:\n", prog)
	for _, name := range names {
		short := helpShort
		if c := byName[name]; c != nil {
			short = c.Short
		}
		fmt.Fprintf(w, "  %-*s  %s\n", width, name, short)
	}
	fmt.Fprintf(w, "\nType '%s help COMMAND' for help on a specific command.\n", prog)
}

// printCommand writes the help of one command: usage, long description and
// flags.
func printCommand(w io.Writer, prog string, c *Command) {
	fmt.Fprintf(w, "usage: %s %s\n", prog, c.usage())
	long := c.Long
	if long == "" {
		long = c.Short
	}
	if long != "" {
		fmt.Fprintf(w, "\n%s\n", strings.TrimRight(long, "\n"))
	}
	fs := newFlagSet(c, w)
	hasFlags := false
	fs.VisitAll(func(*flag.Flag) { hasFlags = true })
	if hasFlags {
		fmt.Fprintf(w, "\nFlags:\n")
		fs.PrintDefaults()
	}
}

// printUsageHint writes the usage line of c and where to find more.
func printUsageHint(w io.Writer, prog string, c *Command) {
	fmt.Fprintf(w, "usage: %s %s\n", prog, c.usage())
	fmt.Fprintf(w, "Type '%s help %s' for usage.\n", prog, c.Name)
}

// help runs "manage help [CMD]".
func help(prog string, args []string, byName map[string]*Command, stdout, stderr io.Writer) int {
	switch {
	case len(args) == 0:
		printCommands(stdout, prog, byName)
		return 0
	case len(args) > 1:
		fmt.Fprintf(stderr, "%s help: too many arguments\n", prog)
		fmt.Fprintf(stderr, "usage: %s help [COMMAND]\n", prog)
		return 2
	case args[0] == "help":
		fmt.Fprintf(stdout, "usage: %s help [COMMAND]\n\n%s\n", prog, helpLong)
		return 0
	}
	c, ok := byName[args[0]]
	if !ok {
		unknown(stderr, prog, args[0], byName)
		return 2
	}
	printCommand(stdout, prog, c)
	return 0
}

// unknown writes Django's unknown-command message with the nearest name.
func unknown(w io.Writer, prog, name string, byName map[string]*Command) {
	names := make([]string, 0, len(byName)+1)
	for n := range byName {
		names = append(names, n)
	}
	names = append(names, "help")
	fmt.Fprintf(w, "Unknown command: '%s'", name)
	if s := Suggest(name, names); s != "" {
		fmt.Fprintf(w, ". Did you mean %s?", s)
	}
	fmt.Fprintf(w, "\nType '%s help' for usage.\n", prog)
}
