package sessions

import (
	"bytes"
	"context"
	"testing"
	"time"

	"github.com/manouche-go/manouche/framework/session"
)

// noClearEngine is an engine whose store cannot clear expired sessions.
const noClearEngine = "test.noclear"

func init() {
	RegisterEngine(Engine{Name: noClearEngine, New: func(*EngineEnv) (Backend, error) {
		return Backend{Store: noClearStore{}}, nil
	}})
}

// noClearStore is a session.Store without the ExpiredClearer ability.
type noClearStore struct{}

func (noClearStore) Load(context.Context, string) (string, error) {
	return "", session.ErrNotFound
}

func (noClearStore) Create(context.Context, string, string, time.Time) error { return nil }

func (noClearStore) Save(context.Context, string, string, time.Time) error {
	return session.ErrNotFound
}

func (noClearStore) Delete(context.Context, string) error { return nil }

// saveSession stores a new session of cfg, with a custom expiry unless
// expiry is nil, and returns its key.
func saveSession(t *testing.T, cfg *session.Config, expiry any) string {
	t.Helper()
	s := session.New(t.Context(), cfg, "")
	if err := s.Set("foo", "bar"); err != nil {
		t.Fatalf("Set: got %v, want nil", err)
	}
	if err := s.SetExpiry(expiry); err != nil {
		t.Fatalf("SetExpiry: got %v, want nil", err)
	}
	if err := s.Save(t.Context()); err != nil {
		t.Fatalf("Save: got %v, want nil", err)
	}
	return s.Key()
}

// wantRecord checks whether key has a record, expired or not.
func wantRecord(t *testing.T, cfg *session.Config, name, key string, want bool) {
	t.Helper()
	got, err := cfg.Store.(session.Exister).Exists(t.Context(), key)
	if got != want || err != nil {
		t.Errorf("record of the %s session: got %v, %v, want %v, nil", name, got, err, want)
	}
}

// TestClearSessions_removesExpired is Django's test_clearsessions_command:
// expired records linger until clearsessions deletes them, and only them.
func TestClearSessions_removesExpired(t *testing.T) {
	for _, engine := range []string{"db", "cached_db", "file"} {
		t.Run(engine, func(t *testing.T) {
			env := engineEnv(t, engine)
			cfg, _ := engineConfig(t, env)
			past := *cfg
			age := time.Duration(env.Settings.SessionCookieAge) * time.Second
			past.Now = func() time.Time { return time.Now().Add(-age - time.Hour) }
			keys := []struct {
				name, key string
				live      bool
			}{
				{"live", saveSession(t, cfg, 3600), true},
				{"default expiry", saveSession(t, cfg, nil), true},
				{"SetExpiry(-3600)", saveSession(t, cfg, -3600), false},
				{"saved SESSION_COOKIE_AGE ago", saveSession(t, &past, nil), false},
			}
			for _, k := range keys {
				wantRecord(t, cfg, k.name, k.key, true)
			}
			var out bytes.Buffer
			env.Stdout = &out
			if err := clearSessionsCommand(env).Run(t.Context(), nil); err != nil {
				t.Fatalf("clearsessions: got %v, want nil", err)
			}
			for _, k := range keys {
				wantRecord(t, cfg, k.name, k.key, k.live)
			}
			want := map[string]string{"db": "Deleted 2 expired sessions.\n", "cached_db": "Deleted 2 expired sessions.\n"}[engine]
			if out.String() != want {
				t.Errorf("output: got %q, want %q", out.String(), want)
			}
		})
	}
}

// TestClearSessions_selfExpiring checks that engines with nothing to
// clear succeed and say so.
func TestClearSessions_selfExpiring(t *testing.T) {
	for _, tt := range []struct{ engine, name string }{
		{"cache", "cache"},
		{"signed_cookies", "signed_cookies"},
		{"django.contrib.sessions.backends.cache", "cache"},
	} {
		t.Run(tt.engine, func(t *testing.T) {
			env := engineEnv(t, tt.engine)
			var out bytes.Buffer
			env.Stdout = &out
			if err := clearSessionsCommand(env).Run(t.Context(), nil); err != nil {
				t.Fatalf("clearsessions: got %v, want nil", err)
			}
			want := "Session engine '" + tt.name + "' expires sessions by itself; nothing to clear.\n"
			if out.String() != want {
				t.Errorf("output: got %q, want %q", out.String(), want)
			}
		})
	}
}

// TestClearSessions_unsupported is Django's CommandError for a backend
// whose clear_expired raises NotImplementedError.
func TestClearSessions_unsupported(t *testing.T) {
	env := engineEnv(t, noClearEngine)
	err := clearSessionsCommand(env).Run(t.Context(), nil)
	want := "Session engine '" + noClearEngine + "' doesn't support clearing expired sessions."
	if err == nil || err.Error() != want {
		t.Errorf("clearsessions: got %v, want %q", err, want)
	}
}

// TestClearSessions_cookieAgeZero is SESSION_COOKIE_AGE = 0: a session
// without a custom expiry has expired as it is saved, reads as empty, and
// clearsessions removes it (for the file engine too, by its mtime); one
// with a custom expiry lives on.
func TestClearSessions_cookieAgeZero(t *testing.T) {
	for _, engine := range []string{"db", "cached_db", "file"} {
		t.Run(engine, func(t *testing.T) {
			env := engineEnv(t, engine)
			env.Settings.SessionCookieAge = 0
			cfg, _ := engineConfig(t, env)
			gone, live := saveSession(t, cfg, nil), saveSession(t, cfg, 3600)
			if s := session.New(t.Context(), cfg, gone); s.Len() != 0 || s.Key() != "" {
				t.Errorf("session saved with SESSION_COOKIE_AGE 0: got %d values, key kept %v, want an empty session", s.Len(), s.Key() != "")
			}
			if err := clearSessionsCommand(env).Run(t.Context(), nil); err != nil {
				t.Fatalf("clearsessions: got %v, want nil", err)
			}
			wantRecord(t, cfg, "default expiry", gone, false)
			wantRecord(t, cfg, "SetExpiry(3600)", live, true)
		})
	}
}
