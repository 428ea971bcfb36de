package session

import (
	"encoding/json"
	"math"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/manouche-go/manouche/framework/signing"
)

// TestSession_flags is the table of spec §5.2: which operations load the
// data, and how they set accessed and modified. The stored session is
// {"a":1,"testcookie":"worked"}.
func TestSession_flags(t *testing.T) {
	tests := []struct {
		name               string
		op                 func(s *Session)
		accessed, modified bool
		loads              int
		wantData           string
	}{
		{"Key", func(s *Session) { s.Key() }, false, false, 0, "<not loaded>"},
		{"IsEmpty", func(s *Session) { s.IsEmpty() }, false, false, 0, "<not loaded>"},
		{"Get present", func(s *Session) { s.Get("a") }, true, false, 1, `{"a":1,"testcookie":"worked"}`},
		{"Get absent", func(s *Session) { s.Get("zz") }, true, false, 1, `{"a":1,"testcookie":"worked"}`},
		{"GetOr", func(s *Session) { s.GetOr("zz", 2) }, true, false, 1, `{"a":1,"testcookie":"worked"}`},
		{"GetInt", func(s *Session) { s.GetInt("a") }, true, false, 1, `{"a":1,"testcookie":"worked"}`},
		{"Has", func(s *Session) { s.Has("a") }, true, false, 1, `{"a":1,"testcookie":"worked"}`},
		{"Set", func(s *Session) { s.Set("b", 2) }, true, true, 1, `{"a":1,"testcookie":"worked","b":2}`},
		{"Set same value", func(s *Session) { s.Set("a", 1) }, true, true, 1, `{"a":1,"testcookie":"worked"}`},
		{"Delete present", func(s *Session) { s.Delete("a") }, true, true, 1, `{"testcookie":"worked"}`},
		{"Delete absent", func(s *Session) { s.Delete("zz") }, true, false, 1, `{"a":1,"testcookie":"worked"}`},
		{"Pop present", func(s *Session) { s.Pop("a") }, true, true, 1, `{"testcookie":"worked"}`},
		{"Pop absent", func(s *Session) { s.Pop("zz") }, true, false, 1, `{"a":1,"testcookie":"worked"}`},
		{"SetDefault present", func(s *Session) { s.SetDefault("a", 5) }, true, false, 1, `{"a":1,"testcookie":"worked"}`},
		{"SetDefault absent", func(s *Session) { s.SetDefault("b", 5) }, true, true, 1, `{"a":1,"testcookie":"worked","b":5}`},
		{"Update", func(s *Session) { s.Update(map[string]any{"c": 3, "b": 2}) }, true, true, 1, `{"a":1,"testcookie":"worked","b":2,"c":3}`},
		{"Update empty", func(s *Session) { s.Update(nil) }, true, true, 1, `{"a":1,"testcookie":"worked"}`},
		{"Keys", func(s *Session) { s.Keys() }, true, false, 1, `{"a":1,"testcookie":"worked"}`},
		{"Values", func(s *Session) { s.Values() }, true, false, 1, `{"a":1,"testcookie":"worked"}`},
		{"Items", func(s *Session) { s.Items() }, true, false, 1, `{"a":1,"testcookie":"worked"}`},
		{"Len", func(s *Session) { s.Len() }, true, false, 1, `{"a":1,"testcookie":"worked"}`},
		{"Map", func(s *Session) { s.Map() }, true, false, 1, `{"a":1,"testcookie":"worked"}`},
		{"Clear does not load", func(s *Session) { s.Clear() }, true, true, 0, `{}`},
		{"MarkModified", func(s *Session) { s.MarkModified() }, false, true, 0, "<not loaded>"},
		{"SetTestCookie", func(s *Session) { s.SetTestCookie() }, true, true, 1, `{"a":1,"testcookie":"worked"}`},
		{"TestCookieWorked", func(s *Session) { s.TestCookieWorked() }, true, false, 1, `{"a":1,"testcookie":"worked"}`},
		{"DeleteTestCookie", func(s *Session) { s.DeleteTestCookie() }, true, true, 1, `{"a":1}`},
		{"SetExpiry", func(s *Session) { s.SetExpiry(60) }, true, true, 1, `{"a":1,"testcookie":"worked","_session_expiry":60}`},
		{"SetExpiry nil absent", func(s *Session) { s.SetExpiry(nil) }, true, false, 1, `{"a":1,"testcookie":"worked"}`},
		{"ExpiryAge", func(s *Session) { s.ExpiryAge() }, true, false, 1, `{"a":1,"testcookie":"worked"}`},
		{"ExpireAtBrowserClose", func(s *Session) { s.ExpireAtBrowserClose() }, true, false, 1, `{"a":1,"testcookie":"worked"}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t)
			e.seed(t, key1, `{"a":1,"testcookie":"worked"}`)
			s := e.session(key1)
			tt.op(s)
			if s.Accessed() != tt.accessed || s.Modified() != tt.modified {
				t.Errorf("got accessed=%v modified=%v, want %v, %v", s.Accessed(), s.Modified(), tt.accessed, tt.modified)
			}
			if e.store.loads != tt.loads {
				t.Errorf("loads: got %d, want %d", e.store.loads, tt.loads)
			}
			if got := dataJSON(t, s); got != tt.wantData {
				t.Errorf("data: got %s, want %s", got, tt.wantData)
			}
		})
	}
}

func TestSession_order(t *testing.T) {
	e := newEnv(t)
	e.seed(t, key1, `{"zebra":1,"apple":2,"mango":3}`)
	s := e.session(key1)
	if err := s.Set("banana", 4); err != nil {
		t.Fatal(err)
	}
	wantKeys := []string{"zebra", "apple", "mango", "banana"}
	if got := s.Keys(); !slices.Equal(got, wantKeys) {
		t.Errorf("Keys(): got %v, want %v", got, wantKeys)
	}
	if got, want := s.Values(), []any{int64(1), int64(2), int64(3), 4}; !slices.Equal(got, want) {
		t.Errorf("Values(): got %v, want %v", got, want)
	}
	items := s.Items()
	for i, it := range items {
		if it.Key != wantKeys[i] {
			t.Errorf("Items()[%d].Key: got %q, want %q", i, it.Key, wantKeys[i])
		}
	}
}

func TestSession_Set_rejects(t *testing.T) {
	tests := []struct {
		name string
		v    any
		typ  string
	}{
		{"func", func() {}, "func()"},
		{"chan", make(chan int), "chan int"},
		{"time", time.Now(), "time.Time"},
		{"struct", struct{ A int }{1}, "struct"},
		{"complex", complex(1, 2), "complex128"},
		{"NaN", math.NaN(), "float64"},
		{"Inf", math.Inf(1), "float64"},
		{"nested func", map[string]any{"f": func() {}}, "map[string]interface {}"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t)
			s := e.session("")
			err := s.Set("mykey", tt.v)
			if err == nil {
				t.Fatalf("Set(%T): got nil error, want one", tt.v)
			}
			if msg := err.Error(); !strings.Contains(msg, `"mykey"`) || !strings.Contains(msg, tt.typ) {
				t.Errorf("error %q: want it to name the key \"mykey\" and the type %s", msg, tt.typ)
			}
			if s.Has("mykey") || s.Modified() {
				t.Errorf("after a rejected Set: got stored=%v modified=%v, want false, false", s.Has("mykey"), s.Modified())
			}
		})
	}
}

func TestSession_Set_accepts(t *testing.T) {
	d := signing.NewDict()
	d.Set("x", "y")
	values := []any{nil, "s", true, 1, int8(-1), uint64(1 << 63), 1.5, float32(2.5),
		json.Number("12345678901234567890"), []string{"a"}, []any{1, "b"},
		map[string]any{"k": []any{1}}, d}
	e := newEnv(t)
	s := e.session("")
	for i, v := range values {
		if err := s.Set(string(rune('a'+i)), v); err != nil {
			t.Errorf("Set(%T): %v", v, err)
		}
	}
	if err := s.Save(t.Context()); err != nil {
		t.Fatalf("Save: %v", err)
	}
}

func TestSession_Update_atomic(t *testing.T) {
	e := newEnv(t)
	e.seed(t, key1, `{"a":1}`)
	s := e.session(key1)
	err := s.Update(map[string]any{"b": 2, "c": func() {}})
	if err == nil || !strings.Contains(err.Error(), `"c"`) {
		t.Fatalf("Update: got %v, want an error naming \"c\"", err)
	}
	if got := dataJSON(t, s); got != `{"a":1}` || s.Modified() {
		t.Errorf("after a failed Update: got %s modified=%v, want {\"a\":1} unmodified", got, s.Modified())
	}
}

func TestSession_SetDefault(t *testing.T) {
	e := newEnv(t)
	s := e.session("")
	if v, err := s.SetDefault("a", "first"); err != nil || v != "first" {
		t.Errorf("SetDefault on absent key: got %v, %v, want first, nil", v, err)
	}
	if v, err := s.SetDefault("a", "second"); err != nil || v != "first" {
		t.Errorf("SetDefault on present key: got %v, %v, want first, nil", v, err)
	}
	if _, err := s.SetDefault("f", func() {}); err == nil {
		t.Errorf("SetDefault(func): got nil error, want one")
	}
}

func TestSession_Map(t *testing.T) {
	e := newEnv(t)
	e.seed(t, key1, `{"a":1,"b":"x"}`)
	s := e.session(key1)
	m := s.Map()
	if len(m) != 2 || m["a"] != int64(1) || m["b"] != "x" {
		t.Fatalf("Map(): got %v, want map[a:1 b:x]", m)
	}
	m["c"] = 3
	delete(m, "a")
	if s.Len() != 2 || !s.Has("a") || s.Has("c") {
		t.Errorf("changing the Map() result changed the session: got %s", dataJSON(t, s))
	}
}

func TestSession_testCookie(t *testing.T) {
	e := newEnv(t)
	s := e.session("")
	if s.TestCookieWorked() {
		t.Errorf("TestCookieWorked before SetTestCookie: got true, want false")
	}
	s.SetTestCookie()
	if err := s.Save(t.Context()); err != nil {
		t.Fatal(err)
	}
	next := e.session(s.Key())
	if !next.TestCookieWorked() {
		t.Errorf("TestCookieWorked on the next request: got false, want true")
	}
	next.DeleteTestCookie()
	if next.TestCookieWorked() || !next.Modified() {
		t.Errorf("after DeleteTestCookie: got worked=%v modified=%v, want false, true", next.TestCookieWorked(), next.Modified())
	}
	if got := e.stored(t, s.Key()); got != `{"testcookie":"worked"}` {
		t.Errorf("stored: got %s, want Django's {\"testcookie\":\"worked\"}", got)
	}
}
