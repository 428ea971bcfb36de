package sitetest

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"gorm.io/gorm"
)

// Catalog describes the tables of db whose names start with one of
// prefixes (all when none is given), as the database's catalog holds them,
// one sorted line per fact, so that two schemas compare equal when their
// columns (name, type, nullability), indexes and constraints (names,
// columns, kinds, references) are the same, whatever the order of their
// columns. It is how tests prove that a migration leaves Django's schema:
//
//	table auth_user
//	column auth_user.username varchar(150) NOT NULL
//	index auth_user_username_6821ab7c_like ON auth_user (username varchar_pattern_ops)
//	constraint auth_user_groups_user_id_6a12ed8b_fk_auth_user_id FOREIGN KEY (user_id) REFERENCES auth_user(id) DEFERRABLE INITIALLY DEFERRED
//
// It reads SQLite's pragmas, PostgreSQL's pg_catalog (the connection's
// current schema) and MySQL's information_schema (the current database).
func Catalog(ctx context.Context, db *gorm.DB, prefixes ...string) ([]string, error) {
	db = db.WithContext(ctx)
	var lines []string
	var err error
	switch db.Dialector.Name() {
	case "sqlite":
		lines, err = sqliteCatalog(db)
	case "postgres":
		lines, err = postgresCatalog(db)
	case "mysql":
		lines, err = mysqlCatalog(db)
	default:
		return nil, fmt.Errorf("sitetest: catalog of %s databases is not supported", db.Dialector.Name())
	}
	if err != nil {
		return nil, fmt.Errorf("sitetest: catalog: %w", err)
	}
	var out []string
	for _, l := range lines {
		if len(prefixes) == 0 || slices.ContainsFunc(prefixes, func(p string) bool { return strings.HasPrefix(catalogTable(l), p) }) {
			out = append(out, l)
		}
	}
	slices.Sort(out)
	return slices.Compact(out), nil
}

// catalogTable is the table a catalog line is about.
func catalogTable(line string) string {
	f := strings.Fields(line)
	switch f[0] {
	case "table":
		return f[1]
	case "column":
		t, _, _ := strings.Cut(f[1], ".")
		return t
	}
	return strings.Trim(f[len(f)-1], "[]") // "... [table]"
}

func sqliteCatalog(db *gorm.DB) ([]string, error) {
	var tables []string
	if err := db.Raw(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`).Scan(&tables).Error; err != nil {
		return nil, err
	}
	var out []string
	for _, t := range tables {
		lines, err := sqliteTable(db, t)
		if err != nil {
			return nil, err
		}
		out = append(out, lines...)
	}
	return out, nil
}

func sqliteTable(db *gorm.DB, t string) ([]string, error) {
	out := []string{"table " + t}
	var cols []struct {
		Name, Type string
		Notnull    bool
		Pk         int
	}
	if err := db.Raw(`SELECT name, type, "notnull", pk FROM pragma_table_info(?)`, t).Scan(&cols).Error; err != nil {
		return nil, err
	}
	for _, c := range cols {
		out = append(out, fmt.Sprintf("column %s.%s %s %s%s", t, c.Name, strings.ToLower(c.Type), nullness(c.Notnull || c.Pk > 0), pk(c.Pk > 0)))
	}
	var idx []struct {
		Name   string
		Unique bool
		Origin string
	}
	if err := db.Raw(`SELECT name, "unique", origin FROM pragma_index_list(?)`, t).Scan(&idx).Error; err != nil {
		return nil, err
	}
	for _, i := range idx {
		var cols []string
		if err := db.Raw(`SELECT name FROM pragma_index_info(?) ORDER BY seqno`, i.Name).Scan(&cols).Error; err != nil {
			return nil, err
		}
		name := i.Name
		if strings.HasPrefix(name, "sqlite_autoindex_") {
			name = "(auto)"
		}
		out = append(out, fmt.Sprintf("index %s %s(%s) %s [%s]", name, unique(i.Unique), strings.Join(cols, ", "), i.Origin, t))
	}
	var fks []struct{ Table, From, To string }
	if err := db.Raw(`SELECT "table", "from", "to" FROM pragma_foreign_key_list(?)`, t).Scan(&fks).Error; err != nil {
		return nil, err
	}
	for _, f := range fks {
		out = append(out, fmt.Sprintf("constraint FOREIGN KEY (%s) REFERENCES %s(%s) [%s]", f.From, f.Table, f.To, t))
	}
	return out, nil
}

func nullness(notNull bool) string {
	if notNull {
		return "NOT NULL"
	}
	return "NULL"
}

func pk(is bool) string {
	if is {
		return " PRIMARY KEY"
	}
	return ""
}

func unique(is bool) string {
	if is {
		return "UNIQUE "
	}
	return ""
}

func postgresCatalog(db *gorm.DB) ([]string, error) {
	var cols []struct{ Table, Column, Type, Nullable, Def string }
	if err := db.Raw(`SELECT c.table_name AS "table", c.column_name AS "column",
		format_type(a.atttypid, a.atttypmod) AS "type", c.is_nullable AS nullable, COALESCE(c.column_default, '') AS def
		FROM information_schema.columns c
		JOIN pg_attribute a ON a.attrelid = (quote_ident(c.table_schema) || '.' || quote_ident(c.table_name))::regclass AND a.attname = c.column_name
		WHERE c.table_schema = current_schema()`).Scan(&cols).Error; err != nil {
		return nil, err
	}
	var out []string
	for _, c := range cols {
		out = append(out, "table "+c.Table, fmt.Sprintf("column %s.%s %s %s default %q", c.Table, c.Column, c.Type, nullness(c.Nullable == "NO"), c.Def))
	}
	var cons []struct{ Name, Table, Def string }
	if err := db.Raw(`SELECT con.conname AS name, rel.relname AS "table", pg_get_constraintdef(con.oid) AS def
		FROM pg_constraint con JOIN pg_class rel ON rel.oid = con.conrelid
		WHERE rel.relnamespace = current_schema()::regnamespace`).Scan(&cons).Error; err != nil {
		return nil, err
	}
	for _, c := range cons {
		out = append(out, fmt.Sprintf("constraint %s %s [%s]", c.Name, c.Def, c.Table))
	}
	var idx []struct{ Name, Table, Def string }
	if err := db.Raw(`SELECT indexname AS name, tablename AS "table", indexdef AS def FROM pg_indexes WHERE schemaname = current_schema()`).Scan(&idx).Error; err != nil {
		return nil, err
	}
	schemaPrefix := regexp.MustCompile(` ON [a-z0-9_]+\.`)
	for _, i := range idx {
		out = append(out, fmt.Sprintf("index %s [%s]", schemaPrefix.ReplaceAllString(i.Def, " ON "), i.Table))
	}
	return out, nil
}

func mysqlCatalog(db *gorm.DB) ([]string, error) {
	var cols []struct{ Table, Column, Type, Nullable, Extra string }
	if err := db.Raw("SELECT TABLE_NAME AS `table`, COLUMN_NAME AS `column`, COLUMN_TYPE AS `type`, IS_NULLABLE AS nullable, EXTRA AS extra " +
		"FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE()").Scan(&cols).Error; err != nil {
		return nil, err
	}
	var out []string
	for _, c := range cols {
		out = append(out, "table "+c.Table, strings.TrimSpace(fmt.Sprintf("column %s.%s %s %s %s", c.Table, c.Column, c.Type, nullness(c.Nullable == "NO"), c.Extra)))
	}
	var idx []struct {
		Name, Table, Columns string
		NonUnique            int
	}
	if err := db.Raw("SELECT INDEX_NAME AS name, TABLE_NAME AS `table`, MAX(NON_UNIQUE) AS non_unique, " +
		"GROUP_CONCAT(COLUMN_NAME ORDER BY SEQ_IN_INDEX SEPARATOR ', ') AS columns " +
		"FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE() GROUP BY INDEX_NAME, TABLE_NAME").Scan(&idx).Error; err != nil {
		return nil, err
	}
	for _, i := range idx {
		out = append(out, fmt.Sprintf("index %s %s(%s) [%s]", i.Name, unique(i.NonUnique == 0), i.Columns, i.Table))
	}
	var fks []struct{ Name, Table, Column, RefTable, RefColumn string }
	if err := db.Raw("SELECT CONSTRAINT_NAME AS name, TABLE_NAME AS `table`, COLUMN_NAME AS `column`, " +
		"REFERENCED_TABLE_NAME AS ref_table, REFERENCED_COLUMN_NAME AS ref_column FROM information_schema.KEY_COLUMN_USAGE " +
		"WHERE TABLE_SCHEMA = DATABASE() AND REFERENCED_TABLE_NAME IS NOT NULL").Scan(&fks).Error; err != nil {
		return nil, err
	}
	for _, f := range fks {
		out = append(out, fmt.Sprintf("constraint %s FOREIGN KEY (%s) REFERENCES %s(%s) [%s]", f.Name, f.Column, f.RefTable, f.RefColumn, f.Table))
	}
	return out, nil
}

// Diff lists, one a line, the lines only in got ("+ ") and those only in
// want ("- "), for the message of a failed comparison of catalogs; "" when
// both hold the same lines.
func Diff(got, want []string) string {
	var b strings.Builder
	for _, l := range got {
		if !slices.Contains(want, l) {
			b.WriteString("+ " + l + "\n")
		}
	}
	for _, l := range want {
		if !slices.Contains(got, l) {
			b.WriteString("- " + l + "\n")
		}
	}
	return b.String()
}
