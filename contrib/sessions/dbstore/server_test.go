package dbstore

import (
	"errors"
	"strconv"
	"strings"
	"testing"
	"time"

	"gorm.io/gorm"

	"github.com/manouche-go/manouche/contrib/sessions/sessiontest"
	"github.com/manouche-go/manouche/framework/session"
)

// Tests against PostgreSQL and MariaDB (or MySQL); see servers_test.go.

func TestConformance_servers(t *testing.T) {
	forEachServer(t, func(t *testing.T, dialect, base string) {
		sessiontest.Run(t, func(t *testing.T) session.Store {
			return New(openServer(t, dialect, base), Options{})
		})
	})
}

// TestSessions_servers runs the session-level suite, concurrent requests
// included, on each server.
func TestSessions_servers(t *testing.T) {
	forEachServer(t, func(t *testing.T, dialect, base string) {
		db := openServer(t, dialect, base)
		sessiontest.RunSessions(t, func(t *testing.T) *session.Config {
			return &session.Config{Store: New(db, Options{}), Codec: testCodec(t)}
		})
	})
}

// columns returns "name type" per django_session column, from
// information_schema, in column order.
func columns(t *testing.T, g *gorm.DB) string {
	t.Helper()
	q := `SELECT column_name, data_type, character_maximum_length, datetime_precision, is_nullable
		FROM information_schema.columns WHERE table_name = 'django_session' AND table_schema = %s ORDER BY ordinal_position`
	schema := "current_schema()"
	if g.Dialector.Name() == "mysql" {
		schema = "database()"
	}
	var rows []struct {
		ColumnName             string
		DataType               string
		CharacterMaximumLength *int
		DatetimePrecision      *int
		IsNullable             string
	}
	if err := g.Raw(strings.Replace(q, "%s", schema, 1)).Scan(&rows).Error; err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, r := range rows {
		s := r.ColumnName + " " + r.DataType
		if r.CharacterMaximumLength != nil && (r.DataType == "character varying" || r.DataType == "varchar") {
			s += "(" + strconv.Itoa(*r.CharacterMaximumLength) + ")"
		}
		if r.DatetimePrecision != nil && r.DataType == "datetime" {
			s += "(" + strconv.Itoa(*r.DatetimePrecision) + ")"
		}
		if r.IsNullable == "NO" {
			s += " NOT NULL"
		}
		out = append(out, s)
	}
	return strings.Join(out, ", ")
}

func TestCreateTable_servers(t *testing.T) {
	want := map[string]struct{ columns, indexes string }{
		"postgres": {
			"session_key character varying(40) NOT NULL, session_data text NOT NULL, expire_date timestamp with time zone NOT NULL",
			"CREATE INDEX django_session_expire_date_a5c62663 ON %s.django_session USING btree (expire_date)\n" +
				"CREATE UNIQUE INDEX django_session_pkey ON %s.django_session USING btree (session_key)\n" +
				"CREATE INDEX django_session_session_key_c0390e0f_like ON %s.django_session USING btree (session_key varchar_pattern_ops)",
		},
		"mysql": {
			"session_key varchar(40) NOT NULL, session_data longtext NOT NULL, expire_date datetime(6) NOT NULL",
			"django_session_expire_date_a5c62663 expire_date\nPRIMARY session_key",
		},
	}
	forEachServer(t, func(t *testing.T, dialect, base string) {
		g := openServer(t, dialect, base)
		if got := columns(t, g); got != want[dialect].columns {
			t.Errorf("columns:\n got %s\nwant %s", got, want[dialect].columns)
		}
		var schema string
		g.Raw(map[string]string{"postgres": "SELECT current_schema()", "mysql": "SELECT database()"}[dialect]).Scan(&schema)
		q := map[string]string{
			"postgres": `SELECT indexdef FROM pg_indexes WHERE tablename = 'django_session' AND schemaname = current_schema() ORDER BY indexname`,
			"mysql":    `SELECT CONCAT(index_name, ' ', column_name) FROM information_schema.statistics WHERE table_name = 'django_session' AND table_schema = database() ORDER BY index_name`,
		}[dialect]
		var idx []string
		if err := g.Raw(q).Scan(&idx).Error; err != nil {
			t.Fatal(err)
		}
		if got, w := strings.Join(idx, "\n"), strings.ReplaceAll(want[dialect].indexes, "%s", schema); got != w {
			t.Errorf("indexes:\n got %s\nwant %s", got, w)
		}
		if err := DropTable(g); err != nil || g.Migrator().HasTable("django_session") {
			t.Errorf("DropTable: got %v, table still there %v", err, g.Migrator().HasTable("django_session"))
		}
	})
}

// rawExpiry returns the row's expire_date as the database holds it: UTC
// text on PostgreSQL, the naive text on MySQL, six digits of fraction.
func rawExpiry(t *testing.T, g *gorm.DB, k string) (data, raw string) {
	t.Helper()
	q := map[string]string{
		"postgres": `SELECT session_data, to_char(expire_date AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US') FROM django_session WHERE session_key = ?`,
		"mysql":    `SELECT session_data, CAST(expire_date AS CHAR) FROM django_session WHERE session_key = ?`,
	}[g.Dialector.Name()]
	if err := g.Raw(q, k).Row().Scan(&data, &raw); err != nil {
		t.Fatal(err)
	}
	return data, raw
}

func TestExpireDate_servers(t *testing.T) {
	chicago, err := time.LoadLocation("America/Chicago")
	if err != nil {
		t.Skipf("no time zone data: %v", err)
	}
	utc := time.Date(2099, 11, 28, 22, 13, 20, 123456789, time.UTC)
	tests := []struct {
		name    string
		loc     *time.Location
		expiry  time.Time
		wantRaw map[string]string
	}{
		{"UTC microseconds", nil, utc, map[string]string{"postgres": "2099-11-28 22:13:20.123456", "mysql": "2099-11-28 22:13:20.123456"}},
		{"other zone", nil, utc.In(chicago), map[string]string{"postgres": "2099-11-28 22:13:20.123456", "mysql": "2099-11-28 22:13:20.123456"}},
		{"USE_TZ=False: TIME_ZONE wall clock", chicago, utc, map[string]string{"postgres": "2099-11-28 22:13:20.123456", "mysql": "2099-11-28 16:13:20.123456"}},
	}
	forEachServer(t, func(t *testing.T, dialect, base string) {
		g := openServer(t, dialect, base)
		for i, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				s := New(g, Options{Location: tt.loc})
				k := key[:31] + string(rune('a'+i))
				if err := s.Create(t.Context(), k, "created", tt.expiry); err != nil {
					t.Fatal(err)
				}
				if data, raw := rawExpiry(t, g, k); data != "created" || raw != tt.wantRaw[dialect] {
					t.Errorf("row: got %q, %s, want created, %s", data, raw, tt.wantRaw[dialect])
				}
				data, exp, err := s.LoadWithExpiry(t.Context(), k)
				want := tt.expiry.Truncate(time.Microsecond)
				if err != nil || data != "created" || !exp.Equal(want) {
					t.Errorf("LoadWithExpiry: got %q, %v, %v, want created, %v", data, exp, err, want)
				}
			})
		}
	})
}

// TestLoadFilter_servers inserts rows as Django writes them and loads them
// at a fixed time: expire_date > now, to the microsecond.
func TestLoadFilter_servers(t *testing.T) {
	now := time.Date(2023, 11, 28, 22, 13, 20, 0, time.UTC)
	tests := []struct {
		raw    string
		wantOK bool
	}{
		{"2023-11-28 22:13:21", true},
		{"2023-11-28 22:13:20.000001", true},
		{"2023-11-28 22:13:20", false},
		{"2023-11-28 22:13:19.999999", false},
	}
	forEachServer(t, func(t *testing.T, dialect, base string) {
		g := openServer(t, dialect, base)
		s := New(g, Options{Now: func() time.Time { return now }})
		ins := "INSERT INTO django_session (session_key, session_data, expire_date) VALUES (?, 'django data', ?)"
		if dialect == "postgres" {
			ins = "INSERT INTO django_session (session_key, session_data, expire_date) VALUES (?, 'django data', CAST(? AS timestamptz))"
		}
		for i, tt := range tests {
			k := key[:31] + string(rune('a'+i))
			raw := tt.raw
			if dialect == "postgres" {
				raw += "+00"
			}
			if err := g.Exec(ins, k, raw).Error; err != nil {
				t.Fatal(err)
			}
			got, err := s.Load(t.Context(), k)
			if tt.wantOK && (err != nil || got != "django data") {
				t.Errorf("%s: got %q, %v, want django data", tt.raw, got, err)
			}
			if !tt.wantOK && !errors.Is(err, session.ErrNotFound) {
				t.Errorf("%s: got %q, %v, want ErrNotFound", tt.raw, got, err)
			}
		}
		if err := s.ClearExpired(t.Context()); err != nil {
			t.Fatal(err)
		}
		var n int
		g.Raw("SELECT count(*) FROM django_session").Scan(&n)
		if n != 3 {
			t.Errorf("after ClearExpired: got %d rows, want 3 (expire_date < now only)", n)
		}
	})
}

func TestCreateSave_servers(t *testing.T) {
	forEachServer(t, func(t *testing.T, dialect, base string) {
		for _, translate := range []bool{false, true} {
			g := openServer(t, dialect, base)
			g.TranslateError = translate
			s := New(g, Options{})
			exp := time.Now().Add(time.Hour)
			if err := s.Create(t.Context(), key, "first", exp); err != nil {
				t.Fatal(err)
			}
			if err := s.Create(t.Context(), key, "second", exp); !errors.Is(err, session.ErrKeyExists) {
				t.Errorf("TranslateError=%v: duplicate Create: got %v, want ErrKeyExists", translate, err)
			}
			if data, _ := rawExpiry(t, g, key); data != "first" {
				t.Errorf("duplicate Create changed the row: got %q, want first", data)
			}
			if err := s.Save(t.Context(), key, "first", exp); err != nil {
				t.Errorf("Save of unchanged data: got %v, want nil (clientFoundRows on MySQL)", err)
			}
			if err := s.Delete(t.Context(), key); err != nil {
				t.Fatal(err)
			}
			if err := s.Save(t.Context(), key, "revived", exp); !errors.Is(err, session.ErrNotFound) {
				t.Errorf("Save after Delete: got %v, want ErrNotFound", err)
			}
			if ok, _ := s.Exists(t.Context(), key); ok {
				t.Error("Save after Delete brought the row back")
			}
		}
	})
}

// TestExactKey_servers checks that another spelling of a key names no
// row, on MySQL too, where Django's DDL gives session_key a collation that
// ignores case, accents and trailing spaces.
func TestExactKey_servers(t *testing.T) {
	others := []struct{ name, key string }{
		{"upper case", strings.ToUpper(key)},
		{"trailing space", key + " "},
		{"accent", "á" + key[1:]},
	}
	forEachServer(t, func(t *testing.T, dialect, base string) {
		s := New(openServer(t, dialect, base), Options{})
		ctx := t.Context()
		if err := s.Create(ctx, key, "mine", time.Now().Add(time.Hour)); err != nil {
			t.Fatal(err)
		}
		for _, o := range others {
			if got, err := s.Load(ctx, o.key); !errors.Is(err, session.ErrNotFound) {
				t.Errorf("%s: Load got %q, %v, want ErrNotFound", o.name, got, err)
			}
			if got, _, err := s.LoadWithExpiry(ctx, o.key); !errors.Is(err, session.ErrNotFound) {
				t.Errorf("%s: LoadWithExpiry got %q, %v, want ErrNotFound", o.name, got, err)
			}
			if ok, err := s.Exists(ctx, o.key); ok || err != nil {
				t.Errorf("%s: Exists got %v, %v, want false", o.name, ok, err)
			}
			if err := s.Save(ctx, o.key, "theirs", time.Now().Add(time.Hour)); !errors.Is(err, session.ErrNotFound) {
				t.Errorf("%s: Save got %v, want ErrNotFound", o.name, err)
			}
			if err := s.Delete(ctx, o.key); err != nil {
				t.Errorf("%s: Delete: %v", o.name, err)
			}
		}
		if got, err := s.Load(ctx, key); got != "mine" || err != nil {
			t.Errorf("the key's own row: got %q, %v, want mine", got, err)
		}
	})
}
