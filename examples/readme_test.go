package examples_test

import (
	"bufio"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/manouche-go/manouche/framework/scaffold"
)

// readmes are the documents whose Go snippets must compile, relative to
// the repository's root.
var readmes = []string{"README.md", "examples/README.md"}

// snippet is one ```go block of a document.
type snippet struct {
	doc  string // "README.md"
	path string // the document's absolute path, which errors name
	line int    // the line of its first line of code
	code string
	file string // "polls/models.go" when its first line names the file it is
}

// fileComment is a first line naming the project file a snippet is.
var fileComment = regexp.MustCompile(`^// ([\w-]+(?:/[\w-]+)*\.go)$`)

// knownImports are the packages a snippet without a package clause may
// use by name; their imports are added for it.
var knownImports = map[string]string{
	"framework": "github.com/manouche-go/manouche/framework", "urls": "github.com/manouche-go/manouche/framework/urls",
	"apps": "github.com/manouche-go/manouche/framework/apps", "db": "github.com/manouche-go/manouche/framework/db",
	"settings": "github.com/manouche-go/manouche/framework/settings", "session": "github.com/manouche-go/manouche/framework/session",
	"migrations": "github.com/manouche-go/manouche/migrations", "staticfiles": "github.com/manouche-go/manouche/framework/staticfiles",
	"commands": "github.com/manouche-go/manouche/framework/commands", "site": "github.com/manouche-go/manouche/framework/site",
	"manage": "github.com/manouche-go/manouche/framework/manage", "scaffold": "github.com/manouche-go/manouche/framework/scaffold",
	"gorm": "gorm.io/gorm", "http": "net/http", "fmt": "fmt", "errors": "errors", "strconv": "strconv",
	"strings": "strings", "time": "time", "context": "context", "embed": "embed", "fs": "io/fs", "os": "os",
	"io": "io", "slog": "log/slog", "template": "html/template",
	"messages": "github.com/manouche-go/manouche/framework/messages", "csrf": "github.com/manouche-go/manouche/framework/csrf",
	"auth": "github.com/manouche-go/manouche/contrib/auth",
}

// TestReadme_snippetsCompile builds every Go snippet of the READMEs, so
// the documents cannot drift from the code. They are built in the project
// the tutorial makes (manouche startproject mysite, then startapp polls):
// a snippet whose first line names a file ("// polls/models.go") is that
// file of the project; any other is a package of its own, with the
// imports and package clause it leaves out, and its statements in a
// function when it has no declarations. Errors name the document's line.
func TestReadme_snippetsCompile(t *testing.T) {
	if testing.Short() {
		t.Skip("skipped in -short mode: builds the snippets against manouche")
	}
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("skipped: no go command in PATH")
	}
	checkout, err := scaffold.FindCheckout(".")
	if err != nil {
		t.Fatal(err)
	}
	var snippets []snippet
	for _, doc := range readmes {
		snippets = append(snippets, extract(t, checkout, doc)...)
	}
	if !slices.ContainsFunc(snippets, func(s snippet) bool { return s.doc == "README.md" }) {
		t.Fatalf("found no Go snippet in README.md: the extraction is broken")
	}
	dir := tutorialProject(t, checkout)
	for _, s := range snippets {
		name, src, err := s.source()
		if err != nil {
			t.Errorf("%s:%d: the snippet is not Go: %v", s.doc, s.line, err)
			continue
		}
		writeFile(t, filepath.Join(dir, filepath.FromSlash(name)), src)
	}
	cmd := exec.Command(goTool, "vet", "./...")
	cmd.Dir, cmd.Env = dir, append(os.Environ(), "GOFLAGS=-mod=mod", "GOPROXY=off", "GOWORK=off")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Errorf("README snippets do not compile (lines are the documents'):\n%s", out)
	}
}

// extract returns the ```go blocks of doc.
func extract(t *testing.T, checkout, doc string) []snippet {
	t.Helper()
	f, err := os.Open(filepath.Join(checkout, doc))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []snippet
	var cur *snippet
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		switch {
		case cur == nil && strings.TrimSpace(line) == "```go":
			cur = &snippet{doc: doc, path: f.Name(), line: n + 1}
		case cur != nil && strings.TrimSpace(line) == "```":
			out = append(out, *cur)
			cur = nil
		case cur != nil:
			cur.code += line + "\n"
		}
	}
	if cur != nil {
		t.Errorf("%s:%d: the ```go block is not closed", doc, cur.line-1)
	}
	return out
}

// source returns where the snippet goes in the project and its file.
func (s snippet) source() (name, src string, err error) {
	first, rest, _ := strings.Cut(s.code, "\n")
	if m := fileComment.FindStringSubmatch(first); m != nil {
		return m[1], fmt.Sprintf("//line %s:%d\n%s", s.path, s.line+1, rest), nil
	}
	dir := fmt.Sprintf("readme/%s_L%d/", strings.NewReplacer("/", "_", ".", "_").Replace(s.doc), s.line)
	if _, err := parser.ParseFile(token.NewFileSet(), "", s.code, parser.PackageClauseOnly); err == nil {
		return dir + "snippet.go", fmt.Sprintf("//line %s:%d\n%s", s.path, s.line, s.code), nil
	}
	decls := fmt.Sprintf("\n//line %s:%d\n%s", s.path, s.line, s.code)
	if _, err := parser.ParseFile(token.NewFileSet(), "", "package snippet\n"+decls, 0); err != nil {
		decls = s.body()
	}
	f, err := parser.ParseFile(token.NewFileSet(), "", "package snippet\n"+decls, 0)
	if err != nil {
		return "", "", err
	}
	return dir + "snippet.go", "package snippet\n\n" + imports(f) + decls, nil
}

// body wraps a snippet of statements in a function: a view's body, with
// req in scope and the response returned, when it uses req (a view's
// lines), or else a function of no arguments.
func (s snippet) body() string {
	plain := fmt.Sprintf("\nfunc _() {\n//line %s:%d\n%s}\n", s.path, s.line, s.code)
	f, err := parser.ParseFile(token.NewFileSet(), "", "package snippet\n"+plain, 0)
	if err != nil || !slices.ContainsFunc(f.Unresolved, func(id *ast.Ident) bool { return id.Name == "req" }) {
		return plain
	}
	end := ""
	if stmts := f.Decls[0].(*ast.FuncDecl).Body.List; len(stmts) == 0 {
		end = "return nil\n"
	} else if _, ok := stmts[len(stmts)-1].(*ast.ReturnStmt); !ok {
		end = "return nil\n"
	}
	return fmt.Sprintf("\nfunc _(req *framework.Request) *framework.Response {\n//line %s:%d\n%s%s}\n", s.path, s.line, s.code, end)
}

// imports is the import declaration of the known packages f uses.
func imports(f *ast.File) string {
	var paths []string
	for _, id := range f.Unresolved {
		if p, ok := knownImports[id.Name]; ok && !slices.Contains(paths, p) {
			paths = append(paths, p)
		}
	}
	if len(paths) == 0 {
		return ""
	}
	slices.Sort(paths)
	var b strings.Builder
	b.WriteString("import (\n")
	for _, p := range paths {
		b.WriteString("\t" + strconv.Quote(p) + "\n")
	}
	return b.String() + ")\n"
}

// tutorialProject writes the project the README's tutorial makes:
// manouche startproject mysite, then startapp polls.
func tutorialProject(t *testing.T, checkout string) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "mysite")
	if err := scaffold.Project(scaffold.ProjectOptions{Name: "mysite", Dir: dir, ManouchePath: checkout, SecretKey: "readme-test-" + time.Now().String()}); err != nil {
		t.Fatal(err)
	}
	if err := scaffold.App(scaffold.AppOptions{Name: "polls", Dir: filepath.Join(dir, "polls")}); err != nil {
		t.Fatal(err)
	}
	return dir
}

func writeFile(t *testing.T, name, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestSnippet_source(t *testing.T) {
	tests := []struct {
		name, code, wantName string
		want                 []string // parts of the file
	}{
		{"a project file", "// polls/vote.go\npackage polls\n", "polls/vote.go", []string{"//line /r/README.md:11\npackage polls\n"}},
		{"a whole file", "package main\n\nfunc main() {}\n", "readme/README_md_L10/snippet.go", []string{"//line /r/README.md:10\npackage main"}},
		{"declarations", "func index(req *framework.Request) *framework.Response { return nil }\n", "readme/README_md_L10/snippet.go",
			[]string{"package snippet\n\nimport (\n\t\"github.com/manouche-go/manouche/framework\"\n)\n", "//line /r/README.md:10\nfunc index"}},
		{"statements", "n, _ := strconv.Atoi(\"1\")\n_ = n\n", "readme/README_md_L10/snippet.go",
			[]string{"\t\"strconv\"\n", "func _() {\n//line /r/README.md:10\nn, _ :="}},
		{"a view's lines", "req.Session.Set(\"k\", 1)\n", "readme/README_md_L10/snippet.go",
			[]string{"\t\"github.com/manouche-go/manouche/framework\"\n", "func _(req *framework.Request) *framework.Response {\n//line /r/README.md:10\nreq.Session.Set(\"k\", 1)\nreturn nil\n}"}},
	}
	for _, tt := range tests {
		name, src, err := snippet{doc: "README.md", path: "/r/README.md", line: 10, code: tt.code}.source()
		if err != nil || name != tt.wantName {
			t.Errorf("%s: got %q, %v; want %q", tt.name, name, err, tt.wantName)
		}
		for _, w := range tt.want {
			if !strings.Contains(src, w) {
				t.Errorf("%s: no %q in\n%s", tt.name, w, src)
			}
		}
	}
	if _, _, err := (snippet{code: "this is not Go {"}).source(); err == nil {
		t.Error("prose: got no error")
	}
}
