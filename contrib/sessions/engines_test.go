package sessions

import (
	"context"
	"io"
	"log/slog"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"gorm.io/gorm"

	"github.com/manouche-go/manouche/contrib/sessions/sessiontest"
	"github.com/manouche-go/manouche/framework/apps"
	"github.com/manouche-go/manouche/framework/db"
	"github.com/manouche-go/manouche/framework/session"
	"github.com/manouche-go/manouche/framework/settings"
	"github.com/manouche-go/manouche/migrations"
)

// builtinEngines are the short names of Django's five engines.
var builtinEngines = []string{"db", "file", "cache", "cached_db", "signed_cookies"}

const engineTestSecret = "engines-test-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz"

// engineEnv builds the apps.Env a site would give contrib.sessions for
// SESSION_ENGINE engine: default settings with a secret, a session
// directory and a migrated SQLite database of the test's own.
func engineEnv(t *testing.T, engine string) *apps.Env {
	t.Helper()
	s := settings.Default()
	s.SecretKey = engineTestSecret
	s.SessionEngine = engine
	s.SessionFilePath = t.TempDir()
	d := s.Databases["default"]
	d.Name = filepath.Join(t.TempDir(), "db.sqlite3")
	s.Databases["default"] = d
	logger := slog.New(slog.DiscardHandler)
	open := func() (*gorm.DB, error) {
		gdb, err := db.Open(s.Databases["default"], logger)
		if err != nil {
			return nil, err
		}
		t.Cleanup(func() {
			if sqlDB, err := gdb.DB(); err == nil {
				sqlDB.Close()
			}
		})
		if err := migrations.Apply(context.Background(), gdb, app{}.Migrations(), io.Discard); err != nil {
			return nil, err
		}
		return gdb, nil
	}
	return apps.NewEnv(s, open, logger, io.Discard, io.Discard)
}

// engineConfig is NewConfig(env), failing the test on an error.
func engineConfig(t *testing.T, env *apps.Env) (*session.Config, *Engine) {
	t.Helper()
	cfg, e, err := NewConfig(env)
	if err != nil {
		t.Fatalf("NewConfig(%s): got error %v, want nil", env.Settings.SessionEngine, err)
	}
	return cfg, e
}

// TestEngines_sessiontest runs the session-level conformance suite on every
// built-in engine, configured exactly as a site configures it.
func TestEngines_sessiontest(t *testing.T) {
	for _, name := range builtinEngines {
		t.Run(name, func(t *testing.T) {
			sessiontest.RunSessions(t, func(t *testing.T) *session.Config {
				cfg, _ := engineConfig(t, engineEnv(t, name))
				return cfg
			})
		})
	}
}

// TestNewConfig_djangoAliases checks that Django's dotted SESSION_ENGINE
// names build the same engines, and that a session round-trips through
// each.
func TestNewConfig_djangoAliases(t *testing.T) {
	for _, name := range builtinEngines {
		dotted := "django.contrib.sessions.backends." + name
		t.Run(dotted, func(t *testing.T) {
			cfg, e := engineConfig(t, engineEnv(t, dotted))
			if e.Name != name {
				t.Errorf("engine: got %q, want %q", e.Name, name)
			}
			if got, want := cfg.Cookie != nil, name == "signed_cookies"; got != want {
				t.Errorf("cookie engine: got %v, want %v", got, want)
			}
			s := session.New(t.Context(), cfg, "")
			if err := s.Set("engine", dotted); err != nil {
				t.Fatalf("Set: got %v, want nil", err)
			}
			if err := s.Save(t.Context()); err != nil {
				t.Fatalf("Save: got %v, want nil", err)
			}
			got, _ := session.New(t.Context(), cfg, s.Key()).GetString("engine")
			if got != dotted {
				t.Errorf("after reload: got %q, want %q", got, dotted)
			}
		})
	}
}

// TestBackends_defaultCacheLinked guards the import that registers the
// locmem cache backend, the default of CACHES. Test files of this package
// import locmem too, so only the package's own dependencies tell whether a
// site binary can open the default cache.
func TestBackends_defaultCacheLinked(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go list")
	}
	out, err := exec.Command("go", "list", "-deps", ".").Output()
	if err != nil {
		t.Fatalf("go list -deps: %v", err)
	}
	const locmem = "github.com/manouche-go/manouche/framework/cache/locmem"
	if !slices.Contains(strings.Fields(string(out)), locmem) {
		t.Errorf("dependencies of contrib/sessions: got no %s, want it (the default CACHES backend)", locmem)
	}
}
