package scaffold

import (
	"bytes"
	"fmt"
	"go/format"
	"strconv"
	"strings"
	"text/template"
)

// Dialects are the databases a migration file has SQL for, in the order
// it lists them: the GORM dialect names manouche supports.
var Dialects = []string{"sqlite", "postgres", "mysql"}

// MigrationFile is one file of an app's migrations package, as startapp
// and makemigrations write it: a Go file whose init adds one migration to
// the package's list, with its SQL for every dialect of [Dialects].
type MigrationFile struct {
	// Header is the first comment line: who wrote the file, and when.
	Header string
	// App is the migration's app label, Name its name: "polls",
	// "0002_poll_votes".
	App, Name string
	// Dependencies are the {app, name} migrations it comes after.
	Dependencies [][2]string
	// Operations describe it, one line each.
	Operations []string
	// Up and Down are its statements by dialect. A dialect without an
	// entry gets an empty list with a comment, to fill in by hand.
	Up, Down map[string][]string
}

// Source returns the file's Go source, gofmt-formatted.
func (f *MigrationFile) Source() ([]byte, error) {
	var b bytes.Buffer
	if err := migrationTemplate.Execute(&b, f); err != nil {
		return nil, fmt.Errorf("scaffold: migration %s.%s: %w", f.App, f.Name, err)
	}
	src, err := format.Source(b.Bytes())
	if err != nil {
		return nil, fmt.Errorf("scaffold: migration %s.%s: %w", f.App, f.Name, err)
	}
	return src, nil
}

// MigrationsPackage returns migrations.go, the file that declares an
// app's migrations package: the list each migration file adds itself to,
// and All, which the app's Migrations method returns.
func MigrationsPackage(app string) ([]byte, error) {
	files, err := renderAll("skeleton/app/migrations", app, appData{Name: app})
	if err != nil {
		return nil, err
	}
	return files["migrations.go"], nil
}

var migrationTemplate = template.Must(template.New("migration.go.tmpl").Delims("[[", "]]").Funcs(template.FuncMap{
	"goString": goString,
	"dialects": func() []string { return Dialects },
}).ParseFS(skeleton, "skeleton/migration.go.tmpl"))

// goString writes s as a Go string literal: a raw string unless s holds a
// backquote or a line break.
func goString(s string) string {
	if strings.ContainsAny(s, "`\n\r") {
		return strconv.Quote(s)
	}
	return "`" + s + "`"
}
