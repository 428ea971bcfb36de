package sessiontest

import (
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/manouche-go/manouche/framework/session"
)

// conditionalCases are the sentences of the session.ConditionalSaver
// contract.
var conditionalCases = []testCase{
	{"SaveIf saves when the record holds old", func(t *testing.T, s session.Store) {
		c := conditional(t, s)
		key := newKey()
		mustCreate(t, s, key, "old", later())
		if err := c.SaveIf(t.Context(), key, "old", "new", later()); err != nil {
			t.Fatalf("SaveIf: got %v, want nil", err)
		}
		wantData(t, s, key, "new")
	}},
	{"SaveIf of unchanged data succeeds", func(t *testing.T, s session.Store) {
		c := conditional(t, s)
		key := newKey()
		mustCreate(t, s, key, "same", later())
		if err := c.SaveIf(t.Context(), key, "same", "same", later()); err != nil {
			t.Fatalf("SaveIf: got %v, want nil", err)
		}
		wantData(t, s, key, "same")
	}},
	{"SaveIf moves the expiry", func(t *testing.T, s session.Store) {
		c := conditional(t, s)
		key := newKey()
		mustCreate(t, s, key, "old", later())
		if err := c.SaveIf(t.Context(), key, "old", "new", earlier()); err != nil {
			t.Fatalf("SaveIf: got %v, want nil", err)
		}
		wantNotFound(t, s, key)
	}},
	{"SaveIf returns ErrConflict and changes nothing when the record holds other data", func(t *testing.T, s session.Store) {
		c := conditional(t, s)
		key := newKey()
		mustCreate(t, s, key, "theirs", later())
		for _, old := range []string{"mine", "", "theirs ", "Theirs", "theirs"[:5]} {
			if err := c.SaveIf(t.Context(), key, old, "lost", later()); !errors.Is(err, session.ErrConflict) {
				t.Errorf("SaveIf(old %q): got %v, want ErrConflict", old, err)
			}
		}
		wantData(t, s, key, "theirs")
	}},
	{"SaveIf compares large data whole", func(t *testing.T, s session.Store) {
		c := conditional(t, s)
		key := newKey()
		big := printable(64 << 10)
		mustCreate(t, s, key, big, later())
		last := "x"
		if strings.HasSuffix(big, last) {
			last = "y"
		}
		other := big[:len(big)-1] + last
		if err := c.SaveIf(t.Context(), key, other, "lost", later()); !errors.Is(err, session.ErrConflict) {
			t.Errorf("SaveIf with the last byte changed: got %v, want ErrConflict", err)
		}
		if err := c.SaveIf(t.Context(), key, big, "won", later()); err != nil {
			t.Errorf("SaveIf: got %v, want nil", err)
		}
		wantData(t, s, key, "won")
	}},
	{"SaveIf returns ErrNotFound for a missing key and creates nothing", func(t *testing.T, s session.Store) {
		c := conditional(t, s)
		key := newKey()
		if err := c.SaveIf(t.Context(), key, "", "data", later()); !errors.Is(err, session.ErrNotFound) {
			t.Errorf("SaveIf: got %v, want ErrNotFound", err)
		}
		wantNotFound(t, s, key)
	}},
	{"SaveIf returns ErrNotFound for a deleted record and never brings it back", func(t *testing.T, s session.Store) {
		c := conditional(t, s)
		key := newKey()
		mustCreate(t, s, key, "old", later())
		if err := s.Delete(t.Context(), key); err != nil {
			t.Fatalf("Delete: got %v, want nil", err)
		}
		if err := c.SaveIf(t.Context(), key, "old", "new", later()); !errors.Is(err, session.ErrNotFound) {
			t.Errorf("SaveIf: got %v, want ErrNotFound", err)
		}
		wantNotFound(t, s, key)
	}},
	{"concurrent SaveIfs from one old: exactly one wins", testConcurrentSaveIf},
}

func conditional(t *testing.T, s session.Store) session.ConditionalSaver {
	t.Helper()
	c, ok := s.(session.ConditionalSaver)
	if !ok {
		t.Skipf("%T does not implement session.ConditionalSaver: concurrent requests are not merged, the last writer wins", s)
	}
	return c
}

func testConcurrentSaveIf(t *testing.T, s session.Store) {
	c := conditional(t, s)
	key := newKey()
	mustCreate(t, s, key, "v0", later())
	errs := make([]error, workers)
	var wg sync.WaitGroup
	for i := range workers {
		wg.Go(func() { errs[i] = c.SaveIf(t.Context(), key, "v0", fmt.Sprint("winner ", i), later()) })
	}
	wg.Wait()
	winner := -1
	for i, err := range errs {
		switch {
		case err == nil && winner >= 0:
			t.Errorf("got SaveIfs %d and %d both succeeding, want exactly one", winner, i)
		case err == nil:
			winner = i
		case !errors.Is(err, session.ErrConflict):
			t.Errorf("SaveIf %d: got %v, want nil or ErrConflict", i, err)
		}
	}
	if winner < 0 {
		t.Fatalf("got no successful SaveIf, want exactly one")
	}
	wantData(t, s, key, fmt.Sprint("winner ", winner))
}
