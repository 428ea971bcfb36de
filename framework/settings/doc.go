// Package settings holds a manouche site's typed settings: Django's
// settings module (django.conf.settings) with Django's names and defaults,
// read once at start-up from a YAML file and the environment, then
// validated.
//
// # Sources and precedence
//
// [Load] layers three sources, key by key (as viper does): Django's
// defaults ([Default]), then the YAML file, then environment variables.
// Mappings merge per key, so a file that sets only DATABASES.default.NAME
// keeps ENGINE sqlite, and a list replaces the whole list.
//
// The YAML keys are Django's setting names (DEBUG, SESSION_COOKIE_AGE,
// DATABASES, ...). Viper folds keys to lower case, so setting names are
// case-insensitive, and alias names and OPTIONS keys reach the program in
// lower case (DATABASES.Default is the alias "default"). A dot is viper's
// key separator, so aliases and OPTIONS keys cannot contain one.
//
// # Environment
//
// Any setting can be overridden as MANOUCHE_<NAME>, for example
// MANOUCHE_SESSION_ENGINE=file or MANOUCHE_DEBUG=false. Lists are
// comma-separated (MANOUCHE_INSTALLED_APPS=contrib.sessions,greetings;
// an empty value is an empty list). Nested keys are joined with "_":
//
//	MANOUCHE_DATABASES_DEFAULT_NAME=/tmp/site.sqlite3
//	MANOUCHE_DATABASES_DEFAULT_OPTIONS_TIMEOUT=20
//	MANOUCHE_CACHES_SESSIONS_BACKEND=redis
//	MANOUCHE_TEMPLATES_DIRS=/srv/templates,templates
//
// Because setting names, aliases and keys may themselves contain "_", a
// variable is resolved against the known schema, in this order:
//
//  1. a top-level setting whose whole name matches (SECRET_KEY_FALLBACKS
//     is that setting, not SECRET_KEY plus a key);
//  2. DATABASES_, CACHES_ or TEMPLATES_ followed by a path: the longest
//     alias already present (in the defaults or the file) whose name
//     prefixes the rest and leaves a known key (ENGINE, NAME, HOST, PORT,
//     USER, PASSWORD, URL for DATABASES; BACKEND, LOCATION, KEY_PREFIX,
//     TIMEOUT for CACHES) or OPTIONS_<KEY>;
//  3. otherwise a new alias: everything before the first _OPTIONS_, or
//     else everything before the known key that ends the name
//     (CACHES_SESSIONS_KEY_PREFIX is alias "sessions", key KEY_PREFIX).
//
// New aliases and OPTIONS keys are lower-cased. MANOUCHE_SETTINGS (the
// settings file, see [SplitArgs]), MANOUCHE_RUNSERVER_FD (runserver's
// autoreloader), MANOUCHE_REQUIRE_SERVICES, MANOUCHE_REQUIRE_BROWSER and
// MANOUCHE_TEST_* (tests) are not settings. Any other unresolved variable is a warning. When a
// variable appears twice in the environment, the last one wins, as in
// os/exec.
//
// # Validation
//
// Settings are checked once, in [Load]. A wrong type, an unknown database
// ENGINE, a negative SESSION_COOKIE_AGE, a SESSION_COOKIE_SAMESITE other
// than Lax, Strict, None or false, an empty SECRET_KEY with DEBUG off or an
// invalid SESSION_COOKIE_NAME is an [*Error], whose message is one line
// naming the setting, the bad value and what is allowed. So is a bad
// CSRF_* (cookie name, age, SameSite, CSRF_HEADER_NAME, a trusted origin
// with a path), SECURE_REFERRER_POLICY, SECURE_CROSS_ORIGIN_OPENER_POLICY,
// SECURE_REDIRECT_EXEMPT regular expression, SECURE_PROXY_SSL_HEADER,
// X_FRAME_OPTIONS, MESSAGE_STORAGE, MESSAGE_LEVEL or MESSAGE_TAGS value,
// and a negative upload limit or server timeout ([Server]).
//
// Each group of settings of one Django feature is a struct embedded in
// [Settings] and declared in its own file ([CSRF], [Security], [Messages],
// [Server], [Checks]), which appends its fields to the schema. Secrets
// (SECRET_KEY, SECRET_KEY_FALLBACKS and database passwords, URLs and
// options) never appear in an error. An unknown setting is not an error: it
// is reported in [Settings.Warnings].
//
// SESSION_ENGINE and cache BACKEND names are kept as strings: their
// registries, which plug-ins extend, validate them when the site starts.
package settings
