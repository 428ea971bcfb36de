package commands

import (
	"os"
	"path/filepath"
	"testing"
)

func TestProgramName(t *testing.T) {
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		arg0, mainDir, want string
	}{
		{"/tmp/go-build1234/b001/exe/mysite", wd, "go run ."},
		{"/root/.cache/go-build/58/58c4e2-d/manage", filepath.Join(wd, "cmd", "manage"), "go run ./cmd/manage"},
		{"/tmp/go-build1234/b001/exe/mysite", "", "go run ."},
		{"./mysite", "", "./mysite"},
		{"/usr/local/bin/mysite", "", "/usr/local/bin/mysite"},
		{"mysite", "", "mysite"},
	}
	for _, tt := range tests {
		if got := programName(tt.arg0, tt.mainDir); got != tt.want {
			t.Errorf("programName(%q, %q): got %q, want %q", tt.arg0, tt.mainDir, got, tt.want)
		}
	}
}

func TestImportPath(t *testing.T) {
	root := t.TempDir()
	os.WriteFile(filepath.Join(root, "go.mod"), []byte("// a comment\nmodule example.com/mysite\n\ngo 1.26\n"), 0o644)
	os.MkdirAll(filepath.Join(root, "apps", "polls"), 0o755)
	tests := []struct{ dir, want string }{
		{root, "example.com/mysite"},
		{filepath.Join(root, "apps", "polls"), "example.com/mysite/apps/polls"},
		{filepath.Join(root, "notes"), "example.com/mysite/notes"}, // not created yet
		{t.TempDir(), ""},
	}
	for _, tt := range tests {
		if got := importPath(tt.dir); got != tt.want {
			t.Errorf("importPath(%q): got %q, want %q", tt.dir, got, tt.want)
		}
	}
}

// TestMainDir: a test binary's main.main is generated, so there is no
// source to reload from.
func TestMainDir(t *testing.T) {
	if got := mainDir(); got != "" {
		t.Errorf("got %q, want \"\" in a test binary", got)
	}
}
