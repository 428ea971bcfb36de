package autodetect

import (
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/manouche-go/manouche/framework/scaffold"
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

// TestFile_compiles builds a migrations package made of migrations.go
// and two migration files against this checkout, as a project would.
func TestFile_compiles(t *testing.T) {
	if testing.Short() {
		t.Skip("skipped in -short mode: builds a package against manouche")
	}
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("skipped: no go command in PATH")
	}
	checkout, err := scaffold.FindCheckout(".")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	gomod := "module example.com/mysite\n\ngo 1.26\n\nrequire github.com/manouche-go/manouche v0.0.0\n\nreplace github.com/manouche-go/manouche => " + checkout + "\n"
	sum, err := os.ReadFile(filepath.Join(checkout, "go.sum"))
	if err != nil {
		t.Fatal(err)
	}
	pkg, err := PackageSource("polls")
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{"go.mod": []byte(gomod), "go.sum": sum, "polls/migrations/migrations.go": pkg}
	empty := File{App: "polls", Name: "0003_data", Generated: votesFile.Generated}
	for _, f := range []File{votesFile, empty} {
		if files["polls/migrations/"+f.Name+".go"], err = f.Source(); err != nil {
			t.Fatal(err)
		}
	}
	for name, b := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	cmd := exec.Command(goTool, "vet", "./...")
	cmd.Dir, cmd.Env = dir, append(os.Environ(), "GOFLAGS=-mod=mod", "GOPROXY=off", "GOWORK=off")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Errorf("the migrations package does not compile: %v\n%s", err, out)
	}
}
