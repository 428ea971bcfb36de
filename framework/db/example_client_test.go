package db_test

import (
	"fmt"

	"github.com/manouche-go/manouche/framework/db"
	"github.com/manouche-go/manouche/framework/settings"
)

// dbshell's command line for a DATABASES entry: the password travels in
// the environment, never in the arguments.
func ExampleClientCommand() {
	c, err := db.ClientCommand(settings.Database{URL: "postgres://app:s3cret@db.internal:5432/site?sslmode=require"})
	if err != nil {
		panic(err)
	}
	fmt.Println(c.Name, c.Args)
	fmt.Println(c.Env)
	// Output:
	// psql [-U app -h db.internal -p 5432 site]
	// [PGPASSWORD=s3cret PGSSLMODE=require]
}
