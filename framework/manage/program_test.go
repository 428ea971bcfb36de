package manage

import (
	"bytes"
	"context"
	"strings"
	"testing"
)

// TestMainAs: every message names the program as it was invoked.
func TestMainAs(t *testing.T) {
	var got string
	cmds := testCommands(&got)
	tests := []struct {
		args []string
		out  func(stdout, stderr string) string
		want string
	}{
		{nil, func(o, _ string) string { return o }, "Usage: go run . COMMAND [ARGS]"},
		{nil, func(o, _ string) string { return o }, "Type 'go run . help COMMAND' for help"},
		{[]string{"help", "migrate"}, func(o, _ string) string { return o }, "usage: go run . migrate"},
		{[]string{"nope"}, func(_, e string) string { return e }, "Type 'go run . help' for usage."},
		{[]string{"help", "a", "b"}, func(_, e string) string { return e }, "usage: go run . help [COMMAND]"},
	}
	for _, tt := range tests {
		var stdout, stderr bytes.Buffer
		MainAs(context.Background(), "go run .", tt.args, cmds, &stdout, &stderr)
		if out := tt.out(stdout.String(), stderr.String()); !strings.Contains(out, tt.want) || strings.Contains(out, "manage ") {
			t.Errorf("%q: got %q, want %q and no \"manage \"", tt.args, out, tt.want)
		}
	}
}

// TestMain_exitError: a command returning an ExitError exits with its code
// and prints nothing more.
func TestMain_exitError(t *testing.T) {
	cmds := []*Command{{Name: "child", Run: func(context.Context, []string) error { return &ExitError{Code: 3} }}}
	var stdout, stderr bytes.Buffer
	if code := Main(context.Background(), []string{"child"}, cmds, &stdout, &stderr); code != 3 || stdout.Len()+stderr.Len() != 0 {
		t.Errorf("got exit %d, %q, %q; want 3 and no output", code, stdout.String(), stderr.String())
	}
}
