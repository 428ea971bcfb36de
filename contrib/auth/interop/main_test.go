package interop

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"os"
	"strings"
	"testing"
	"time"

	"gorm.io/gorm"

	"github.com/manouche-go/manouche/contrib/auth"
	"github.com/manouche-go/manouche/contrib/contenttypes"
	"github.com/manouche-go/manouche/contrib/sessions"
	"github.com/manouche-go/manouche/framework"
	"github.com/manouche-go/manouche/framework/apps"
	"github.com/manouche-go/manouche/framework/commands"
	"github.com/manouche-go/manouche/framework/db"
	"github.com/manouche-go/manouche/framework/djangotest"
	"github.com/manouche-go/manouche/framework/manage"
	"github.com/manouche-go/manouche/framework/settings"
	"github.com/manouche-go/manouche/framework/site"
	"github.com/manouche-go/manouche/framework/sitetest"
	"github.com/manouche-go/manouche/framework/urls"
)

const (
	// secretKey is SECRET_KEY on both sides.
	secretKey = "auth-interop-secret-key-shared-by-django-and-manouche-0123456789"
	// cookieName is SESSION_COOKIE_NAME on both sides (Django's default).
	cookieName = "sessionid"
	// iterations is Django 3.2's PBKDF2 iteration count, which manouche
	// matches (PBKDF2_ITERATIONS) so that neither side re-hashes.
	iterations = 260000
	// appLabel is the INSTALLED_APPS label of the manouche test app.
	appLabel = "authinterop.views"
)

var (
	logs          sitetest.Buffer // Django's stderr and the manouche sites' logs
	djangoVersion string
	djangoErr     error
)

func TestMain(m *testing.M) {
	djangoVersion, djangoErr = djangotest.Version()
	code := m.Run()
	if code != 0 && logs.Len() > 0 {
		fmt.Fprintf(os.Stderr, "--- Django and manouche logs ---\n%s", logs.String())
	}
	os.Exit(code)
}

func requireDjango(t testing.TB) {
	t.Helper()
	djangotest.Require(t, djangoErr)
}

func init() { apps.Register(testApp{}) }

// testApp serves the views of testdata/djangosite/views.py under the same
// paths, with manouche's contrib/auth.
type testApp struct{}

func (testApp) Label() string { return appLabel }

func (testApp) URLs() []urls.Pattern {
	return []urls.Pattern{
		urls.Path("/whoami/", whoami, "whoami"),
		urls.Path("/login/", post(login), "login"),
		urls.Path("/logout/", post(func(req *framework.Request) error { return auth.Logout(req) }), "logout"),
		urls.Path("/password/", post(password), "password"),
	}
}

// whoami answers {"user": username or null}.
func whoami(req *framework.Request) *framework.Response {
	var user any
	if req.User.IsAuthenticated() {
		user = req.User.GetUsername()
	}
	return framework.JSON(map[string]any{"user": user})
}

func post(change func(req *framework.Request) error) framework.View {
	return func(req *framework.Request) *framework.Response {
		if req.Method != http.MethodPost {
			return framework.MethodNotAllowed(req, http.MethodPost)
		}
		if err := change(req); err != nil {
			return framework.ServerError(req, err)
		}
		return whoami(req)
	}
}

func login(req *framework.Request) error {
	u, err := auth.Authenticate(req, req.POST.Get("username"), req.POST.Get("password"))
	if err != nil || u == nil {
		return err
	}
	return auth.Login(req, u)
}

// password sets the user's password and keeps this session logged in.
func password(req *framework.Request) error {
	u, err := auth.GetUser(req)
	if err != nil || u == nil {
		return fmt.Errorf("no user: %v", err)
	}
	if err := auth.SetPassword(req.HTTP.Context(), u, req.POST.Get("password")); err != nil {
		return err
	}
	return auth.UpdateSessionAuthHash(req, u)
}

// storage is what both sides of one engine share.
type storage struct {
	engine   string
	database string // SQLite file or server URL
	files    string // SESSION_FILE_PATH
}

// djangoSite is the Django test site on st.
func djangoSite(st storage) djangotest.Site {
	return djangotest.Site{Dir: "testdata/djangosite", Log: &logs, Env: []string{
		"SECRET_KEY=" + secretKey,
		"DATABASE=" + st.database,
		"SESSION_ENGINE=" + st.engine,
		"SESSION_FILE_PATH=" + st.files,
	}}
}

// manoucheSettings are the settings the README gives for sharing users
// and logins with a Django 3.2 site.
func manoucheSettings(st storage) *settings.Settings {
	s := settings.Default()
	s.SecretKey = secretKey
	s.AllowedHosts = []string{"127.0.0.1"}
	s.InstalledApps = []string{contenttypes.Label, auth.Label, sessions.Label, appLabel}
	s.Middleware = []string{sessions.MiddlewareName, auth.MiddlewareName}
	db := settings.Database{Engine: "sqlite", Name: st.database}
	if strings.Contains(st.database, "://") {
		db = settings.Database{URL: st.database}
	}
	s.Databases = map[string]settings.Database{"default": db}
	s.Caches = map[string]settings.Cache{"default": {Backend: "dummy"}}
	s.UseTZ, s.TimeZone = true, "UTC"
	s.SessionEngine, s.SessionFilePath = st.engine, st.files
	s.PBKDF2Iterations = iterations
	return s
}

// manoucheSite serves the manouche site of st until t ends.
func manoucheSite(t *testing.T, st storage) *sitetest.Server {
	t.Helper()
	logger := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelWarn})).With("site", "manouche", "engine", st.engine)
	return sitetest.NewServer(t, manoucheSettings(st), site.Options{Logger: logger, Stdout: io.Discard, Stderr: io.Discard})
}

// manoucheManage runs manouche's command args on the site of st, as
// manage.py would, and returns its output.
func manoucheManage(t *testing.T, st storage, environ []string, args ...string) (string, error) {
	t.Helper()
	var out bytes.Buffer
	s, err := site.New(manoucheSettings(st), site.Options{Logger: slog.New(slog.DiscardHandler), Stdout: &out, Stderr: &out, Environ: environ})
	if err != nil {
		return "", err
	}
	defer closeDB(s)
	cmds := append(commands.Builtins(s), s.Commands()...)
	if code := manage.Main(context.Background(), args, cmds, &out, &out); code != 0 {
		return out.String(), fmt.Errorf("manouche %s: exit %d: %s", strings.Join(args, " "), code, out.String())
	}
	return out.String(), nil
}

func closeDB(s *site.Site) {
	if g, err := s.Env.DB(); err == nil {
		if sqlDB, err := g.DB(); err == nil {
			sqlDB.Close()
		}
	}
}

// side is one of the two sites.
type side struct{ name, url string }

// browser is one user agent with one session cookie, sent to both sides.
type browser struct {
	t      *testing.T
	cookie string
}

var client = &http.Client{Timeout: 30 * time.Second}

// do sends a request with the browser's cookie, keeps the session cookie
// of the answer and returns the user the view saw ("" for anonymous).
func (b *browser) do(s side, method, path string, form url.Values) string {
	b.t.Helper()
	req, err := http.NewRequest(method, s.url+path, strings.NewReader(form.Encode()))
	if err != nil {
		b.t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	if b.cookie != "" {
		req.Header.Set("Cookie", cookieName+"="+b.cookie)
	}
	resp, err := client.Do(req)
	if err != nil {
		b.t.Fatalf("%s %s%s: %v", method, s.name, path, err)
	}
	defer resp.Body.Close()
	for _, c := range resp.Cookies() {
		if c.Name == cookieName {
			b.cookie = c.Value
		}
	}
	var body struct{ User *string }
	raw, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 || json.Unmarshal(raw, &body) != nil {
		b.t.Fatalf("%s %s on %s: %d %s", method, path, s.name, resp.StatusCode, raw)
	}
	if body.User == nil {
		return ""
	}
	return *body.User
}

func (b *browser) whoami(s side) string { return b.do(s, "GET", "/whoami/", nil) }

func (b *browser) login(s side, username, password string) string {
	return b.do(s, "POST", "/login/", url.Values{"username": {username}, "password": {password}})
}

// openDB opens the database of st (a SQLite file or a server URL) until t
// ends.
func openDB(t *testing.T, database string) *gorm.DB {
	t.Helper()
	d := settings.Database{Engine: "sqlite", Name: database}
	if strings.Contains(database, "://") {
		d = settings.Database{URL: database, Options: map[string]any{"max_conns": 2}}
	}
	g, err := db.Open(d, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if sqlDB, err := g.DB(); err == nil {
			sqlDB.Close()
		}
	})
	return g
}
