package auth_test

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"path/filepath"
	"testing"

	"github.com/manouche-go/manouche/contrib/auth"
	"github.com/manouche-go/manouche/framework/settings"
	"github.com/manouche-go/manouche/framework/sitetest"
)

// engines are the server-side engines LogoutEverywhere works on; cache and
// cached_db also run on Redis, which a command can reach.
var engines = []struct {
	name, engine string
	redis        bool
}{
	{"db", "db", false},
	{"file", "file", false},
	{"cache", "cache", false},
	{"cached_db", "cached_db", false},
	{"cache/redis", "cache", true},
	{"cached_db/redis", "cached_db", true},
}

func engineSettings(t *testing.T, engine string, redis bool) func(*settings.Settings) {
	return func(s *settings.Settings) {
		s.SessionEngine = engine
		if redis {
			var b [6]byte
			rand.Read(b[:])
			s.Caches["default"] = settings.Cache{Backend: "redis", Location: sitetest.ServiceURL(t, "MANOUCHE_TEST_REDIS_URL"),
				KeyPrefix: "authtest-" + hex.EncodeToString(b[:])}
		}
	}
}

// TestLogoutEverywhere logs alice in three times and bob once, on each
// engine, then ends alice's other sessions from one of hers, then all of
// them, and checks that only hers end and that the index follows.
func TestLogoutEverywhere(t *testing.T) {
	for _, e := range engines {
		t.Run(e.name, func(t *testing.T) {
			ts := newSite(t, engineSettings(t, e.engine, e.redis))
			ts.user(t, "alice", "pw-alice-1")
			ts.user(t, "bob", "pw-bob-1")
			a1, a2, a3, b := ts.NewClient(t), ts.NewClient(t), ts.NewClient(t), ts.NewClient(t)
			for _, c := range []*sitetest.Client{a1, a2, a3} {
				ts.login(t, c, "alice", "pw-alice-1")
			}
			ts.login(t, b, "bob", "pw-bob-1")
			if got := indexed(t, ts, "alice"); got != 3 {
				t.Fatalf("index holds %d sessions of alice, want 3", got)
			}
			if got := a1.Get("/sessions/").Body; got != "3 current=1" {
				t.Errorf("sessions: %q", got)
			}
			if got := a1.Post("/others/", nil).Body; got != "2" {
				t.Errorf("LogoutOthers ended %q sessions, want 2", got)
			}
			expect(t, map[*sitetest.Client]string{a1: "alice", a2: "anonymous", a3: "anonymous", b: "bob"})
			if got := indexed(t, ts, "alice"); got != 1 {
				t.Errorf("index holds %d sessions of alice after LogoutOthers, want 1", got)
			}
			ts.login(t, a2, "alice", "pw-alice-1")
			if got := a2.Post("/everywhere/", nil).Body; got != "2" {
				t.Errorf("LogoutEverywhere ended %q sessions, want 2", got)
			}
			expect(t, map[*sitetest.Client]string{a1: "anonymous", a2: "anonymous", b: "bob"})
			if got := indexed(t, ts, "alice"); got != 0 {
				t.Errorf("index holds %d sessions of alice, want 0", got)
			}
			if !e.redis && e.engine != "db" && e.engine != "file" {
				return
			}
			ts.login(t, a3, "alice", "pw-alice-1")
			n, err := auth.LogoutEverywhere(ts.ctx, mustUser(t, ts, "alice"))
			if n != 1 || err != nil {
				t.Errorf("LogoutEverywhere outside a request: %d, %v; want 1", n, err)
			}
			expect(t, map[*sitetest.Client]string{a3: "anonymous", b: "bob"})
		})
	}
}

// TestLogoutEverywhere_unreachable: outside the server, sessions in its
// locmem cache cannot be ended, and signed cookies never can.
func TestLogoutEverywhere_unreachable(t *testing.T) {
	for _, engine := range []string{"cache", "cached_db"} {
		ts := newSite(t, func(s *settings.Settings) { s.SessionEngine = engine })
		alice := ts.user(t, "alice", "pw-alice-1")
		if _, err := auth.LogoutEverywhere(ts.ctx, alice); !errors.Is(err, auth.ErrUnreachable) {
			t.Errorf("%s on locmem: got %v, want ErrUnreachable", engine, err)
		}
	}
	ts := newSite(t, func(s *settings.Settings) { s.SessionEngine = "signed_cookies" })
	alice := ts.user(t, "alice", "pw-alice-1")
	c := ts.NewClient(t)
	ts.login(t, c, "alice", "pw-alice-1")
	if _, err := auth.LogoutEverywhere(ts.ctx, alice); !errors.Is(err, auth.ErrNotRecallable) {
		t.Errorf("signed_cookies: got %v, want ErrNotRecallable", err)
	}
	if got := c.Get("/sessions/").Body; got != "error: "+auth.ErrNotRecallable.Error() {
		t.Errorf("sessions with signed cookies: %q", got)
	}
	// The documented way out: a new password ends the cookie's login.
	if err := auth.SetPassword(ts.ctx, alice, "pw-alice-2"); err != nil {
		t.Fatal(err)
	}
	if got := c.Get("/whoami/").Body; got != "anonymous" {
		t.Errorf("signed cookie after a password change: %q, want anonymous", got)
	}
}

// TestLogoutEverywhere_twoServers: two servers share the database; a login
// through one is ended by a LogoutEverywhere on the other.
func TestLogoutEverywhere_twoServers(t *testing.T) {
	dir := t.TempDir()
	shared := func(s *settings.Settings) {
		s.Databases["default"] = settings.Database{Engine: "sqlite", Name: filepath.Join(dir, "db.sqlite3")}
	}
	one, two := newSite(t, shared), newSite(t, shared)
	one.user(t, "alice", "pw-alice-1")
	c1, c2 := one.NewClient(t), two.NewClient(t)
	one.login(t, c1, "alice", "pw-alice-1")
	two.login(t, c2, "alice", "pw-alice-1")
	if got := c2.Post("/everywhere/", nil).Body; got != "2" {
		t.Errorf("server two ended %q sessions, want 2", got)
	}
	if got := c1.Get("/whoami/").Body; got != "anonymous" {
		t.Errorf("server one's session after a logout everywhere on server two: %q", got)
	}
}

func indexed(t *testing.T, ts *testSite, username string) int64 {
	t.Helper()
	var n int64
	ts.db.Table("manouche_auth_user_session").Where("user_id = ?", mustUser(t, ts, username).ID).Count(&n)
	return n
}

func expect(t *testing.T, want map[*sitetest.Client]string) {
	t.Helper()
	for c, who := range want {
		if got := c.Get("/whoami/").Body; got != who {
			t.Errorf("a client is %q, want %q", got, who)
		}
	}
}
