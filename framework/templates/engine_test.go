package templates_test

import (
	"errors"
	"html/template"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/manouche-go/manouche/framework/templates"
)

// writeDir creates a temporary directory holding files (name → text).
func writeDir(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, text := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func mapFS(files map[string]string) fstest.MapFS {
	m := fstest.MapFS{}
	for name, text := range files {
		m[name] = &fstest.MapFile{Data: []byte(text)}
	}
	return m
}

func render(t *testing.T, e *templates.Engine, name string, data any) (string, error) {
	t.Helper()
	var b strings.Builder
	err := e.Render(&b, name, data)
	return b.String(), err
}

func newEngine(t *testing.T, o templates.Options) *templates.Engine {
	t.Helper()
	e, err := templates.New(o)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return e
}

func TestEngine_Render_lookupOrder(t *testing.T) {
	d1 := writeDir(t, map[string]string{"a.html": "dir1", "shop/x.html": "dir1 shop"})
	d2 := writeDir(t, map[string]string{"a.html": "dir2", "b.html": "dir2", "c.html/x": "a directory named c.html"})
	app1 := mapFS(map[string]string{"a.html": "app1", "b.html": "app1", "c.html": "app1"})
	app2 := mapFS(map[string]string{"c.html": "app2", "d.html": "app2"})
	e := newEngine(t, templates.Options{Dirs: []string{d1, d2}, FS: []fs.FS{app1, app2}})
	tests := []struct{ name, want string }{
		{"a.html", "dir1"},
		{"b.html", "dir2"},
		{"c.html", "app1"},
		{"d.html", "app2"},
		{"shop/x.html", "dir1 shop"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := render(t, e, tt.name, nil)
			if err != nil || got != tt.want {
				t.Errorf("got %q, %v; want %q", got, err, tt.want)
			}
		})
	}
}

func TestEngine_Render_inheritance(t *testing.T) {
	project := writeDir(t, map[string]string{
		"base.html": `<title><< block "title" . >>Site<< end >></title>` +
			`<< template "content" . >>|<< block "sidebar" . >>side<< end >>`,
	})
	app := mapFS(map[string]string{
		"shop/cart.html": `<< template "base.html" . >>` +
			`<< define "title" >>Cart<< end >><< define "content" >><< .N >> items<< end >>`,
		"shop/plain.html": `<< template "base.html" . >><< define "content" >>plain<< end >>`,
		// "sidebar" is used before base.html (which defines it) is found.
		"shop/side.html": `<< template "base.html" . >>` +
			`<< define "content" >>[<< template "sidebar" . >>]<< end >>`,
		"shop/layout.html": `<< template "base.html" . >><< define "title" >>Layout<< end >>` +
			`<< define "content" >>L(<< template "inner" . >>)<< end >>`,
		"shop/deep.html":    `<< template "shop/layout.html" . >><< define "inner" >>deep<< end >>`,
		"shop/include.html": `a<< template "partials/row.html" . >>b`,
		"partials/row.html": `<row><< .N >></row>`,
	})
	e := newEngine(t, templates.Options{Dirs: []string{project}, FS: []fs.FS{app}})
	tests := []struct{ name, want string }{
		{"shop/cart.html", "<title>Cart</title>3 items|side"},
		{"shop/plain.html", "<title>Site</title>plain|side"},
		{"shop/side.html", "<title>Site</title>[side]|side"},
		{"shop/deep.html", "<title>Layout</title>L(deep)|side"},
		{"shop/include.html", "a<row>3</row>b"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := render(t, e, tt.name, map[string]int{"N": 3})
			if err != nil || got != tt.want {
				t.Errorf("got %q, %v; want %q", got, err, tt.want)
			}
		})
	}
}

func TestEngine_Render_reload(t *testing.T) {
	for _, reload := range []bool{false, true} {
		t.Run(map[bool]string{false: "cached", true: "reload"}[reload], func(t *testing.T) {
			dir := writeDir(t, map[string]string{"base.html": "v1 << template `c` . >>"})
			app := mapFS(map[string]string{"p.html": `<< template "base.html" . >><< define "c" >>page<< end >>`})
			e := newEngine(t, templates.Options{Dirs: []string{dir}, FS: []fs.FS{app}, Reload: reload})
			if got, err := render(t, e, "p.html", nil); got != "v1 page" {
				t.Fatalf("first render: got %q, %v; want %q", got, err, "v1 page")
			}
			if err := os.WriteFile(filepath.Join(dir, "base.html"), []byte("v2 << template `c` . >>"), 0o644); err != nil {
				t.Fatal(err)
			}
			want := map[bool]string{false: "v1 page", true: "v2 page"}[reload]
			if got, err := render(t, e, "p.html", nil); got != want {
				t.Errorf("second render: got %q, %v; want %q", got, err, want)
			}
		})
	}
}

func TestEngine_Render_missing(t *testing.T) {
	dir := writeDir(t, map[string]string{"other.html": "x"})
	apps := []fs.FS{
		mapFS(map[string]string{"page.html": `<< template "base.html" . >>`}),
		mapFS(map[string]string{"undef.html": `<< template "nowhere" . >>`}),
	}
	e := newEngine(t, templates.Options{Dirs: []string{dir}, FS: apps, FSNames: []string{"contrib.sessions"}})
	d := func(name string) string { return filepath.Join(dir, name) }
	tests := []struct{ name, want string }{
		{"shop/x.html", `templates: "shop/x.html" not found; tried ` + d("shop/x.html") +
			`, app contrib.sessions: shop/x.html, fs[1]: shop/x.html`},
		{"page.html", `templates: "base.html" not found (used by "page.html"); tried ` + d("base.html") +
			`, app contrib.sessions: base.html, fs[1]: base.html`},
		{"undef.html", `templates: "nowhere" not found (used by "undef.html"); tried ` + d("nowhere") +
			`, app contrib.sessions: nowhere, fs[1]: nowhere`},
		{"../etc/passwd", `templates: invalid template name "../etc/passwd": templates: template not found`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := render(t, e, tt.name, nil)
			if !errors.Is(err, templates.ErrNotFound) {
				t.Fatalf("got %v, want an error wrapping ErrNotFound", err)
			}
			if err.Error() != tt.want {
				t.Errorf("got  %s\nwant %s", err, tt.want)
			}
		})
	}
}

func TestEngine_Render_emptySearchPath(t *testing.T) {
	e := newEngine(t, templates.Options{})
	_, err := render(t, e, "a.html", nil)
	want := `templates: "a.html" not found; the search path is empty`
	if err == nil || err.Error() != want {
		t.Errorf("got %v, want %s", err, want)
	}
}

func TestEngine_Render_errors(t *testing.T) {
	app := mapFS(map[string]string{
		"syntax.html": "<< if >>",
		"exec.html":   "<< .Missing.Field >>",
	})
	e := newEngine(t, templates.Options{FS: []fs.FS{app}})
	tests := []struct{ name, want string }{
		{"syntax.html", "templates: parse fs[0]: syntax.html: "},
		{"exec.html", `templates: render "exec.html": `},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := render(t, e, tt.name, map[string]any{"Missing": 1})
			if err == nil || !strings.HasPrefix(err.Error(), tt.want) || errors.Is(err, templates.ErrNotFound) {
				t.Errorf("got %v, want an error starting %q", err, tt.want)
			}
		})
	}
}

func TestEngine_Render_escaping(t *testing.T) {
	app := mapFS(map[string]string{
		"a.html": `<p title="<< .X >>"><< .X >></p><a href="/s?q=<< .X >>">l</a>`,
	})
	e := newEngine(t, templates.Options{FS: []fs.FS{app}})
	got, err := render(t, e, "a.html", map[string]string{"X": `<b>"&'`})
	want := `<p title="&lt;b&gt;&#34;&amp;&#39;">&lt;b&gt;&#34;&amp;&#39;</p><a href="/s?q=%3cb%3e%22%26%27">l</a>`
	if err != nil || got != want {
		t.Errorf("got  %s, %v\nwant %s", got, err, want)
	}
}

func TestEngine_Render_concurrent(t *testing.T) {
	app := mapFS(map[string]string{
		"base.html": `[<< template "c" . >>]`,
		"p.html":    `<< template "base.html" . >><< define "c" >><< . >><< end >>`,
	})
	e := newEngine(t, templates.Options{FS: []fs.FS{app}})
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Go(func() {
			if got, err := render(t, e, "p.html", i); got != "["+string(rune('0'+i))+"]" {
				t.Errorf("got %q, %v", got, err)
			}
		})
	}
	wg.Wait()
}

func TestNew_funcs(t *testing.T) {
	if _, err := templates.New(templates.Options{Funcs: template.FuncMap{"bad": 3}}); err == nil {
		t.Error("got nil error for a non-function, want an error")
	}
	app := mapFS(map[string]string{"a.html": `<< shout "hi" >>|<< default "d" "" >>`})
	e := newEngine(t, templates.Options{FS: []fs.FS{app}, Funcs: template.FuncMap{
		"shout":   strings.ToUpper,
		"default": func(a, b string) string { return "mine" },
	}})
	if got, err := render(t, e, "a.html", nil); got != "HI|mine" {
		t.Errorf("got %q, %v; want %q", got, err, "HI|mine")
	}
}

func TestEngine_Lookup_missingCached(t *testing.T) {
	for _, reload := range []bool{false, true} {
		t.Run(map[bool]string{false: "cached", true: "reload"}[reload], func(t *testing.T) {
			dir := t.TempDir()
			e := newEngine(t, templates.Options{Dirs: []string{dir}, Reload: reload})
			if _, err := e.Lookup("404.html"); !errors.Is(err, templates.ErrNotFound) {
				t.Fatalf("got %v, want ErrNotFound", err)
			}
			if err := os.WriteFile(filepath.Join(dir, "404.html"), []byte("x"), 0o644); err != nil {
				t.Fatal(err)
			}
			_, err := e.Lookup("404.html")
			if found := err == nil; found != reload {
				t.Errorf("after creating the file: got err %v, want found = %v", err, reload)
			}
		})
	}
}
