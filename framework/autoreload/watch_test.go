package autoreload

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"
)

// writeFiles writes name → content under dir.
func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// module is a small program: a main package importing one package that
// embeds a templates directory.
var module = map[string]string{
	"go.mod":                           "module example.com/site\n\ngo 1.22\n",
	"main.go":                          "package main\n\nimport _ \"example.com/site/polls\"\n\nfunc main() {}\n",
	"polls/app.go":                     "package polls\n\nimport \"embed\"\n\n//go:embed templates\nvar T embed.FS\n",
	"polls/app_test.go":                "package polls\n",
	"polls/templates/polls/index.html": "<p>index</p>",
	"polls/templates/polls/.index.swp": "swap",
	"polls/notes.txt":                  "not watched",
}

func TestDiscoverAndScan(t *testing.T) {
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command in PATH")
	}
	dir := t.TempDir()
	writeFiles(t, dir, module)
	ws, err := discover(context.Background(), goTool, dir, append(os.Environ(), "GOFLAGS=-mod=mod", "GOWORK=off"))
	if err != nil {
		t.Fatal(err)
	}
	snap := scan(ws, []string{filepath.Join(dir, "settings.yaml")})
	var got []string
	for p := range snap {
		rel, _ := filepath.Rel(dir, p)
		got = append(got, filepath.ToSlash(rel))
	}
	want := []string{"go.mod", "main.go", "polls/app.go", "polls/templates/polls/index.html"}
	slices.Sort(got)
	if !reflect.DeepEqual(got, want) {
		t.Errorf("watched files: got %q, want %q", got, want)
	}
}

func TestChanged(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"a.go": "package a", "b.go": "package a", "templates/x.html": "x"})
	ws := watchSet{pkgDirs: []string{dir}, paths: []string{filepath.Join(dir, "templates")}}
	before := scan(ws, nil)
	if got := changed(before, scan(ws, nil)); len(got) != 0 {
		t.Fatalf("no change: got %q", got)
	}
	later := time.Now().Add(2 * time.Second)
	os.Chtimes(filepath.Join(dir, "a.go"), later, later)
	os.Remove(filepath.Join(dir, "b.go"))
	writeFiles(t, dir, map[string]string{"c.go": "package a", "templates/y.html": "y", "c_test.go": "package a", "templates/x.html~": "backup"})
	var got []string
	for _, p := range changed(before, scan(ws, nil)) {
		got = append(got, filepath.Base(p))
	}
	if want := []string{"a.go", "b.go", "c.go", "y.html"}; strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestUnder(t *testing.T) {
	tests := []struct {
		path, dir string
		want      bool
	}{
		{"/p/templates/a.html", "/p/templates", true},
		{"/p/templates", "/p/templates", true},
		{"/p/templates2/a.html", "/p/templates", false},
		{"/p/a.go", "/p/templates", false},
		{"/p/..x/a", "/p", true},
	}
	for _, tt := range tests {
		if got := under(tt.path, tt.dir); got != tt.want {
			t.Errorf("under(%q, %q): got %v, want %v", tt.path, tt.dir, got, tt.want)
		}
	}
}
