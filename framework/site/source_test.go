package site

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
)

func TestMethodFile(t *testing.T) {
	for _, a := range []any{testApp{}, &testApp{}} {
		if got := methodFile(a, "Templates"); !strings.HasSuffix(got, filepath.Join("framework", "site", "site_test.go")) {
			t.Errorf("%T: got %q, want the file defining testApp.Templates", a, got)
		}
	}
	if got := methodFile(testApp{}, "Nope"); got != "" {
		t.Errorf("missing method: got %q", got)
	}
}

func TestTemplatesBeside(t *testing.T) {
	root := t.TempDir()
	app := filepath.Join(root, "polls", "app.go")
	write := func(name, text string) {
		t.Helper()
		p := filepath.Join(root, "polls", filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	embedded := fstest.MapFS{"polls/index.html": {Data: []byte("old")}, "polls/detail.html": {Data: []byte("old")}}
	if got := templatesBeside(app, embedded); got != "" {
		t.Errorf("no templates/ beside the file: got %q", got)
	}
	write("templates/polls/index.html", "new")
	if got := templatesBeside(app, embedded); got != "" {
		t.Errorf("templates/ lacks detail.html, so it is not the app's: got %q", got)
	}
	write("templates/polls/detail.html", "new")
	write("templates/polls/added.html", "new")
	if got, want := templatesBeside(app, embedded), filepath.Join(root, "polls", "templates"); got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	if got := templatesBeside("", embedded); got != "" {
		t.Errorf("no file: got %q", got)
	}
}
