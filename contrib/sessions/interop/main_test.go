package interop

import (
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/manouche-go/manouche/framework/djangotest"
	"github.com/manouche-go/manouche/framework/sitetest"
)

// engines are the SESSION_ENGINE values a Django site and a manouche site
// can share. The cache engine cannot be shared: Django pickles its values.
var engines = []string{"db", "file", "cached_db", "signed_cookies"}

const (
	// secretKey is SECRET_KEY on both sides.
	secretKey = "interop-test-secret-key-shared-by-django-and-manouche-0123456789"
	// oldSecretKey is the key before rotation, in SECRET_KEY_FALLBACKS.
	oldSecretKey = "interop-test-old-secret-key-from-before-the-rotation-abcdefghij"
	// cookieName is SESSION_COOKIE_NAME on both sides (Django's default).
	cookieName = "sessionid"
	// defaultAge is SESSION_COOKIE_AGE on both sides (Django's default).
	defaultAge = 1209600
)

var (
	tempRoot string          // removed by TestMain
	logs     sitetest.Buffer // Django's stderr and the manouche sites' logs

	djangoVersion string // e.g. "3.2.25"
	djangoErr     error  // why /usr/bin/python3 cannot import django

	mu       sync.Mutex // guards the maps below
	storages = map[string]*lazy[*storage]{}
	djangos  = map[string]*lazy[*djangotest.Server]{}
	sites    = map[string]*lazy[*manoucheSite]{}
)

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "manouche-interop-")
	if err != nil {
		fmt.Fprintln(os.Stderr, "interop: temp dir:", err)
		os.Exit(1)
	}
	tempRoot = dir
	djangoVersion, djangoErr = djangotest.Version()
	code := m.Run()
	for _, d := range djangos {
		if d.v != nil {
			d.v.Stop()
		}
	}
	for _, s := range sites {
		if s.v != nil {
			s.v.close()
		}
	}
	if code != 0 && logs.Len() > 0 {
		fmt.Fprintf(os.Stderr, "--- Django and manouche logs ---\n%s", logs.String())
	}
	os.RemoveAll(dir)
	os.Exit(code)
}

// requireDjango skips the test when Django cannot be imported, or fails it
// when the environment says the interop tests are mandatory.
func requireDjango(t testing.TB) {
	t.Helper()
	djangotest.Require(t, djangoErr)
}

// forEachEngine runs fn once per shared engine, as parallel subtests named
// after the engine (net/http's run(t, testX) pattern).
func forEachEngine(t *testing.T, fn func(t *testing.T, engine string)) {
	t.Helper()
	requireDjango(t)
	for _, e := range engines {
		t.Run(e, func(t *testing.T) {
			t.Parallel()
			fn(t, e)
		})
	}
}

// storage is what both sides of one engine share: a SQLite database that
// Django migrated and a session directory.
type storage struct {
	engine string
	db     string // DATABASES.default.NAME
	files  string // SESSION_FILE_PATH
}

// storageFor returns the engine's shared storage, creating and migrating
// it once, with Django's migrate, as a site moving off Django has it.
func storageFor(t testing.TB, engine string) *storage {
	t.Helper()
	st, err := entry(storages, engine).get(func() (*storage, error) {
		dir := filepath.Join(tempRoot, engine)
		st := &storage{engine: engine, db: filepath.Join(dir, "db.sqlite3"), files: filepath.Join(dir, "sessions")}
		if err := os.MkdirAll(st.files, 0o700); err != nil {
			return nil, err
		}
		_, err := manage(st, secretKey, "migrate")
		return st, err
	})
	if err != nil {
		t.Fatalf("engine %s: storage: %v", engine, err)
	}
	return st
}

// lazy is a value built once, on first use, by whichever test needs it
// first; TestMain releases what was built.
type lazy[T any] struct {
	once sync.Once
	v    T
	err  error
}

func (l *lazy[T]) get(build func() (T, error)) (T, error) {
	l.once.Do(func() { l.v, l.err = build() })
	return l.v, l.err
}

// entry returns the lazy value of m under key, adding it when missing.
func entry[T any](m map[string]*lazy[T], key string) *lazy[T] {
	mu.Lock()
	defer mu.Unlock()
	l, ok := m[key]
	if !ok {
		l = &lazy[T]{}
		m[key] = l
	}
	return l
}
