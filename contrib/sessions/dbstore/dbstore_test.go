package dbstore

import (
	"bytes"
	"encoding/json"
	"errors"
	"log"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"gorm.io/driver/sqlite"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"

	"github.com/manouche-go/manouche/contrib/sessions/sessiontest"
	mdb "github.com/manouche-go/manouche/framework/db"
	"github.com/manouche-go/manouche/framework/session"
)

// openDB opens a fresh SQLite database with django_session created, the
// way framework/db opens one (WAL, busy timeout).
func openDB(t testing.TB, cfg *gorm.Config) *gorm.DB {
	t.Helper()
	dsn := filepath.Join(t.TempDir(), "db.sqlite3") + "?_journal_mode=WAL&_busy_timeout=5000"
	if cfg == nil {
		cfg = &gorm.Config{}
	}
	cfg.Logger = logger.Discard
	db, err := gorm.Open(sqlite.Open(dsn), cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if sqlDB, err := db.DB(); err == nil {
			sqlDB.Close()
		}
	})
	if err := CreateTable(db); err != nil {
		t.Fatal(err)
	}
	return db
}

func TestConformance(t *testing.T) {
	sessiontest.Run(t, func(t *testing.T) session.Store {
		return New(openDB(t, nil), Options{})
	})
}

func TestSessions(t *testing.T) {
	sessiontest.RunSessions(t, func(t *testing.T) *session.Config {
		return &session.Config{Store: New(openDB(t, nil), Options{}), Codec: testCodec(t)}
	})
}

// testCodec is a session codec whose warnings are discarded.
func testCodec(t testing.TB) *session.Codec {
	t.Helper()
	c, err := session.NewCodec("dbstore-test-secret-key-0123456789-abcdefghijklmnop", nil, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// storageVectors reads ../shared/spec/vectors/storage.json.
func storageVectors(t *testing.T) (v struct {
	SQLiteDDL      []string `json:"sqlite_ddl"`
	ExpireExamples []struct {
		Key string `json:"session_key"`
		Raw string `json:"expire_date_raw"`
	} `json:"sqlite_expire_date_examples"`
}) {
	t.Helper()
	_, here, _, _ := runtime.Caller(0)
	path := filepath.Join(filepath.Dir(here), "..", "..", "..", "..", "shared", "spec", "vectors", "storage.json")
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("reading the vectors: %v", err)
	}
	if err := json.Unmarshal(b, &v); err != nil {
		t.Fatal(err)
	}
	return v
}

func TestCreateTableDjangoDDL(t *testing.T) {
	db := openDB(t, nil)
	var got []string
	if err := db.Raw(`SELECT sql FROM sqlite_master WHERE tbl_name = 'django_session' AND sql IS NOT NULL ORDER BY type DESC`).Scan(&got).Error; err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, line := range storageVectors(t).SQLiteDDL {
		if line != "BEGIN;" && line != "COMMIT;" {
			want = append(want, strings.TrimSuffix(line, ";"))
		}
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got schema\n%s\nwant Django's\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if err := DropTable(db); err != nil {
		t.Fatalf("DropTable: got %v, want nil", err)
	}
	var n int
	db.Raw(`SELECT count(*) FROM sqlite_master WHERE tbl_name = 'django_session'`).Scan(&n)
	if n != 0 {
		t.Errorf("got %d schema objects after DropTable, want 0", n)
	}
}

const key = "abcdefghijklmnopqrstuvwxyz012345"

type rawRow struct {
	SessionKey  string
	SessionData string
	ExpireRaw   string
	TypeOf      string
}

func readRow(t *testing.T, db *gorm.DB) rawRow {
	t.Helper()
	var r rawRow
	err := db.Raw(`SELECT session_key, session_data, CAST(expire_date AS TEXT) AS expire_raw, typeof(expire_date) AS type_of FROM django_session WHERE session_key = ?`, key).Scan(&r).Error
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestRowContents(t *testing.T) {
	chicago, err := time.LoadLocation("America/Chicago")
	if err != nil {
		t.Skipf("no time zone data: %v", err)
	}
	tests := []struct {
		name   string
		loc    *time.Location
		expiry time.Time
		want   string
	}{
		{"whole seconds: no fraction", nil, time.Date(2023, 11, 28, 22, 13, 20, 0, time.UTC), "2023-11-28 22:13:20"},
		{"microseconds: six digits", nil, time.Date(2023, 11, 28, 22, 13, 20, 123456000, time.UTC), "2023-11-28 22:13:20.123456"},
		{"leading zero microseconds", nil, time.Date(2023, 11, 28, 22, 13, 20, 1000, time.UTC), "2023-11-28 22:13:20.000001"},
		{"nanoseconds are truncated", nil, time.Date(2023, 11, 28, 22, 13, 20, 999, time.UTC), "2023-11-28 22:13:20"},
		{"other zone converted to UTC", nil, time.Date(2023, 11, 28, 16, 13, 20, 0, chicago), "2023-11-28 22:13:20"},
		{"USE_TZ=False: TIME_ZONE wall clock", chicago, time.Date(2023, 11, 28, 22, 13, 20, 0, time.UTC), "2023-11-28 16:13:20"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db := openDB(t, nil)
			s := New(db, Options{Location: tt.loc})
			if err := s.Create(t.Context(), key, "created", tt.expiry); err != nil {
				t.Fatal(err)
			}
			r := readRow(t, db)
			if r.ExpireRaw != tt.want || r.TypeOf != "text" || r.SessionData != "created" {
				t.Errorf("after Create: got %+v, want expire_date text %q, data %q", r, tt.want, "created")
			}
			if err := s.Save(t.Context(), key, "saved", tt.expiry); err != nil {
				t.Fatal(err)
			}
			if r := readRow(t, db); r.ExpireRaw != tt.want || r.SessionData != "saved" {
				t.Errorf("after Save: got %+v, want expire_date %q, data %q", r, tt.want, "saved")
			}
		})
	}
}

// TestLoadsDjangoRows inserts rows as Django writes them, by raw SQL, and
// loads them at a fixed time.
func TestLoadsDjangoRows(t *testing.T) {
	now := time.Date(2023, 11, 28, 22, 13, 20, 0, time.UTC)
	tests := []struct {
		name   string
		raw    string
		wantOK bool
	}{
		{"later second", "2023-11-28 22:13:21", true},
		{"microseconds later", "2023-11-28 22:13:20.000001", true},
		{"exactly now is expired (expire_date > now)", "2023-11-28 22:13:20", false},
		{"a microsecond earlier", "2023-11-28 22:13:19.999999", false},
		{"days earlier", "2023-11-14 22:13:20", false},
	}
	for _, ex := range storageVectors(t).ExpireExamples {
		tests = append(tests, struct {
			name   string
			raw    string
			wantOK bool
		}{"storage.json " + ex.Raw, ex.Raw, ex.Raw > "2023-11-28 22:13:20"})
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db := openDB(t, nil)
			if err := db.Exec(`INSERT INTO "django_session" ("session_key", "session_data", "expire_date") VALUES (?, ?, ?)`, key, "django data", tt.raw).Error; err != nil {
				t.Fatal(err)
			}
			s := New(db, Options{Now: func() time.Time { return now }})
			got, err := s.Load(t.Context(), key)
			if tt.wantOK && (err != nil || got != "django data") {
				t.Errorf("got %q, %v, want %q, nil", got, err, "django data")
			}
			if !tt.wantOK && !errors.Is(err, session.ErrNotFound) {
				t.Errorf("got %q, %v, want ErrNotFound", got, err)
			}
			if ok, err := s.Exists(t.Context(), key); !ok || err != nil {
				t.Errorf("Exists: got %v, %v, want true, nil (expiry ignored)", ok, err)
			}
			_, expiry, err := s.LoadWithExpiry(t.Context(), key)
			if tt.wantOK && (err != nil || mdb.FormatDateTime(expiry) != tt.raw || expiry.Location() != time.UTC) {
				t.Errorf("LoadWithExpiry: got %v, %v, want %s UTC", expiry, err, tt.raw)
			}
		})
	}
}

func TestClearExpiredIsStrict(t *testing.T) {
	now := time.Date(2023, 11, 28, 22, 13, 20, 0, time.UTC)
	db := openDB(t, nil)
	s := New(db, Options{Now: func() time.Time { return now }})
	rows := map[string]time.Time{
		"expired000000000000000000000000a": now.Add(-time.Microsecond),
		"exactly0000000000000000000000000": now,
		"live0000000000000000000000000000": now.Add(time.Second),
	}
	for k, exp := range rows {
		if err := s.Create(t.Context(), k, "d", exp); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.ClearExpired(t.Context()); err != nil {
		t.Fatal(err)
	}
	var got []string
	db.Raw(`SELECT session_key FROM django_session ORDER BY session_key`).Scan(&got)
	want := "exactly0000000000000000000000000 live0000000000000000000000000000"
	if strings.Join(got, " ") != want {
		t.Errorf("got rows %v after ClearExpired, want %s (expire_date < now only)", got, want)
	}
}

func TestDuplicateCreate(t *testing.T) {
	for _, translate := range []bool{false, true} {
		t.Run(map[bool]string{false: "raw driver errors", true: "TranslateError"}[translate], func(t *testing.T) {
			db := openDB(t, &gorm.Config{TranslateError: translate})
			s := New(db, Options{})
			exp := time.Now().Add(time.Hour)
			if err := s.Create(t.Context(), key, "first", exp); err != nil {
				t.Fatal(err)
			}
			if err := s.Create(t.Context(), key, "second", exp); !errors.Is(err, session.ErrKeyExists) {
				t.Errorf("got %v, want ErrKeyExists", err)
			}
			if r := readRow(t, db); r.SessionData != "first" {
				t.Errorf("got data %q, want the first %q", r.SessionData, "first")
			}
		})
	}
}

func TestErrorsDoNotLeakKey(t *testing.T) {
	db := openDB(t, nil)
	s := New(db, Options{})
	if err := DropTable(db); err != nil {
		t.Fatal(err)
	}
	exp := time.Now().Add(time.Hour)
	for name, err := range map[string]error{
		"Load":   func() error { _, err := s.Load(t.Context(), key); return err }(),
		"Create": s.Create(t.Context(), key, "d", exp),
		"Save":   s.Save(t.Context(), key, "d", exp),
		"Delete": s.Delete(t.Context(), key),
	} {
		if err == nil || errors.Is(err, session.ErrNotFound) || strings.Contains(err.Error(), key) || !strings.HasPrefix(err.Error(), "dbstore: ") {
			t.Errorf("%s without a table: got %v, want a dbstore error not naming the key", name, err)
		}
	}
}

func TestSQLLogsHideKeysAndData(t *testing.T) {
	var logs bytes.Buffer
	db := openDB(t, nil)
	db.Logger = logger.New(log.New(&logs, "", 0), logger.Config{LogLevel: logger.Info})
	s := New(db, Options{})
	exp := time.Now().Add(time.Hour)
	s.Create(t.Context(), key, "secret data", exp)
	s.Create(t.Context(), key, "secret data", exp) // a logged error
	s.Save(t.Context(), key, "secret data", exp)
	s.Load(t.Context(), key)
	if !strings.Contains(logs.String(), "INSERT INTO django_session") {
		t.Fatalf("got logs %q, want the statements logged", logs.String())
	}
	if strings.Contains(logs.String(), key) || strings.Contains(logs.String(), "secret data") {
		t.Errorf("got logs %q, which contain the session key or data", logs.String())
	}
}
