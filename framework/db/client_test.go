package db

import (
	"reflect"
	"testing"

	"github.com/manouche-go/manouche/framework/settings"
)

func TestClientCommand(t *testing.T) {
	tests := []struct {
		name string
		d    settings.Database
		want Client
	}{
		{"sqlite", settings.Database{Engine: "sqlite", Name: "db.sqlite3"}, Client{Name: "sqlite3", Args: []string{"db.sqlite3"}}},
		{"postgres fields", settings.Database{Engine: "postgres", Name: "site", User: "app", Password: "pw", Host: "db", Port: "6432",
			Options: map[string]any{"sslmode": "require", "max_conns": 4}},
			Client{Name: "psql", Args: []string{"-U", "app", "-h", "db", "-p", "6432", "site"}, Env: []string{"PGPASSWORD=pw", "PGSSLMODE=require"}}},
		{"postgres URL", settings.Database{URL: "postgres://postgres@127.0.0.1:5432/test?sslmode=disable&search_path=test_1&application_name=x"},
			Client{Name: "psql", Args: []string{"-U", "postgres", "-h", "127.0.0.1", "-p", "5432", "test"},
				Env: []string{"PGAPPNAME=x", "PGSSLMODE=disable", "PGOPTIONS=-c search_path=test_1"}}},
		{"mysql URL", settings.Database{URL: "mysql://root:pw@127.0.0.1:3306/test"},
			Client{Name: "mysql", Args: []string{"--user=root", "--host=127.0.0.1", "--port=3306", "--default-character-set=utf8mb4", "test"}, Env: []string{"MYSQL_PWD=pw"}}},
		{"mysql socket", settings.Database{Engine: "mysql", Name: "site", Host: "/run/mysqld/mysqld.sock"},
			Client{Name: "mysql", Args: []string{"--socket=/run/mysqld/mysqld.sock", "--default-character-set=utf8mb4", "site"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ClientCommand(tt.d)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(*got, tt.want) {
				t.Errorf("got %+v, want %+v", *got, tt.want)
			}
		})
	}
	if _, err := ClientCommand(settings.Database{URL: "redis://x"}); err == nil {
		t.Error("redis URL: got no error")
	}
}
