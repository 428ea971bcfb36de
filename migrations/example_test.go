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

func Example() {
	db, err := gorm.Open(sqlite.Open("file::memory:"), &gorm.Config{Logger: logger.Discard})
	if err != nil {
		fmt.Println(err)
		return
	}
	sqlDB, _ := db.DB()
	sqlDB.SetMaxOpenConns(1) // one connection: one in-memory database
	defer sqlDB.Close()

	all := []*migrations.Migration{{
		App:  "greetings",
		Name: "0001_initial",
		Up: func(tx *gorm.DB) error {
			return tx.Exec(`CREATE TABLE "greetings_greeting" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "text" text NOT NULL)`).Error
		},
		Down: func(tx *gorm.DB) error { return tx.Exec(`DROP TABLE "greetings_greeting"`).Error },
	}}
	ctx := context.Background()
	if err := migrations.Apply(ctx, db, all, os.Stdout); err != nil {
		fmt.Println(err)
	}
	if err := migrations.Show(ctx, db, all, os.Stdout); err != nil {
		fmt.Println(err)
	}
	if err := migrations.Unapply(ctx, db, all, "greetings", os.Stdout); err != nil {
		fmt.Println(err)
	}
	// Output:
	// Operations to perform:
	//   Apply all migrations: greetings
	// Running migrations:
	//   Applying greetings.0001_initial... OK
	// greetings
	//  [X] 0001_initial
	// Operations to perform:
	//   Unapply all migrations: greetings
	// Running migrations:
	//   Unapplying greetings.0001_initial... OK
}

func ExamplePlan() {
	plan, _ := migrations.Plan([]*migrations.Migration{
		{App: "shop", Name: "0001_initial", Dependencies: [][2]string{{"sessions", "0001_initial"}}},
		{App: "sessions", Name: "0001_initial"},
	})
	fmt.Println(plan)
	// Output: [sessions.0001_initial shop.0001_initial]
}
