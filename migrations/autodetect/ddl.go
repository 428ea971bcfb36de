package autodetect

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"reflect"

	"gorm.io/driver/mysql"
	"gorm.io/driver/postgres"
	"gorm.io/driver/sqlite"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"
	"gorm.io/gorm/migrator"
	"gorm.io/gorm/schema"

	"github.com/manouche-go/manouche/framework/scaffold"
	"github.com/manouche-go/manouche/migrations"
)

// Dialects are the GORM dialects a written migration has SQL for.
var Dialects = scaffold.Dialects

// generator builds one dialect's DDL with GORM's migrator in dry-run
// mode: it never connects to a server (SQLite uses an in-memory
// database, to ask for its version).
type generator struct {
	dialect string
	db      *gorm.DB
	close   func()
}

// newGenerator returns the DDL generator of dialect.
func newGenerator(dialect string) (*generator, error) {
	cfg := &gorm.Config{DryRun: true, DisableAutomaticPing: true, Logger: logger.Discard}
	var d gorm.Dialector
	switch dialect {
	case "sqlite":
		d = sqlite.Open("file::memory:")
	case "postgres":
		d = postgres.New(postgres.Config{Conn: noConn{}})
	case "mysql":
		d = mysql.New(mysql.Config{Conn: noConn{}, SkipInitializeWithVersion: true})
	default:
		return nil, fmt.Errorf("autodetect: no DDL for %s databases (want sqlite, postgres or mysql)", dialect)
	}
	db, err := gorm.Open(d, cfg)
	if err != nil {
		return nil, fmt.Errorf("autodetect: %s DDL: %w", dialect, err)
	}
	g := &generator{dialect: dialect, db: db, close: func() {}}
	if sqlDB, ok := db.ConnPool.(*sql.DB); ok {
		g.close = func() { sqlDB.Close() }
	}
	return g, nil
}

// schemaOf parses model on g's database. On SQLite the fields get the
// richer column types of [sqliteType], once per model: GORM's own SQLite
// types would hide a string's size or an integer's width, so a change of
// either would not show in the SQLite schema makemigrations compares with.
func (g *generator) schemaOf(model any) (*schema.Schema, error) {
	stmt := &gorm.Statement{DB: g.db}
	if err := stmt.Parse(model); err != nil {
		return nil, fmt.Errorf("autodetect: model %T: %w", model, err)
	}
	if g.dialect == "sqlite" {
		for _, f := range stmt.Schema.Fields {
			if t := sqliteType(f); t != "" {
				f.DataType = schema.DataType(t)
			}
		}
	}
	return stmt.Schema, nil
}

// dataType is the column type g writes for field, without NOT NULL and
// DEFAULT.
// As GORM's migrator, it asks the field's type first (GormDBDataType).
func (g *generator) dataType(f *schema.Field) string {
	if dt, ok := reflect.New(f.IndirectFieldType).Interface().(migrator.GormDataTypeInterface); ok {
		if t := dt.GormDBDataType(g.db, f); t != "" {
			return t
		}
	}
	return g.db.Dialector.DataTypeOf(f)
}

// record runs fn on a dry-run session of g ([migrations.DryRun]) and
// returns the statements it built.
func (g *generator) record(fn func(m gorm.Migrator) error) ([]string, error) {
	stmts, err := migrations.DryRun(g.db, func(tx *gorm.DB) error { return fn(tx.Migrator()) })
	if err != nil {
		return nil, fmt.Errorf("autodetect: %s DDL: %w", g.dialect, err)
	}
	return stmts, nil
}

// quote quotes an identifier for g's dialect.
func (g *generator) quote(name string) string { return g.db.Statement.Quote(name) }

// up returns the statements that apply o.
func (g *generator) up(o Operation) ([]string, error) {
	return g.record(func(m gorm.Migrator) error {
		switch o.Kind {
		case CreateModel:
			return m.CreateTable(o.value)
		case AddField:
			return m.AddColumn(o.value, o.Column)
		case AddIndex:
			return m.CreateIndex(o.value, o.Index)
		}
		return fmt.Errorf("unknown operation %d", o.Kind)
	})
}

// down returns the statement that reverts o.
func (g *generator) down(o Operation) string {
	t := g.quote(o.Table)
	switch o.Kind {
	case AddField:
		return "ALTER TABLE " + t + " DROP COLUMN " + g.quote(o.Column)
	case AddIndex:
		if g.dialect == "mysql" {
			return "DROP INDEX " + g.quote(o.Index) + " ON " + t
		}
		return "DROP INDEX " + g.quote(o.Index)
	}
	return "DROP TABLE " + t
}

// SQL returns the statements that apply ops (up) and revert them (down,
// in reverse order) for every dialect of [Dialects].
func SQL(ops []Operation) (up, down migrations.SQL, err error) {
	up, down = migrations.SQL{}, migrations.SQL{}
	for _, dialect := range Dialects {
		g, err := newGenerator(dialect)
		if err != nil {
			return nil, nil, err
		}
		up[dialect], down[dialect], err = g.render(ops)
		g.close()
		if err != nil {
			return nil, nil, err
		}
	}
	return up, down, nil
}

// render is [SQL] for g's dialect.
func (g *generator) render(ops []Operation) (up, down []string, err error) {
	for _, o := range ops {
		if _, err := g.schemaOf(o.value); err != nil {
			return nil, nil, err
		}
	}
	for i, o := range ops {
		stmts, err := g.up(o)
		if err != nil {
			return nil, nil, fmt.Errorf("%w (%s)", err, o.Describe())
		}
		up = append(up, stmts...)
		down = append(down, g.down(ops[len(ops)-1-i]))
	}
	return up, down, nil
}

// errNoConn is what noConn answers: the generators never connect.
var errNoConn = errors.New("autodetect: the DDL generator has no database connection")

// noConn is the connection of the PostgreSQL and MySQL generators: dry
// runs never use it.
type noConn struct{}

func (noConn) PrepareContext(context.Context, string) (*sql.Stmt, error) { return nil, errNoConn }
func (noConn) ExecContext(context.Context, string, ...any) (sql.Result, error) {
	return nil, errNoConn
}
func (noConn) QueryContext(context.Context, string, ...any) (*sql.Rows, error) {
	return nil, errNoConn
}
func (noConn) QueryRowContext(context.Context, string, ...any) *sql.Row { return nil }
