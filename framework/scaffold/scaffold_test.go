package scaffold

import (
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

func TestProject_refuses(t *testing.T) {
	checkout := fakeCheckout(t)
	full := t.TempDir()
	writeTestFile(t, filepath.Join(full, "keep.txt"), "mine")
	file := filepath.Join(t.TempDir(), "file")
	writeTestFile(t, file, "x")
	tests := []struct {
		name string
		o    ProjectOptions
		want string
	}{
		{"bad name", ProjectOptions{Name: "my-site"}, `scaffold: "my-site" is not a valid project name: use a Go identifier such as my_site`},
		{"non-empty dir", ProjectOptions{Name: "mysite", Dir: full}, `scaffold: directory "` + full + `" is not empty`},
		{"file as dir", ProjectOptions{Name: "mysite", Dir: file}, `scaffold: directory "` + file + `" is not a directory`},
		{"bad module", ProjectOptions{Name: "mysite", ModulePath: "example.com//x"}, `scaffold: "example.com//x" is not a valid module path: use a path such as example.com/mysite`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.o.ManouchePath = checkout
			checkInputError(t, Project(tt.o), tt.want)
		})
	}
	if b, err := os.ReadFile(filepath.Join(full, "keep.txt")); err != nil || string(b) != "mine" {
		t.Errorf("the non-empty directory was changed: got %q, %v", b, err)
	}
}

func TestProject_needsCheckout(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "mysite")
	for _, manouche := range []string{"", t.TempDir()} {
		err := Project(ProjectOptions{Name: "mysite", Dir: dir, ManouchePath: manouche})
		var ie *InputError
		if err == nil || errors.As(err, &ie) {
			t.Errorf("ManouchePath %q: got %v, want a non-input error", manouche, err)
		}
		if _, err := os.Stat(dir); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("ManouchePath %q: the project directory was created", manouche)
		}
	}
}

var secretKeyLine = regexp.MustCompile(`(?m)^SECRET_KEY: (".*")$`)

// projectKey returns the SECRET_KEY written in dir's settings.yaml.
func projectKey(t *testing.T, dir string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, "settings.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	m := secretKeyLine.FindSubmatch(b)
	if m == nil {
		t.Fatalf("no SECRET_KEY line in settings.yaml:\n%s", b)
	}
	key, err := strconv.Unquote(string(m[1]))
	if err != nil {
		t.Fatalf("SECRET_KEY %s: %v", m[1], err)
	}
	return key
}

func TestProject_defaults(t *testing.T) {
	checkout := fakeCheckout(t)
	t.Chdir(t.TempDir())
	if err := Project(ProjectOptions{Name: "one", ManouchePath: checkout}); err != nil {
		t.Fatal(err)
	}
	if err := Project(ProjectOptions{Name: "two", ManouchePath: checkout}); err != nil {
		t.Fatal(err)
	}
	k1, k2 := projectKey(t, "one"), projectKey(t, "two")
	if len(k1) != SecretKeyLength || k1 == k2 || k1 == testSecretKey {
		t.Errorf("got keys %q and %q, want two fresh %d-character keys", k1, k2, SecretKeyLength)
	}
	mod, err := os.ReadFile(filepath.Join("one", "go.mod"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(string(mod), "module one\n") || !strings.Contains(string(mod), "=> "+checkout+"\n") {
		t.Errorf("go.mod: got\n%s\nwant module one replacing manouche with %s", mod, checkout)
	}
	main, err := os.ReadFile(filepath.Join("one", "main.go"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(main), `_ "one/greetings"`) {
		t.Errorf("main.go does not import one/greetings:\n%s", main)
	}
}

func TestProject_secretKeyQuoting(t *testing.T) {
	checkout := fakeCheckout(t)
	for _, key := range []string{`with "quotes" and \ backslash`, "#comment: colon", "'single' {flow} [seq] &anchor *alias"} {
		dir := filepath.Join(t.TempDir(), "mysite")
		if err := Project(ProjectOptions{Name: "mysite", Dir: dir, ManouchePath: checkout, SecretKey: key}); err != nil {
			t.Fatal(err)
		}
		if got := projectKey(t, dir); got != key {
			t.Errorf("got %q, want %q", got, key)
		}
	}
}

func TestProject_emptyDirKept(t *testing.T) {
	dir := t.TempDir()
	if err := Project(ProjectOptions{Name: "mysite", Dir: dir, ManouchePath: fakeCheckout(t)}); err != nil {
		t.Fatalf("got %v, want an empty directory to be accepted", err)
	}
	if _, err := os.Stat(filepath.Join(dir, ".gitignore")); err != nil {
		t.Errorf(".gitignore: %v", err)
	}
}

func TestApp_refuses(t *testing.T) {
	full := t.TempDir()
	writeTestFile(t, filepath.Join(full, "x.go"), "package x\n")
	checkInputError(t, App(AppOptions{Name: "notes", Dir: full}), `scaffold: directory "`+full+`" is not empty`)
	checkInputError(t, App(AppOptions{Name: "templates"}), `scaffold: "templates" is not a valid app name: it would clash with the project's templates directory; use a name such as templatesapp`)
}

func TestApp_defaultDir(t *testing.T) {
	t.Chdir(t.TempDir())
	writeTestFile(t, "go.mod", "module example.com/mysite\n")
	if err := App(AppOptions{Name: "notes"}); err != nil {
		t.Fatal(err)
	}
	if app, err := os.ReadFile("notes/app.go"); err != nil || !strings.Contains(string(app), `notesmigrations "example.com/mysite/notes/migrations"`) {
		t.Errorf("notes/app.go does not import example.com/mysite/notes/migrations (%v):\n%s", err, app)
	}
	for _, name := range []string{"notes/app.go", "notes/views.go", "notes/models.go", "notes/app_test.go", "notes/templates/notes/index.html",
		"notes/static/notes/style.css", "notes/migrations/migrations.go", "notes/migrations/0001_initial.go"} {
		if _, err := os.Stat(name); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
}

func TestApp_needsModule(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "notes")
	err := App(AppOptions{Name: "notes", Dir: dir})
	if err == nil || !strings.Contains(err.Error(), "scaffold: app notes: no go.mod in") {
		t.Errorf("got %v, want an error asking for a project", err)
	}
	if _, err := os.Stat(dir); err == nil {
		t.Error("the app directory was created")
	}
}

func TestModelName(t *testing.T) {
	tests := []struct{ app, want string }{
		{"polls", "Poll"}, {"notes", "Note"}, {"blog", "Blog"}, {"blog_posts", "BlogPost"},
		{"address", "Address"}, {"labels", "LabelItem"}, {"my_app2", "MyApp2"},
	}
	for _, tt := range tests {
		if got := ModelName(tt.app); got != tt.want {
			t.Errorf("ModelName(%q): got %q, want %q", tt.app, got, tt.want)
		}
	}
}

func TestVerboseName(t *testing.T) {
	for in, want := range map[string]string{"Poll": "poll", "BlogPost": "blog post", "MyApp2": "my app2"} {
		if got := verboseName(in); got != want {
			t.Errorf("verboseName(%q): got %q, want %q", in, got, want)
		}
	}
}

func TestUndo(t *testing.T) {
	for _, created := range []bool{false, true} {
		dir := filepath.Join(t.TempDir(), "p")
		writeTestFile(t, filepath.Join(dir, "a", "b.txt"), "x")
		writeTestFile(t, filepath.Join(dir, ".c"), "x")
		undo(dir, created)
		entries, err := os.ReadDir(dir)
		switch {
		case created && !errors.Is(err, os.ErrNotExist):
			t.Errorf("created: got %v, want the directory removed", err)
		case !created && (err != nil || len(entries) != 0):
			t.Errorf("existing: got %d entries, %v, want an empty directory", len(entries), err)
		}
	}
}

func TestDestName(t *testing.T) {
	tests := []struct{ in, want string }{
		{"main.go.tmpl", "main.go"},
		{"dot_gitignore.tmpl", ".gitignore"},
		{"APP/templates/APP/index.html.tmpl", "greetings/templates/greetings/index.html"},
		{"templates/base.html.tmpl", "templates/base.html"},
	}
	for _, tt := range tests {
		if got := destName(tt.in, "greetings"); got != tt.want {
			t.Errorf("destName(%q): got %q, want %q", tt.in, got, tt.want)
		}
	}
}
