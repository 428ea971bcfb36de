package autodetect_test

import (
	"fmt"
	"time"

	"github.com/manouche-go/manouche/migrations/autodetect"
)

// makemigrations prints each operation as Django does, and names the
// migration from them.
func ExampleName() {
	ops := []autodetect.Operation{{Kind: autodetect.AddField, Model: "Poll", Table: "polls_poll", Column: "votes"}}
	for _, op := range ops {
		fmt.Println("-", op.Describe())
	}
	fmt.Println(autodetect.Name(ops, false, time.Now()))
	fmt.Println(autodetect.Name(nil, true, time.Now()))
	// Output:
	// - Add field votes to poll
	// poll_votes
	// initial
}
