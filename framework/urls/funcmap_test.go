package urls_test

import (
	"errors"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/manouche-go/manouche/framework/templates"
	"github.com/manouche-go/manouche/framework/urls"
)

func TestRouter_FuncMap(t *testing.T) {
	rt := newRouter(t, urls.Options{})
	tmpl := fstest.MapFS{
		"ok.html":      {Data: []byte(`<a href="<< url "shop-item" .ID >>">x</a> << url "index" >>`)},
		"missing.html": {Data: []byte(`<< url "nope" >>`)},
	}
	e, err := templates.New(templates.Options{FS: []fs.FS{tmpl}, Funcs: rt.FuncMap()})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, want string
		wantErr    error
	}{
		{"ok.html", `<a href="/shop/items/a%20b/">x</a> /`, nil},
		{"missing.html", "", urls.ErrNoReverseMatch},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b strings.Builder
			err := e.Render(&b, tt.name, map[string]any{"ID": "a b"})
			if b.String() != tt.want || !errors.Is(err, tt.wantErr) {
				t.Errorf("got %q, %v; want %q, %v", b.String(), err, tt.want, tt.wantErr)
			}
		})
	}
}
