// Package scaffold writes new manouche projects and apps from a skeleton
// embedded in the binary: it is Django's startproject and startapp.
//
// [Project] writes a project that builds offline against a local manouche
// checkout and serves a working page with no edit:
//
//	err := scaffold.Project(scaffold.ProjectOptions{Name: "mysite", ManouchePath: "/src/manouche"})
//	// then: cd mysite && go run . migrate && go run . runserver
//
// [App] writes one app package (`startapp NAME`). Both refuse a name that is
// not a Go identifier and a directory that is not empty, with an
// [InputError].
//
// The skeleton files are text/template files with the delimiters [[ and ]],
// so that the << and >> of the generated manouche templates pass through
// untouched.
package scaffold

import (
	"fmt"
	"path"
	"strconv"
	"strings"
)

// ProjectApp is the name of the app a new project starts with: its page at
// / greets the visitor with a value kept in the session.
const ProjectApp = "greetings"

// ProjectOptions configure [Project].
type ProjectOptions struct {
	// Name is the project's name (Django's startproject NAME). It must be a
	// Go identifier; it names the binary and, by default, the module.
	Name string
	// Dir is where the project is written. It must not exist or be empty.
	// The default is Name, relative to the working directory.
	Dir string
	// ModulePath is the project's module path, e.g. example.com/mysite.
	// The default is Name.
	ModulePath string
	// ManouchePath is the directory of the manouche checkout the project
	// builds against, through a replace directive. It is required; its
	// go.sum is copied so the project builds offline.
	ManouchePath string
	// SecretKey is settings.yaml's SECRET_KEY. The default is a fresh key
	// from [NewSecretKey]; tests set it to get reproducible output.
	SecretKey string
}

// AppOptions configure [App].
type AppOptions struct {
	// Name is the app's package name and INSTALLED_APPS label (Django's
	// startapp NAME). It must be a Go identifier.
	Name string
	// Dir is the app's package directory. It must not exist or be empty.
	// The default is Name, relative to the working directory.
	Dir string
	// ImportPath is the app's package import path, which the generated
	// doc comment tells to import in main.go. The default is
	// "MODULE/" + Name.
	ImportPath string
}

// projectData is what the project skeleton's templates see.
type projectData struct {
	Name, Module, App string
	Manouche          string   // ModulePath
	Replace           string   // the checkout's path, quoted for go.mod when needed
	GoVersion         string   // the checkout's go directive
	Toolchain         string   // the checkout's toolchain directive, or ""
	Requires          []string // the checkout's requirements, "path version"
	SecretKey         string   // quoted for YAML
}

// appData is what the app skeleton's templates see.
type appData struct{ Name, ImportPath string }

// Project writes a new project into o.Dir (Django's startproject): go.mod
// and go.sum, main.go (the manage program), settings.yaml, templates/,
// the [ProjectApp] app, a Makefile, a README.md and a .gitignore. Bad input
// is reported as an [InputError]; on any failure the files written so far
// are removed.
func Project(o ProjectOptions) error {
	if err := checkName("project", o.Name); err != nil {
		return err
	}
	if o.Dir == "" {
		o.Dir = o.Name
	}
	if o.ModulePath == "" {
		o.ModulePath = o.Name
	}
	if err := checkModulePath(o.ModulePath); err != nil {
		return err
	}
	if o.ManouchePath == "" {
		return fmt.Errorf("scaffold: project %s: ManouchePath is empty: it must name the manouche checkout to build against", o.Name)
	}
	c, err := readCheckout(o.ManouchePath)
	if err != nil {
		return err
	}
	if o.SecretKey == "" {
		if o.SecretKey, err = NewSecretKey(); err != nil {
			return err
		}
	}
	data := projectData{
		Name: o.Name, Module: o.ModulePath, App: ProjectApp, Manouche: ModulePath,
		Replace: goModQuote(c.dir), GoVersion: c.goVersion, Toolchain: c.toolchain,
		Requires: c.requires, SecretKey: strconv.Quote(o.SecretKey),
	}
	var extra map[string][]byte
	if c.goSum != nil {
		extra = map[string][]byte{"go.sum": c.goSum}
	}
	return render("skeleton/project", o.Dir, ProjectApp, data, extra)
}

// App writes a new app package into o.Dir (Django's startapp): app.go
// (registration, label, URLs, templates), views.go, templates/NAME/index.html
// and a test. Bad input is reported as an [InputError].
func App(o AppOptions) error {
	if err := checkName("app", o.Name); err != nil {
		return err
	}
	if o.Dir == "" {
		o.Dir = o.Name
	}
	if o.ImportPath == "" {
		o.ImportPath = "MODULE/" + o.Name
	}
	return render("skeleton/app", o.Dir, o.Name, appData{Name: o.Name, ImportPath: o.ImportPath}, nil)
}

// checkModulePath refuses a module path the go command would reject: it
// allows ASCII letters, digits and -._~ in slash-separated elements that
// do not start or end with a dot.
func checkModulePath(p string) error {
	for _, elem := range strings.Split(p, "/") {
		ok := elem != "" && elem[0] != '.' && elem[len(elem)-1] != '.'
		for _, r := range elem {
			if !strings.ContainsRune("-._~", r) && !isASCIIIdent("a"+string(r)) {
				ok = false
			}
		}
		if !ok || path.Clean(p) != p {
			return &InputError{Subject: "module path", Value: p, Reason: "use a path such as example.com/mysite"}
		}
	}
	return nil
}

// goModQuote quotes a path for go.mod when it holds characters the go.mod
// lexer would split on.
func goModQuote(p string) string {
	if strings.ContainsAny(p, " \t\"'`\\()") || p == "" {
		return strconv.Quote(p)
	}
	return p
}
