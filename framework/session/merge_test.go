package session

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math"
	"testing"
	"time"
)

var _ ConditionalSaver = condStore{}

// condStore is a fakeStore with SaveIf. Each call of hook, if set, runs
// after the comparison data was read and before it is compared: a
// concurrent request's write.
type condStore struct {
	*fakeStore
	hook func()
}

func (c condStore) SaveIf(ctx context.Context, key, old, data string, expiry time.Time) error {
	if c.hook != nil {
		c.hook()
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	r, ok := c.records[key]
	switch {
	case !ok:
		return ErrNotFound
	case r.data != old:
		return ErrConflict
	}
	c.saves++
	c.records[key] = fakeRecord{data, expiry}
	return nil
}

// newCondEnv is newEnv whose store has SaveIf.
func newCondEnv(t *testing.T) (*env, *condStore) {
	e := newEnv(t)
	cs := &condStore{fakeStore: e.store}
	e.cfg.Store = cs
	return e, cs
}

// TestSession_Save_merge saves two sessions loaded from one record, as
// two concurrent requests do: the second save merges the first's changes.
func TestSession_Save_merge(t *testing.T) {
	tests := []struct {
		name         string
		seed         string
		first, other func(t *testing.T, s *Session)
		want         string
	}{
		{"sets of different keys", `{"a":1}`,
			func(t *testing.T, s *Session) { mustSet(t, s, "b", 2) },
			func(t *testing.T, s *Session) { mustSet(t, s, "c", 3) },
			`{"a":1,"b":2,"c":3}`},
		{"set of one key: the last writer wins", `{"a":1}`,
			func(t *testing.T, s *Session) { mustSet(t, s, "a", "first") },
			func(t *testing.T, s *Session) { mustSet(t, s, "a", "second") },
			`{"a":"second"}`},
		{"delete and set", `{"a":1,"b":2}`,
			func(t *testing.T, s *Session) { mustSet(t, s, "c", 3) },
			func(t *testing.T, s *Session) { s.Delete("a") },
			`{"b":2,"c":3}`},
		{"increments add", `{"n":10}`,
			func(t *testing.T, s *Session) { mustIncr(t, s, "n", 1) },
			func(t *testing.T, s *Session) { mustIncr(t, s, "n", 5) },
			`{"n":16}`},
		{"increment of a key the other removed counts from 0", `{"n":10}`,
			func(t *testing.T, s *Session) { s.Delete("n") },
			func(t *testing.T, s *Session) { mustIncr(t, s, "n", 2) },
			`{"n":2}`},
		{"increment of a key the other set to text counts from 0", `{"n":10}`,
			func(t *testing.T, s *Session) { mustSet(t, s, "n", "ten") },
			func(t *testing.T, s *Session) { mustIncr(t, s, "n", 2) },
			`{"n":2}`},
		{"clear clears the other's keys", `{"a":1}`,
			func(t *testing.T, s *Session) { mustSet(t, s, "b", 2) },
			func(t *testing.T, s *Session) { s.Clear(); mustSet(t, s, "c", 3) },
			`{"c":3}`},
		{"Update and Pop", `{"a":1,"b":2}`,
			func(t *testing.T, s *Session) { mustSet(t, s, "x", 0) },
			func(t *testing.T, s *Session) {
				s.Pop("a")
				if err := s.Update(map[string]any{"y": 1, "z": 2}); err != nil {
					t.Fatal(err)
				}
			},
			`{"b":2,"x":0,"y":1,"z":2}`},
		{"MarkModified writes every key held, keeps the other's new keys", `{"l":[1]}`,
			func(t *testing.T, s *Session) { mustSet(t, s, "l", []any{9}); mustSet(t, s, "new", 1) },
			func(t *testing.T, s *Session) {
				l, _ := s.Get("l")
				l.([]any)[0] = int64(2)
				s.MarkModified()
			},
			`{"l":[2],"new":1}`},
		{"SetExpiry merges as a key", `{"a":1}`,
			func(t *testing.T, s *Session) { mustSet(t, s, "b", 2) },
			func(t *testing.T, s *Session) {
				if err := s.SetExpiry(60); err != nil {
					t.Fatal(err)
				}
			},
			`{"a":1,"b":2,"_session_expiry":60}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, _ := newCondEnv(t)
			e.seed(t, key1, tt.seed)
			first, other := e.session(key1), e.session(key1)
			first.Len()
			other.Len() // both loaded before either saves
			tt.first(t, first)
			tt.other(t, other)
			mustSave(t, first)
			mustSave(t, other)
			if got := e.stored(t, key1); got != tt.want {
				t.Errorf("stored: got %s, want %s", got, tt.want)
			}
			if got := dataJSON(t, other); got != tt.want {
				t.Errorf("data in memory after the merge: got %s, want %s", got, tt.want)
			}
		})
	}
}

func mustSet(t *testing.T, s *Session, k string, v any) {
	t.Helper()
	if err := s.Set(k, v); err != nil {
		t.Fatalf("Set(%q): %v", k, err)
	}
}

func mustIncr(t *testing.T, s *Session, k string, delta int64) int64 {
	t.Helper()
	n, err := s.Incr(k, delta)
	if err != nil {
		t.Fatalf("Incr(%q, %d): %v", k, delta, err)
	}
	return n
}

func mustSave(t *testing.T, s *Session) {
	t.Helper()
	if err := s.Save(context.Background()); err != nil {
		t.Fatalf("Save: %v", err)
	}
}

// TestSession_Save_withoutConditionalSaver keeps Django's behaviour on a
// store without SaveIf: the last writer's whole data wins.
func TestSession_Save_withoutConditionalSaver(t *testing.T) {
	e := newEnv(t)
	e.seed(t, key1, `{"a":1}`)
	first, other := e.session(key1), e.session(key1)
	first.Len()
	other.Len()
	mustSet(t, first, "b", 2)
	mustSet(t, other, "c", 3)
	mustSave(t, first)
	mustSave(t, other)
	if got, want := e.stored(t, key1), `{"a":1,"c":3}`; got != want {
		t.Errorf("stored: got %s, want %s", got, want)
	}
}

// TestSession_Save_conflictsExhausted: a record that changes before every
// conditional save ends with a plain save of the merged data and one
// warning.
func TestSession_Save_conflictsExhausted(t *testing.T) {
	e, cs := newCondEnv(t)
	e.seed(t, key1, `{"n":0}`)
	other := 0
	cs.hook = func() { // another process increments n before each SaveIf
		other++
		s := New(context.Background(), &Config{Store: e.store, Codec: e.cfg.Codec, Now: e.cfg.Now}, key1)
		mustIncr(t, s, "n", 1)
		mustSave(t, s)
	}
	s := e.session(key1)
	mustIncr(t, s, "n", 100)
	e.logs.take()
	mustSave(t, s)
	cs.hook = nil
	if other != maxMergeAttempts {
		t.Errorf("conditional saves: got %d, want %d", other, maxMergeAttempts)
	}
	// The plain save writes the data merged onto the last reload, which
	// saw the other process's fifth write.
	if got, want := e.stored(t, key1), fmt.Sprintf(`{"n":%d}`, 100+maxMergeAttempts); got != want {
		t.Errorf("stored: got %s, want %s", got, want)
	}
	var warns int
	for _, r := range e.logs.take() {
		if r.Level == slog.LevelWarn {
			warns++
		}
	}
	if warns != 1 {
		t.Errorf("warnings: got %d, want 1", warns)
	}
}

// TestSession_Save_vanished: a record deleted before the conditional save
// (a concurrent logout) is ErrInterrupted and never brought back.
func TestSession_Save_vanished(t *testing.T) {
	e, _ := newCondEnv(t)
	e.seed(t, key1, `{"a":1}`)
	s := e.session(key1)
	mustSet(t, s, "b", 2)
	if err := e.store.Delete(context.Background(), key1); err != nil {
		t.Fatal(err)
	}
	if err := s.Save(context.Background()); !errors.Is(err, ErrInterrupted) {
		t.Errorf("Save: got %v, want ErrInterrupted", err)
	}
	if got := e.stored(t, key1); got != "<none>" {
		t.Errorf("stored: got %s, want <none>", got)
	}
}

// TestSession_Save_twice: the second save of one request compares with
// what the first wrote.
func TestSession_Save_twice(t *testing.T) {
	e, _ := newCondEnv(t)
	s := e.session("")
	mustSet(t, s, "a", 1)
	mustSave(t, s) // creates
	mustIncr(t, s, "a", 1)
	mustSave(t, s)
	mustIncr(t, s, "a", 1)
	mustSave(t, s)
	if got, want := e.stored(t, s.Key()), `{"a":3}`; got != want {
		t.Errorf("stored: got %s, want %s", got, want)
	}
}

func TestSession_Incr(t *testing.T) {
	tests := []struct {
		name    string
		seed    string
		delta   int64
		want    int64
		wantErr error
	}{
		{"missing key counts as 0", `{}`, 3, 3, nil},
		{"adds to an int", `{"n":41}`, 1, 42, nil},
		{"negative delta", `{"n":1}`, -5, -4, nil},
		{"a whole float is an integer", `{"n":2.0}`, 1, 3, nil},
		{"text is not an integer", `{"n":"1"}`, 1, 0, ErrNotInteger},
		{"a fraction is not an integer", `{"n":1.5}`, 1, 0, ErrNotInteger},
		{"overflow", `{"n":9223372036854775807}`, 1, 0, ErrNotInteger},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, _ := newCondEnv(t)
			e.seed(t, key1, tt.seed)
			s := e.session(key1)
			got, err := s.Incr("n", tt.delta)
			if !errors.Is(err, tt.wantErr) || got != tt.want {
				t.Fatalf("Incr: got %d, %v, want %d, %v", got, err, tt.want, tt.wantErr)
			}
			if err != nil {
				if s.Modified() {
					t.Errorf("Modified after a failed Incr: got true, want false")
				}
				return
			}
			if v, _ := s.Get("n"); v != tt.want {
				t.Errorf("Get after Incr: got %#v, want int64 %d", v, tt.want)
			}
			if !s.Modified() || !s.Accessed() {
				t.Errorf("after Incr: got Modified %v, Accessed %v, want true, true", s.Modified(), s.Accessed())
			}
		})
	}
}

// TestSession_record checks that a loop of writes keeps a short log.
func TestSession_record(t *testing.T) {
	e, _ := newCondEnv(t)
	s := e.session("")
	for i := range 1000 {
		mustSet(t, s, "a", i)
	}
	for range 1000 {
		mustIncr(t, s, "n", 1)
	}
	if got := len(s.changes); got != 2 {
		t.Errorf("log after 1000 Sets of a and 1000 Incrs of n: got %d entries, want 2", got)
	}
	s.Clear()
	mustSet(t, s, "z", 1)
	if got := len(s.changes); got != 2 {
		t.Errorf("log after Clear and a Set: got %d entries, want 2", got)
	}
	if _, ok := addInt64(math.MaxInt64, 1); ok {
		t.Errorf("addInt64(MaxInt64, 1): got ok, want overflow")
	}
}
