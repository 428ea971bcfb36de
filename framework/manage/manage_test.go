package manage

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"strings"
	"testing"
)

// testCommands returns a small command set; the Run of "migrate" records its
// arguments and flag in *got.
func testCommands(got *string) []*Command {
	var plan bool
	return []*Command{
		{
			Name:  "migrate",
			Usage: "migrate [-plan] [APP zero]",
			Short: "apply database migrations",
			Long:  "Migrate applies pending migrations.\nSecond line.\n",
			Flags: func(fs *flag.FlagSet) { fs.BoolVar(&plan, "plan", false, "show the plan only") },
			Run: func(ctx context.Context, args []string) error {
				*got = fmt.Sprintf("plan=%v args=%q", plan, args)
				switch {
				case len(args) == 1 && args[0] == "bad":
					return fmt.Errorf("parse: %w", UsageErrorf("unexpected %q", args[0]))
				case len(args) == 1 && args[0] == "fail":
					return fmt.Errorf("migrate: %w", errors.New("no such table"))
				}
				return nil
			},
		},
		{Name: "check", Short: "run system checks", Run: func(context.Context, []string) error { return nil }},
	}
}

const listing = `Usage: manage COMMAND [ARGS]

Available commands:
  check    run system checks
  help     show the commands, or the usage of one command
  migrate  apply database migrations

Type 'manage help COMMAND' for help on a specific command.
`

const migrateHelp = `usage: manage migrate [-plan] [APP zero]

Migrate applies pending migrations.
Second line.

Flags:
  -plan
    	show the plan only
`

func TestMain_exitPaths(t *testing.T) {
	tests := []struct {
		name       string
		args       []string
		wantCode   int
		wantStdout string
		wantStderr string
		wantRun    string
	}{
		{name: "no args lists commands", args: nil, wantStdout: listing},
		{name: "help lists commands", args: []string{"help"}, wantStdout: listing},
		{name: "dash h lists commands", args: []string{"-h"}, wantStdout: listing},
		{name: "double dash help lists commands", args: []string{"--help"}, wantStdout: listing},
		{name: "help CMD", args: []string{"help", "migrate"}, wantStdout: migrateHelp},
		{name: "help CMD without Long or flags", args: []string{"help", "check"},
			wantStdout: "usage: manage check\n\nrun system checks\n"},
		{name: "help help", args: []string{"help", "help"},
			wantStdout: "usage: manage help [COMMAND]\n\n" + helpLong + "\n"},
		{name: "CMD -h", args: []string{"migrate", "-h"}, wantStdout: migrateHelp},
		{name: "help unknown", args: []string{"help", "migarte"}, wantCode: 2,
			wantStderr: "Unknown command: 'migarte'. Did you mean migrate?\nType 'manage help' for usage.\n"},
		{name: "help too many args", args: []string{"help", "a", "b"}, wantCode: 2,
			wantStderr: "manage help: too many arguments\nusage: manage help [COMMAND]\n"},
		{name: "success", args: []string{"migrate", "shop", "zero"},
			wantRun: `plan=false args=["shop" "zero"]`},
		{name: "flags parsed", args: []string{"migrate", "-plan", "shop"},
			wantRun: `plan=true args=["shop"]`},
		{name: "command error", args: []string{"migrate", "fail"}, wantCode: 1,
			wantRun:    `plan=false args=["fail"]`,
			wantStderr: "CommandError: migrate: no such table\n"},
		{name: "usage error from Run", args: []string{"migrate", "bad"}, wantCode: 2,
			wantRun: `plan=false args=["bad"]`,
			wantStderr: "manage migrate: parse: unexpected \"bad\"\n" +
				"usage: manage migrate [-plan] [APP zero]\nType 'manage help migrate' for usage.\n"},
		{name: "bad flag", args: []string{"migrate", "-nope"}, wantCode: 2,
			wantStderr: "flag provided but not defined: -nope\n" +
				"usage: manage migrate [-plan] [APP zero]\nType 'manage help migrate' for usage.\n"},
		{name: "unknown with suggestion", args: []string{"migarte"}, wantCode: 2,
			wantStderr: "Unknown command: 'migarte'. Did you mean migrate?\nType 'manage help' for usage.\n"},
		{name: "unknown suggests help", args: []string{"hepl"}, wantCode: 2,
			wantStderr: "Unknown command: 'hepl'. Did you mean help?\nType 'manage help' for usage.\n"},
		{name: "unknown without suggestion", args: []string{"runserver"}, wantCode: 2,
			wantStderr: "Unknown command: 'runserver'\nType 'manage help' for usage.\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var ran string
			var stdout, stderr bytes.Buffer
			code := Main(context.Background(), tt.args, testCommands(&ran), &stdout, &stderr)
			if code != tt.wantCode {
				t.Errorf("exit code: got %d, want %d", code, tt.wantCode)
			}
			if got := stdout.String(); got != tt.wantStdout {
				t.Errorf("stdout:\ngot  %q\nwant %q", got, tt.wantStdout)
			}
			if got := stderr.String(); got != tt.wantStderr {
				t.Errorf("stderr:\ngot  %q\nwant %q", got, tt.wantStderr)
			}
			if ran != tt.wantRun {
				t.Errorf("run: got %q, want %q", ran, tt.wantRun)
			}
		})
	}
}

func TestMain_passesContext(t *testing.T) {
	type key struct{}
	ctx := context.WithValue(context.Background(), key{}, "v")
	var got any
	cmds := []*Command{{Name: "x", Run: func(ctx context.Context, _ []string) error {
		got = ctx.Value(key{})
		return nil
	}}}
	if code := Main(ctx, []string{"x"}, cmds, &bytes.Buffer{}, &bytes.Buffer{}); code != 0 {
		t.Fatalf("exit code: got %d, want 0", code)
	}
	if got != "v" {
		t.Errorf("context value: got %v, want v", got)
	}
}

func TestMain_invalidCommandsPanic(t *testing.T) {
	ok := func(context.Context, []string) error { return nil }
	tests := []struct {
		name string
		cmds []*Command
		want string
	}{
		{"nil command", []*Command{nil}, "manage: command 0 is nil"},
		{"empty name", []*Command{{Run: ok}}, `manage: command 0 has invalid name ""`},
		{"space in name", []*Command{{Name: "a b", Run: ok}}, `manage: command 0 has invalid name "a b"`},
		{"reserved help", []*Command{{Name: "help", Run: ok}}, `manage: command name "help" is reserved`},
		{"nil Run", []*Command{{Name: "x"}}, `manage: command "x" has nil Run`},
		{"duplicate", []*Command{{Name: "x", Run: ok}, {Name: "x", Run: ok}}, `manage: duplicate command "x"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			defer func() {
				r := recover()
				if r != tt.want {
					t.Errorf("panic: got %v, want %q", r, tt.want)
				}
			}()
			Main(context.Background(), []string{"help"}, tt.cmds, &bytes.Buffer{}, &bytes.Buffer{})
		})
	}
}

func TestUsageError(t *testing.T) {
	inner := errors.New("inner")
	tests := []struct {
		name string
		err  *UsageError
		want string
	}{
		{"with Err", &UsageError{Err: inner}, "inner"},
		{"nil Err", &UsageError{}, "usage error"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.err.Error(); got != tt.want {
				t.Errorf("Error(): got %q, want %q", got, tt.want)
			}
		})
	}
	if !errors.Is(&UsageError{Err: inner}, inner) {
		t.Errorf("errors.Is(UsageError{inner}, inner): got false, want true")
	}
	var ue *UsageError
	if err := fmt.Errorf("x: %w", UsageErrorf("n=%d", 3)); !errors.As(err, &ue) || ue.Error() != "n=3" {
		t.Errorf("UsageErrorf: got %v, want a wrapped *UsageError n=3", err)
	}
}

func TestMain_helpListsLongNamesAligned(t *testing.T) {
	cmds := []*Command{{Name: "showmigrations", Short: "s", Run: func(context.Context, []string) error { return nil }}}
	var stdout bytes.Buffer
	Main(context.Background(), nil, cmds, &stdout, &bytes.Buffer{})
	for _, want := range []string{"  help            show", "  showmigrations  s\n"} {
		if !strings.Contains(stdout.String(), want) {
			t.Errorf("listing: got %q, want it to contain %q", stdout.String(), want)
		}
	}
}
