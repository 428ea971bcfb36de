package commands

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/manouche-go/manouche/framework/apps"
	"github.com/manouche-go/manouche/framework/manage"
	"github.com/manouche-go/manouche/framework/site"
	"github.com/manouche-go/manouche/migrations"
	"github.com/manouche-go/manouche/migrations/autodetect"
)

// makeMigrationsOptions are makemigrations' flags (Django's).
type makeMigrationsOptions struct {
	dryRun, check, empty bool
	name                 string
}

func makeMigrationsCommand(st *site.Site) *manage.Command {
	var o makeMigrationsOptions
	return &manage.Command{
		Name:  "makemigrations",
		Usage: "makemigrations [-dry-run] [-check] [-empty] [-name NAME] [APP...]",
		Short: "write new migrations for the changes of the apps' models",
		Long: "Makemigrations compares each app's GORM models (the Schema of its Models) with the\n" +
			"schema its migrations create, on the configured database, and writes what is\n" +
			"missing (new tables, columns and indexes) as a new migration file in the app's\n" +
			"migrations/ package, with its SQL for SQLite, PostgreSQL and MySQL (Django's\n" +
			"makemigrations). Any other change is refused, each one named: write it by\n" +
			"hand in a migration made with -empty. Build the program again before running\n" +
			"migrate: the new file is Go code.",
		Flags: func(fs *flag.FlagSet) {
			fs.BoolVar(&o.dryRun, "dry-run", false, "show what would be written, write nothing")
			fs.BoolVar(&o.check, "check", false, "exit 1 if models have changes without migrations; write nothing")
			fs.BoolVar(&o.empty, "empty", false, "write an empty migration for each APP, to fill in by hand")
			fs.StringVar(&o.name, "name", "", "the new migrations' name, instead of one made from their operations")
		},
		Run: func(ctx context.Context, args []string) error {
			if o.empty && len(args) == 0 {
				return manage.UsageErrorf("makemigrations -empty needs the APP to write an empty migration for")
			}
			refs, err := findApps(st, args)
			if err != nil {
				return err
			}
			return makeMigrations(ctx, st, o, refs, len(args) > 0)
		},
	}
}

// appRef is an installed app and its migration label (its
// django_migrations.app: "sessions" for contrib.sessions).
type appRef struct {
	app   apps.App
	label string
}

// migrationLabel is the label an app's migrations are recorded under:
// its migrations' App, or the last part of its INSTALLED_APPS label
// (Django's AppConfig.label).
func migrationLabel(a apps.App) string {
	if p, ok := a.(apps.MigrationsProvider); ok {
		if ms := p.Migrations(); len(ms) > 0 {
			return ms[0].App
		}
	}
	l := a.Label()
	return l[strings.LastIndex(l, ".")+1:]
}

// findApps returns the installed apps named (by INSTALLED_APPS label,
// alias or migration label), or every installed app when names is empty.
func findApps(st *site.Site, names []string) ([]appRef, error) {
	var all []appRef
	for _, a := range st.Apps {
		all = append(all, appRef{a, migrationLabel(a)})
	}
	if len(names) == 0 {
		return all, nil
	}
	var out []appRef
	for _, name := range names {
		i := slices.IndexFunc(all, func(r appRef) bool { return r.label == name || r.app.Label() == name || hasAlias(r.app, name) })
		if i < 0 {
			return nil, manage.UsageErrorf("app '%s' could not be found; is it in INSTALLED_APPS?", name)
		}
		out = append(out, all[i])
	}
	return out, nil
}

func hasAlias(a apps.App, name string) bool {
	al, ok := a.(apps.Aliaser)
	return ok && slices.Contains(al.Aliases(), name)
}

// makeMigrations detects and writes the changes of each app in refs.
func makeMigrations(ctx context.Context, st *site.Site, o makeMigrationsOptions, refs []appRef, named bool) error {
	db, err := st.Env.DB()
	if err != nil {
		return err
	}
	all := st.Migrations()
	var changed []string
	for _, r := range refs {
		var ch *autodetect.Changes
		schemas := schemasOf(r.app)
		switch {
		case o.empty:
			ch, err = autodetect.Empty(r.label, all)
		case len(schemas) > 0:
			ch, err = autodetect.Detect(ctx, db, r.label, schemas, all)
		default:
			continue
		}
		if err != nil {
			return fmt.Errorf("makemigrations: %w", err)
		}
		if len(ch.Operations) == 0 && !o.empty {
			continue
		}
		changed = append(changed, r.label)
		if err := writeMigration(st.Env.Stdout, r, ch, all, o); err != nil {
			return err
		}
	}
	if len(changed) == 0 {
		fmt.Fprintln(st.Env.Stdout, noChanges(refs, named))
		return nil
	}
	if o.check {
		return fmt.Errorf("makemigrations: models have changes without migrations in %s", strings.Join(changed, ", "))
	}
	return nil
}

// schemasOf returns the GORM structs of an app's models (see
// apps.Model.Schema).
func schemasOf(a apps.App) []any {
	if p, ok := a.(apps.ModelsProvider); ok {
		return apps.Schemas(p.Models())
	}
	return nil
}

// noChanges is Django's message when nothing is to be written.
func noChanges(refs []appRef, named bool) string {
	if !named {
		return "No changes detected"
	}
	labels := make([]string, len(refs))
	for i, r := range refs {
		labels[i] = "'" + r.label + "'"
	}
	if len(labels) == 1 {
		return "No changes detected in app " + labels[0]
	}
	return "No changes detected in apps " + strings.Join(labels, ", ")
}

// writeMigration names, renders and (unless it is a dry run or a check)
// writes one app's new migration, printing what it holds as Django does.
func writeMigration(out io.Writer, r appRef, ch *autodetect.Changes, all []*migrations.Migration, o makeMigrationsOptions) error {
	dir, importPath, err := migrationsDir(r.app)
	if err != nil {
		return fmt.Errorf("makemigrations: %w", err)
	}
	number, err := nextNumber(dir, r.label, all)
	if err != nil {
		return fmt.Errorf("makemigrations: %w", err)
	}
	now := time.Now()
	name := o.name
	if name == "" {
		name = autodetect.Name(ch.Operations, ch.Initial, now)
	}
	f := &autodetect.File{App: r.label, Name: fmt.Sprintf("%04d_%s", number, name), Dependencies: ch.Dependencies, Generated: now}
	for _, op := range ch.Operations {
		f.Operations = append(f.Operations, op.Describe())
	}
	if len(ch.Operations) > 0 {
		if f.Up, f.Down, err = autodetect.SQL(ch.Operations); err != nil {
			return fmt.Errorf("makemigrations: %w", err)
		}
	}
	src, err := f.Source()
	if err != nil {
		return fmt.Errorf("makemigrations: %w", err)
	}
	path := filepath.Join(dir, f.Name+".go")
	fmt.Fprintf(out, "Migrations for '%s':\n  %s\n", r.label, relative(path))
	for _, d := range f.Operations {
		fmt.Fprintf(out, "    - %s\n", d)
	}
	if o.dryRun || o.check {
		return nil
	}
	return save(out, dir, importPath, r.label, path, src)
}

// save writes a migration file, and the migrations package's own file
// when the package is new (with a hint to wire it).
func save(out io.Writer, dir, importPath, label, path string, src []byte) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("makemigrations: %w", err)
	}
	pkgFile := filepath.Join(dir, "migrations.go")
	if _, err := os.Stat(pkgFile); errors.Is(err, os.ErrNotExist) {
		pkg, err := autodetect.PackageSource(label)
		if err != nil {
			return err
		}
		if err := writeNew(pkgFile, pkg); err != nil {
			return err
		}
		fmt.Fprintf(out, "  %s (new package %s: make the app's Migrations method return its All())\n", relative(pkgFile), importPath)
	}
	return writeNew(path, src)
}

// writeNew writes a file that must not exist yet.
func writeNew(path string, data []byte) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return fmt.Errorf("makemigrations: %w", err)
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return fmt.Errorf("makemigrations: %w", err)
	}
	return f.Close()
}

// migrationFile matches the name of a migration file: 0002_poll_votes.go.
var migrationFile = regexp.MustCompile(`^(\d{4,})_\w+\.go$`)

// nextNumber returns the number of an app's next migration: one more
// than the highest among its migrations and the migration files in dir.
// A file in dir that the program does not know is an error: the program
// was built before it was written, and would write its changes again.
func nextNumber(dir, label string, all []*migrations.Migration) (int, error) {
	known := map[string]bool{}
	highest := 0
	for _, m := range all {
		if m.App == label {
			known[m.Name] = true
			highest = max(highest, leadingNumber(m.Name))
		}
	}
	entries, err := os.ReadDir(dir)
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		return 0, err
	}
	for _, e := range entries {
		m := migrationFile.FindStringSubmatch(e.Name())
		if m == nil || strings.HasSuffix(e.Name(), "_test.go") {
			continue
		}
		if !known[strings.TrimSuffix(e.Name(), ".go")] {
			return 0, fmt.Errorf("%s is not part of this program: build it again (go run . makemigrations) so that it knows the migration", relative(filepath.Join(dir, e.Name())))
		}
		n, _ := strconv.Atoi(m[1])
		highest = max(highest, n)
	}
	return highest + 1, nil
}

// leadingNumber is the number a migration's name starts with, or 0.
func leadingNumber(name string) int {
	digits, _, _ := strings.Cut(name, "_")
	n, _ := strconv.Atoi(digits)
	return n
}

// relative returns path relative to the working directory when it is
// below it.
func relative(path string) string {
	wd, err := os.Getwd()
	if err != nil {
		return path
	}
	if rel, err := filepath.Rel(wd, path); err == nil && !strings.HasPrefix(rel, "..") {
		return rel
	}
	return path
}
