package commands

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"strings"

	"github.com/manouche-go/manouche/framework/db"
	"github.com/manouche-go/manouche/framework/manage"
	"github.com/manouche-go/manouche/framework/site"
)

func dbshellCommand(st *site.Site) *manage.Command {
	var alias string
	return &manage.Command{
		Name:  "dbshell",
		Usage: "dbshell [--database ALIAS] [-- ARGS...]",
		Short: "open the database's command-line client (sqlite3, psql or mysql)",
		Long: "Dbshell runs the command-line client of the database, connected as the\n" +
			"settings say (Django's dbshell): sqlite3, psql or mysql, which must be\n" +
			"installed. Arguments after -- go to the client: dbshell -- -c 'SELECT 1'.\n" +
			"The password is passed in the client's environment, not its arguments.",
		Flags: func(fs *flag.FlagSet) {
			fs.StringVar(&alias, "database", "default", "the DATABASES alias to connect to")
		},
		Run: func(ctx context.Context, args []string) error {
			d, ok := st.Settings.Databases[alias]
			if !ok {
				return manage.UsageErrorf("no database %q in DATABASES", alias)
			}
			c, err := db.ClientCommand(d)
			if err != nil {
				return err
			}
			return runClient(ctx, st, c, args)
		},
	}
}

// runClient runs the client with the terminal's input and the command's
// output, as Django's subprocess.run does.
func runClient(ctx context.Context, st *site.Site, c *db.Client, extra []string) error {
	path, err := exec.LookPath(c.Name)
	if err != nil {
		return fmt.Errorf("You appear not to have the %q program installed or on your path.", c.Name)
	}
	args := append(append([]string(nil), c.Args...), extra...)
	cmd := exec.CommandContext(ctx, path, args...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, st.Env.Stdout, st.Env.Stderr
	cmd.Env = append(os.Environ(), c.Env...)
	err = cmd.Run()
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		return fmt.Errorf("%q returned non-zero exit status %d.", strings.Join(append([]string{c.Name}, args...), " "), ee.ExitCode())
	}
	return err
}
