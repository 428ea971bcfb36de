package loadbench

import (
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
)

// engine is one configuration: a SESSION_ENGINE with its storage.
type engine struct {
	name    string // as printed: "db/sqlite"
	session string // SESSION_ENGINE, "" for the baseline without sessions
	cache   string // CACHES default BACKEND ("locmem", "redis")
	db      string // DATABASES default ENGINE ("sqlite", "postgres", "mysql")
	near    bool   // the redis cache's OPTIONS near_cache: true
}

// baseline is the bench app without the session middleware.
var baseline = engine{name: "(no session middleware)", cache: "locmem", db: "sqlite"}

var engines = []engine{
	{name: "signed_cookies", session: "signed_cookies", cache: "locmem", db: "sqlite"},
	{name: "cache/locmem", session: "cache", cache: "locmem", db: "sqlite"},
	{name: "cache/redis", session: "cache", cache: "redis", db: "sqlite"},
	{name: "cache/redis+near", session: "cache", cache: "redis", db: "sqlite", near: true},
	{name: "db/sqlite", session: "db", cache: "locmem", db: "sqlite"},
	{name: "db/postgres", session: "db", cache: "locmem", db: "postgres"},
	{name: "db/mysql", session: "db", cache: "locmem", db: "mysql"},
	{name: "cached_db", session: "cached_db", cache: "locmem", db: "sqlite"},
	{name: "file", session: "file", cache: "locmem", db: "sqlite"},
}

// Engines returns the names of the configurations the load test knows, in
// the order it runs them.
func Engines() []string {
	names := make([]string, len(engines))
	for i, e := range engines {
		names[i] = e.name
	}
	return names
}

func findEngine(name string) (engine, error) {
	for _, e := range engines {
		if e.name == name {
			return e, nil
		}
	}
	return engine{}, fmt.Errorf("loadbench: unknown engine %q (known: %s)", name, strings.Join(Engines(), ", "))
}

// unavailable says why e cannot run with o, or "" when it can.
func (e engine) unavailable(o *Options) string {
	switch {
	case e.cache == "redis" && o.RedisURL == "":
		return "MANOUCHE_TEST_REDIS_URL is not set"
	case e.db == "postgres" && o.PostgresDSN == "":
		return "MANOUCHE_TEST_POSTGRES_DSN is not set"
	case e.db == "mysql" && o.MySQLDSN == "":
		return "MANOUCHE_TEST_MYSQL_DSN is not set"
	}
	return ""
}

const secretKey = "loadtest-secret-key-not-for-production-0123456789-abcdef"

// writeSettings writes e's settings file in dir and returns its path.
func (e engine) writeSettings(dir string, o *Options) (string, error) {
	var b strings.Builder
	fmt.Fprintf(&b, "DEBUG: false\nSECRET_KEY: %q\nALLOWED_HOSTS: [\"127.0.0.1\"]\n", secretKey)
	if e.session == "" {
		b.WriteString("INSTALLED_APPS: [bench]\nMIDDLEWARE: []\n")
	} else {
		b.WriteString("INSTALLED_APPS: [contrib.sessions, bench]\nMIDDLEWARE: [contrib.sessions.SessionMiddleware]\n")
		fmt.Fprintf(&b, "SESSION_ENGINE: %s\nSESSION_FILE_PATH: %q\n", e.session, filepath.Join(dir, "sessions"))
	}
	b.WriteString("CACHES:\n  default:\n")
	fmt.Fprintf(&b, "    BACKEND: %s\n", e.cache)
	b.WriteString(e.redisSettings(o))
	b.WriteString("DATABASES:\n  default:\n")
	switch e.db {
	case "postgres":
		b.WriteString(postgresSettings(o.PostgresDSN))
	case "mysql":
		fmt.Fprintf(&b, "    ENGINE: mysql\n    URL: %q\n", o.MySQLDSN)
	default:
		fmt.Fprintf(&b, "    ENGINE: sqlite\n    NAME: %q\n", filepath.Join(dir, "db.sqlite3"))
	}
	if err := os.MkdirAll(filepath.Join(dir, "sessions"), 0o700); err != nil {
		return "", fmt.Errorf("loadbench: %w", err)
	}
	path := filepath.Join(dir, "settings.yaml")
	if err := os.WriteFile(path, []byte(b.String()), 0o600); err != nil {
		return "", fmt.Errorf("loadbench: write settings: %w", err)
	}
	return path, nil
}

// redisSettings gives the CACHES default entry's LOCATION, KEY_PREFIX
// and OPTIONS of a redis engine ("" for the others).
func (e engine) redisSettings(o *Options) string {
	if e.cache != "redis" {
		return ""
	}
	s := fmt.Sprintf("    LOCATION: %q\n    KEY_PREFIX: loadtest\n", o.RedisURL)
	if e.near {
		s += "    OPTIONS: {near_cache: true}\n"
	}
	return s
}

// postgresSettings gives the DSN as URL and, when it is a URL, also as
// Django's NAME, HOST, PORT, USER and PASSWORD.
func postgresSettings(dsn string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "    ENGINE: postgres\n    URL: %q\n", dsn)
	u, err := url.Parse(dsn)
	if err != nil || u.Host == "" {
		return b.String()
	}
	fmt.Fprintf(&b, "    NAME: %q\n    HOST: %q\n    PORT: %q\n", strings.TrimPrefix(u.Path, "/"), u.Hostname(), u.Port())
	if u.User != nil {
		pw, _ := u.User.Password()
		fmt.Fprintf(&b, "    USER: %q\n    PASSWORD: %q\n", u.User.Username(), pw)
	}
	return b.String()
}
