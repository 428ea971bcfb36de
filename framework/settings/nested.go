package settings

import (
	"strings"
	"time"
)

// Keys of a DATABASES and a CACHES entry, as the environment spells them.
var (
	databaseKeys = []string{"ENGINE", "NAME", "HOST", "PORT", "USER", "PASSWORD", "URL", "OPTIONS"}
	cacheKeys    = []string{"BACKEND", "LOCATION", "KEY_PREFIX", "TIMEOUT", "OPTIONS"}
)

// djangoEngines maps Django's ENGINE module paths to manouche's names.
var djangoEngines = map[string]string{
	"django.db.backends.sqlite3":             "sqlite",
	"django.db.backends.postgresql":          "postgres",
	"django.db.backends.postgresql_psycopg2": "postgres",
	"django.db.backends.mysql":               "mysql",
}

// decodeDatabases merges each alias over the entry already there, key by
// key, so a file that sets only NAME keeps the default ENGINE.
func (s *Settings) decodeDatabases(v any) error {
	return decodeAliases(s.Databases, "DATABASES", v, "database", "ENGINE, NAME", func() Database { return Database{} }, s.setDatabaseKey)
}

// decodeCaches is decodeDatabases for CACHES. A new alias starts with
// Django's default TIMEOUT.
func (s *Settings) decodeCaches(v any) error {
	return decodeAliases(s.Caches, "CACHES", v, "cache", "BACKEND, LOCATION", func() Cache { return Cache{Timeout: DefaultCacheTimeout} }, s.setCacheKey)
}

// decodeAliases merges a mapping of alias to entry (DATABASES, CACHES) into
// into: each entry's keys, in sorted order, are set by set over the entry
// already there, or over fresh() for a new alias.
func decodeAliases[T any](into map[string]T, setting string, v any, what, keys string, fresh func() T, set func(e *T, setting, key string, v any) error) error {
	m, err := asMap(setting, v, "a mapping of alias to "+what+" settings")
	if err != nil {
		return err
	}
	for _, alias := range sortedKeys(m) {
		name := setting + "." + alias
		entry, err := asMap(name, m[alias], "a mapping of "+keys+", ... (a "+what+")")
		if err != nil {
			return err
		}
		e, ok := into[alias]
		if !ok {
			e = fresh()
		}
		for _, k := range sortedKeys(entry) {
			if err := set(&e, name+"."+strings.ToUpper(k), k, entry[k]); err != nil {
				return err
			}
		}
		into[alias] = e
	}
	return nil
}

func (s *Settings) setDatabaseKey(d *Database, setting, key string, v any) (err error) {
	switch key {
	case "engine":
		d.Engine, err = asString(setting, v)
		if e, ok := djangoEngines[d.Engine]; ok {
			d.Engine = e
		}
	case "name":
		d.Name, err = asString(setting, v)
	case "host":
		d.Host, err = asString(setting, v)
	case "port":
		d.Port, err = asString(setting, v)
	case "user":
		d.User, err = asString(setting, v)
	case "password":
		d.Password, err = asString(setting, v)
	case "url":
		d.URL, err = asString(setting, v)
	case "options":
		d.Options, err = mergeOptions(setting, d.Options, v)
	default:
		s.warnUnknown(setting)
	}
	return err
}

func (s *Settings) setCacheKey(c *Cache, setting, key string, v any) (err error) {
	switch key {
	case "backend":
		c.Backend, err = asString(setting, v)
	case "location":
		c.Location, err = asString(setting, v)
	case "key_prefix":
		c.KeyPrefix, err = asString(setting, v)
	case "timeout":
		c.Timeout, err = asTimeout(setting, v)
	case "options":
		c.Options, err = mergeOptions(setting, c.Options, v)
	default:
		s.warnUnknown(setting)
	}
	return err
}

const allowedTimeout = "a non-negative integer (seconds) or null"

// asTimeout reads a cache TIMEOUT in seconds; null (Django's None) is 0,
// no expiry.
func asTimeout(setting string, v any) (time.Duration, error) {
	if v == nil {
		return 0, nil
	}
	n, err := asInt(setting, v, allowedTimeout)
	return time.Duration(n) * time.Second, err
}

// mergeOptions adds the keys of an OPTIONS mapping to those already set.
func mergeOptions(setting string, old map[string]any, v any) (map[string]any, error) {
	m, err := asMap(setting, v, "a mapping")
	if err != nil {
		return nil, err
	}
	out := make(map[string]any, len(old)+len(m))
	for k, x := range old {
		out[k] = x
	}
	for k, x := range m {
		out[k] = x
	}
	return out, nil
}

// decodeTemplates reads TEMPLATES: {DIRS: [...]}.
func (s *Settings) decodeTemplates(v any) error {
	m, err := asMap("TEMPLATES", v, "a mapping with DIRS (a list of directories)")
	if err != nil {
		return err
	}
	for _, k := range sortedKeys(m) {
		setting := "TEMPLATES." + strings.ToUpper(k)
		if k != "dirs" {
			s.warnUnknown(setting)
			continue
		}
		if s.Templates.Dirs, err = asList(setting, m[k]); err != nil {
			return err
		}
	}
	return nil
}
