package db_test

import (
	"fmt"

	"github.com/manouche-go/manouche/framework/db"
	"github.com/manouche-go/manouche/framework/settings"
)

func ExampleOpen() {
	conn, err := db.Open(settings.Database{Engine: "sqlite", Name: ":memory:"}, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	sqlDB, _ := conn.DB()
	defer sqlDB.Close()
	var fk, busy int
	conn.Raw("PRAGMA foreign_keys").Scan(&fk)
	conn.Raw("PRAGMA busy_timeout").Scan(&busy)
	fmt.Println(fk, busy)

	// A URL chooses a server engine; errors never show its password.
	_, err = db.Open(settings.Database{URL: "oracle://scott:tiger@db.example/orcl"}, nil)
	fmt.Println(err)
	// Output:
	// 1 5000
	// db: URL scheme "oracle" is not supported (want postgres, postgresql or mysql)
}
