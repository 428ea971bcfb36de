package contenttypes_test

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"gorm.io/gorm"

	"github.com/manouche-go/manouche/contrib/contenttypes"
	"github.com/manouche-go/manouche/framework/apps"
	"github.com/manouche-go/manouche/framework/db"
	"github.com/manouche-go/manouche/framework/settings"
	"github.com/manouche-go/manouche/migrations"
)

// migrated opens a SQLite database in dir with contenttypes' migrations
// applied.
func migrated(dir string) (*gorm.DB, error) {
	g, err := db.Open(settings.Database{Engine: "sqlite", Name: filepath.Join(dir, "db.sqlite3")}, nil)
	if err != nil {
		return nil, err
	}
	a, err := apps.Lookup(contenttypes.Label)
	if err != nil {
		return nil, err
	}
	return g, migrations.Apply(context.Background(), g, a.(apps.MigrationsProvider).Migrations(), io.Discard)
}

var models = []apps.Model{
	{App: "shop", Name: "item", VerboseName: "item"},
	{App: "shop", Name: "order", VerboseName: "order"},
	{App: "blog", Name: "post", VerboseName: "post"},
}

func TestSync(t *testing.T) {
	g, err := migrated(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for range 4 { // concurrent and repeated syncs create each row once
		wg.Go(func() {
			if err := contenttypes.Sync(context.Background(), g, models); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	var rows []contenttypes.ContentType
	g.Order("id").Find(&rows)
	if len(rows) != 3 || rows[0].Model != "item" || rows[2].AppLabel != "blog" {
		t.Errorf("rows %+v, want item, order, post once each, in order", rows)
	}
	ids, err := contenttypes.IDs(context.Background(), g, models[:1])
	if err != nil || ids[[2]string{"shop", "item"}] != rows[0].ID || len(ids) != 2 {
		t.Errorf("IDs of shop = %v, %v", ids, err)
	}
}

// After migrate, Sync gives each model of the installed apps its row in
// django_content_type, in order; running it again changes nothing.
func ExampleSync() {
	dir, _ := os.MkdirTemp("", "contenttypes-")
	defer os.RemoveAll(dir)
	g, err := migrated(dir)
	if err != nil {
		panic(err)
	}
	contenttypes.Sync(context.Background(), g, models)
	contenttypes.Sync(context.Background(), g, models)
	var rows []contenttypes.ContentType
	g.Order("id").Find(&rows)
	for _, r := range rows {
		fmt.Println(r.ID, r.AppLabel, r.Model)
	}
	// Output:
	// 1 shop item
	// 2 shop order
	// 3 blog post
}
