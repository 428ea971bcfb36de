package scaffold_test

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/manouche-go/manouche/framework/scaffold"
)

// ExampleApp writes an app package, as `go run . startapp notes` does.
func ExampleApp() {
	dir, err := os.MkdirTemp("", "project")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer os.RemoveAll(dir)

	o := scaffold.AppOptions{Name: "notes", Dir: filepath.Join(dir, "notes"), ImportPath: "example.com/mysite/notes"}
	if err := scaffold.App(o); err != nil {
		fmt.Println(err)
		return
	}
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(dir, p)
			fmt.Println(filepath.ToSlash(rel))
		}
		return err
	})
	// Output:
	// notes/app.go
	// notes/app_test.go
	// notes/migrations/0001_initial.go
	// notes/migrations/migrations.go
	// notes/models.go
	// notes/static/notes/style.css
	// notes/templates/notes/index.html
	// notes/views.go
}

// ExampleCheckProjectName shows the one-line message for a bad NAME.
func ExampleCheckProjectName() {
	fmt.Println(scaffold.CheckProjectName("my-site"))
	fmt.Println(scaffold.CheckProjectName("mysite"))
	// Output:
	// scaffold: "my-site" is not a valid project name: use a Go identifier such as my_site
	// <nil>
}
