package apps

import (
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"
	"sync"

	"gorm.io/gorm"

	"github.com/manouche-go/manouche/framework/settings"
)

// ErrNoDatabase is returned by the DB function of an [Env] built without a
// way to open the database.
var ErrNoDatabase = errors.New("apps: no database configured")

// Env is what a site gives its apps when it builds their middleware and
// commands: the settings, the database, a logger and the output streams
// (the parts of Django's global settings, connections and BaseCommand that
// an app uses).
type Env struct {
	// Settings are the site's settings.
	Settings *settings.Settings
	// DB returns the DATABASES.default connection, opened on first use and
	// shared afterwards.
	DB func() (*gorm.DB, error)
	// Logger is the site's logger.
	Logger *slog.Logger
	// Stdout and Stderr are where commands write (Django's
	// BaseCommand.stdout and stderr).
	Stdout, Stderr io.Writer
	// Stdin is where interactive commands read answers (createsuperuser);
	// nil means os.Stdin.
	Stdin io.Reader
	// Environ is the environment, in os.Environ's form, that commands read
	// variables from (createsuperuser's MANOUCHE_SUPERUSER_PASSWORD); nil
	// means the process's.
	Environ []string
}

// Getenv returns the value of the environment variable key from e.Environ,
// or from the process's environment when Environ is nil; the last
// definition wins.
func (e *Env) Getenv(key string) string {
	if e.Environ == nil {
		return os.Getenv(key)
	}
	v := ""
	for _, kv := range e.Environ {
		if k, val, ok := strings.Cut(kv, "="); ok && k == key {
			v = val
		}
	}
	return v
}

// NewEnv returns an Env whose DB opens the database with open the first
// time it is called. A successful open is kept and returned by every later
// call; a failed open is not kept, so each call after a failure tries
// again and returns its own error. Concurrent calls wait for one open.
//
// If open is nil, DB returns [ErrNoDatabase]. A nil logger means
// slog.Default(); nil stdout and stderr mean os.Stdout and os.Stderr.
func NewEnv(s *settings.Settings, open func() (*gorm.DB, error), logger *slog.Logger, stdout, stderr io.Writer) *Env {
	if logger == nil {
		logger = slog.Default()
	}
	if stdout == nil {
		stdout = os.Stdout
	}
	if stderr == nil {
		stderr = os.Stderr
	}
	return &Env{Settings: s, DB: lazyDB(open), Logger: logger, Stdout: stdout, Stderr: stderr}
}

// lazyDB wraps open so that success is cached and failure is retried.
func lazyDB(open func() (*gorm.DB, error)) func() (*gorm.DB, error) {
	var (
		mu sync.Mutex
		db *gorm.DB
	)
	return func() (*gorm.DB, error) {
		if open == nil {
			return nil, ErrNoDatabase
		}
		mu.Lock()
		defer mu.Unlock()
		if db != nil {
			return db, nil
		}
		d, err := open()
		if err != nil {
			return nil, fmt.Errorf("apps: open database: %w", err)
		}
		if d == nil {
			return nil, fmt.Errorf("apps: open database: %w", ErrNoDatabase)
		}
		db = d
		return db, nil
	}
}
