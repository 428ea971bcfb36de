package manage

import (
	"bytes"
	"context"
	"strings"
	"testing"
)

func TestMainNamed(t *testing.T) {
	var got string
	tests := []struct {
		args       []string
		wantCode   int
		wantStdout string
		wantStderr string
	}{
		{nil, 0, strings.ReplaceAll(listing, "manage", "manouche"), ""},
		{[]string{"help", "migrate"}, 0, strings.ReplaceAll(migrateHelp, "manage", "manouche"), ""},
		{[]string{"migarte"}, 2, "", "Unknown command: 'migarte'. Did you mean migrate?\nType 'manouche help' for usage.\n"},
		{[]string{"migrate", "bad"}, 2, "", "manouche migrate: parse: unexpected \"bad\"\n" +
			"usage: manouche migrate [-plan] [APP zero]\nType 'manouche help migrate' for usage.\n"},
	}
	for _, tt := range tests {
		var stdout, stderr bytes.Buffer
		code := MainNamed(context.Background(), "manouche", tt.args, testCommands(&got), &stdout, &stderr)
		if code != tt.wantCode || stdout.String() != tt.wantStdout || stderr.String() != tt.wantStderr {
			t.Errorf("MainNamed(%q): got %d, stdout %q, stderr %q; want %d, %q, %q",
				tt.args, code, stdout.String(), stderr.String(), tt.wantCode, tt.wantStdout, tt.wantStderr)
		}
	}
}
