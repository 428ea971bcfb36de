package autodetect

import (
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"gorm.io/gorm"
	"gorm.io/gorm/schema"

	"github.com/manouche-go/manouche/migrations"
)

// compareTable compares an existing table with its model: new columns
// and indexes are operations; anything else that differs is a problem.
func compareTable(tx *gorm.DB, g *generator, sch *schema.Schema, model any) ([]Operation, []string, error) {
	cts, err := tx.Migrator().ColumnTypes(sch.Table)
	if err != nil {
		return nil, nil, fmt.Errorf("autodetect: columns of %s: %w", sch.Table, err)
	}
	declared, err := declaredTypes(tx, sch.Table)
	if err != nil {
		return nil, nil, err
	}
	cols := make(map[string]gorm.ColumnType, len(cts))
	for _, ct := range cts {
		cols[ct.Name()] = ct
		if t, ok := declared[ct.Name()]; ok {
			cols[ct.Name()] = typed{ct, t}
		}
	}
	var ops []Operation
	var problems []string
	for _, name := range sch.DBNames {
		f := sch.FieldsByDBName[name]
		if f.IgnoreMigration {
			continue
		}
		what := fmt.Sprintf("field %s.%s (column %s.%s)", sch.Name, f.Name, sch.Table, name)
		ct, ok := cols[name]
		switch {
		case !ok && addable(f) != "":
			problems = append(problems, "add "+what+": "+addable(f))
		case !ok:
			ops = append(ops, Operation{Kind: AddField, Model: sch.Name, Table: sch.Table, Column: name, value: model})
		default:
			if d := differences(g, sch, f, ct); len(d) > 0 {
				problems = append(problems, "change "+what+": "+strings.Join(d, ", "))
			}
		}
	}
	for _, name := range slices.Sorted(maps.Keys(cols)) {
		if f, ok := sch.FieldsByDBName[name]; !ok || f.IgnoreMigration {
			problems = append(problems, fmt.Sprintf("remove column %s.%s (no field of %s maps to it)", sch.Table, name, sch.Name))
		}
	}
	idxOps, idxProblems, err := compareIndexes(tx, sch, model)
	if err != nil {
		return nil, nil, err
	}
	return append(ops, idxOps...), append(append(problems, idxProblems...), compareConstraints(tx, sch, model)...), nil
}

// declaredTypes returns each column's type as declared, on SQLite, whose
// schema keeps it verbatim (GORM's parser of SQLite's DDL cuts
// "decimal(10,2)" at its comma); nil on other dialects.
func declaredTypes(tx *gorm.DB, table string) (map[string]string, error) {
	if tx.Dialector.Name() != "sqlite" {
		return nil, nil
	}
	var rows []struct{ Name, Type string }
	if err := tx.Raw("SELECT name, type FROM pragma_table_info(?)", table).Scan(&rows).Error; err != nil {
		return nil, fmt.Errorf("autodetect: columns of %s: %w", table, err)
	}
	types := make(map[string]string, len(rows))
	for _, r := range rows {
		types[r.Name] = r.Type
	}
	return types, nil
}

// typed is a column whose type is known better than its ColumnType says.
type typed struct {
	column
	typ string
}

// column is gorm.ColumnType under a name that typed can embed.
type column = gorm.ColumnType

func (t typed) ColumnType() (string, bool) { return t.typ, true }

// addable says why f cannot be added to an existing table as one
// ALTER TABLE ... ADD on every dialect, or "".
func addable(f *schema.Field) string {
	switch {
	case f.PrimaryKey:
		return "a primary key cannot be added to an existing table"
	case f.Unique:
		return `a unique column cannot be added to an existing table on SQLite; declare it with gorm:"uniqueIndex" instead of unique`
	case f.NotNull && !hasDefault(f):
		return `a NOT NULL column needs a default for the rows already there; give it one (gorm:"not null;default:0") or allow NULL`
	}
	return ""
}

// hasDefault reports whether f has a default value that is not NULL.
func hasDefault(f *schema.Field) bool {
	_, ok := defaultOf(f)
	return ok
}

// defaultOf is the default value f declares, without quotes.
func defaultOf(f *schema.Field) (string, bool) {
	switch {
	case !f.HasDefaultValue || f.PrimaryKey || f.AutoIncrement:
		return "", false
	case f.DefaultValueInterface != nil:
		return fmt.Sprint(f.DefaultValueInterface), true
	case f.DefaultValue == "" || f.DefaultValue == "(-)" || strings.EqualFold(f.DefaultValue, "null"):
		return "", false
	}
	return strings.Trim(f.DefaultValue, `'"`), true
}

// differences lists how column ct differs from what field f needs: its
// type, NULL or NOT NULL, its default and whether it is unique.
func differences(g *generator, sch *schema.Schema, f *schema.Field, ct gorm.ColumnType) []string {
	var d []string
	got, _ := ct.ColumnType()
	if got == "" {
		got = ct.DatabaseTypeName()
	}
	if want := canonical(g.dialect, g.dataType(f)); canonical(g.dialect, got) != want {
		d = append(d, fmt.Sprintf("type %s in the database, %s in the model", canonical(g.dialect, got), want))
	}
	if f.PrimaryKey {
		return d
	}
	if nullable, ok := ct.Nullable(); ok && nullable == f.NotNull {
		d = append(d, fmt.Sprintf("%s in the database, %s in the model", nullText(nullable), nullText(!f.NotNull)))
	}
	if s := defaultDifference(f, ct); s != "" {
		d = append(d, s)
	}
	if unique, ok := ct.Unique(); ok && unique != f.Unique && !(unique && uniquelyIndexed(sch, f)) {
		d = append(d, fmt.Sprintf("unique %v in the database, %v in the model", unique, f.Unique))
	}
	return d
}

func nullText(nullable bool) string {
	if nullable {
		return "NULL"
	}
	return "NOT NULL"
}

// defaultDifference compares f's default with ct's, or returns "".
func defaultDifference(f *schema.Field, ct gorm.ColumnType) string {
	want, wantOK := defaultOf(f)
	got, gotOK := ct.DefaultValue()
	got = strings.Trim(got, `'"`)
	if gotOK && strings.EqualFold(got, "null") {
		gotOK = false
	}
	same := wantOK == gotOK
	if same && wantOK {
		switch f.GORMDataType {
		case schema.Bool:
			w, _ := strconv.ParseBool(want)
			g, _ := strconv.ParseBool(got)
			same = w == g
		default:
			same = strings.EqualFold(strings.TrimSuffix(want, "()"), strings.TrimSuffix(got, "()"))
		}
	}
	if same {
		return ""
	}
	return fmt.Sprintf("default %s in the database, %s in the model", defaultText(got, gotOK), defaultText(want, wantOK))
}

func defaultText(v string, ok bool) string {
	if !ok {
		return "none"
	}
	return strconv.Quote(v)
}

// uniquelyIndexed reports whether f alone has a unique index in sch.
func uniquelyIndexed(sch *schema.Schema, f *schema.Field) bool {
	for _, idx := range sch.ParseIndexes() {
		if idx.Class == "UNIQUE" && len(idx.Fields) == 1 && idx.Fields[0].Field == f {
			return true
		}
	}
	return false
}

// compareIndexes compares the table's indexes with the model's: a new
// index is an operation, a removed or changed one a problem. Indexes that
// back a primary key, a unique column or a foreign key are the columns'
// and constraints' business.
func compareIndexes(tx *gorm.DB, sch *schema.Schema, model any) ([]Operation, []string, error) {
	dbIdx, err := tx.Migrator().GetIndexes(sch.Table)
	if err != nil {
		return nil, nil, fmt.Errorf("autodetect: indexes of %s: %w", sch.Table, err)
	}
	have := map[string]gorm.Index{}
	for _, idx := range dbIdx {
		if pk, _ := idx.PrimaryKey(); !pk && !implicitIndex(sch, idx.Name()) {
			have[idx.Name()] = idx
		}
	}
	var ops []Operation
	var problems []string
	for _, idx := range sch.ParseIndexes() {
		cols := indexColumns(idx)
		got, ok := have[idx.Name]
		delete(have, idx.Name)
		if !ok {
			ops = append(ops, Operation{Kind: AddIndex, Model: sch.Name, Table: sch.Table, Index: idx.Name, Columns: cols, value: model})
			continue
		}
		unique, _ := got.Unique()
		gotCols := slices.Sorted(slices.Values(got.Columns()))
		if unique != (idx.Class == "UNIQUE") || !slices.Equal(gotCols, slices.Sorted(slices.Values(cols))) {
			problems = append(problems, fmt.Sprintf("change index %s of %s: %s in the database, %s in the model",
				idx.Name, sch.Table, indexText(got.Columns(), unique), indexText(cols, idx.Class == "UNIQUE")))
		}
	}
	for _, name := range slices.Sorted(maps.Keys(have)) {
		problems = append(problems, fmt.Sprintf("remove index %s of %s (the model %s does not declare it)", name, sch.Table, sch.Name))
	}
	return ops, problems, nil
}

// implicitIndex reports whether the index called name backs a constraint
// of sch (MySQL indexes unique and foreign key columns under the
// constraint's name) or is SQLite's own.
func implicitIndex(sch *schema.Schema, name string) bool {
	if strings.HasPrefix(name, "sqlite_autoindex_") {
		return true
	}
	if _, ok := sch.ParseUniqueConstraints()[name]; ok {
		return true
	}
	for _, rel := range sch.Relationships.Relations {
		if c := rel.ParseConstraint(); c != nil && c.Name == name {
			return true
		}
	}
	return false
}

func indexColumns(idx *schema.Index) []string {
	cols := make([]string, len(idx.Fields))
	for i, f := range idx.Fields {
		if f.Field != nil {
			cols[i] = f.DBName
		} else {
			cols[i] = f.Expression
		}
	}
	return cols
}

func indexText(cols []string, unique bool) string {
	s := "on " + strings.Join(cols, ", ")
	if unique {
		s = "unique " + s
	}
	return s
}

// compareConstraints returns a problem for each foreign key or check
// constraint of the model that the existing table lacks: SQLite cannot
// add one to an existing table.
func compareConstraints(tx *gorm.DB, sch *schema.Schema, model any) []string {
	var problems []string
	for _, rel := range sch.Relationships.Relations {
		c := rel.ParseConstraint()
		if c == nil || c.Schema != sch || rel.Field.IgnoreMigration || tx.Migrator().HasConstraint(model, c.Name) {
			continue
		}
		problems = append(problems, fmt.Sprintf("add foreign key %s (%s.%s) to the existing table %s", c.Name, sch.Name, rel.Name, sch.Table))
	}
	checks := sch.ParseCheckConstraints()
	for _, name := range slices.Sorted(maps.Keys(checks)) {
		if !tx.Migrator().HasConstraint(model, name) {
			problems = append(problems, fmt.Sprintf("add check constraint %s to the existing table %s", name, sch.Table))
		}
	}
	return problems
}

// createOps returns the CreateModel operations of the new models, in an
// order where a model comes after the models its foreign keys refer to,
// and the migrations of other apps that own the tables they refer to.
func createOps(tx *gorm.DB, g *generator, st *state, app string, created []any) ([]Operation, [][2]string, []string, error) {
	if len(created) == 0 {
		return nil, nil, nil, nil
	}
	schemas, err := ordered(g, created)
	if err != nil {
		return nil, nil, nil, err
	}
	newTables := map[string]bool{}
	var ops []Operation
	var deps [][2]string
	var problems []string
	for i, sch := range schemas {
		model := created[i]
		newTables[sch.Table] = true
		ops = append(ops, Operation{Kind: CreateModel, Model: sch.Name, Table: sch.Table, value: model})
		for _, rel := range sch.Relationships.Relations {
			c := rel.ParseConstraint()
			if c == nil || c.Schema != sch || c.ReferenceSchema == nil || newTables[c.ReferenceSchema.Table] {
				continue
			}
			owner, ok := st.owner[c.ReferenceSchema.Table]
			switch {
			case !ok && !tx.Migrator().HasTable(c.ReferenceSchema.Table):
				problems = append(problems, fmt.Sprintf("create model %s: its foreign key %s refers to table %s, which no migration creates", sch.Name, c.Name, c.ReferenceSchema.Table))
			case ok && owner[0] != app:
				deps = append(deps, latest(st.plan, owner[0]))
			}
		}
	}
	return ops, deps, problems, nil
}

// ordered sorts created so that a model comes after the new models its
// foreign keys refer to, keeping the given order otherwise, and returns
// their schemas in the same order. Models that refer to each other keep
// their order (the database checks such keys at the end).
func ordered(g *generator, created []any) ([]*schema.Schema, error) {
	schemas := make([]*schema.Schema, len(created))
	byTable := map[string]int{}
	for i, model := range created {
		sch, err := g.schemaOf(model)
		if err != nil {
			return nil, err
		}
		schemas[i], byTable[sch.Table] = sch, i
	}
	refs := func(i int) []int {
		var out []int
		for _, rel := range schemas[i].Relationships.Relations {
			if c := rel.ParseConstraint(); c != nil && c.Schema == schemas[i] && c.ReferenceSchema != nil {
				if j, ok := byTable[c.ReferenceSchema.Table]; ok && j != i {
					out = append(out, j)
				}
			}
		}
		return out
	}
	order := topological(len(created), refs)
	sortedModels, sortedSchemas := make([]any, len(order)), make([]*schema.Schema, len(order))
	for k, i := range order {
		sortedModels[k], sortedSchemas[k] = created[i], schemas[i]
	}
	copy(created, sortedModels)
	return sortedSchemas, nil
}

// topological orders 0..n-1 so that each comes after what deps returns
// for it, taking the lowest ready index each time; a cycle is broken by
// taking the lowest remaining index.
func topological(n int, deps func(int) []int) []int {
	placed := make([]bool, n)
	order := make([]int, 0, n)
	for len(order) < n {
		next := -1
		for i := 0; i < n && next < 0; i++ {
			if !placed[i] && !slices.ContainsFunc(deps(i), func(j int) bool { return !placed[j] }) {
				next = i
			}
		}
		if next < 0 {
			next = slices.Index(placed, false)
		}
		placed[next] = true
		order = append(order, next)
	}
	return order
}

// latest is the last migration of app in plan.
func latest(plan []*migrations.Migration, app string) [2]string {
	var last [2]string
	for _, m := range plan {
		if m.App == app {
			last = [2]string{m.App, m.Name}
		}
	}
	return last
}
