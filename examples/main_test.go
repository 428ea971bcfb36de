// The tests of this directory drive every example over real HTTP, through
// sitetest, once per SESSION_ENGINE, and again for the engines that can run
// on the PostgreSQL, MySQL and Redis servers when those are available (see
// variants). Each variant's site is built once and shared by every test
// (each test uses new clients, hence new sessions), so the suite pays for
// templates, migrations and databases once per variant.
package examples_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/manouche-go/manouche/contrib/auth"
	"github.com/manouche-go/manouche/contrib/contenttypes"
	cmessages "github.com/manouche-go/manouche/contrib/messages"
	"github.com/manouche-go/manouche/contrib/sessions"
	"github.com/manouche-go/manouche/examples/all"
	"github.com/manouche-go/manouche/framework/cache"
	"github.com/manouche-go/manouche/framework/session"
	"github.com/manouche-go/manouche/framework/settings"
	"github.com/manouche-go/manouche/framework/site"
	"github.com/manouche-go/manouche/framework/sitetest"
)

// testSecretKey signs the test sites' sessions.
const testSecretKey = "examples-test-secret-key-not-for-production-0123456789"

// cookieName is the session cookie's name (Django's default).
const cookieName = "sessionid"

// defaultAge is SESSION_COOKIE_AGE (Django's default, two weeks).
const defaultAge = 1209600

// engineEnv is one variant's shared test site.
type engineEnv struct {
	variant
	dir      string // SQLite database and session files
	settings *settings.Settings
	srv      *sitetest.Server
	codec    *session.Codec
	cache    cache.Cache    // the sessions' cache (SESSION_CACHE_ALIAS), read by the tests
	cleanups []func() error // run by close, last first
	err      error          // why the site could not be built
}

var (
	tempRoot string          // removed by TestMain
	logs     sitetest.Buffer // the sites' logs, printed when a test fails
	envsMu   sync.Mutex      // guards envs
	envs     = map[string]*engineEnv{}
)

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "manouche-examples-")
	if err != nil {
		fmt.Fprintln(os.Stderr, "examples: temp dir:", err)
		os.Exit(1)
	}
	tempRoot = dir
	code := m.Run()
	for _, e := range envs {
		if err := e.close(); err != nil {
			fmt.Fprintf(os.Stderr, "examples: clean up %s: %v\n", e.name, err)
		}
	}
	if code != 0 && logs.Len() > 0 {
		fmt.Fprintf(os.Stderr, "--- site logs ---\n%s", logs.String())
	}
	os.RemoveAll(dir)
	os.Exit(code)
}

// forEachEngine runs fn once per variant, as a parallel subtest named
// after it (net/http's run(t, testX) pattern). A variant whose servers are
// not configured skips, naming the variable to set.
func forEachEngine(t *testing.T, fn func(t *testing.T, e *engineEnv)) {
	for _, v := range variants {
		t.Run(v.name, func(t *testing.T) {
			v.requireServices(t)
			t.Parallel()
			fn(t, env(t, v.name))
		})
	}
}

// env returns the shared site of a variant, building it on first use.
func env(t testing.TB, name string) *engineEnv {
	t.Helper()
	v := lookupVariant(t, name)
	envsMu.Lock()
	e, ok := envs[name]
	if !ok {
		e = newEngineEnv(v)
		envs[name] = e
	}
	envsMu.Unlock()
	if e.err != nil {
		t.Fatalf("variant %s: %v", name, e.err)
	}
	return e
}

func newEngineEnv(v variant) *engineEnv {
	e := &engineEnv{variant: v, dir: filepath.Join(tempRoot, strings.ReplaceAll(v.name, "/", "_"))}
	e.err = e.start()
	return e
}

// start builds the variant's site with its own SQLite file and session
// directory (or its own server database and cache keys), and applies the
// migrations.
func (e *engineEnv) start() error {
	if err := os.MkdirAll(filepath.Join(e.dir, "sessions"), 0o700); err != nil {
		return err
	}
	root, err := filepath.Abs("..")
	if err != nil {
		return err
	}
	e.settings = newSettings(e.engine, e.dir)
	e.settings.Caches["default"] = settings.Cache{Backend: testCacheBackend, Location: e.name}
	e.cache = testCache(e.name)
	if err := e.useServers(); err != nil {
		return err
	}
	logger := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelWarn})).With("engine", e.name)
	e.codec, err = session.NewCodec(e.settings.SecretKey, nil, logger)
	if err != nil {
		return err
	}
	e.srv, err = sitetest.Start(e.settings, site.Options{BaseDir: root, Logger: logger, Stdout: io.Discard, Stderr: io.Discard})
	if err != nil {
		return err
	}
	return e.srv.Migrate(context.Background())
}

// newSettings are the repository's settings for the examples with one
// engine, a temporary database and session directory, and the test cache.
func newSettings(engine, dir string) *settings.Settings {
	s := settings.Default()
	s.Debug = false
	s.SecretKey = testSecretKey
	s.AllowedHosts = []string{"127.0.0.1"}
	s.InstalledApps = append([]string{contenttypes.Label, auth.Label, sessions.Label, cmessages.Label}, all.Labels()...)
	s.Middleware = siteMiddleware()
	s.SecureProxySSLHeader = []string{"HTTP_X_FORWARDED_PROTO", "https"} // lets tests send HTTPS requests
	s.PBKDF2Iterations = 1000                                            // logins in tests: a hash in a millisecond
	s.SessionEngine = engine
	s.SessionFilePath = filepath.Join(dir, "sessions")
	s.Databases = map[string]settings.Database{"default": {Engine: "sqlite", Name: filepath.Join(dir, "db.sqlite3")}}
	s.Caches = map[string]settings.Cache{"default": {Backend: testCacheBackend, Location: engine}}
	return s
}
