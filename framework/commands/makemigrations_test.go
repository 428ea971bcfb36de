package commands

import (
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"gorm.io/gorm"

	"github.com/manouche-go/manouche/framework/apps"
	"github.com/manouche-go/manouche/framework/db"
	"github.com/manouche-go/manouche/framework/settings"
	"github.com/manouche-go/manouche/migrations"
	"github.com/manouche-go/manouche/migrations/autodetect"
)

// Thing and ThingV2 are the mmtest app's model before and after a new
// field.
type Thing struct {
	ID   int64
	Name string `gorm:"size:50;not null"`
}

func (Thing) TableName() string { return "mmtest_thing" }

type ThingV2 struct {
	Thing
	Rank int `gorm:"not null;default:0"`
}

func (ThingV2) TableName() string { return "mmtest_thing" }

// mmApp is a test app whose models and migrations the tests set, as
// editing models.go and rebuilding would.
type mmApp struct{}

var (
	mmMu         sync.Mutex
	mmModels     []any
	mmMigrations []*migrations.Migration
	mmOnce       sync.Once
)

func (mmApp) Label() string { return "mmtest" }
func (mmApp) Models() []apps.Model {
	mmMu.Lock()
	defer mmMu.Unlock()
	var out []apps.Model
	for _, m := range mmModels {
		out = append(out, apps.Model{App: "mmtest", Name: "thing", VerboseName: "thing", Schema: m})
	}
	return out
}
func (mmApp) Migrations() []*migrations.Migration {
	mmMu.Lock()
	defer mmMu.Unlock()
	return mmMigrations
}

// setMM sets the mmtest app's models and migrations.
func setMM(models []any, ms ...*migrations.Migration) {
	mmMu.Lock()
	defer mmMu.Unlock()
	mmModels, mmMigrations = models, ms
}

// mmProject is a project with the mmtest app in a temporary module
// directory that stands for this repository: the app's migrations are
// written to DIR/framework/commands/migrations. It returns the settings
// file and that directory.
func mmProject(t *testing.T) (cfg, dir string) {
	t.Helper()
	mmOnce.Do(func() { apps.Register(mmApp{}) })
	t.Cleanup(func() { setMM(nil) })
	cfg = project(t, "")
	root := t.TempDir()
	if err := os.WriteFile(filepath.Join(root, "go.mod"), []byte("module github.com/manouche-go/manouche\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Chdir(root)
	return cfg, filepath.Join(root, "framework", "commands", "migrations")
}

// mmMigration is the migration makemigrations writes for models.
func mmMigration(t *testing.T, name string, models []any, all ...*migrations.Migration) *migrations.Migration {
	t.Helper()
	db := openSQLite(t)
	ch, err := autodetect.Detect(t.Context(), db, "mmtest", models, all)
	if err != nil {
		t.Fatal(err)
	}
	up, down, err := autodetect.SQL(ch.Operations)
	if err != nil {
		t.Fatal(err)
	}
	return &migrations.Migration{App: "mmtest", Name: name, Dependencies: ch.Dependencies, Up: migrations.RunSQL(up), Down: migrations.RunSQL(down)}
}

var mmEnv = []string{"MANOUCHE_INSTALLED_APPS=mmtest"}

func TestMakeMigrations(t *testing.T) {
	cfg, dir := mmProject(t)
	setMM([]any{&Thing{}})
	code, out, errOut := run(t, mmEnv, "--settings", cfg, "makemigrations")
	want := "Migrations for 'mmtest':\n  framework/commands/migrations/0001_initial.go\n    - Create model Thing\n" +
		"  framework/commands/migrations/migrations.go (new package github.com/manouche-go/manouche/framework/commands/migrations: make the app's Migrations method return its All())\n"
	if code != 0 || out != want {
		t.Fatalf("first makemigrations: got exit %d, stdout %q, stderr %q; want 0 and %q", code, out, errOut, want)
	}
	src := readFile(t, filepath.Join(dir, "0001_initial.go"))
	for _, w := range []string{`App:  "mmtest"`, `Name: "0001_initial"`, "CREATE TABLE `mmtest_thing` (`id` integer PRIMARY KEY AUTOINCREMENT,`name` varchar(50) NOT NULL)",
		`CREATE TABLE "mmtest_thing" ("id" bigserial,"name" varchar(50) NOT NULL,PRIMARY KEY ("id"))`, "// Create model Thing"} {
		if !strings.Contains(src, w) {
			t.Errorf("0001_initial.go does not contain %q:\n%s", w, src)
		}
	}
	if !strings.Contains(readFile(t, filepath.Join(dir, "migrations.go")), "func All() []*migrations.Migration") {
		t.Error("migrations.go does not declare All")
	}

	code, _, errOut = run(t, mmEnv, "--settings", cfg, "makemigrations")
	if code != 1 || !strings.Contains(errOut, "framework/commands/migrations/0001_initial.go is not part of this program: build it again") {
		t.Errorf("stale program: got exit %d, stderr %q; want 1 and a hint to rebuild", code, errOut)
	}

	initial := mmMigration(t, "0001_initial", []any{&Thing{}})
	setMM([]any{&Thing{}}, initial) // the program rebuilt with 0001
	steps := []struct {
		args     []string
		wantCode int
		want     string
	}{
		{[]string{"makemigrations"}, 0, "No changes detected\n"},
		{[]string{"makemigrations", "mmtest"}, 0, "No changes detected in app 'mmtest'\n"},
		{[]string{"makemigrations", "-check"}, 0, "No changes detected\n"},
	}
	for _, s := range steps {
		if code, out, errOut := run(t, mmEnv, append([]string{"--settings", cfg}, s.args...)...); code != s.wantCode || out != s.want {
			t.Errorf("%v: got exit %d, stdout %q, stderr %q; want %d, %q", s.args, code, out, errOut, s.wantCode, s.want)
		}
	}
	assertFiles(t, dir, "0001_initial.go", "migrations.go")
}

func TestMakeMigrations_newField(t *testing.T) {
	cfg, dir := mmProject(t)
	initial := mmMigration(t, "0001_initial", []any{&Thing{}})
	setMM([]any{&ThingV2{}}, initial)
	listing := "Migrations for 'mmtest':\n  framework/commands/migrations/0002_thingv2_rank.go\n    - Add field rank to thingv2\n"
	for _, flag := range []string{"-dry-run", "-check"} {
		code, out, errOut := run(t, mmEnv, "--settings", cfg, "makemigrations", flag)
		wantCode := 0
		if flag == "-check" {
			wantCode = 1
		}
		if code != wantCode || out != listing {
			t.Errorf("%s: got exit %d, stdout %q, stderr %q; want %d and %q", flag, code, out, errOut, wantCode, listing)
		}
	}
	assertFiles(t, dir)
	code, out, errOut := run(t, mmEnv, "--settings", cfg, "makemigrations", "-name", "rank", "mmtest")
	if code != 0 || !strings.Contains(out, "0002_rank.go\n    - Add field rank to thingv2\n") {
		t.Fatalf("-name: got exit %d, %q, %q", code, out, errOut)
	}
	src := readFile(t, filepath.Join(dir, "0002_rank.go"))
	for _, w := range []string{`Dependencies: [][2]string{{"mmtest", "0001_initial"}}`, "ALTER TABLE `mmtest_thing` ADD `rank` bigint NOT NULL DEFAULT 0",
		"ALTER TABLE `mmtest_thing` DROP COLUMN `rank`"} {
		if !strings.Contains(src, w) {
			t.Errorf("0002_rank.go does not contain %q:\n%s", w, src)
		}
	}
}

func TestMakeMigrations_errors(t *testing.T) {
	cfg, dir := mmProject(t)
	initial := mmMigration(t, "0001_initial", []any{&ThingV2{}})
	setMM([]any{&Thing{}}, initial) // rank removed from the model
	code, _, errOut := run(t, mmEnv, "--settings", cfg, "makemigrations")
	if code != 1 || !strings.Contains(errOut, "makemigrations cannot write remove column mmtest_thing.rank (no field of Thing maps to it)") {
		t.Errorf("removed field: got exit %d, stderr %q", code, errOut)
	}
	code, _, errOut = run(t, mmEnv, "--settings", cfg, "makemigrations", "polls")
	if code != 2 || !strings.Contains(errOut, "app 'polls' could not be found; is it in INSTALLED_APPS?") {
		t.Errorf("unknown app: got exit %d, stderr %q", code, errOut)
	}
	code, _, errOut = run(t, mmEnv, "--settings", cfg, "makemigrations", "-empty")
	if code != 2 || !strings.Contains(errOut, "needs the APP") {
		t.Errorf("-empty without APP: got exit %d, stderr %q", code, errOut)
	}
	code, out, errOut := run(t, mmEnv, "--settings", cfg, "makemigrations", "-empty", "mmtest")
	if code != 0 || !strings.Contains(out, "0002_auto_") {
		t.Fatalf("-empty: got exit %d, %q, %q", code, out, errOut)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 2 {
		t.Errorf("got %d files in %s, want migrations.go and the empty migration", len(entries), dir)
	}
}

func TestSQLMigrate(t *testing.T) {
	cfg, _ := mmProject(t)
	initial := mmMigration(t, "0001_initial", []any{&Thing{}})
	second := mmMigration(t, "0002_thing_rank", []any{&ThingV2{}}, initial)
	setMM([]any{&ThingV2{}}, initial, second)
	tests := []struct {
		args     []string
		wantCode int
		want     string // stdout, or a part of stderr
	}{
		{[]string{"mmtest", "0001_initial"}, 0, "BEGIN;\nCREATE TABLE `mmtest_thing` (`id` integer PRIMARY KEY AUTOINCREMENT,`name` varchar(50) NOT NULL);\nCOMMIT;\n"},
		{[]string{"mmtest", "0002"}, 0, "BEGIN;\nALTER TABLE `mmtest_thing` ADD `rank` bigint NOT NULL DEFAULT 0;\nCOMMIT;\n"},
		{[]string{"-backwards", "mmtest", "0002"}, 0, "BEGIN;\nALTER TABLE `mmtest_thing` DROP COLUMN `rank`;\nCOMMIT;\n"},
		{[]string{"mmtest", "00"}, 1, "more than one migration matches '00' in app 'mmtest'"},
		{[]string{"mmtest", "0003"}, 1, "cannot find a migration matching '0003' from app 'mmtest'"},
		{[]string{"mmtest"}, 2, "sqlmigrate takes APP and NAME"},
	}
	for _, tt := range tests {
		code, out, errOut := run(t, mmEnv, append([]string{"--settings", cfg, "sqlmigrate"}, tt.args...)...)
		if code != tt.wantCode || (code == 0 && out != tt.want) || (code != 0 && !strings.Contains(errOut, tt.want)) {
			t.Errorf("sqlmigrate %v: got exit %d, stdout %q, stderr %q; want %d and %q", tt.args, code, out, errOut, tt.wantCode, tt.want)
		}
	}
}

func readFile(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// assertFiles checks that dir holds exactly the files named.
func assertFiles(t *testing.T, dir string, names ...string) {
	t.Helper()
	entries, _ := os.ReadDir(dir)
	var got []string
	for _, e := range entries {
		got = append(got, e.Name())
	}
	if strings.Join(got, " ") != strings.Join(names, " ") {
		t.Errorf("%s holds %q, want %q", dir, got, names)
	}
}

// openSQLite opens an empty SQLite database the way sites do.
func openSQLite(t *testing.T) *gorm.DB {
	t.Helper()
	g, err := db.Open(settings.Database{Engine: "sqlite", Name: filepath.Join(t.TempDir(), "db.sqlite3")}, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if sqlDB, err := g.DB(); err == nil {
			sqlDB.Close()
		}
	})
	return g
}
