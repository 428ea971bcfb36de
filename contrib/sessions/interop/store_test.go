package interop

import (
	"errors"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"gorm.io/gorm"

	"github.com/manouche-go/manouche/framework/db"
	"github.com/manouche-go/manouche/framework/settings"
)

// openDB opens a SQLite file as the sites do, closed when t ends.
func openDB(t testing.TB, path string) *gorm.DB {
	t.Helper()
	gdb, err := db.Open(settings.Database{Engine: "sqlite", Name: path}, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if sqlDB, err := gdb.DB(); err == nil {
			sqlDB.Close()
		}
	})
	return gdb
}

// row is a django_session row, read as SQLite stores it.
type row struct {
	Data       string // session_data
	ExpireDate string // expire_date, as text
	Type       string // typeof(expire_date): "text" as Django writes it
}

// djangoDateTime is how Django's SQLite backend writes a UTC datetime
// with USE_TZ: space separator, no offset, microseconds only when not 0.
var djangoDateTime = regexp.MustCompile(`^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d{6})?$`)

// sessionRow returns key's row, and false when there is none.
func sessionRow(t testing.TB, st *storage, key string) (row, bool) {
	t.Helper()
	var rows []row
	err := openDB(t, st.db).Raw(`SELECT session_data AS data, CAST(expire_date AS TEXT) AS expire_date,
		typeof(expire_date) AS type FROM django_session WHERE session_key = ?`, key).Scan(&rows).Error
	if err != nil {
		t.Fatalf("read django_session: %v", err)
	}
	if len(rows) == 0 {
		return row{}, false
	}
	return rows[0], true
}

// sessionFile is the file engine's file for key (Django's naming).
func sessionFile(st *storage, key string) string {
	return filepath.Join(st.files, cookieName+key)
}

// stored returns the session as the engine stores it: the row's
// session_data, the file's contents, or the cookie itself; and false when
// there is no such record.
func stored(t testing.TB, st *storage, cookie string) (string, bool) {
	t.Helper()
	switch st.engine {
	case "signed_cookies":
		return cookie, cookie != ""
	case "file":
		b, err := os.ReadFile(sessionFile(st, cookie))
		if errors.Is(err, fs.ErrNotExist) {
			return "", false
		} else if err != nil {
			t.Fatal(err)
		}
		return string(b), true
	}
	r, ok := sessionRow(t, st, cookie)
	if ok && (r.Type != "text" || !djangoDateTime.MatchString(r.ExpireDate)) {
		t.Errorf("expire_date of a session: got %s %q, want text in Django's format (%s)", r.Type, r.ExpireDate, djangoDateTime)
	}
	return r.Data, ok
}

// hasRecord reports whether the engine keeps a record for key (always
// false for signed_cookies, which keeps none).
func hasRecord(t testing.TB, st *storage, key string) bool {
	t.Helper()
	if st.engine == "signed_cookies" {
		return false
	}
	_, ok := stored(t, st, key)
	return ok
}
