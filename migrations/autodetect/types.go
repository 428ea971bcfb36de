package autodetect

import (
	"fmt"
	"regexp"
	"strings"

	"gorm.io/gorm/schema"
)

// sqliteType is the column type makemigrations writes on SQLite for f
// where it is richer than GORM's, or "": varchar(N) for a string with a
// size, smallint, integer or bigint for an integer by its width (as on
// PostgreSQL), decimal(P,S) for a float with a precision. SQLite reads
// them with the same affinity as GORM's text, integer and real, and the
// driver scans them the same way. Auto-increment keys stay "integer
// PRIMARY KEY AUTOINCREMENT", which SQLite requires.
func sqliteType(f *schema.Field) string {
	switch f.DataType {
	case schema.String:
		if f.Size > 0 {
			return fmt.Sprintf("varchar(%d)", f.Size)
		}
	case schema.Int, schema.Uint:
		if f.AutoIncrement {
			return ""
		}
		size := f.Size
		if f.DataType == schema.Uint {
			size++
		}
		switch {
		case size <= 16:
			return "smallint"
		case size <= 32:
			return "integer"
		}
		return "bigint"
	case schema.Float:
		if f.Precision > 0 {
			return fmt.Sprintf("decimal(%d,%d)", f.Precision, f.Scale)
		}
	}
	return ""
}

var (
	mysqlIntWidth = regexp.MustCompile(`\b(tinyint|smallint|mediumint|int|integer|bigint)\(\d+\)`)
	commaSpace    = regexp.MustCompile(`\s*,\s*`)
)

// aliases map each dialect's spellings of a type to one: what the
// server reports on the left, what GORM writes on the right.
var aliases = map[string]map[string]string{
	"postgres": {
		"bigserial": "bigint", "serial": "integer", "smallserial": "smallint", "int8": "bigint",
		"int4": "integer", "int": "integer", "int2": "smallint", "decimal": "numeric", "bool": "boolean",
		"character varying": "varchar", "character": "char", "double precision": "float8",
		"timestamp with time zone": "timestamptz", "timestamp without time zone": "timestamp",
		"time with time zone": "timetz", "time without time zone": "time",
	},
	"mysql":  {"tinyint(1)": "boolean", "bool": "boolean", "integer": "int", "numeric": "decimal"},
	"sqlite": {},
}

// canonical returns one spelling of a column type for comparisons: lower
// case, single spaces, no space after commas, no auto-increment or NULL
// suffix, no MySQL display width, and each dialect's aliases resolved.
func canonical(dialect, typ string) string {
	t := strings.Join(strings.Fields(strings.ToLower(typ)), " ")
	t = commaSpace.ReplaceAllString(t, ",")
	for _, suffix := range []string{" primary key autoincrement", " auto_increment", " not null", " null"} {
		t = strings.TrimSuffix(t, suffix)
	}
	if dialect == "mysql" {
		if strings.HasPrefix(t, "tinyint(1)") {
			t = "boolean" + strings.TrimPrefix(t, "tinyint(1)")
		}
		t = mysqlIntWidth.ReplaceAllString(t, "$1")
	}
	if m := pgPrecision.FindStringSubmatch(t); m != nil && dialect == "postgres" {
		return aliases[dialect][m[1]+" "+m[3]] + m[2] // timestamp(3) with time zone → timestamptz(3)
	}
	base, rest, _ := strings.Cut(t, "(")
	if a, ok := aliases[dialect][t]; ok {
		return a
	}
	if a, ok := aliases[dialect][base]; ok {
		base = a
	}
	if rest != "" {
		return base + "(" + rest
	}
	return base
}

// pgPrecision matches PostgreSQL's "timestamp(3) with time zone".
var pgPrecision = regexp.MustCompile(`^(timestamp|time)(\(\d+\)) (with(?:out)? time zone)$`)
