package dbstore

import (
	"fmt"
	"time"

	"gorm.io/gorm"
)

// wallClock scans a naive datetime (MySQL's datetime(6), read as a
// time.Time labelled with the connection's loc, or as text without
// parseTime) into a time with the same wall clock in loc.
type wallClock struct {
	t   *time.Time
	loc *time.Location
}

func (w wallClock) Scan(src any) error {
	switch v := src.(type) {
	case time.Time:
		*w.t = time.Date(v.Year(), v.Month(), v.Day(), v.Hour(), v.Minute(), v.Second(), v.Nanosecond(), w.loc)
		return nil
	case []byte:
		t, err := parseDjango(string(v), w.loc)
		*w.t = t
		return err
	case string:
		t, err := parseDjango(v, w.loc)
		*w.t = t
		return err
	}
	return fmt.Errorf("dbstore: cannot scan %T into a datetime", src)
}

// parseDjango reads a datetime stored as text: Django's format (naive, in
// loc) or one with a "T" separator or a zone offset, as SQLite allows.
func parseDjango(s string, loc *time.Location) (time.Time, error) {
	for _, layout := range []string{
		"2006-01-02 15:04:05.999999999",
		"2006-01-02T15:04:05.999999999",
		"2006-01-02 15:04:05.999999999Z07:00",
		"2006-01-02T15:04:05.999999999Z07:00",
	} {
		if t, err := time.ParseInLocation(layout, s, loc); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("dbstore: expire_date %q is not a datetime", s)
}

// ddl is Django's DDL for sessions.0001_initial per GORM dialect name
// (sqlmigrate output; the SQLite lines are verified against Django 3.2).
var ddl = map[string][]string{
	"sqlite": {
		`CREATE TABLE "django_session" ("session_key" varchar(40) NOT NULL PRIMARY KEY, "session_data" text NOT NULL, "expire_date" datetime NOT NULL);`,
		`CREATE INDEX "django_session_expire_date_a5c62663" ON "django_session" ("expire_date");`,
	},
	"postgres": {
		`CREATE TABLE "django_session" ("session_key" varchar(40) NOT NULL PRIMARY KEY, "session_data" text NOT NULL, "expire_date" timestamp with time zone NOT NULL);`,
		`CREATE INDEX "django_session_expire_date_a5c62663" ON "django_session" ("expire_date");`,
		`CREATE INDEX "django_session_session_key_c0390e0f_like" ON "django_session" ("session_key" varchar_pattern_ops);`,
	},
	"mysql": {
		"CREATE TABLE `django_session` (`session_key` varchar(40) NOT NULL PRIMARY KEY, `session_data` longtext NOT NULL, `expire_date` datetime(6) NOT NULL);",
		"CREATE INDEX `django_session_expire_date_a5c62663` ON `django_session` (`expire_date`);",
	},
}

// CreateTable creates django_session and its index with Django's exact
// DDL for tx's dialect (sqlite, postgres or mysql); it is the forward step
// of migration sessions.0001_initial. Another dialect is an error.
func CreateTable(tx *gorm.DB) error {
	name := tx.Dialector.Name()
	stmts, ok := ddl[name]
	if !ok {
		return fmt.Errorf("dbstore: create table: no DDL for database dialect %q", name)
	}
	for _, q := range stmts {
		if err := tx.Exec(q).Error; err != nil {
			return fmt.Errorf("dbstore: create table: %w", err)
		}
	}
	return nil
}

// DropTable drops django_session and with it its indexes: the backward
// step of migration sessions.0001_initial.
func DropTable(tx *gorm.DB) error {
	q := `DROP TABLE "django_session";`
	if tx.Dialector.Name() == "mysql" {
		q = "DROP TABLE `django_session`;"
	}
	if err := tx.Exec(q).Error; err != nil {
		return fmt.Errorf("dbstore: drop table: %w", err)
	}
	return nil
}
