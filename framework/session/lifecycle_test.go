package session

import (
	"errors"
	"fmt"
	"testing"
)

const newKey1, newKey2 = "newkey00000000000000000000000001", "newkey00000000000000000000000002"

func TestSession_Save(t *testing.T) {
	tests := []struct {
		name    string
		seed    bool
		key     string
		op      func(s *Session)
		wantKey string
		want    string // the record under wantKey
		calls   string
	}{
		{"new session is created", false, "", func(s *Session) { s.Set("a", 1) },
			newKey1, `{"a":1}`, "loads=0 creates=1 saves=0 deletes=0"},
		{"existing session is updated", true, key1, func(s *Session) { s.Set("b", 2) },
			key1, `{"a":1,"b":2}`, "loads=1 creates=0 saves=1 deletes=0"},
		{"unknown key is not adopted", false, key1, func(s *Session) { s.Set("a", 1) },
			newKey1, `{"a":1}`, "loads=1 creates=1 saves=0 deletes=0"},
		{"untouched unknown key saves empty under a new key", false, key1, func(*Session) {},
			newKey1, `{}`, "loads=1 creates=1 saves=0 deletes=0"},
		{"emptied session keeps its record", true, key1, func(s *Session) { s.Delete("a") },
			key1, `{}`, "loads=1 creates=0 saves=1 deletes=0"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t)
			if tt.seed {
				e.seed(t, key1, `{"a":1}`)
			}
			s := e.session(tt.key)
			tt.op(s)
			if err := s.Save(t.Context()); err != nil {
				t.Fatalf("Save: %v", err)
			}
			if s.Key() != tt.wantKey {
				t.Errorf("Key(): got %q, want %q", s.Key(), tt.wantKey)
			}
			if got := e.stored(t, tt.wantKey); got != tt.want {
				t.Errorf("stored: got %s, want %s", got, tt.want)
			}
			if tt.key != tt.wantKey {
				if got := e.stored(t, tt.key); got != "<none>" {
					t.Errorf("the presented key got a record: %s", got)
				}
			}
			if got := e.store.counts(); got != tt.calls {
				t.Errorf("store calls: got %s, want %s", got, tt.calls)
			}
		})
	}
}

func TestSession_Save_interrupted(t *testing.T) {
	e := newEnv(t)
	e.seed(t, key1, `{"a":1}`)
	s := e.session(key1)
	s.Set("b", 2)
	e.store.Delete(t.Context(), key1) // a concurrent logout
	if err := s.Save(t.Context()); !errors.Is(err, ErrInterrupted) {
		t.Fatalf("Save: got %v, want ErrInterrupted", err)
	}
	if got := e.stored(t, key1); got != "<none>" {
		t.Errorf("the deleted session came back: %s", got)
	}
}

func TestSession_Create(t *testing.T) {
	tests := []struct {
		name       string
		collisions int
		wantKey    string
		wantErr    error
		creates    int
	}{
		{"first key", 0, newKey1, nil, 1},
		{"retries collisions", 3, "newkey00000000000000000000000004", nil, 4},
		{"gives up", 1000, "", ErrKeyExists, maxCreateAttempts},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t)
			e.store.collisions = tt.collisions
			s := e.session("")
			s.Set("a", 1)
			err := s.Create(t.Context())
			if !errors.Is(err, tt.wantErr) || (err != nil) != (tt.wantErr != nil) {
				t.Fatalf("Create: got %v, want %v", err, tt.wantErr)
			}
			if s.Key() != tt.wantKey || e.store.creates != tt.creates {
				t.Errorf("got key %q after %d creates, want %q after %d", s.Key(), e.store.creates, tt.wantKey, tt.creates)
			}
			if tt.wantErr == nil && e.stored(t, tt.wantKey) != `{"a":1}` {
				t.Errorf("stored: got %s, want {\"a\":1}", e.stored(t, tt.wantKey))
			}
		})
	}
}

func TestSession_CycleKey(t *testing.T) {
	tests := []struct {
		name       string
		key        string
		collisions int
		wantKey    string
	}{
		{"existing session", key1, 0, newKey1},
		{"with a collision", key1, 1, newKey2},
		{"new session", "", 0, newKey1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t)
			e.seed(t, key1, `{"user":"bob"}`)
			e.store.collisions = tt.collisions
			s := e.session(tt.key)
			if tt.key == "" {
				s.Set("user", "bob")
			}
			if err := s.CycleKey(); err != nil {
				t.Fatalf("CycleKey: %v", err)
			}
			if s.Key() != tt.wantKey || !s.Modified() {
				t.Errorf("got key %q modified=%v, want %q, true", s.Key(), s.Modified(), tt.wantKey)
			}
			if got := e.stored(t, tt.wantKey); got != `{"user":"bob"}` {
				t.Errorf("new record: got %s, want the data kept", got)
			}
			if v, _ := s.GetString("user"); v != "bob" {
				t.Errorf("data in memory: got %q, want bob", v)
			}
			if got := e.stored(t, key1); tt.key != "" && got != "<none>" {
				t.Errorf("old record: got %s, want it deleted", got)
			}
		})
	}
}

func TestSession_Flush(t *testing.T) {
	e := newEnv(t)
	e.seed(t, key1, `{"user":"bob"}`)
	s := e.session(key1)
	if err := s.Flush(); err != nil {
		t.Fatalf("Flush: %v", err)
	}
	if !s.IsEmpty() || !s.Accessed() || !s.Modified() || s.Key() != "" {
		t.Errorf("after Flush: got empty=%v accessed=%v modified=%v key=%q, want true, true, true, \"\"",
			s.IsEmpty(), s.Accessed(), s.Modified(), s.Key())
	}
	if got := e.stored(t, key1); got != "<none>" {
		t.Errorf("record after Flush: got %s, want none", got)
	}
	if e.store.loads != 0 {
		t.Errorf("Flush loaded the session %d times, want 0", e.store.loads)
	}
}

func TestSession_Flush_deleteError(t *testing.T) {
	e := newEnv(t)
	e.seed(t, key1, `{"user":"bob"}`)
	boom := errors.New("disk full")
	e.store.deleteErr = boom
	s := e.session(key1)
	if err := s.Flush(); !errors.Is(err, boom) {
		t.Fatalf("Flush: got %v, want it to wrap %v", err, boom)
	}
	if s.Key() != key1 || s.Len() != 0 {
		t.Errorf("after a failed Flush: got key %q len %d, want the key kept and no data", s.Key(), s.Len())
	}
}

func TestSession_DeleteRecord(t *testing.T) {
	e := newEnv(t)
	e.seed(t, key1, `{"a":1}`)
	e.seed(t, newKey2, `{"b":2}`)
	s := e.session(key1)
	if err := s.DeleteRecord(t.Context(), newKey2); err != nil {
		t.Fatal(err)
	}
	if e.stored(t, newKey2) != "<none>" || e.stored(t, key1) == "<none>" {
		t.Errorf("DeleteRecord(other): got records %s / %s, want only the other deleted", e.stored(t, key1), e.stored(t, newKey2))
	}
	if err := s.DeleteRecord(t.Context(), ""); err != nil {
		t.Fatal(err)
	}
	if e.stored(t, key1) != "<none>" || s.Key() != key1 {
		t.Errorf("DeleteRecord(\"\"): got record %s key %q, want deleted and key kept", e.stored(t, key1), s.Key())
	}
	before := e.store.deletes
	if err := e.session("").DeleteRecord(t.Context(), ""); err != nil || e.store.deletes != before {
		t.Errorf("DeleteRecord without a key: got %v after %d deletes, want a no-op", err, e.store.deletes-before)
	}
}

func TestSession_Exists(t *testing.T) {
	for _, withExister := range []bool{false, true} {
		t.Run(fmt.Sprintf("exister=%v", withExister), func(t *testing.T) {
			e := newEnv(t)
			if withExister {
				e.cfg.Store = existerStore{e.store}
			}
			e.seed(t, key1, `{}`)
			s := e.session("")
			for key, want := range map[string]bool{key1: true, newKey1: false} {
				if got, err := s.Exists(t.Context(), key); err != nil || got != want {
					t.Errorf("Exists(%s): got %v, %v, want %v", key, got, err, want)
				}
			}
			loads := 2
			if withExister {
				loads = 0
			}
			if e.store.loads != loads {
				t.Errorf("loads: got %d, want %d", e.store.loads, loads)
			}
		})
	}
}
