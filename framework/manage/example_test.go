package manage_test

import (
	"context"
	"flag"
	"fmt"
	"os"

	"github.com/manouche-go/manouche/framework/manage"
)

func Example() {
	var name string
	greet := &manage.Command{
		Name:  "greet",
		Usage: "greet [-name NAME]",
		Short: "print a greeting",
		Flags: func(fs *flag.FlagSet) { fs.StringVar(&name, "name", "world", "who to greet") },
		Run: func(ctx context.Context, args []string) error {
			if len(args) > 0 {
				return manage.UsageErrorf("unexpected argument %q", args[0])
			}
			fmt.Printf("Hello, %s!\n", name)
			return nil
		},
	}
	cmds := []*manage.Command{greet}
	ctx := context.Background()

	code := manage.Main(ctx, []string{"greet", "-name", "Django"}, cmds, os.Stdout, os.Stdout)
	fmt.Println("exit", code)
	code = manage.Main(ctx, []string{"gret"}, cmds, os.Stdout, os.Stdout)
	fmt.Println("exit", code)
	// Output:
	// Hello, Django!
	// exit 0
	// Unknown command: 'gret'. Did you mean greet?
	// Type 'manage help' for usage.
	// exit 2
}
