package filestore

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/manouche-go/manouche/framework/session"
	"github.com/manouche-go/manouche/framework/signing"
)

// encoded returns session data holding _session_expiry = v (none if nil).
func encoded(t *testing.T, v any) string {
	t.Helper()
	d := signing.NewDict()
	d.Set("cat", "dog")
	if v != nil {
		d.Set("_session_expiry", v)
	}
	s, err := newCodec(t).Encode(d, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestExpiryRules(t *testing.T) {
	now := time.Date(2023, 11, 14, 22, 13, 20, 0, time.UTC)
	fresh, stale := now, now.Add(-session.DefaultCookieAge)
	tests := []struct {
		name  string
		data  string
		mtime time.Time
		want  bool // loaded
	}{
		{"no expiry, recent file", encoded(t, nil), fresh, true},
		{"no expiry, more than a whole second left", encoded(t, nil), stale.Add(time.Second), true},
		{"no expiry, less than a second left", encoded(t, nil), stale.Add(999 * time.Millisecond), false},
		{"no expiry, old file", encoded(t, nil), stale.Add(-time.Hour), false},
		// Stricter than Django, which never expires these: a positive
		// number of seconds follows the mtime rule that Save sets up.
		{"positive int, fresh mtime", encoded(t, 300), fresh, true},
		{"positive int, stale mtime expires", encoded(t, 300), stale.Add(-time.Hour), false},
		{"negative int expires at once", encoded(t, -1), fresh, false},
		{"huge int, stale mtime", encoded(t, json.Number("12345678901234567890")), stale.Add(-time.Hour), false},
		{"huge int, fresh mtime", encoded(t, json.Number("12345678901234567890")), fresh, true},
		{"huge negative int", encoded(t, json.Number("-12345678901234567890")), fresh, false},
		{"positive float, stale mtime", encoded(t, 0.5), stale.Add(-time.Hour), false},
		{"true is 1, fresh mtime", encoded(t, true), fresh, true},
		{"zero int falls back to mtime", encoded(t, 0), stale.Add(-time.Hour), false},
		{"future ISO date", encoded(t, "2023-11-14T23:13:20+00:00"), stale.Add(-time.Hour), true},
		{"future ISO date, other offset", encoded(t, "2023-11-14T23:13:20.5+01:00"), fresh, false},
		{"past ISO date", encoded(t, "2023-11-14T22:13:19.000001+00:00"), fresh, false},
		{"unparsable date", encoded(t, "tomorrow"), fresh, false},
		{"empty string falls back to mtime", encoded(t, ""), fresh, true},
		{"empty file", "", fresh, true},
		{"corrupt data uses mtime", "not:signed:data", fresh, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "sessionid"+key)
			os.WriteFile(path, []byte(tt.data), 0o600)
			os.Chtimes(path, tt.mtime, tt.mtime)
			s := newStore(t, Options{Dir: dir, Now: func() time.Time { return now }})
			got, err := s.Load(t.Context(), key)
			if tt.want && (err != nil || got != tt.data) {
				t.Errorf("got %v, want the data loaded", err)
			}
			if !tt.want {
				if !errors.Is(err, session.ErrNotFound) {
					t.Errorf("got %v, want ErrNotFound", err)
				}
				if _, err := os.Stat(path); !errors.Is(err, os.ErrNotExist) {
					t.Errorf("got the expired file still present (%v), want it deleted", err)
				}
			}
		})
	}
}

func TestClearExpiredSkipsForeignFiles(t *testing.T) {
	dir := t.TempDir()
	now := time.Now()
	s := newStore(t, Options{Dir: dir})
	old := now.Add(-2 * session.DefaultCookieAge)
	for _, name := range []string{"sessionid" + key + "_out_123", "otherfile", "sessionidUPPER", "sessionid"} {
		p := filepath.Join(dir, name)
		os.WriteFile(p, []byte("x"), 0o600)
		os.Chtimes(p, old, old)
	}
	os.Mkdir(filepath.Join(dir, "sessionidsubdir"), 0o700)
	os.Chtimes(filepath.Join(dir, "sessionidsubdir"), old, old)
	s.Create(t.Context(), "expired00000000000000000000000000", "x", now.Add(-time.Minute))
	s.Create(t.Context(), "live0000000000000000000000000000", "x", now.Add(time.Minute))
	if err := s.ClearExpired(t.Context()); err != nil {
		t.Fatal(err)
	}
	want := []string{"otherfile", "sessionid", "sessionidUPPER", "sessionid" + key + "_out_123",
		"sessionidlive0000000000000000000000000000", "sessionidsubdir"}
	if got := listing(t, dir); !slices.Equal(got, want) {
		t.Errorf("got %q after ClearExpired, want %q", got, want)
	}
}
