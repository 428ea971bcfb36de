package scaffold

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

// ModulePath is manouche's module path, which every scaffolded project
// requires and replaces with a local checkout.
const ModulePath = "github.com/manouche-go/manouche"

// checkout is what a project's go.mod and go.sum copy from the manouche
// checkout so that the project builds offline against it: the go
// directive, the toolchain line, every requirement and every hash.
type checkout struct {
	dir       string   // absolute path of the checkout
	goVersion string   // the go directive, e.g. "1.26.8"
	toolchain string   // the toolchain directive, or ""
	requires  []string // "path version" of each requirement
	goSum     []byte   // the checkout's go.sum, nil when it has none
}

// readCheckout reads the go.mod and go.sum of the manouche checkout in dir.
func readCheckout(dir string) (*checkout, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, fmt.Errorf("scaffold: manouche checkout %q: %w", dir, err)
	}
	mod, err := os.ReadFile(filepath.Join(abs, "go.mod"))
	if err != nil {
		return nil, fmt.Errorf("scaffold: manouche checkout: %w", err)
	}
	c, module := parseGoMod(mod)
	if module != ModulePath {
		return nil, fmt.Errorf("scaffold: %s is not a manouche checkout: its go.mod declares module %q, want %q", abs, module, ModulePath)
	}
	c.dir = abs
	slices.Sort(c.requires)
	c.goSum, err = os.ReadFile(filepath.Join(abs, "go.sum"))
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("scaffold: manouche checkout: %w", err)
	}
	return c, nil
}

// parseGoMod extracts the module path, go and toolchain directives and
// requirements from a go.mod file (the subset of golang.org/x/mod/modfile
// that scaffolding needs, with the standard library only).
func parseGoMod(data []byte) (c *checkout, module string) {
	c = &checkout{}
	block := ""
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		line, _, _ := strings.Cut(sc.Text(), "//")
		f := strings.Fields(line)
		switch {
		case len(f) == 0:
			continue
		case block != "" && f[0] == ")":
			block = ""
			continue
		case block == "" && len(f) == 2 && f[1] == "(":
			block = f[0]
			continue
		case block != "":
			f = append([]string{block}, f...)
		}
		switch {
		case f[0] == "module" && len(f) == 2:
			module = unquote(f[1])
		case f[0] == "go" && len(f) == 2:
			c.goVersion = f[1]
		case f[0] == "toolchain" && len(f) == 2:
			c.toolchain = f[1]
		case f[0] == "require" && len(f) == 3 && unquote(f[1]) != ModulePath:
			c.requires = append(c.requires, unquote(f[1])+" "+f[2])
		}
	}
	return c, module
}

// unquote removes go.mod quoting from a path, if any.
func unquote(s string) string {
	if u, err := strconv.Unquote(s); err == nil {
		return u
	}
	return s
}

// FindCheckout returns the root of the manouche checkout: the first
// directory, walking up from each start directory in turn, that holds a
// go.mod declaring module [ModulePath]. cmd/startproject passes its working
// directory and the directory of its own source file, so that
// `go run ./cmd/startproject` finds the checkout it was run from.
func FindCheckout(starts ...string) (string, error) {
	for _, start := range starts {
		if start == "" {
			continue
		}
		dir, err := filepath.Abs(start)
		if err != nil {
			continue
		}
		for {
			if data, err := os.ReadFile(filepath.Join(dir, "go.mod")); err == nil {
				if _, module := parseGoMod(data); module == ModulePath {
					return dir, nil
				}
			}
			parent := filepath.Dir(dir)
			if parent == dir {
				break
			}
			dir = parent
		}
	}
	return "", fmt.Errorf("scaffold: no manouche checkout (a go.mod declaring module %s) above %s: name the checkout explicitly", ModulePath, strings.Join(starts, ", "))
}
