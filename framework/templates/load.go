package templates

import (
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"path/filepath"
	"slices"
	"text/template/parse"
)

// source is one entry of the search path: a disk directory or an app FS.
type source struct {
	fsys  fs.FS
	dir   string // set for a disk directory
	label string // set for an app FS
}

// where names name inside s the way not-found errors print it.
func (s source) where(name string) string {
	if s.dir != "" {
		return filepath.Join(s.dir, filepath.FromSlash(name))
	}
	return s.label + ": " + name
}

// file is one template file read from the search path.
type file struct {
	name string // the template name, e.g. "shop/cart.html"
	path string // where it was found, as printed in errors
	text string
}

// read finds name in the search path (Django's Loader.get_template): the
// first source that has it wins. from is the template referring to name.
func (e *Engine) read(name, from string) (file, error) {
	if !fs.ValidPath(name) || name == "." {
		return file{}, fmt.Errorf("templates: invalid template name %q: %w", name, ErrNotFound)
	}
	tried := make([]string, 0, len(e.sources))
	for _, s := range e.sources {
		b, err := fs.ReadFile(s.fsys, name)
		switch {
		case err == nil:
			return file{name: name, path: s.where(name), text: string(b)}, nil
		case errors.Is(err, fs.ErrNotExist), isDirErr(s.fsys, name):
			tried = append(tried, s.where(name))
		default:
			return file{}, fmt.Errorf("templates: read %s: %w", s.where(name), err)
		}
	}
	return file{}, &NotFoundError{Name: name, From: from, Tried: tried}
}

// isDirErr reports whether name is a directory in fsys (reading it fails
// with an error that is not ErrNotExist on some file systems).
func isDirErr(fsys fs.FS, name string) bool {
	st, err := fs.Stat(fsys, name)
	return err == nil && st.IsDir()
}

// collect reads name and, transitively, every template it refers to that
// no file read so far defines. It returns the files in discovery order,
// name first. A reference that no file defines and the search path does
// not hold is an error wrapping [ErrNotFound].
func (e *Engine) collect(name string) ([]file, error) {
	var (
		files   []file
		defined = map[string]bool{} // defined by a file read
		seen    = map[string]bool{} // looked up already
		pending = []ref{{name: name}}
		missing []*NotFoundError
	)
	for len(pending) > 0 {
		r := pending[0]
		pending = pending[1:]
		if defined[r.name] || seen[r.name] {
			continue
		}
		seen[r.name] = true
		f, err := e.read(r.name, r.from)
		var nf *NotFoundError
		if r.from != "" && errors.As(err, &nf) {
			missing = append(missing, nf) // a later file may define it
			continue
		}
		if err != nil {
			return nil, err
		}
		defs, refs, err := scan(f)
		if err != nil {
			return nil, err
		}
		for _, d := range defs {
			defined[d] = true
		}
		files = append(files, f)
		pending = append(pending, refs...)
	}
	for _, nf := range missing {
		if !defined[nf.Name] {
			return nil, nf
		}
	}
	return files, nil
}

// ref is a template name referred to by a {{template}} action.
type ref struct{ name, from string }

// scan parses f on its own and returns the names it defines and the
// references it makes to other templates.
func scan(f file) (defs []string, refs []ref, err error) {
	t := parse.New(f.name)
	t.Mode = parse.SkipFuncCheck
	trees := map[string]*parse.Tree{}
	if _, err := t.Parse(f.text, LeftDelim, RightDelim, trees); err != nil {
		return nil, nil, fmt.Errorf("templates: parse %s: %w", f.path, err)
	}
	defs = slices.Sorted(maps.Keys(trees))
	for _, n := range defs {
		walk(trees[n].Root, func(name string) {
			refs = append(refs, ref{name: name, from: f.name})
		})
	}
	return defs, refs, nil
}

// walk calls fn with the name of every {{template}} action under n.
func walk(n parse.Node, fn func(name string)) {
	switch n := n.(type) {
	case *parse.ListNode:
		if n == nil {
			return
		}
		for _, c := range n.Nodes {
			walk(c, fn)
		}
	case *parse.IfNode:
		walkBranch(&n.BranchNode, fn)
	case *parse.RangeNode:
		walkBranch(&n.BranchNode, fn)
	case *parse.WithNode:
		walkBranch(&n.BranchNode, fn)
	case *parse.TemplateNode:
		fn(n.Name)
	}
}

func walkBranch(b *parse.BranchNode, fn func(name string)) {
	walk(b.List, fn)
	walk(b.ElseList, fn)
}
