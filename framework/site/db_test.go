package site

import (
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/manouche-go/manouche/framework"
	"github.com/manouche-go/manouche/framework/apps"
	"github.com/manouche-go/manouche/framework/db"
	"github.com/manouche-go/manouche/framework/settings"
	"github.com/manouche-go/manouche/framework/urls"
)

// dbApp's view counts the rows of a table through db.FromContext.
type dbApp struct{}

func (dbApp) Label() string { return "sitedbtest" }
func (dbApp) URLs() []urls.Pattern {
	return []urls.Pattern{urls.Path("/count/", func(req *framework.Request) *framework.Response {
		gdb, err := db.FromContext(req.HTTP.Context())
		if err != nil {
			return framework.ServerError(req, err)
		}
		var n int64
		if err := gdb.Table("sitedb_row").Count(&n).Error; err != nil {
			return framework.ServerError(req, err)
		}
		return framework.Text(fmt.Sprint(n))
	}, "count")}
}

var registerDBOnce sync.Once

// TestSite_dbFromContext: views reach DATABASES.default through
// db.FromContext, the connection the site opened once.
func TestSite_dbFromContext(t *testing.T) {
	registerDBOnce.Do(func() { apps.Register(dbApp{}) })
	s := settings.Default()
	s.Debug = true
	s.InstalledApps = []string{"sitedbtest"}
	s.Databases["default"] = settings.Database{Engine: "sqlite", Name: filepath.Join(t.TempDir(), "db.sqlite3")}
	st, err := New(s, Options{Logger: discardLogger(), Stdout: io.Discard, Stderr: io.Discard})
	if err != nil {
		t.Fatal(err)
	}
	gdb, err := st.Env.DB()
	if err != nil {
		t.Fatal(err)
	}
	if err := gdb.Exec("CREATE TABLE sitedb_row (id integer)").Exec("INSERT INTO sitedb_row VALUES (1), (2)").Error; err != nil {
		t.Fatal(err)
	}
	h, err := st.Handler()
	if err != nil {
		t.Fatal(err)
	}
	if rec := get(t, h, "localhost", "/count/"); rec.Code != 200 || strings.TrimSpace(rec.Body.String()) != "2" {
		t.Errorf("GET /count/: got %d %q, want 200 and 2", rec.Code, rec.Body.String())
	}
}
