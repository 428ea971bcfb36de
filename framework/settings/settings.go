package settings

import "time"

// Settings are a site's settings: Django's settings module, typed. Fields
// carry Django's names in Go spelling; the YAML and environment use
// Django's names (SESSION_COOKIE_AGE, MANOUCHE_SESSION_COOKIE_AGE).
// [Default] holds Django's defaults; [Load] reads and validates a site's.
type Settings struct {
	// Debug is DEBUG: detailed error pages and template reloading. The
	// default is false.
	Debug bool
	// SecretKey is SECRET_KEY, the key of every signature. It must not be
	// empty when Debug is false. The default is "".
	SecretKey string
	// SecretKeyFallbacks is SECRET_KEY_FALLBACKS: previous keys, accepted
	// when verifying and never used to sign. The default is empty.
	SecretKeyFallbacks []string
	// AllowedHosts is ALLOWED_HOSTS, the Host header values the site
	// serves. The default is empty.
	AllowedHosts []string
	// InstalledApps is INSTALLED_APPS: app labels (Django's dotted names
	// are aliases), in template-lookup and migration order. The default is
	// empty.
	InstalledApps []string
	// Middleware is MIDDLEWARE: middleware names, outermost first. The
	// default is empty.
	Middleware []string
	// Databases is DATABASES, keyed by alias. The default is
	// {"default": {Engine: "sqlite", Name: "db.sqlite3"}}.
	Databases map[string]Database
	// Templates is TEMPLATES. The default has no extra directories.
	Templates Templates
	// Caches is CACHES, keyed by alias. The default is
	// {"default": {Backend: "locmem", Timeout: 300s}}.
	Caches map[string]Cache
	// AppendSlash is APPEND_SLASH. The default is true.
	AppendSlash bool
	// UseTZ is USE_TZ: datetimes are stored in UTC. The default is true
	// (Django 5.0's default and startproject's).
	UseTZ bool
	// TimeZone is TIME_ZONE, an IANA zone name. The default is "UTC"
	// (startproject's).
	TimeZone string

	// SessionEngine is SESSION_ENGINE: db, file, cache, cached_db,
	// signed_cookies or Django's dotted module name. The default is "db"
	// (Django's django.contrib.sessions.backends.db).
	SessionEngine string
	// SessionCookieName is SESSION_COOKIE_NAME. The default is "sessionid".
	SessionCookieName string
	// SessionCookieAge is SESSION_COOKIE_AGE in seconds. The default is
	// 1209600 (two weeks).
	SessionCookieAge int
	// SessionIdleTimeout is SESSION_IDLE_TIMEOUT (manouche's, not
	// Django's): the seconds without a request after which a session ends.
	// The default is 0, off.
	SessionIdleTimeout int
	// SessionAbsoluteTimeout is SESSION_ABSOLUTE_TIMEOUT (manouche's, not
	// Django's): the seconds after login or creation after which a session
	// ends however active it is. The default is 0, off.
	SessionAbsoluteTimeout int
	// SessionCookieDomain is SESSION_COOKIE_DOMAIN; "" (Django's None)
	// means a host-only cookie. The default is "".
	SessionCookieDomain string
	// SessionCookiePath is SESSION_COOKIE_PATH. The default is "/".
	SessionCookiePath string
	// SessionCookieSecure is SESSION_COOKIE_SECURE. The default is false.
	SessionCookieSecure bool
	// SessionCookieHTTPOnly is SESSION_COOKIE_HTTPONLY. The default is true.
	SessionCookieHTTPOnly bool
	// SessionCookieSameSite is SESSION_COOKIE_SAMESITE: "Lax", "Strict" or
	// "None" (any case, kept as configured), or "" to omit the attribute
	// (Django's False or None). The default is "Lax".
	SessionCookieSameSite string
	// SessionSaveEveryRequest is SESSION_SAVE_EVERY_REQUEST. The default is
	// false.
	SessionSaveEveryRequest bool
	// SessionExpireAtBrowserClose is SESSION_EXPIRE_AT_BROWSER_CLOSE. The
	// default is false.
	SessionExpireAtBrowserClose bool
	// SessionFilePath is SESSION_FILE_PATH, the file engine's directory;
	// "" (Django's None) means the system temporary directory. The default
	// is "".
	SessionFilePath string
	// SessionCacheAlias is SESSION_CACHE_ALIAS, the CACHES alias of the
	// cache and cached_db engines. The default is "default".
	SessionCacheAlias string
	// SessionSerializer is SESSION_SERIALIZER. Only JSON is supported:
	// "django.contrib.sessions.serializers.JSONSerializer" (the default) or
	// "django.core.signing.JSONSerializer".
	SessionSerializer string

	// StaticFiles are STATIC_URL, STATIC_ROOT and STATICFILES_DIRS.
	StaticFiles

	CSRF     // the CSRF_* settings
	Security // SECURE_* and X_FRAME_OPTIONS
	Messages // MESSAGE_STORAGE, MESSAGE_LEVEL, MESSAGE_TAGS
	Server   // upload limits and server timeouts (server.go)
	Checks   // SILENCED_SYSTEM_CHECKS (checks.go)
	// Auth holds the contrib.auth settings (LOGIN_URL, PASSWORD_HASHERS...).
	Auth

	// Warnings lists, one line each, what Load ignored: unknown settings
	// in the file or the environment.
	Warnings []string
}

// Database is one entry of DATABASES (Django's connection settings).
type Database struct {
	// Engine is ENGINE: "sqlite", "postgres" or "mysql". Django's
	// django.db.backends.sqlite3, .postgresql and .mysql are read as these.
	Engine string
	// Name is NAME; for sqlite, a file path relative to the working
	// directory, or ":memory:".
	Name string
	// Host is HOST.
	Host string
	// Port is PORT, as text.
	Port string
	// User is USER.
	User string
	// Password is PASSWORD. It is never shown in errors.
	Password string
	// Options is OPTIONS, passed to the engine; keys are lower case.
	Options map[string]any
	// URL is a connection URL for engines that take one. It is never shown
	// in errors.
	URL string
}

// Templates is TEMPLATES, reduced to what manouche's single template engine
// needs.
type Templates struct {
	// Dirs is DIRS: extra template directories, searched first.
	Dirs []string
}

// Cache is one entry of CACHES (Django's cache settings).
type Cache struct {
	// Backend is BACKEND, a name in the cache registry ("locmem", ...).
	Backend string
	// Location is LOCATION.
	Location string
	// KeyPrefix is KEY_PREFIX.
	KeyPrefix string
	// Timeout is TIMEOUT, given in seconds: the default expiry of entries.
	// 0 (or null, Django's None) means entries do not expire. The default
	// is 300 seconds.
	Timeout time.Duration
	// Options is OPTIONS, passed to the backend; keys are lower case.
	Options map[string]any
}

// DefaultCacheTimeout is Django's default cache TIMEOUT.
const DefaultCacheTimeout = 300 * time.Second

// Default returns Django's default settings (global_settings, with
// startproject's USE_TZ and TIME_ZONE). Each call returns new maps and
// slices. Its empty SECRET_KEY does not pass [Settings.Validate] until
// SecretKey is set or Debug is on.
func Default() *Settings {
	return &Settings{
		SecretKeyFallbacks: []string{},
		AllowedHosts:       []string{},
		InstalledApps:      []string{},
		Middleware:         []string{},
		Databases: map[string]Database{
			"default": {Engine: "sqlite", Name: "db.sqlite3"},
		},
		Templates: Templates{Dirs: []string{}},
		Caches: map[string]Cache{
			"default": {Backend: "locmem", Timeout: DefaultCacheTimeout},
		},
		AppendSlash:           true,
		UseTZ:                 true,
		TimeZone:              "UTC",
		SessionEngine:         "db",
		SessionCookieName:     "sessionid",
		SessionCookieAge:      1209600,
		SessionCookiePath:     "/",
		SessionCookieHTTPOnly: true,
		SessionCookieSameSite: "Lax",
		SessionCacheAlias:     "default",
		SessionSerializer:     JSONSerializer,
		StaticFiles:           defaultStaticFiles(),
		CSRF:                  defaultCSRF(),
		Security:              defaultSecurity(),
		Messages:              defaultMessages(),
		Server:                defaultServer(),
		Checks:                Checks{SilencedSystemChecks: []string{}},
		Auth:                  DefaultAuth(),
	}
}

// JSONSerializer is Django's default SESSION_SERIALIZER.
const JSONSerializer = "django.contrib.sessions.serializers.JSONSerializer"
