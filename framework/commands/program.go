package commands

import (
	"bufio"
	"os"
	"path/filepath"
	"runtime"
	"strings"
)

// invocation is how the manage program was started: what its messages call
// it, its environment, its settings file and, when it runs from source,
// where its main package is.
type invocation struct {
	program      string
	args         []string
	environ      []string
	settingsFile string
	mainDir      string
	// reload lets runserver start the autoreloader: true from [Main], the
	// real process; false from [Run], which tests call in-process.
	reload bool
}

// mainDir returns the directory of the main package's source, from the
// file of main.main on the caller's stack, when that file exists here (a
// `go run` or `go build` of a local project). A binary built with
// -trimpath, elsewhere, or a test binary gives "".
func mainDir() string {
	pcs := make([]uintptr, 64)
	frames := runtime.CallersFrames(pcs[:runtime.Callers(1, pcs)])
	for {
		f, more := frames.Next()
		if f.Function == "main.main" {
			if !filepath.IsAbs(f.File) || strings.HasPrefix(filepath.Base(f.File), "_testmain") {
				return ""
			}
			if _, err := os.Stat(f.File); err != nil {
				return ""
			}
			return filepath.Dir(f.File)
		}
		if !more {
			return ""
		}
	}
}

// programName is the program as the user invoked it: "go run ." (or
// "go run ./cmd/manage") for a binary `go run` built, the path typed for
// one started by path ("./mysite"), its name for one found in PATH.
func programName(arg0, mainDir string) string {
	if isGoRunBinary(arg0) {
		rel := "."
		if wd, err := os.Getwd(); err == nil && mainDir != "" {
			if r, err := filepath.Rel(wd, mainDir); err == nil && !strings.HasPrefix(r, "..") {
				rel = "./" + filepath.ToSlash(r)
				rel = strings.TrimSuffix(rel, "/.")
			}
		}
		return "go run " + rel
	}
	if strings.ContainsRune(arg0, filepath.Separator) {
		return arg0
	}
	return filepath.Base(arg0)
}

// isGoRunBinary reports whether path is a binary `go run` built: in its
// work directory (/tmp/go-build123/b001/exe/NAME) or in the build cache
// ($GOCACHE, ~/.cache/go-build/58/...-d/NAME).
func isGoRunBinary(path string) bool {
	if c := os.Getenv("GOCACHE"); c != "" && strings.HasPrefix(path, c+string(filepath.Separator)) {
		return true
	}
	for dir := filepath.Dir(path); filepath.Dir(dir) != dir; dir = filepath.Dir(dir) {
		if strings.HasPrefix(filepath.Base(dir), "go-build") {
			return true
		}
	}
	return false
}

// modulePath returns the module path declared by the go.mod of dir or its
// nearest parent, and the module's root directory; "" when there is none.
func modulePath(dir string) (path, root string) {
	for d := dir; ; d = filepath.Dir(d) {
		if f, err := os.Open(filepath.Join(d, "go.mod")); err == nil {
			defer f.Close()
			sc := bufio.NewScanner(f)
			for sc.Scan() {
				if rest, ok := strings.CutPrefix(strings.TrimSpace(sc.Text()), "module "); ok {
					return strings.Trim(strings.TrimSpace(rest), `"`), d
				}
			}
			return "", ""
		}
		if filepath.Dir(d) == d {
			return "", ""
		}
	}
}

// importPath returns the import path of the package in dir, from its
// module's go.mod, or "".
func importPath(dir string) string {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return ""
	}
	mod, root := modulePath(abs)
	if mod == "" {
		return ""
	}
	rel, err := filepath.Rel(root, abs)
	if err != nil || strings.HasPrefix(rel, "..") {
		return ""
	}
	if rel == "." {
		return mod
	}
	return mod + "/" + filepath.ToSlash(rel)
}
