package dbstore_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"gorm.io/driver/sqlite"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"

	"github.com/manouche-go/manouche/contrib/sessions/dbstore"
)

// The store reads and writes django_session rows exactly as Django does.
func Example() {
	dir, _ := os.MkdirTemp("", "dbstore")
	defer os.RemoveAll(dir)
	db, err := gorm.Open(sqlite.Open(filepath.Join(dir, "db.sqlite3")), &gorm.Config{Logger: logger.Discard})
	if err != nil {
		panic(err)
	}
	if err := dbstore.CreateTable(db); err != nil { // migration sessions.0001_initial
		panic(err)
	}
	ctx := context.Background()
	s := dbstore.New(db, dbstore.Options{})
	key := "000000000000000000000000000file1"
	expiry := time.Date(2099, 11, 28, 22, 13, 20, 0, time.UTC)
	if err := s.Create(ctx, key, "eyJjYXQiOiJkb2cifQ:1r31eq:0UOHT23nanWtePvCM0GfQz8Y1XcA8X-nejOHv7L3JFs", expiry); err != nil {
		panic(err)
	}
	var raw string
	db.Raw(`SELECT CAST(expire_date AS TEXT) FROM django_session`).Row().Scan(&raw)
	data, err := s.Load(ctx, key)
	fmt.Println(raw)
	fmt.Println(data, err)
	// Output:
	// 2099-11-28 22:13:20
	// eyJjYXQiOiJkb2cifQ:1r31eq:0UOHT23nanWtePvCM0GfQz8Y1XcA8X-nejOHv7L3JFs <nil>
}
