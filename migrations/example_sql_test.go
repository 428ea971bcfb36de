package migrations_test

import (
	"context"
	"fmt"
	"os"

	"gorm.io/driver/sqlite"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"

	"github.com/manouche-go/manouche/migrations"
)

// A migration as makemigrations writes it: its SQL for every dialect, run
// by RunSQL on the database's own. Statements shows what it runs without
// running it (sqlmigrate).
func ExampleRunSQL() {
	db, err := gorm.Open(sqlite.Open("file::memory:"), &gorm.Config{Logger: logger.Discard})
	if err != nil {
		fmt.Println(err)
		return
	}
	sqlDB, _ := db.DB()
	sqlDB.SetMaxOpenConns(1)
	defer sqlDB.Close()

	initial := &migrations.Migration{
		App:  "polls",
		Name: "0001_initial",
		Up: migrations.RunSQL(migrations.SQL{
			"sqlite":   {"CREATE TABLE `polls_poll` (`id` integer PRIMARY KEY AUTOINCREMENT,`text` text NOT NULL)"},
			"postgres": {`CREATE TABLE "polls_poll" ("id" bigserial,"text" text NOT NULL,PRIMARY KEY ("id"))`},
			"mysql":    {"CREATE TABLE `polls_poll` (`id` bigint AUTO_INCREMENT,`text` longtext NOT NULL,PRIMARY KEY (`id`))"},
		}),
		Down: migrations.RunSQL(migrations.SQL{
			"sqlite":   {"DROP TABLE `polls_poll`"},
			"postgres": {`DROP TABLE "polls_poll"`},
			"mysql":    {"DROP TABLE `polls_poll`"},
		}),
	}
	stmts, err := migrations.Statements(db, initial, false)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(stmts[0])
	all := []*migrations.Migration{initial}
	if err := migrations.Apply(context.Background(), db, all, os.Stdout); err != nil {
		fmt.Println(err)
	}
	fmt.Println(db.Migrator().HasTable("polls_poll"))
	// Output:
	// CREATE TABLE `polls_poll` (`id` integer PRIMARY KEY AUTOINCREMENT,`text` text NOT NULL)
	// Operations to perform:
	//   Apply all migrations: polls
	// Running migrations:
	//   Applying polls.0001_initial... OK
	// true
}
