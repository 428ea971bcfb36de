// Package testrun is `make test`'s test runner: it finds the PostgreSQL,
// MariaDB and Redis servers that answer at their default local addresses
// and sets the MANOUCHE_TEST_* variables for them (a variable already set
// wins), runs `go test -json` with the arguments it is given, prints go
// test's usual output, and ends with one line per reason tests were
// skipped for, which says what would run them.
package testrun

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
)

// Run detects the services, runs go test with args (after -json) in the
// process's environment plus the services found, and returns go test's
// exit code.
func Run(ctx context.Context, goTool string, args []string, stdout, stderr io.Writer) int {
	found := Detect(ctx, os.Getenv)
	Report(stdout, found)
	cmd := exec.CommandContext(ctx, goTool, append([]string{"test", "-json"}, args...)...)
	cmd.Env, cmd.Stderr = Environ(os.Environ(), found), stderr
	pipe, err := cmd.StdoutPipe()
	if err != nil {
		fmt.Fprintln(stderr, "testrun:", err)
		return 1
	}
	if err := cmd.Start(); err != nil {
		fmt.Fprintln(stderr, "testrun:", err)
		return 1
	}
	sum := NewSummary(stdout)
	readErr := sum.Read(pipe)
	err = cmd.Wait()
	sum.WriteSkips(stdout)
	if readErr != nil {
		fmt.Fprintln(stderr, "testrun:", readErr)
	}
	if ee, ok := err.(*exec.ExitError); ok {
		return ee.ExitCode()
	} else if err != nil {
		fmt.Fprintln(stderr, "testrun:", err)
		return 1
	}
	return 0
}
