package autoreload_test

import (
	"fmt"
	"os"

	"github.com/manouche-go/manouche/framework/autoreload"
)

// A program finds out whether a reloading parent started it: then it
// serves on the inherited socket, calls Ready once it serves, and stops
// when Stopped is closed.
func ExampleChildOf() {
	child, err := autoreload.ChildOf(os.Environ())
	if err != nil {
		panic(err)
	}
	if child == nil {
		fmt.Println("not started by the autoreloader: listen yourself")
		return
	}
	defer child.Listener.Close()
	child.Ready()
	<-child.Stopped()
	// Output:
	// not started by the autoreloader: listen yourself
}
