// Package templates is manouche's template engine: Go's html/template with
// the delimiters << and >>, an ordered search path and a parse cache. It
// plays the part of Django's template engine with its filesystem and
// app_directories loaders.
//
// A template is found by name ("shop/cart.html") in the search path: the
// disk directories of [Options.Dirs] first (TEMPLATES DIRS, then the
// project's templates/), then each installed app's [fs.FS] in
// INSTALLED_APPS order. The first match wins, so a project overrides an
// app's template by putting a file with the same name in its templates/.
//
// Inheritance works with html/template's own actions. A base template calls
// blocks that pages fill in:
//
//	base.html:   <html><title><< block "title" . >>Site<< end >></title><< template "content" . >></html>
//	page.html:   << template "base.html" . >>
//	             << define "title" >>Cart<< end >>
//	             << define "content" >><p><< .Count >> items</p><< end >>
//
// When page.html is rendered, every template it refers to by name that it
// does not define itself is looked up through the same search path, and so
// on transitively. So base.html may live in the project directory while the
// page lives in an app. Templates parse base first and page last, so a
// page's define replaces a base's block default.
//
// A missing template is an error that wraps [ErrNotFound] and lists every
// path tried (Django's TemplateDoesNotExist with its "Template-loader
// postmortem").
package templates

import (
	"errors"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"os"
	"sync"
)

// Options configure [New]. The zero value is an engine with an empty search
// path.
type Options struct {
	// Dirs are directories on disk searched first, in order (Django's
	// TEMPLATES DIRS, then the project's templates/). A directory that does
	// not exist is skipped silently.
	Dirs []string

	// FS are the installed apps' template trees, searched after Dirs in
	// INSTALLED_APPS order (Django's app_directories loader).
	FS []fs.FS

	// FSNames optionally names each entry of FS (its app label) in
	// not-found errors. A missing name prints as "fs[i]".
	FSNames []string

	// Funcs are extra template functions (the urls package's "url", apps'
	// template functions). They replace the defaults of the same name
	// ([DefaultFuncs]).
	Funcs template.FuncMap

	// Reload re-reads and re-parses templates on every render, so that
	// edits show without a restart (what DEBUG turns on). The default is
	// to parse each template once and cache it.
	Reload bool
}

// Engine renders named templates. It is safe for concurrent use.
type Engine struct {
	sources []source
	funcs   template.FuncMap
	reload  bool

	mu    sync.Mutex
	cache map[string]cached
}

// Delimiters used by every manouche template (Django uses {{ }}, which
// Go's html/template also uses; the different pair marks templates as Go
// templates).
const (
	LeftDelim  = "<<"
	RightDelim = ">>"
)

// New returns an engine with the search path and functions of o. It reads
// no template yet; an invalid function in o.Funcs is an error.
func New(o Options) (*Engine, error) {
	funcs := DefaultFuncs()
	for k, v := range o.Funcs {
		funcs[k] = v
	}
	if err := checkFuncs(funcs); err != nil {
		return nil, err
	}
	e := &Engine{funcs: funcs, reload: o.Reload, cache: make(map[string]cached)}
	for _, d := range o.Dirs {
		e.sources = append(e.sources, source{fsys: os.DirFS(d), dir: d})
	}
	for i, f := range o.FS {
		label := fmt.Sprintf("fs[%d]", i)
		if i < len(o.FSNames) && o.FSNames[i] != "" {
			label = "app " + o.FSNames[i]
		}
		e.sources = append(e.sources, source{fsys: f, label: label})
	}
	return e, nil
}

// checkFuncs turns html/template's panic on an unusable function into an
// error, at start-up.
func checkFuncs(funcs template.FuncMap) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("templates: bad function: %v", p)
		}
	}()
	template.New("").Funcs(funcs)
	return nil
}

// Render executes the template called name with data and writes the output
// to w (Django's render_to_string, streaming). A missing template is an
// error wrapping [ErrNotFound]. If execution fails part way, part of the
// output may already be written: render into a buffer when that matters.
func (e *Engine) Render(w io.Writer, name string, data any) error {
	t, err := e.Lookup(name)
	if err != nil {
		return err
	}
	if err := t.Execute(w, data); err != nil {
		return fmt.Errorf("templates: render %q: %w", name, err)
	}
	return nil
}

// Lookup returns the parsed template called name together with every
// template it refers to, from the cache unless [Options.Reload] is set
// (Django's get_template). A missing template is an error wrapping
// [ErrNotFound]; without Reload that outcome is cached too, so a missing
// optional template (such as 404.html) costs one search.
func (e *Engine) Lookup(name string) (*template.Template, error) {
	if e.reload {
		return e.parse(name)
	}
	e.mu.Lock()
	c, ok := e.cache[name]
	e.mu.Unlock()
	if ok {
		return c.t, c.err
	}
	t, err := e.parse(name)
	if err != nil && !errors.Is(err, ErrNotFound) {
		return nil, err // a read or parse error may be fixed without a restart
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	if old, ok := e.cache[name]; ok {
		return old.t, old.err // another goroutine won; keep one copy
	}
	e.cache[name] = cached{t, err}
	return t, err
}

// cached is a Lookup outcome: a template or a not-found error.
type cached struct {
	t   *template.Template
	err error
}

// parse builds the template set of name: the files it needs are parsed
// dependencies first, so that a page's definitions win over its base's.
func (e *Engine) parse(name string) (*template.Template, error) {
	files, err := e.collect(name)
	if err != nil {
		return nil, err
	}
	root := template.New(name).Delims(LeftDelim, RightDelim).Funcs(e.funcs)
	for i := len(files) - 1; i >= 0; i-- {
		f := files[i]
		t := root
		if f.name != name {
			t = root.New(f.name)
		}
		if _, err := t.Parse(f.text); err != nil {
			return nil, fmt.Errorf("templates: parse %s: %w", f.path, err)
		}
	}
	return root, nil
}

// ErrNotFound is wrapped by every error about a template that is not in the
// search path (Django's TemplateDoesNotExist).
var ErrNotFound = errors.New("templates: template not found")

// NotFoundError reports a template missing from every place searched. It
// wraps [ErrNotFound].
type NotFoundError struct {
	Name  string   // the template name looked up
	From  string   // the template that refers to Name, or "" for the one rendered
	Tried []string // every path tried, in search order
}

// Error returns one line naming the template and every path tried.
func (e *NotFoundError) Error() string {
	msg := fmt.Sprintf("templates: %q not found", e.Name)
	if e.From != "" {
		msg += fmt.Sprintf(" (used by %q)", e.From)
	}
	if len(e.Tried) == 0 {
		return msg + "; the search path is empty"
	}
	msg += "; tried "
	for i, p := range e.Tried {
		if i > 0 {
			msg += ", "
		}
		msg += p
	}
	return msg
}

// Unwrap returns [ErrNotFound].
func (e *NotFoundError) Unwrap() error { return ErrNotFound }
