package commands

import (
	"fmt"
	"path/filepath"
	"reflect"
	"strings"

	"github.com/manouche-go/manouche/framework/apps"
	"github.com/manouche-go/manouche/framework/scaffold"
)

// migrationsDir returns the directory of an app's migrations package and
// that package's import path: migrations/ in the directory of the
// package that defines the app's type, found from the go.mod of the
// project, the first one at or above the working directory.
func migrationsDir(a apps.App) (dir, importPath string, err error) {
	t := reflect.TypeOf(a)
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	pkg := t.PkgPath()
	root, module, err := scaffold.Module(".")
	if err != nil {
		return "", "", err
	}
	rel, ok := strings.CutPrefix(pkg, module)
	if !ok || (rel != "" && rel[0] != '/') {
		return "", "", fmt.Errorf("app %s is defined in package %s, outside the module %s of this project (%s): its migrations cannot be written here", a.Label(), pkg, module, root)
	}
	return filepath.Join(root, filepath.FromSlash(rel), "migrations"), pkg + "/migrations", nil
}
