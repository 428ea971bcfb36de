package session

import (
	"context"
	"testing"

	"github.com/manouche-go/manouche/framework/signing"
)

// cookieEnv is a Config over fakeCookies (the signed_cookies path).
func cookieEnv(t *testing.T) *Config {
	t.Helper()
	e := newEnv(t)
	e.cfg.Store, e.cfg.Codec, e.cfg.Cookie = nil, nil, fakeCookies{}
	return e.cfg
}

// cookieFor returns the fake cookie holding the JSON object js.
func cookieFor(t *testing.T, js string) string {
	t.Helper()
	d, err := signing.UnmarshalDict([]byte(js))
	if err != nil {
		t.Fatal(err)
	}
	v, err := fakeCookies{}.EncodeCookie(d, frozen)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func TestSession_cookieEngine_load(t *testing.T) {
	tests := []struct {
		name, cookie string
		wantData     string
		wantModified bool
	}{
		{"valid cookie", "", `{"a":1}`, false},
		{"bad cookie: empty and modified, key kept", "not-a-fake-cookie", `{}`, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cookie := tt.cookie
			if cookie == "" {
				cookie = cookieFor(t, `{"a":1}`)
			}
			s := New(context.Background(), cookieEnv(t), cookie)
			s.Has("a")
			if got := dataJSON(t, s); got != tt.wantData || s.Modified() != tt.wantModified {
				t.Errorf("got %s modified=%v, want %s modified=%v", got, s.Modified(), tt.wantData, tt.wantModified)
			}
			if s.Key() != cookie || s.IsEmpty() {
				t.Errorf("got key %q empty=%v, want the cookie kept, not empty", s.Key(), s.IsEmpty())
			}
		})
	}
}

func TestSession_cookieEngine_lifecycle(t *testing.T) {
	cfg := cookieEnv(t)
	s := New(context.Background(), cfg, "")
	s.Set("a", 1)
	if err := s.Save(t.Context()); err != nil {
		t.Fatalf("Save: %v", err)
	}
	if want := cookieFor(t, `{"a":1}`); s.Key() != want || !s.Modified() {
		t.Errorf("after Save: got key %q modified=%v, want %q, true", s.Key(), s.Modified(), want)
	}
	s.Set("b", 2)
	if err := s.CycleKey(); err != nil {
		t.Fatalf("CycleKey: %v", err)
	}
	if want := cookieFor(t, `{"a":1,"b":2}`); s.Key() != want {
		t.Errorf("after CycleKey: got key %q, want %q", s.Key(), want)
	}
	if ok, err := s.Exists(t.Context(), s.Key()); ok || err != nil {
		t.Errorf("Exists: got %v, %v, want false, nil", ok, err)
	}
	if err := s.Flush(); err != nil {
		t.Fatalf("Flush: %v", err)
	}
	if s.Key() != "" || !s.IsEmpty() || !s.Modified() {
		t.Errorf("after Flush: got key %q empty=%v modified=%v, want \"\", true, true", s.Key(), s.IsEmpty(), s.Modified())
	}
	fresh := New(context.Background(), cfg, "")
	if err := fresh.Create(t.Context()); err != nil || !fresh.Modified() || fresh.Key() != "" {
		t.Errorf("Create: got %v modified=%v key=%q, want nil, true, \"\"", err, fresh.Modified(), fresh.Key())
	}
}
