package interop

import (
	"context"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// engines are the SESSION_ENGINE values both sides can share.
var engines = []string{"db", "file", "cached_db", "signed_cookies"}

// TestLogin runs, for each engine and direction, the life of a user: made
// by one side's createsuperuser, logged in on the other, seen by both,
// logged out by either, its other sessions ended by a password change on
// either side, and its password never re-hashed.
func TestLogin(t *testing.T) {
	requireDjango(t)
	for _, engine := range engines {
		t.Run(engine, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			st := storage{engine: engine, database: filepath.Join(dir, "db.sqlite3"), files: filepath.Join(dir, "sessions")}
			if err := os.MkdirAll(st.files, 0o700); err != nil {
				t.Fatal(err)
			}
			if out, err := djangoSite(st).Manage(context.Background(), "migrate"); err != nil {
				t.Fatalf("Django's migrate: %v\n%s", err, out)
			}
			if out, err := manoucheManage(t, st, nil, "migrate"); err != nil {
				t.Fatalf("manouche's migrate: %v\n%s", err, out)
			}
			srv, err := djangoSite(st).Start()
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(srv.Stop)
			dj, mn := side{"django", srv.URL}, side{"manouche", manoucheSite(t, st).URL}
			for _, d := range [][2]side{{dj, mn}, {mn, dj}} {
				t.Run(d[0].name+"_to_"+d[1].name, func(t *testing.T) { lifeOfAUser(t, st, d[0], d[1]) })
			}
		})
	}
}

// lifeOfAUser: a makes the user; b logs it in.
func lifeOfAUser(t *testing.T, st storage, a, b side) {
	username := a.name + "_made_" + strings.ReplaceAll(st.engine, "_", "")
	createSuperuser(t, st, a, username, "first-Passw0rd")
	hash := passwordField(t, st, username)

	one := &browser{t: t}
	if got := one.login(b, username, "first-Passw0rd"); got != username {
		t.Fatalf("a user made by %s does not log in on %s: %q", a.name, b.name, got)
	}
	for _, s := range []side{a, b} {
		if got := one.whoami(s); got != username {
			t.Errorf("logged in on %s, %s sees %q", b.name, s.name, got)
		}
	}
	if got := passwordField(t, st, username); got != hash {
		t.Errorf("the login on %s re-hashed the password: %q became %q", b.name, hash, got)
	}
	one.do(a, "POST", "/logout/", nil)
	for _, s := range []side{a, b} {
		if got := one.whoami(s); got != "" {
			t.Errorf("logged out on %s, %s still sees %q", a.name, s.name, got)
		}
	}

	// Two browsers log in, one on each side; the second changes the
	// password on one side: the first is logged out on both sides.
	two := &browser{t: t}
	one.login(a, username, "first-Passw0rd")
	two.login(b, username, "first-Passw0rd")
	if got := passwordField(t, st, username); got != hash {
		t.Errorf("a login re-hashed the password: %q became %q", hash, got)
	}
	for _, changer := range []side{b, a} {
		pw := "changed-on-" + changer.name
		if got := two.do(changer, "POST", "/password/", url.Values{"password": {pw}}); got != username {
			t.Fatalf("password change on %s: %q", changer.name, got)
		}
		for _, s := range []side{a, b} {
			if got := two.whoami(s); got != username {
				t.Errorf("the session that changed the password on %s is %q on %s", changer.name, got, s.name)
			}
			if got := one.whoami(s); got != "" {
				t.Errorf("a password change on %s left the other session logged in on %s", changer.name, s.name)
			}
		}
		if got := one.login(a, username, pw); got != username {
			t.Errorf("the password changed on %s does not log in on %s", changer.name, a.name)
		}
	}
}

// createSuperuser runs s's createsuperuser --noinput.
func createSuperuser(t *testing.T, st storage, s side, username, password string) {
	t.Helper()
	args := []string{"createsuperuser", "--noinput", "--username", username, "--email", username + "@example.com"}
	var out string
	var err error
	if s.name == "django" {
		d := djangoSite(st)
		d.Env = append(d.Env, "DJANGO_SUPERUSER_PASSWORD="+password)
		out, err = d.Manage(context.Background(), args...)
	} else {
		out, err = manoucheManage(t, st, []string{"MANOUCHE_SUPERUSER_PASSWORD=" + password}, args...)
	}
	if err != nil || !strings.Contains(out, "Superuser created successfully.") {
		t.Fatalf("%s createsuperuser: %v\n%s", s.name, err, out)
	}
}

// passwordField reads the user's auth_user.password.
func passwordField(t *testing.T, st storage, username string) string {
	t.Helper()
	g := openDB(t, st.database)
	var pw string
	if err := g.Raw("SELECT password FROM auth_user WHERE username = ?", username).Scan(&pw).Error; err != nil || pw == "" {
		t.Fatalf("password of %s: %q, %v", username, pw, err)
	}
	return pw
}
