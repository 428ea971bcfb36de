package scaffold

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"text/template"
)

// skeleton holds the project and app skeletons. Every file ends in .tmpl, so
// that go.mod and .go files in it are neither a nested module nor a package;
// a path element APP is replaced by the app's name, and a leading "dot_" by
// a dot (embed skips dot files).
//
//go:embed skeleton
var skeleton embed.FS

// render writes the skeleton under root into dir, executing each file as a
// text/template with the delimiters [[ and ]] on data, plus the extra files
// as they are. dir must not exist or be empty; on failure everything
// written is removed again.
func render(root, dir, app string, data any, extra map[string][]byte) (err error) {
	files, err := renderAll(root, app, data)
	if err != nil {
		return err
	}
	maps.Copy(files, extra)
	created, err := prepareDir(dir)
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			undo(dir, created)
		}
	}()
	for _, name := range slices.Sorted(maps.Keys(files)) {
		if err := writeFile(filepath.Join(dir, filepath.FromSlash(name)), files[name]); err != nil {
			return err
		}
	}
	return nil
}

// renderAll executes every skeleton file under root and returns the
// output by destination path (slash-separated, relative to the target).
func renderAll(root, app string, data any) (map[string][]byte, error) {
	files := map[string][]byte{}
	err := fs.WalkDir(skeleton, root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		src, err := skeleton.ReadFile(p)
		if err != nil {
			return err
		}
		t, err := template.New(p).Delims("[[", "]]").Option("missingkey=error").Parse(string(src))
		if err != nil {
			return err
		}
		var buf bytes.Buffer
		if err := t.Execute(&buf, data); err != nil {
			return err
		}
		files[destName(strings.TrimPrefix(p, root+"/"), app)] = buf.Bytes()
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("scaffold: skeleton: %w", err) // a bug in the skeleton, caught by the golden tests
	}
	return files, nil
}

// destName maps a skeleton path to the path it is written to:
// "APP/dot_x.tmpl" → "greetings/.x".
func destName(p, app string) string {
	elems := strings.Split(strings.TrimSuffix(p, ".tmpl"), "/")
	for i, e := range elems {
		if e == "APP" {
			e = app
		}
		if rest, ok := strings.CutPrefix(e, "dot_"); ok {
			e = "." + rest
		}
		elems[i] = e
	}
	return path.Join(elems...)
}

// CheckDir returns an [InputError] when dir exists and is not an empty
// directory, so that a command can refuse it before doing anything else
// ([Project] and [App] check it again).
func CheckDir(dir string) error {
	fi, err := os.Stat(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("scaffold: %w", err)
	}
	if !fi.IsDir() {
		return &InputError{Subject: "directory", Value: dir, Reason: "is not a directory"}
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return fmt.Errorf("scaffold: %w", err)
	}
	if len(entries) > 0 {
		return &InputError{Subject: "directory", Value: dir, Reason: "is not empty"}
	}
	return nil
}

// prepareDir makes sure dir exists and is empty, creating it if needed;
// created reports whether it did.
func prepareDir(dir string) (created bool, err error) {
	if err := CheckDir(dir); err != nil {
		return false, err
	}
	if _, err := os.Stat(dir); err == nil {
		return false, nil
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return false, fmt.Errorf("scaffold: %w", err)
	}
	return true, nil
}

// undo removes what render wrote: dir itself when render created it,
// otherwise everything in it (it was empty before).
func undo(dir string, created bool) {
	if created {
		os.RemoveAll(dir)
		return
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		os.RemoveAll(filepath.Join(dir, e.Name()))
	}
}

// writeFile writes one generated file, creating its directory.
func writeFile(name string, content []byte) error {
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		return fmt.Errorf("scaffold: %w", err)
	}
	if err := os.WriteFile(name, content, 0o644); err != nil {
		return fmt.Errorf("scaffold: %w", err)
	}
	return nil
}
