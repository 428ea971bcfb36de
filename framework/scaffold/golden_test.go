package scaffold

import (
	"bytes"
	"flag"
	"go/format"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// testSecretKey is the SECRET_KEY of the golden project: 50 characters of
// Django's alphabet, with the ones YAML cares about.
const testSecretKey = "#k&%y*(-_=+)!@^$0a1b2c3d4e5f6g7h8i9jklmnopqrstuvwx"

// checkoutToken replaces the fake checkout's temporary path in golden files.
const checkoutToken = "/path/to/manouche"

// fakeCheckout writes a minimal manouche checkout (go.mod and go.sum) and
// returns its directory.
func fakeCheckout(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	mod := "module github.com/manouche-go/manouche\n\ngo 1.26.8\n\nrequire (\n" +
		"\tgithub.com/go-chi/chi/v5 v5.5.0 // indirect\n\tgorm.io/gorm v1.31.2\n)\n\n" +
		"require github.com/spf13/viper v1.21.0\n"
	sum := "github.com/go-chi/chi/v5 v5.5.0 h1:fake=\ngithub.com/go-chi/chi/v5 v5.5.0/go.mod h1:fake=\n"
	writeTestFile(t, filepath.Join(dir, "go.mod"), mod)
	writeTestFile(t, filepath.Join(dir, "go.sum"), sum)
	return dir
}

func writeTestFile(t *testing.T, name, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// readTree returns every file under dir by slash path, with suffix removed
// from the names and old replaced by new in the contents.
func readTree(t *testing.T, dir, suffix, old, new string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		if old != "" {
			b = bytes.ReplaceAll(b, []byte(old), []byte(new))
		}
		files[strings.TrimSuffix(filepath.ToSlash(rel), suffix)] = b
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// checkGolden compares the files under got with testdata/name/*.golden, or
// rewrites the golden files with -update.
func checkGolden(t *testing.T, got map[string][]byte, name string) {
	t.Helper()
	goldenDir := filepath.Join("testdata", name)
	if *update {
		if err := os.RemoveAll(goldenDir); err != nil {
			t.Fatal(err)
		}
		for p, b := range got {
			writeTestFile(t, filepath.Join(goldenDir, filepath.FromSlash(p)+".golden"), string(b))
		}
		return
	}
	want := readTree(t, goldenDir, ".golden", "", "")
	gotNames, wantNames := sortedNames(got), sortedNames(want)
	if !slices.Equal(gotNames, wantNames) {
		t.Fatalf("got files %q, want %q (refresh with go test -update)", gotNames, wantNames)
	}
	for _, p := range gotNames {
		if !bytes.Equal(got[p], want[p]) {
			t.Errorf("%s differs from %s.golden (refresh with go test -update):\ngot:\n%s\nwant:\n%s", p, p, got[p], want[p])
		}
	}
}

func sortedNames(m map[string][]byte) []string {
	names := make([]string, 0, len(m))
	for k := range m {
		names = append(names, k)
	}
	slices.Sort(names)
	return names
}

// checkGofmt fails for any generated .go file that gofmt would change.
func checkGofmt(t *testing.T, files map[string][]byte) {
	t.Helper()
	for p, b := range files {
		if !strings.HasSuffix(p, ".go") {
			continue
		}
		formatted, err := format.Source(b)
		if err != nil {
			t.Errorf("%s: %v", p, err)
		} else if !bytes.Equal(formatted, b) {
			t.Errorf("%s is not gofmt-formatted:\n%s", p, b)
		}
	}
}

func TestProject_golden(t *testing.T) {
	checkout := fakeCheckout(t)
	dir := filepath.Join(t.TempDir(), "mysite")
	err := Project(ProjectOptions{Name: "mysite", Dir: dir, ModulePath: "example.com/mysite", ManouchePath: checkout, SecretKey: testSecretKey})
	if err != nil {
		t.Fatalf("Project: %v", err)
	}
	files := readTree(t, dir, "", checkout, checkoutToken)
	checkGofmt(t, files)
	checkGolden(t, files, "mysite")
}

func TestApp_golden(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "notes")
	if err := App(AppOptions{Name: "notes", Dir: dir, ImportPath: "example.com/mysite/notes"}); err != nil {
		t.Fatalf("App: %v", err)
	}
	files := readTree(t, dir, "", "", "")
	checkGofmt(t, files)
	checkGolden(t, files, "notes")
}
