package scaffold

import (
	"fmt"
	"go/token"
	"slices"
	"strings"
)

// InputError explains in one line why a name or a directory was refused: a
// NAME that is not a valid Go identifier, is a Go keyword or would clash
// with a name Go or the project already uses, a malformed module path, or
// a DIR that exists and is not empty (Django's CommandError from
// startproject and startapp). Callers tell bad input from I/O failures with
// errors.As; the commands exit 2 on it.
type InputError struct {
	// Subject is what was refused: "project name", "app name", "module
	// path" or "directory".
	Subject string
	// Value is the refused name or directory, as given.
	Value string
	// Reason says why, and for a name suggests a valid one.
	Reason string
}

// Error returns the one-line message, e.g.
// `scaffold: "my-site" is not a valid project name: use a Go identifier such as my_site`.
func (e *InputError) Error() string {
	if e.Subject == "directory" {
		return fmt.Sprintf("scaffold: directory %q %s", e.Value, e.Reason)
	}
	return fmt.Sprintf("scaffold: %q is not a valid %s: %s", e.Value, e.Subject, e.Reason)
}

// clashes are names a project or an app may not take, with the reason. A
// project name is also its module path, so it must not shadow the standard
// library or a go command pattern; an app name is a directory of the
// project, so it must not be one the go tool or the project treats
// specially.
var clashes = map[string]string{
	"main":     "it would clash with the program's package main",
	"std":      "it would clash with the go command pattern std",
	"cmd":      "it would clash with the go command pattern cmd",
	"all":      "it would clash with the go command pattern all",
	"tool":     "it would clash with the go command pattern tool",
	"internal": "the go tool gives internal directories a special meaning",
	"vendor":   "the go tool gives vendor directories a special meaning",
	"testdata": "the go tool ignores testdata directories",
	"manouche": "it would clash with the manouche framework itself",
}

// appClashes are names only an app may not take, because the project
// already has a file or directory of that name.
var appClashes = map[string]string{
	"templates": "it would clash with the project's templates directory",
}

// stdRoots are the first elements of the standard library's import paths:
// a module named like one of them would shadow it.
var stdRoots = strings.Fields(`archive bufio builtin bytes cmp compress container context crypto
	database debug embed encoding errors expvar flag fmt go hash html image index io iter log maps
	math mime net os path plugin reflect regexp runtime slices sort strconv strings structs sync
	syscall testing text time unicode unique unsafe weak`)

// CheckProjectName returns an [InputError] when name cannot be a project's
// name: it must be an ASCII Go identifier, not a keyword, and must not
// clash with the standard library or the go command (Django's
// startproject "is not a valid project name").
func CheckProjectName(name string) error { return checkName("project", name) }

// CheckAppName returns an [InputError] when name cannot be an app's name:
// it must be an ASCII Go identifier, not a keyword, and must not clash
// with a directory the project or the go tool already uses (Django's
// startapp "is not a valid app name").
func CheckAppName(name string) error { return checkName("app", name) }

// checkName reports why name cannot be a Go package of the given kind
// ("project" or "app"), or nil when it can.
func checkName(kind, name string) error {
	problem := nameProblem(kind, name)
	if problem == "" {
		return nil
	}
	reason := problem + "; use a name such as " + suggest(kind, name)
	if problem == "invalid" {
		reason = "use a Go identifier such as " + suggest(kind, name)
	}
	return &InputError{Subject: kind + " name", Value: name, Reason: reason}
}

// nameProblem returns why name is refused for kind ("invalid" when it is
// not an identifier at all), or "" when it is valid.
func nameProblem(kind, name string) string {
	switch {
	case !isASCIIIdent(name):
		return "invalid"
	case strings.HasPrefix(name, "_"):
		return "the go tool ignores names that start with _"
	case token.IsKeyword(name):
		return name + " is a Go keyword"
	}
	if r, ok := clashes[name]; ok {
		return r
	}
	if r, ok := appClashes[name]; ok && kind == "app" {
		return r
	}
	if kind == "project" && slices.Contains(stdRoots, name) {
		return "it would clash with the standard library package " + name
	}
	return ""
}

// isASCIIIdent reports whether s is a Go identifier made of ASCII letters,
// digits and underscores (module paths and directory names stay portable).
func isASCIIIdent(s string) bool {
	if s == "" {
		return false
	}
	for i, r := range s {
		letter := r == '_' || ('a' <= r && r <= 'z') || ('A' <= r && r <= 'Z')
		if !letter && (i == 0 || r < '0' || r > '9') {
			return false
		}
	}
	return true
}

// suggest turns an invalid name into a valid one for the error message:
// runs of other characters become one underscore, and a name that is
// still invalid gets the kind's suffix ("my-site" → my_site, "func" →
// funcsite, "" → mysite).
func suggest(kind, name string) string {
	suffix := "site"
	if kind == "app" {
		suffix = "app"
	}
	var b strings.Builder
	for _, r := range name {
		ok := r == '_' || ('a' <= r && r <= 'z') || ('A' <= r && r <= 'Z') || ('0' <= r && r <= '9')
		switch {
		case ok:
			b.WriteRune(r)
		case b.Len() > 0 && !strings.HasSuffix(b.String(), "_"):
			b.WriteByte('_')
		}
	}
	s := strings.Trim(b.String(), "_")
	if s == "" {
		return "my" + suffix
	}
	if s[0] >= '0' && s[0] <= '9' {
		s = suffix + "_" + s
	}
	if nameProblem(kind, s) != "" {
		s += suffix
	}
	if nameProblem(kind, s) != "" {
		return "my" + suffix
	}
	return s
}
