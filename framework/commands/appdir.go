package commands

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"

	"github.com/manouche-go/manouche/framework/apps"
)

// migrationsDir returns the directory of an app's migrations package and
// that package's import path: migrations/ in the directory of the
// package that defines the app's type, found from the go.mod of the
// project, the first one above the working directory.
func migrationsDir(a apps.App) (dir, importPath string, err error) {
	t := reflect.TypeOf(a)
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	pkg := t.PkgPath()
	root, module, err := findModule()
	if err != nil {
		return "", "", err
	}
	rel, ok := strings.CutPrefix(pkg, module)
	if !ok || (rel != "" && rel[0] != '/') {
		return "", "", fmt.Errorf("app %s is defined in package %s, outside the module %s of this project (%s): its migrations cannot be written here", a.Label(), pkg, module, root)
	}
	return filepath.Join(root, filepath.FromSlash(rel), "migrations"), pkg + "/migrations", nil
}

// findModule returns the directory and module path of the first go.mod
// at or above the working directory.
func findModule() (root, module string, err error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", "", err
	}
	for {
		data, err := os.ReadFile(filepath.Join(dir, "go.mod"))
		if err == nil {
			if module := modulePath(data); module != "" {
				return dir, module, nil
			}
			return "", "", fmt.Errorf("%s declares no module", filepath.Join(dir, "go.mod"))
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return "", "", err
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", "", errors.New("no go.mod in the working directory or above: run the command in the project's directory")
		}
		dir = parent
	}
}

// modulePath returns the module path a go.mod declares, or "".
func modulePath(gomod []byte) string {
	sc := bufio.NewScanner(bytes.NewReader(gomod))
	for sc.Scan() {
		line, _, _ := strings.Cut(sc.Text(), "//")
		f := strings.Fields(line)
		if len(f) == 2 && f[0] == "module" {
			if u, err := strconv.Unquote(f[1]); err == nil {
				return u
			}
			return f[1]
		}
	}
	return ""
}
