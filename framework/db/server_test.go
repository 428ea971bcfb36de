package db

import (
	"strings"
	"testing"

	"github.com/manouche-go/manouche/framework/settings"
)

func TestServerDSN(t *testing.T) {
	tests := []struct {
		name string
		d    settings.Database
		want string
	}{
		{"postgres fields", settings.Database{Engine: "postgres", Host: "db.example", Port: "6543", Name: "shop", User: "app", Password: "p@ss:w/rd"},
			"postgres://app:p%40ss%3Aw%2Frd@db.example:6543/shop?connect_timeout=5"},
		{"postgres defaults", settings.Database{Engine: "postgres", Name: "shop"},
			"postgres://localhost:5432/shop?connect_timeout=5"},
		{"postgres URL, fields fill in", settings.Database{URL: "postgres://u@h/db?sslmode=disable", Password: "pw", Name: "other", Port: "5433"},
			"postgres://u:pw@h:5433/db?connect_timeout=5&sslmode=disable"},
		{"postgresql scheme over the default sqlite entry", settings.Database{Engine: "sqlite", Name: "db.sqlite3", URL: "postgresql://u@h/db"},
			"postgres://u@h:5432/db?connect_timeout=5"},
		{"URL without a database over the default sqlite entry", settings.Database{Engine: "sqlite", Name: "db.sqlite3", URL: "postgres://u@h"},
			"postgres://u@h:5432/?connect_timeout=5"},
		{"postgres OPTIONS", settings.Database{Engine: "postgres", Name: "db", Options: map[string]any{"connect_timeout": 10, "max_conns": 4, "sslmode": "require"}},
			"postgres://localhost:5432/db?connect_timeout=10&sslmode=require"},
		{"mysql fields", settings.Database{Engine: "mysql", Host: "127.0.0.1", Name: "test", User: "root"},
			"root@tcp(127.0.0.1:3306)/test?charset=utf8mb4&clientFoundRows=true&interpolateParams=true&loc=UTC&parseTime=true&timeout=5s"},
		{"mysql URL and lower-case OPTIONS", settings.Database{URL: "mysql://root:pw@db:3307/shop?tls=skip-verify",
			Options: map[string]any{"readtimeout": "30s", "parsetime": false, "interpolateparams": false, "sql_mode": "'TRADITIONAL'", "connect_timeout": 2}},
			"root:pw@tcp(db:3307)/shop?charset=utf8mb4&clientFoundRows=true&interpolateParams=false&loc=UTC&parseTime=true&readTimeout=30s&sql_mode=%27TRADITIONAL%27&timeout=2s&tls=skip-verify"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := resolve(tt.d)
			if err != nil {
				t.Fatal(err)
			}
			port := map[string]string{"postgres": "5432", "mysql": "3306"}[d.Engine]
			s, err := parseServer(d, port)
			if err != nil {
				t.Fatal(err)
			}
			dsn := map[string]func(*server) string{"postgres": postgresDSN, "mysql": mysqlDSN}[d.Engine](s)
			if dsn != tt.want {
				t.Errorf("got  %s\nwant %s", dsn, tt.want)
			}
		})
	}
}

func TestServerPool(t *testing.T) {
	s, err := parseServer(settings.Database{Engine: "postgres"}, "5432")
	if err != nil || s.maxConns != defaultMaxConns || s.connectTimeout != defaultConnectTimeout {
		t.Errorf("defaults: got %d conns, %v, %v, want %d, %v", s.maxConns, s.connectTimeout, err, defaultMaxConns, defaultConnectTimeout)
	}
	s, err = parseServer(settings.Database{Engine: "mysql", Options: map[string]any{"max_conns": "3", "connect_timeout": 0}}, "3306")
	if err != nil || s.maxConns != 3 || s.connectTimeout != 0 {
		t.Errorf("OPTIONS: got %d conns, %v, %v, want 3, 0", s.maxConns, s.connectTimeout, err)
	}
}

func TestOpen_serverErrors(t *testing.T) {
	tests := []struct {
		name string
		d    settings.Database
		want string
	}{
		{"URL scheme and ENGINE differ", settings.Database{Engine: "mysql", URL: "postgres://u@h/db"},
			`db: URL scheme "postgres" does not match ENGINE "mysql"`},
		{"unknown scheme", settings.Database{URL: "oracle://scott:tiger@db/orcl"},
			`db: URL scheme "oracle" is not supported (want postgres, postgresql or mysql)`},
		{"bad URL", settings.Database{URL: "postgres://u:sekrit@h:abc/db"},
			`db: URL is not valid: invalid port ":abc" after host`},
		{"bad max_conns", settings.Database{Engine: "postgres", Options: map[string]any{"max_conns": 0}},
			`db: postgres OPTIONS max_conns "0": want a positive number`},
		{"bad connect_timeout", settings.Database{Engine: "mysql", Options: map[string]any{"connect_timeout": "soon"}},
			`db: mysql OPTIONS connect_timeout "soon": want a whole number of seconds`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db, err := Open(tt.d, nil)
			if err == nil {
				closeDB(t, db)
				t.Fatalf("got no error, want %s", tt.want)
			}
			if err.Error() != tt.want {
				t.Errorf("got %s, want %s", err, tt.want)
			}
		})
	}
}

func TestScrubbed(t *testing.T) {
	err := (&target{engine: "postgres", addr: "h:5432/db", secret: "sekrit"}).fail(errBoom("auth failed for sekrit"))
	if want := "db: postgres h:5432/db: auth failed for " + settings.Redacted; err.Error() != want {
		t.Errorf("got %s, want %s", err, want)
	}
	if strings.Contains(err.Error(), "sekrit") {
		t.Errorf("got %s, which holds the password", err)
	}
}

type errBoom string

func (e errBoom) Error() string { return string(e) }
