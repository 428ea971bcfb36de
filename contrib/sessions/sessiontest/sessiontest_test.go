package sessiontest_test

import (
	"testing"

	"github.com/manouche-go/manouche/contrib/sessions/sessiontest"
	"github.com/manouche-go/manouche/framework/session"
)

// TestRun runs the suite on MemStore, which has every optional ability:
// no case may fail or be skipped.
func TestRun(t *testing.T) {
	sessiontest.Run(t, func(*testing.T) session.Store { return &sessiontest.MemStore{} })
}
