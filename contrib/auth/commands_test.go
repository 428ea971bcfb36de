package auth_test

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/manouche-go/manouche/contrib/auth"
	"github.com/manouche-go/manouche/framework/apps"
	"github.com/manouche-go/manouche/framework/manage"
	"github.com/manouche-go/manouche/framework/settings"
	"github.com/manouche-go/manouche/framework/sitetest"
)

// run runs an auth command of ts's site with input as its standard input
// and environ as its environment, and returns the exit code and outputs.
func (ts *testSite) run(t *testing.T, input string, environ []string, args ...string) (int, string, string) {
	t.Helper()
	a, err := apps.Lookup(auth.Label)
	if err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	env := *ts.Site.Env
	env.Stdin, env.Stdout, env.Stderr, env.Environ = strings.NewReader(input), &stdout, &stderr, append([]string{}, environ...)
	cmds := a.(apps.CommandsProvider).Commands(&env)
	code := manage.Main(context.Background(), args, cmds, &stdout, &stderr)
	return code, stdout.String(), stderr.String()
}

func TestCreatesuperuser_noinput(t *testing.T) {
	ts := newSite(t, nil)
	code, out, errs := ts.run(t, "", []string{"MANOUCHE_SUPERUSER_PASSWORD=pw-admin-1"}, "createsuperuser", "--noinput", "--username", "admin", "--email", "Admin@EXAMPLE.com")
	if code != 0 || out != "Superuser created successfully.\n" {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, out, errs)
	}
	u := mustUser(t, ts, "admin")
	if !u.IsSuperuser || !u.IsStaff || !u.IsActive || u.Email != "Admin@example.com" {
		t.Errorf("user %+v: want an active staff superuser with the domain lower-cased", u)
	}
	c := ts.NewClient(t)
	ts.login(t, c, "admin", "pw-admin-1")

	tests := []struct {
		name    string
		environ []string
		args    []string
		stderr  string
	}{
		{"no username", nil, []string{"--noinput", "--email", "x@example.com"}, "You must use --username with --noinput."},
		{"no email", nil, []string{"--noinput", "--username", "other"}, "You must use --email with --noinput."},
		{"taken", nil, []string{"--noinput", "--username", "admin", "--email", "x@example.com"}, "Error: That username is already taken."},
		{"invalid", nil, []string{"--noinput", "--username", "bad name", "--email", "x@example.com"}, "Enter a valid username."},
		{"too long", nil, []string{"--noinput", "--username", strings.Repeat("u", 151), "--email", "x@example.com"}, "at most 150 characters (it has 151)"},
	}
	for _, tt := range tests {
		code, _, errs := ts.run(t, "", tt.environ, append([]string{"createsuperuser"}, tt.args...)...)
		if code != 1 || !strings.Contains(errs, tt.stderr) {
			t.Errorf("%s: exit %d, stderr %q; want 1 and %q", tt.name, code, errs, tt.stderr)
		}
	}
	code, _, errs = ts.run(t, "", []string{"MANOUCHE_SUPERUSER_USERNAME=second", "MANOUCHE_SUPERUSER_EMAIL=s@example.com"}, "createsuperuser", "--no-input")
	if code != 0 || mustUser(t, ts, "second").HasUsablePassword() {
		t.Errorf("without a password: exit %d %q; want a user with an unusable password", code, errs)
	}
	// A deployment script written for Django sets DJANGO_SUPERUSER_*.
	code, _, errs = ts.run(t, "", []string{"DJANGO_SUPERUSER_USERNAME=djangoist", "DJANGO_SUPERUSER_EMAIL=d@example.com", "DJANGO_SUPERUSER_PASSWORD=pw-django-1"}, "createsuperuser", "--noinput")
	if code != 0 {
		t.Fatalf("with DJANGO_SUPERUSER_*: exit %d, stderr %q", code, errs)
	}
	ts.login(t, ts.NewClient(t), "djangoist", "pw-django-1")
}

func TestCreatesuperuser_interactive(t *testing.T) {
	ts := newSite(t, func(s *settings.Settings) {
		s.AuthPasswordValidators = []settings.PasswordValidator{{Name: "django.contrib.auth.password_validation.MinimumLengthValidator"}}
	})
	ts.user(t, "taken", "pw-taken-1")
	input := strings.Join([]string{
		"taken", // Username: already taken
		"boss",  // Username
		"boss@example.com",
		"one", "two", // passwords differ
		"   ", "   ", // blank
		"short", "short", // too short
		"n", // do not bypass
		"long-enough-1", "long-enough-1",
	}, "\n") + "\n"
	code, out, errs := ts.run(t, input, nil, "createsuperuser")
	if code != 0 {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, out, errs)
	}
	for _, want := range []string{"Error: That username is already taken.", "Error: Your passwords didn't match.",
		"Error: Blank passwords aren't allowed.", "This password is too short. It must contain at least 8 characters."} {
		if !strings.Contains(errs, want) {
			t.Errorf("stderr %q lacks %q", errs, want)
		}
	}
	for _, want := range []string{"Email address: ", "Password: ", "Password (again): ", "Bypass password validation and create user anyway? [y/N]: ", "Superuser created successfully."} {
		if !strings.Contains(out, want) {
			t.Errorf("stdout %q lacks %q", out, want)
		}
	}
	if ok, _ := auth.CheckPassword(ts.ctx, mustUser(t, ts, "boss"), "long-enough-1"); !ok {
		t.Error("the password was not set")
	}
	code, _, errs = ts.run(t, "late\n", nil, "createsuperuser")
	if code != 1 || !strings.Contains(errs, "Operation cancelled.") {
		t.Errorf("input ending early: exit %d, stderr %q", code, errs)
	}
}

func TestChangepassword(t *testing.T) {
	ts := newSite(t, func(s *settings.Settings) {
		s.AuthPasswordValidators = []settings.PasswordValidator{{Name: "django.contrib.auth.password_validation.NumericPasswordValidator"}}
	})
	ts.user(t, "alice", "pw-alice-1")
	c := ts.NewClient(t)
	ts.login(t, c, "alice", "pw-alice-1")
	code, out, errs := ts.run(t, "a\nb\n12345678\n12345678\nnew-pass-1\nnew-pass-1\n", nil, "changepassword", "alice")
	if code != 0 || !strings.Contains(out, "Changing password for user 'alice'") || !strings.Contains(out, "Password changed successfully for user 'alice'") {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, out, errs)
	}
	if !strings.Contains(errs, "Passwords do not match. Please try again.") || !strings.Contains(errs, "This password is entirely numeric.") {
		t.Errorf("stderr %q", errs)
	}
	if got := c.Get("/whoami/").Body; got != "anonymous" {
		t.Errorf("the user's session after changepassword: %q, want anonymous", got)
	}
	code, _, errs = ts.run(t, "a\nb\na\nb\na\nb\n", nil, "changepassword", "alice")
	if code != 1 || !strings.Contains(errs, "Aborting password change for user 'alice' after 3 attempts") {
		t.Errorf("three mismatches: exit %d, stderr %q", code, errs)
	}
	if code, _, errs = ts.run(t, "", nil, "changepassword", "mallory"); code != 1 || !strings.Contains(errs, "user 'mallory' does not exist") {
		t.Errorf("unknown user: exit %d, stderr %q", code, errs)
	}
	if code, _, _ = ts.run(t, "", nil, "changepassword"); code != 2 {
		t.Errorf("no username: exit %d, want 2", code)
	}
}

func TestLogoutUser(t *testing.T) {
	ts := newSite(t, nil)
	ts.user(t, "alice", "pw-alice-1")
	ts.user(t, "bob", "pw-bob-1")
	a1, a2, b := ts.NewClient(t), ts.NewClient(t), ts.NewClient(t)
	ts.login(t, a1, "alice", "pw-alice-1")
	ts.login(t, a2, "alice", "pw-alice-1")
	ts.login(t, b, "bob", "pw-bob-1")
	code, out, errs := ts.run(t, "", nil, "logout_user", "alice")
	if code != 0 || out != "Ended 2 sessions of user 'alice'.\n" {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, out, errs)
	}
	expect(t, map[*sitetest.Client]string{a1: "anonymous", a2: "anonymous", b: "bob"})
	if code, _, errs = ts.run(t, "", nil, "logout_user", "nobody"); code != 1 || !strings.Contains(errs, "does not exist") {
		t.Errorf("unknown user: exit %d %q", code, errs)
	}
	cookies := newSite(t, func(s *settings.Settings) { s.SessionEngine = "signed_cookies" })
	cookies.user(t, "alice", "pw-alice-1")
	if code, _, errs = cookies.run(t, "", nil, "logout_user", "alice"); code != 1 || !strings.Contains(errs, "change the user's password") {
		t.Errorf("signed_cookies: exit %d %q", code, errs)
	}
	local := newSite(t, func(s *settings.Settings) { s.SessionEngine = "cache" })
	local.user(t, "alice", "pw-alice-1")
	if code, _, errs = local.run(t, "", nil, "logout_user", "alice"); code != 1 || !strings.Contains(errs, "locmem") {
		t.Errorf("cache on locmem: exit %d %q", code, errs)
	}
}
