package autoreload

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// watchSet is what the reloader polls: package directories, whose .go
// files count, and files or trees (embedded files, go.mod, settings)
// watched whole.
type watchSet struct {
	pkgDirs []string
	paths   []string
}

// stamp is what a poll compares: a file's size and modification time.
type stamp struct {
	size int64
	mod  time.Time
}

// snapshot maps each watched file to its stamp.
type snapshot map[string]stamp

// listedPackage is the part of `go list -json` the reloader reads.
type listedPackage struct {
	Dir           string
	EmbedPatterns []string
	Standard      bool
	Module        *struct {
		Main    bool
		GoMod   string
		Replace *struct{ Version string }
	}
}

// discover lists the packages the program in dir is built from and
// returns what to watch: the packages of the main module and of modules
// replaced by a local directory (the module cache never changes).
func discover(ctx context.Context, goTool, dir string, env []string) (watchSet, error) {
	cmd := exec.CommandContext(ctx, goTool, "list", "-deps", "-json=Dir,EmbedPatterns,Standard,Module", ".")
	cmd.Dir, cmd.Env = dir, env
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return watchSet{}, fmt.Errorf("autoreload: go list: %w: %s", err, strings.TrimSpace(stderr.String()))
	}
	var ws watchSet
	seenMod := map[string]bool{}
	dec := json.NewDecoder(bytes.NewReader(out))
	for {
		var p listedPackage
		if err := dec.Decode(&p); errors.Is(err, io.EOF) {
			return ws, nil
		} else if err != nil {
			return watchSet{}, fmt.Errorf("autoreload: go list: %w", err)
		}
		if p.Standard || p.Module == nil || !(p.Module.Main || p.Module.Replace != nil && p.Module.Replace.Version == "") {
			continue
		}
		ws.pkgDirs = append(ws.pkgDirs, p.Dir)
		for _, pat := range p.EmbedPatterns {
			ws.paths = append(ws.paths, embedMatches(p.Dir, pat)...)
		}
		if m := p.Module.GoMod; m != "" && !seenMod[m] {
			seenMod[m] = true
			ws.paths = append(ws.paths, m, strings.TrimSuffix(m, ".mod")+".sum")
		}
	}
}

// embedMatches expands a //go:embed pattern ("templates", "static/*.css",
// "all:assets") in dir.
func embedMatches(dir, pattern string) []string {
	pattern = strings.TrimPrefix(pattern, "all:")
	matches, _ := filepath.Glob(filepath.Join(dir, filepath.FromSlash(pattern)))
	return matches
}

// scan stats every watched file. A directory in paths is walked; in a
// package directory only .go files other than tests count. Names starting
// with "." or "_" and backups ending in "~" are skipped, as go:embed and
// the go command skip them.
func scan(ws watchSet, extra []string) snapshot {
	snap := snapshot{}
	for _, dir := range ws.pkgDirs {
		entries, _ := os.ReadDir(dir)
		for _, e := range entries {
			if n := e.Name(); !e.IsDir() && strings.HasSuffix(n, ".go") && !strings.HasSuffix(n, "_test.go") && !skipped(n) {
				addStamp(snap, filepath.Join(dir, n), e)
			}
		}
	}
	for _, p := range append(append([]string(nil), ws.paths...), extra...) {
		filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			switch {
			case err != nil:
				return nil // gone: its absence is the change
			case path != p && skipped(d.Name()):
				if d.IsDir() {
					return filepath.SkipDir
				}
			case !d.IsDir():
				addStamp(snap, path, d)
			}
			return nil
		})
	}
	return snap
}

func skipped(name string) bool {
	return strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_") || strings.HasSuffix(name, "~")
}

func addStamp(snap snapshot, path string, d fs.DirEntry) {
	if fi, err := d.Info(); err == nil {
		snap[path] = stamp{fi.Size(), fi.ModTime()}
	}
}

// changed returns the files added, removed or modified from old to cur,
// sorted.
func changed(old, cur snapshot) []string {
	var paths []string
	for p, s := range cur {
		if o, ok := old[p]; !ok || o != s {
			paths = append(paths, p)
		}
	}
	for p := range old {
		if _, ok := cur[p]; !ok {
			paths = append(paths, p)
		}
	}
	slices.Sort(paths)
	return paths
}

// under reports whether path is dir or inside it.
func under(path, dir string) bool {
	rel, err := filepath.Rel(dir, path)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}
