package auth_test

import (
	"context"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"net/http"
	"path/filepath"
	"strconv"
	"testing"
	"testing/fstest"

	"gorm.io/gorm"

	"github.com/manouche-go/manouche/contrib/auth"
	"github.com/manouche-go/manouche/contrib/contenttypes"
	"github.com/manouche-go/manouche/contrib/sessions"
	"github.com/manouche-go/manouche/framework"
	"github.com/manouche-go/manouche/framework/apps"
	"github.com/manouche-go/manouche/framework/settings"
	"github.com/manouche-go/manouche/framework/site"
	"github.com/manouche-go/manouche/framework/sitetest"
	"github.com/manouche-go/manouche/framework/urls"
)

// testSecret is SECRET_KEY of the test sites.
const testSecret = "auth-test-secret-key-not-for-production-0123456789abcdef"

// testIterations keeps PBKDF2 fast in tests (PBKDF2_ITERATIONS).
const testIterations = 1000

// testLabel is the INSTALLED_APPS label of testApp.
const testLabel = "authtest.views"

func init() { apps.Register(testApp{}) }

// testApp serves auth's views and small views that report the request's
// user, under the paths the tests use.
type testApp struct{}

func (testApp) Label() string { return testLabel }

func (testApp) URLs() []urls.Pattern {
	return []urls.Pattern{
		urls.Path("/login/", auth.LoginView, "login"),
		urls.Path("/logout/", auth.LogoutView, "logout"),
		urls.Path("/password/", auth.PasswordChangeView, "password_change"),
		urls.Path("/password/done/", auth.PasswordChangeDoneView, "password_change_done"),
		urls.Path("/whoami/", whoami, "whoami"),
		urls.Path("/private/", auth.LoginRequired(whoami), "private"),
		urls.Path("/staff/", auth.PermissionRequired("auth.view_user", whoami), "staff"),
		urls.Path("/page/", page, "page"),
		urls.Path("/plain/", func(*framework.Request) *framework.Response { return framework.Text("plain") }, "plain"),
		urls.Path("/login-as/", loginAs, "login-as"),
		urls.Path("/others/", others, "others"),
		urls.Path("/touch/", touch, "touch"),
		urls.Path("/update-hash/", updateHash, "update-hash"),
		urls.Path("/everywhere/", everywhere, "everywhere"),
		urls.Path("/sessions/", sessionList, "sessions"),
	}
}

// everywhere ends every session of the request's user, its own included.
func everywhere(req *framework.Request) *framework.Response {
	u, err := auth.GetUser(req)
	if err != nil || u == nil {
		return framework.ServerError(req, fmt.Errorf("no user: %v", err))
	}
	n, err := auth.LogoutEverywhere(req.HTTP.Context(), u)
	if err != nil {
		return framework.ServerError(req, err)
	}
	return framework.Text(fmt.Sprint(n))
}

// sessionList answers "N current=B" for the user's active sessions.
func sessionList(req *framework.Request) *framework.Response {
	list, err := auth.Sessions(req)
	if err != nil {
		return framework.Text("error: " + err.Error())
	}
	current := 0
	for _, s := range list {
		if s.Current {
			current++
		}
	}
	return framework.Text(fmt.Sprintf("%d current=%d", len(list), current))
}

// updateHash stores ?password= as the user's password field, as a
// password change would, then keeps the session logged in.
func updateHash(req *framework.Request) *framework.Response {
	u, err := auth.GetUser(req)
	if err != nil || u == nil {
		return framework.ServerError(req, fmt.Errorf("no user: %v", err))
	}
	cfg, _ := auth.ConfigFrom(req.HTTP.Context())
	g, _ := cfg.DB(req.HTTP.Context())
	u.Password = req.GET.Get("password")
	if err := g.Model(&auth.User{}).Where("id = ?", u.ID).Update("password", u.Password).Error; err != nil {
		return framework.ServerError(req, err)
	}
	if err := auth.UpdateSessionAuthHash(req, u); err != nil {
		return framework.ServerError(req, err)
	}
	return framework.Text("updated")
}

// whoami answers the request's username, or "anonymous".
func whoami(req *framework.Request) *framework.Response {
	if !req.User.IsAuthenticated() {
		return framework.Text("anonymous")
	}
	return framework.Text(req.User.GetUsername())
}

// page renders the user through the template engine.
func page(req *framework.Request) *framework.Response {
	return framework.Render(req, "page.html", nil)
}

// loginAs logs in the user of ?id= without a password, as a view that
// trusts another authentication would.
func loginAs(req *framework.Request) *framework.Response {
	id, _ := strconv.ParseInt(req.GET.Get("id"), 10, 64)
	cfg, err := auth.ConfigFrom(req.HTTP.Context())
	if err != nil {
		return framework.ServerError(req, err)
	}
	g, err := cfg.DB(req.HTTP.Context())
	if err != nil {
		return framework.ServerError(req, err)
	}
	var u auth.User
	if err := g.First(&u, id).Error; err != nil {
		return framework.NotFound(req, err.Error())
	}
	if err := auth.Login(req, &u); err != nil {
		return framework.ServerError(req, err)
	}
	return framework.Text("logged in as " + u.Username)
}

// others ends the user's other sessions.
func others(req *framework.Request) *framework.Response {
	n, err := auth.LogoutOthers(req)
	if err != nil {
		return framework.ServerError(req, err)
	}
	return framework.Text(fmt.Sprint(n))
}

// touch writes to the session, which saves it.
func touch(req *framework.Request) *framework.Response {
	n, _ := req.Session.GetInt("touches")
	if err := req.Session.Set("touches", n+1); err != nil {
		return framework.ServerError(req, err)
	}
	return whoami(req)
}

var templatesFS = fstest.MapFS{
	"base.html": {Data: []byte(`<title><< template "title" . >></title><main><< template "content" . >></main>`)},
	"page.html": {Data: []byte(`[<< .Request.User.Username >>|<< .Request.User.IsAuthenticated >>|<< .Request.User.IsStaff >>]`)},
}

func (testApp) Templates() fs.FS { return templatesFS }

// testSettings are the settings of a test site with contenttypes, auth and
// sessions on a SQLite file in dir.
func testSettings(dir string) *settings.Settings {
	s := settings.Default()
	s.SecretKey = testSecret
	s.AllowedHosts = []string{"127.0.0.1"}
	s.InstalledApps = []string{contenttypes.Label, auth.Label, sessions.Label, testLabel}
	s.Middleware = []string{sessions.MiddlewareName, auth.MiddlewareName}
	s.Databases = map[string]settings.Database{"default": {Engine: "sqlite", Name: filepath.Join(dir, "db.sqlite3")}}
	s.PBKDF2Iterations = testIterations
	s.SessionFilePath = dir
	return s
}

// testSite is a running test site.
type testSite struct {
	*sitetest.Server
	cfg *auth.Config
	db  *gorm.DB
	ctx context.Context // carries cfg, for auth's functions
}

// newSite starts and migrates a test site whose settings change may
// adjust.
func newSite(t *testing.T, change func(*settings.Settings)) *testSite {
	t.Helper()
	return newSiteOn(t, change, nil)
}

// newSiteOn is newSite on the database open returns (nil: DATABASES).
func newSiteOn(t *testing.T, change func(*settings.Settings), open func() (*gorm.DB, error)) *testSite {
	t.Helper()
	s := testSettings(t.TempDir())
	if change != nil {
		change(s)
	}
	logger := slog.New(slog.NewTextHandler(io.Discard, nil))
	srv := sitetest.NewServer(t, s, site.Options{Logger: logger, Stdout: io.Discard, Stderr: io.Discard, DB: open})
	if err := srv.Migrate(context.Background()); err != nil {
		t.Fatal(err)
	}
	cfg, err := auth.NewConfig(srv.Site.Env)
	if err != nil {
		t.Fatal(err)
	}
	g, err := srv.Site.Env.DB()
	if err != nil {
		t.Fatal(err)
	}
	return &testSite{Server: srv, cfg: cfg, db: g, ctx: auth.NewContext(context.Background(), cfg)}
}

// user creates a user with password.
func (ts *testSite) user(t *testing.T, username, password string) *auth.User {
	t.Helper()
	u, err := auth.CreateUser(ts.ctx, username, username+"@example.com", password)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

// login logs c in through the login view and fails unless it redirects.
func (ts *testSite) login(t *testing.T, c *sitetest.Client, username, password string) *sitetest.Response {
	t.Helper()
	resp := c.Post("/login/", map[string][]string{"username": {username}, "password": {password}})
	if resp.StatusCode != http.StatusFound {
		t.Fatalf("login as %s: got %d %q, want 302", username, resp.StatusCode, resp.Body)
	}
	return resp
}
