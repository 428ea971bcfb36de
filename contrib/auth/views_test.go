package auth_test

import (
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/manouche-go/manouche/contrib/auth"
	"github.com/manouche-go/manouche/contrib/auth/hashers"
	"github.com/manouche-go/manouche/framework/settings"
)

// counting is a pbkdf2_sha256 hasher (1000 iterations) that counts its
// runs, to tell which requests hash.
type counting struct {
	*hashers.PBKDF2
	runs atomic.Int64
}

func (c *counting) Encode(pw string) (string, error) { c.runs.Add(1); return c.PBKDF2.Encode(pw) }
func (c *counting) Verify(pw, enc string) bool       { c.runs.Add(1); return c.PBKDF2.Verify(pw, enc) }

var countingHasher = &counting{PBKDF2: hashers.NewPBKDF2SHA256(testIterations)}

func init() {
	hashers.Register(func(hashers.Options) hashers.Hasher { return countingHasher }, "authtest.CountingHasher")
}

func TestLoginView_flow(t *testing.T) {
	ts := newSite(t, nil)
	ts.user(t, "alice", "s3cret-password")
	c := ts.NewClient(t)
	if got := c.Get("/whoami/").Body; got != "anonymous" {
		t.Fatalf("before login: %q", got)
	}
	form := c.Get("/login/?next=/private/")
	if form.StatusCode != 200 || !strings.Contains(form.Body, `name="username"`) || !strings.Contains(form.Body, `name="next" value="/private/"`) {
		t.Fatalf("GET /login/: %d %q", form.StatusCode, form.Body)
	}
	resp := ts.login(t, c, "alice", "s3cret-password")
	if loc := resp.Header.Get("Location"); loc != "/accounts/profile/" {
		t.Errorf("redirect to %q, want LOGIN_REDIRECT_URL /accounts/profile/", loc)
	}
	if got := c.Get("/whoami/").Body; got != "alice" {
		t.Errorf("after login: %q, want alice", got)
	}
	if got := c.Get("/page/").Body; got != "[alice|true|false]" {
		t.Errorf("template: %q", got)
	}
	if r := c.Get("/logout/"); r.StatusCode != http.StatusMethodNotAllowed || r.Header.Get("Allow") != "POST" {
		t.Errorf("GET /logout/: %d Allow %q, want 405 POST", r.StatusCode, r.Header.Get("Allow"))
	}
	if got := c.Get("/whoami/").Body; got != "alice" {
		t.Errorf("a GET of /logout/ logged out: %q", got)
	}
	out := c.Post("/logout/", url.Values{})
	if out.StatusCode != 200 || !strings.Contains(out.Body, "Logged out") || !strings.Contains(out.Body, `href="/accounts/login/"`) {
		t.Errorf("POST /logout/: %d %q", out.StatusCode, out.Body)
	}
	if got := c.Get("/whoami/").Body; got != "anonymous" {
		t.Errorf("after logout: %q", got)
	}
	if got := c.Get("/page/").Body; got != "[|false|false]" {
		t.Errorf("anonymous template: %q", got)
	}
}

// TestLoginView_next checks which "next" values a login follows: only
// same-host relative ones, as Django's url_has_allowed_host_and_scheme.
func TestLoginView_next(t *testing.T) {
	ts := newSite(t, nil)
	ts.user(t, "alice", "pw-alice-1")
	host := strings.TrimPrefix(ts.URL, "http://")
	tests := []struct{ next, want string }{
		{"/private/", "/private/"},
		{"/shop/?page=2&sort=name", "/shop/?page=2&sort=name"},
		{"http://" + host + "/private/", "http://" + host + "/private/"},
		{"//evil.example", "/accounts/profile/"},
		{"https://evil.example", "/accounts/profile/"},
		{"http://evil.example/x", "/accounts/profile/"},
		{`\\evil`, "/accounts/profile/"},
		{`/\evil.example`, "/accounts/profile/"},
		{"///evil.example", "/accounts/profile/"},
		{"javascript:alert(1)", "/accounts/profile/"},
		{"/\t/evil.example", "/accounts/profile/"},
		{"", "/accounts/profile/"},
	}
	for _, tt := range tests {
		c := ts.NewClient(t)
		resp := c.Post("/login/", url.Values{"username": {"alice"}, "password": {"pw-alice-1"}, "next": {tt.next}})
		if loc := resp.Header.Get("Location"); resp.StatusCode != http.StatusFound || loc != tt.want {
			t.Errorf("next %q: %d to %q, want 302 to %q", tt.next, resp.StatusCode, loc, tt.want)
		}
		resp = c.Post("/logout/", url.Values{"next": {tt.next}})
		if want := strings.Replace(tt.want, "/accounts/profile/", "", 1); want == "" && resp.StatusCode != 200 ||
			want != "" && resp.Header.Get("Location") != want {
			t.Errorf("logout next %q: %d to %q", tt.next, resp.StatusCode, resp.Header.Get("Location"))
		}
	}
}

// TestLoginView_badInput sends what a login must refuse: each gets the
// form again with its message, no session is created, and the hasher runs
// as often as a wrong password makes it (once), or never when the input is
// refused before hashing.
func TestLoginView_badInput(t *testing.T) {
	ts := newSite(t, func(s *settings.Settings) { s.PasswordHashers = []string{"authtest.CountingHasher"} })
	ts.user(t, "alice", "pw-alice-1")
	carol := ts.user(t, "carol", "pw-carol-1")
	ts.db.Model(carol).Update("is_active", false)
	invalid := "Please enter a correct username and password. Note that both fields may be case-sensitive."
	tests := []struct {
		name, username, password, message string
		runs                              int64
	}{
		{"wrong password", "alice", "nope", invalid, 1},
		{"unknown user", "mallory", "pw-alice-1", invalid, 1},
		{"inactive user", "carol", "pw-carol-1", invalid, 1},
		{"case differs", "Alice", "pw-alice-1", invalid, 1},
		{"151-character username", strings.Repeat("a", 151), "pw-alice-1", "Ensure this value has at most 150 characters (it has 151).", 0},
		{"1 MiB password", "alice", strings.Repeat("p", 1<<20), invalid, 0},
		{"empty username", "", "pw", "This field is required.", 0},
		{"empty password", "alice", "", "This field is required.", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := ts.NewClient(t)
			before := countingHasher.runs.Load()
			resp := c.Post("/login/", url.Values{"username": {tt.username}, "password": {tt.password}})
			if resp.StatusCode != 200 || !strings.Contains(resp.Body, tt.message) {
				t.Errorf("got %d, want 200 with %q in %.300q", resp.StatusCode, tt.message, resp.Body)
			}
			if runs := countingHasher.runs.Load() - before; runs != tt.runs {
				t.Errorf("the hasher ran %d times, want %d", runs, tt.runs)
			}
			if _, ok := resp.SetCookie("sessionid"); ok {
				t.Error("a refused login set a session cookie")
			}
			if strings.Contains(resp.Body, tt.password) && len(tt.password) > 3 {
				t.Error("the password is shown back")
			}
			if c.Get("/whoami/").Body != "anonymous" {
				t.Error("a refused login logged in")
			}
		})
	}
	var n int64
	ts.db.Table("django_session").Count(&n)
	if n != 0 {
		t.Errorf("refused logins left %d sessions", n)
	}
}

func TestLoginRequired(t *testing.T) {
	ts := newSite(t, nil)
	ts.user(t, "alice", "pw-alice-1")
	c := ts.NewClient(t)
	for path, want := range map[string]string{
		"/private/":             "/accounts/login/?next=/private/",
		"/private/?a=1&b=x%20y": "/accounts/login/?next=/private/%3Fa%3D1%26b%3Dx%2520y",
		"/staff/":               "/accounts/login/?next=/staff/",
		"/password/":            "/accounts/login/?next=/password/",
		"/password/done/":       "/accounts/login/?next=/password/done/",
	} {
		resp := c.Get(path)
		if resp.StatusCode != http.StatusFound || resp.Header.Get("Location") != want {
			t.Errorf("anonymous GET %s: %d to %q, want 302 to %q", path, resp.StatusCode, resp.Header.Get("Location"), want)
		}
	}
	ts.login(t, c, "alice", "pw-alice-1")
	if got := c.Get("/private/"); got.StatusCode != 200 || got.Body != "alice" {
		t.Errorf("logged in GET /private/: %d %q", got.StatusCode, got.Body)
	}
	if got := c.Get("/staff/"); got.StatusCode != http.StatusForbidden {
		t.Errorf("GET /staff/ without auth.view_user: %d, want 403", got.StatusCode)
	}
}

func TestRedirectToLogin(t *testing.T) {
	tests := []struct{ next, login, want string }{
		{"/accounts/profile/", "/accounts/login/", "/accounts/login/?next=/accounts/profile/"},
		{"/a/?x=1", "/login/?lang=fr", "/login/?lang=fr&next=/a/%3Fx%3D1"},
		{"/é/", "https://sso.example/login/", "https://sso.example/login/?next=/%C3%A9/"},
	}
	for _, tt := range tests {
		if got, err := auth.RedirectToLogin(tt.next, tt.login); err != nil || got != tt.want {
			t.Errorf("RedirectToLogin(%q, %q) = %q, %v, want %q", tt.next, tt.login, got, err, tt.want)
		}
	}
}

func TestPasswordChangeView(t *testing.T) {
	ts := newSite(t, func(s *settings.Settings) {
		s.AuthPasswordValidators = []settings.PasswordValidator{
			{Name: "django.contrib.auth.password_validation.MinimumLengthValidator"},
			{Name: "django.contrib.auth.password_validation.CommonPasswordValidator"},
		}
	})
	ts.user(t, "alice", "old-password-1")
	c := ts.NewClient(t)
	ts.login(t, c, "alice", "old-password-1")
	form := c.Get("/password/")
	if form.StatusCode != 200 || !strings.Contains(form.Body, "Your password must contain at least 8 characters.") {
		t.Fatalf("GET /password/: %d %q", form.StatusCode, form.Body)
	}
	tests := []struct {
		name, old, p1, p2, want string
	}{
		{"wrong old password", "nope", "brand-new-pass", "brand-new-pass", "Your old password was entered incorrectly. Please enter it again."},
		{"mismatch", "old-password-1", "brand-new-pass", "brand-new-pasS", "The two password fields didn’t match."},
		{"too short and common", "old-password-1", "qwerty", "qwerty", "This password is too short. It must contain at least 8 characters."},
		{"common", "old-password-1", "password123", "password123", "This password is too common."},
		{"missing", "old-password-1", "", "", "This field is required."},
	}
	for _, tt := range tests {
		resp := c.Post("/password/", url.Values{"old_password": {tt.old}, "new_password1": {tt.p1}, "new_password2": {tt.p2}})
		if resp.StatusCode != 200 || !strings.Contains(resp.Body, tt.want) {
			t.Errorf("%s: %d, want 200 with %q", tt.name, resp.StatusCode, tt.want)
		}
	}
	if c.Get("/whoami/").Body != "alice" {
		t.Fatal("refused changes logged the user out")
	}
	resp := c.Post("/password/", url.Values{"old_password": {"old-password-1"}, "new_password1": {"brand-new-pass"}, "new_password2": {"brand-new-pass"}})
	if resp.StatusCode != http.StatusFound || resp.Header.Get("Location") != "/password/done/" {
		t.Fatalf("valid change: %d to %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	if done := c.Get("/password/done/"); !strings.Contains(done.Body, "Your password was changed.") {
		t.Errorf("done page: %q", done.Body)
	}
	ok, err := auth.CheckPassword(ts.ctx, mustUser(t, ts, "alice"), "brand-new-pass")
	if !ok || err != nil {
		t.Errorf("the new password does not check: %v %v", ok, err)
	}
}

func mustUser(t *testing.T, ts *testSite, username string) *auth.User {
	t.Helper()
	var u auth.User
	if err := ts.db.Where("username = ?", username).First(&u).Error; err != nil {
		t.Fatal(err)
	}
	return &u
}

// TestTemplates_override: a project's templates/registration/login.html
// replaces auth's.
func TestTemplates_override(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "registration"), 0o700)
	os.WriteFile(filepath.Join(dir, "registration", "login.html"), []byte(`custom login << len (.Form.Errors "") >>`), 0o600)
	ts := newSite(t, func(s *settings.Settings) { s.Templates.Dirs = []string{dir} })
	if got := ts.NewClient(t).Get("/login/").Body; got != "custom login 0" {
		t.Errorf("login page: %q, want the project's template", got)
	}
}
