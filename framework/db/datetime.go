package db

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// DateTime is a value of a Django DateTimeField column that GORM writes as
// Django does, so that both read and compare each other's rows: on SQLite
// and MySQL the text "YYYY-MM-DD HH:MM:SS", with ".ffffff" only when the
// microseconds are not zero, of the time's own wall clock (set it in UTC
// for USE_TZ = True, in TIME_ZONE otherwise), which SQLite stores as is
// and MySQL as a naive datetime(6); on PostgreSQL an instant (timestamp
// with time zone). Read back from a naive column it holds the stored wall
// clock, labelled UTC.
type DateTime struct{ time.Time }

// GormDataType names the column type for GORM's schema parser.
func (DateTime) GormDataType() string { return "datetime" }

// GormValue implements gorm.Valuer.
func (t DateTime) GormValue(_ context.Context, db *gorm.DB) clause.Expr {
	if n := db.Dialector.Name(); n == "sqlite" || n == "mysql" {
		return clause.Expr{SQL: "?", Vars: []any{FormatDateTime(t.Time)}}
	}
	return clause.Expr{SQL: "?", Vars: []any{t.Time}}
}

// Scan implements sql.Scanner for times and for Django's text format.
func (t *DateTime) Scan(src any) error {
	var err error
	switch v := src.(type) {
	case time.Time:
		t.Time = v
	case string:
		t.Time, err = ParseDateTime(v)
	case []byte:
		t.Time, err = ParseDateTime(string(v))
	case nil:
		t.Time = time.Time{}
	default:
		err = fmt.Errorf("db: cannot scan %T into a DateTime", src)
	}
	return err
}

// FormatDateTime writes t's wall clock as Django's SQLite and MySQL
// backends do: "2006-01-02 15:04:05", then ".ffffff" unless the
// microseconds are zero.
func FormatDateTime(t time.Time) string {
	b := t.AppendFormat(make([]byte, 0, 26), time.DateTime)
	if us := t.Nanosecond() / 1000; us != 0 {
		b = append(b, '.')
		s := strconv.Itoa(us)
		for range 6 - len(s) {
			b = append(b, '0')
		}
		b = append(b, s...)
	}
	return string(b)
}

// ParseDateTime reads a datetime stored as text: Django's format, naive
// and taken as UTC, or one with a "T" separator or a zone offset, as
// SQLite allows.
func ParseDateTime(s string) (time.Time, error) {
	for _, layout := range []string{
		"2006-01-02 15:04:05.999999999",
		"2006-01-02T15:04:05.999999999",
		"2006-01-02 15:04:05.999999999Z07:00",
		"2006-01-02T15:04:05.999999999Z07:00",
	} {
		if t, err := time.ParseInLocation(layout, s, time.UTC); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("db: %q is not a datetime", s)
}
