package autodetect

import (
	"flag"
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/manouche-go/manouche/migrations"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// votesFile is the migration the golden file holds.
var votesFile = File{
	App:          "polls",
	Name:         "0002_poll_votes",
	Dependencies: [][2]string{{"polls", "0001_initial"}, {"auth", "0012_alter_user_first_name_max_length"}},
	Operations:   []string{"Add field votes to poll"},
	Up: migrations.SQL{
		"sqlite":   {"ALTER TABLE `polls_poll` ADD `votes` bigint NOT NULL DEFAULT 0"},
		"postgres": {`ALTER TABLE "polls_poll" ADD "votes" bigint NOT NULL DEFAULT 0`},
		"mysql":    {"ALTER TABLE `polls_poll` ADD `votes` bigint NOT NULL DEFAULT 0"},
	},
	Down: migrations.SQL{
		"sqlite":   {"ALTER TABLE `polls_poll` DROP COLUMN `votes`"},
		"postgres": {`ALTER TABLE "polls_poll" DROP COLUMN "votes"`},
		"mysql":    {"ALTER TABLE `polls_poll` DROP COLUMN `votes`"},
	},
	Generated: time.Date(2026, 3, 4, 5, 6, 7, 0, time.FixedZone("CET", 3600)),
}

func TestFile_golden(t *testing.T) {
	empty := File{App: "polls", Name: "0003_data", Dependencies: [][2]string{{"polls", "0002_poll_votes"}}, Generated: votesFile.Generated}
	for name, f := range map[string]File{"0002_poll_votes.go": votesFile, "0003_data.go": empty} {
		src, err := f.Source()
		if err != nil {
			t.Fatal(err)
		}
		golden := filepath.Join("testdata", name+".golden")
		if *update {
			if err := os.WriteFile(golden, src, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatal(err)
		}
		if string(src) != string(want) {
			t.Errorf("%s differs from %s (refresh with go test -update):\ngot:\n%s", name, golden, src)
		}
	}
}

// TestFile_typeChecks compiles a migrations package made of migrations.go
// and two migration files against this module's migrations package.
func TestFile_typeChecks(t *testing.T) {
	if testing.Short() {
		t.Skip("skipped in -short mode: type-checks GORM from source")
	}
	empty := File{App: "polls", Name: "0003_data", Generated: votesFile.Generated}
	pkg, err := PackageSource("polls")
	if err != nil {
		t.Fatal(err)
	}
	sources := map[string][]byte{"migrations.go": pkg}
	for _, f := range []File{votesFile, empty} {
		src, err := f.Source()
		if err != nil {
			t.Fatal(err)
		}
		sources[f.Name+".go"] = src
	}
	fset := token.NewFileSet()
	var files []*ast.File
	for name, src := range sources {
		f, err := parser.ParseFile(fset, name, src, parser.ParseComments)
		if err != nil {
			t.Fatalf("%s: %v\n%s", name, err, src)
		}
		files = append(files, f)
	}
	conf := types.Config{Importer: importer.ForCompiler(fset, "source", nil)}
	if _, err := conf.Check("example.com/mysite/polls/migrations", fset, files, nil); err != nil {
		t.Errorf("the migrations package does not type-check: %v", err)
	}
}
