package admin

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// thisFile stands for the manouche command's main.go: the checkout is
// above it.
func thisFile() string {
	_, src, _, _ := runtime.Caller(0)
	return src
}

func run(t *testing.T, source string, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := Main(context.Background(), args, Options{Source: source, Stdout: &out, Stderr: &errOut})
	return code, out.String(), errOut.String()
}

func TestVersion(t *testing.T) {
	checkout, _ := filepath.Abs("../../..")
	code, out, _ := run(t, thisFile(), "version")
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if code != 0 || len(lines) != 2 || !strings.HasPrefix(lines[0], "manouche devel "+runtime.Version()) || lines[1] != "checkout "+checkout {
		t.Errorf("got exit %d, %q; want the version and checkout %s", code, out, checkout)
	}
	if code, out, _ := run(t, "github.com/manouche-go/manouche/cmd/manouche/main.go", "version"); code != 0 || !strings.Contains(out, "checkout none: ") {
		t.Errorf("trimmed path: got exit %d, %q", code, out)
	}
}

func TestStartProject(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "mysite")
	code, out, errOut := run(t, thisFile(), "startproject", "-module", "example.com/mysite", "mysite", dir)
	if code != 0 || !strings.Contains(out, "created "+filepath.Join(dir, "settings.yaml")) || !strings.Contains(out, "Project mysite is ready") {
		t.Fatalf("got exit %d, %q, %q", code, out, errOut)
	}
	mod, err := os.ReadFile(filepath.Join(dir, "go.mod"))
	checkout, _ := filepath.Abs("../../..")
	if err != nil || !strings.HasPrefix(string(mod), "module example.com/mysite\n") || !strings.Contains(string(mod), "=> "+checkout+"\n") {
		t.Errorf("go.mod (%v):\n%s\nwant module example.com/mysite replacing manouche with %s", err, mod, checkout)
	}
	code, _, errOut = run(t, thisFile(), "startapp", "polls", filepath.Join(dir, "polls"))
	if code != 0 {
		t.Fatalf("startapp: got exit %d, %q", code, errOut)
	}
	if app, _ := os.ReadFile(filepath.Join(dir, "polls", "app.go")); !strings.Contains(string(app), `"example.com/mysite/polls/migrations"`) {
		t.Errorf("polls/app.go does not import its migrations:\n%s", app)
	}
}

func TestStartProject_errors(t *testing.T) {
	full := t.TempDir()
	os.WriteFile(filepath.Join(full, "x"), nil, 0o644)
	moved := filepath.Join(t.TempDir(), "old-checkout", "cmd", "manouche", "main.go")
	tests := []struct {
		name   string
		source string
		args   []string
		code   int
		want   string
	}{
		{"bad name", thisFile(), []string{"startproject", "my-site"}, 2, `"my-site" is not a valid project name`},
		{"non-empty dir", thisFile(), []string{"startproject", "mysite", full}, 2, "is not empty"},
		{"no name", thisFile(), []string{"startproject"}, 2, "startproject takes NAME and an optional DIR"},
		{"checkout gone", moved, []string{"startproject", "mysite", filepath.Join(t.TempDir(), "a")}, 1,
			"is no longer a manouche checkout: install it again (make install in a checkout) or pass -manouche PATH"},
		{"trimmed path", "cmd/manouche/main.go", []string{"startproject", "mysite", filepath.Join(t.TempDir(), "b")}, 1, "built with -trimpath?"},
		{"unknown command", thisFile(), []string{"startprojet"}, 2, "Did you mean startproject?"},
	}
	for _, tt := range tests {
		code, _, errOut := run(t, tt.source, tt.args...)
		if code != tt.code || !strings.Contains(errOut, tt.want) {
			t.Errorf("%s: got exit %d, stderr %q; want %d and %q", tt.name, code, errOut, tt.code, tt.want)
		}
	}
}
