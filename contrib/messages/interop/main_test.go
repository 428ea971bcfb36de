package interop

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	_ "github.com/manouche-go/manouche/contrib/messages" // django.contrib.messages
	_ "github.com/manouche-go/manouche/contrib/sessions" // django.contrib.sessions
	"github.com/manouche-go/manouche/framework/djangotest"
	"github.com/manouche-go/manouche/framework/settings"
	"github.com/manouche-go/manouche/framework/site"
	"github.com/manouche-go/manouche/framework/sitetest"
)

// secretKey is SECRET_KEY on both sides.
const secretKey = "interop-test-secret-key-shared-by-django-and-manouche-csrf-messages"

// mode is one configuration both sides run with.
type mode struct {
	name        string
	useSessions bool   // CSRF_USE_SESSIONS
	storage     string // MESSAGE_STORAGE
}

var modes = map[string]mode{
	"cookie":   {"cookie", false, "cookie"},
	"session":  {"session", true, "session"},
	"fallback": {"fallback", false, "fallback"},
}

var (
	tempRoot  string
	logs      sitetest.Buffer
	djangoErr error

	mu    sync.Mutex
	pairs = map[string]*pair{}
)

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "manouche-interop-messages-")
	if err != nil {
		fmt.Fprintln(os.Stderr, "interop:", err)
		os.Exit(1)
	}
	tempRoot = dir
	_, djangoErr = djangotest.Version()
	code := m.Run()
	for _, p := range pairs {
		p.close()
	}
	if code != 0 && logs.Len() > 0 {
		fmt.Fprintf(os.Stderr, "--- Django and manouche logs ---\n%s", logs.String())
	}
	os.RemoveAll(dir)
	os.Exit(code)
}

// pair is a Django site and a manouche site of one mode, sharing a
// session database.
type pair struct {
	once           sync.Once
	err            error
	django         *djangotest.Server
	manouche       *sitetest.Server
	djangoURL, url string
}

func (p *pair) close() {
	if p.django != nil {
		p.django.Stop()
	}
	if p.manouche != nil {
		p.manouche.Close()
	}
}

// sites returns the mode's two sites, starting them on first use: Django
// migrates the shared database, then both serve it.
func sites(t *testing.T, name string) (django, manouche string) {
	t.Helper()
	djangotest.Require(t, djangoErr)
	mu.Lock()
	p, ok := pairs[name]
	if !ok {
		p = &pair{}
		pairs[name] = p
	}
	mu.Unlock()
	p.once.Do(func() { p.err = p.start(modes[name]) })
	if p.err != nil {
		t.Fatalf("mode %s: %v", name, p.err)
	}
	return p.djangoURL, p.url
}

func (p *pair) start(m mode) error {
	db := filepath.Join(tempRoot, m.name+".sqlite3")
	ds := djangotest.Site{Dir: "testdata/djangosite", Log: &logs, Env: []string{
		"SECRET_KEY=" + secretKey, "DATABASE=" + db,
		"CSRF_USE_SESSIONS=" + map[bool]string{true: "1", false: "0"}[m.useSessions],
		"MESSAGE_STORAGE=" + m.storage,
	}}
	if _, err := ds.Manage(context.Background(), "migrate"); err != nil {
		return err
	}
	var err error
	if p.django, err = ds.Start(); err != nil {
		return err
	}
	p.djangoURL = p.django.URL
	if p.manouche, err = sitetest.Start(manoucheSettings(m, db), site.Options{
		BaseDir: tempRoot, Stdout: io.Discard, Stderr: io.Discard,
		Logger: slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelWarn})).With("site", "manouche", "mode", m.name),
	}); err != nil {
		return err
	}
	p.url = p.manouche.URL
	return nil
}

// manoucheSettings are Django's settings.py of the mode, in Django's names.
func manoucheSettings(m mode, db string) *settings.Settings {
	s := settings.Default()
	s.SecretKey = secretKey
	s.AllowedHosts = []string{"127.0.0.1"}
	s.InstalledApps = []string{"django.contrib.sessions", "django.contrib.messages", appLabel}
	s.Middleware = []string{
		"django.contrib.sessions.middleware.SessionMiddleware",
		"django.middleware.csrf.CsrfViewMiddleware",
		"django.contrib.messages.middleware.MessageMiddleware",
	}
	s.Databases = map[string]settings.Database{"default": {Engine: "sqlite", Name: db}}
	s.CSRFUseSessions = m.useSessions
	s.MessageStorage = m.storage
	return s
}

// newBrowser is one user: a cookie jar both sites share (cookies do not
// depend on the port), no redirects followed.
func newBrowser(t *testing.T) *http.Client {
	t.Helper()
	jar, err := cookiejar.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	return &http.Client{Jar: jar, Timeout: 30 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

// send makes one request and returns the status and body.
func send(t *testing.T, c *http.Client, method, url, body string, header http.Header) (int, string) {
	t.Helper()
	req, err := http.NewRequest(method, url, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	for k, v := range header {
		req.Header[k] = v
	}
	resp, err := c.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, url, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, string(b)
}
