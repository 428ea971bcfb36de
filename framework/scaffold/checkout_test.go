package scaffold

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestParseGoMod(t *testing.T) {
	mod := `// a comment
module "github.com/manouche-go/manouche" // quoted

go 1.26.8
toolchain go1.26.9

require github.com/a/b v1.0.0
require (
	github.com/c/d v0.1.0 // indirect
	github.com/manouche-go/manouche v0.0.0

)
replace github.com/e/f => ../f
exclude (
	github.com/g/h v1.0.0
)
`
	c, module := parseGoMod([]byte(mod))
	if module != ModulePath {
		t.Errorf("got module %q, want %q", module, ModulePath)
	}
	if c.goVersion != "1.26.8" || c.toolchain != "go1.26.9" {
		t.Errorf("got go %q toolchain %q, want 1.26.8 and go1.26.9", c.goVersion, c.toolchain)
	}
	want := []string{"github.com/a/b v1.0.0", "github.com/c/d v0.1.0"}
	if !slices.Equal(c.requires, want) {
		t.Errorf("got requires %q, want %q", c.requires, want)
	}
}

func TestReadCheckout_notManouche(t *testing.T) {
	dir := t.TempDir()
	writeTestFile(t, filepath.Join(dir, "go.mod"), "module example.com/other\n\ngo 1.26\n")
	_, err := readCheckout(dir)
	if err == nil || !strings.Contains(err.Error(), `declares module "example.com/other"`) {
		t.Errorf("got %v, want an error naming the module", err)
	}
	if _, err := readCheckout(t.TempDir()); err == nil {
		t.Errorf("got nil error for a directory without go.mod")
	}
}

func TestFindCheckout(t *testing.T) {
	root := fakeCheckout(t)
	deep := filepath.Join(root, "a", "b")
	if err := os.MkdirAll(deep, 0o755); err != nil {
		t.Fatal(err)
	}
	other := t.TempDir()
	writeTestFile(t, filepath.Join(other, "go.mod"), "module example.com/other\n")
	tests := []struct {
		name   string
		starts []string
		want   string // "" means an error
	}{
		{"from root", []string{root}, root},
		{"from below", []string{deep}, root},
		{"first miss, second hit", []string{other, "", deep}, root},
		{"none", []string{other}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := FindCheckout(tt.starts...)
			if tt.want == "" {
				if err == nil {
					t.Errorf("got %q, want an error", got)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Errorf("got %q, %v, want %q", got, err, tt.want)
			}
		})
	}
}

func TestFindCheckout_thisRepository(t *testing.T) {
	dir, err := FindCheckout(".")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := readCheckout(dir); err != nil {
		t.Errorf("readCheckout(%q): %v", dir, err)
	}
}
