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
	m, err := asMap("DATABASES", v, "a mapping of alias to database settings")
	if err != nil {
		return err
	}
	for _, alias := range sortedKeys(m) {
		name := "DATABASES." + alias
		entry, err := asMap(name, m[alias], "a mapping of ENGINE, NAME, ... (a database)")
		if err != nil {
			return err
		}
		d := s.Databases[alias]
		for _, k := range sortedKeys(entry) {
			if err := s.setDatabaseKey(&d, name+"."+strings.ToUpper(k), k, entry[k]); err != nil {
				return err
			}
		}
		s.Databases[alias] = d
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

// decodeCaches is decodeDatabases for CACHES. A new alias starts with
// Django's default TIMEOUT.
func (s *Settings) decodeCaches(v any) error {
	m, err := asMap("CACHES", v, "a mapping of alias to cache settings")
	if err != nil {
		return err
	}
	for _, alias := range sortedKeys(m) {
		name := "CACHES." + alias
		entry, err := asMap(name, m[alias], "a mapping of BACKEND, LOCATION, ... (a cache)")
		if err != nil {
			return err
		}
		c, ok := s.Caches[alias]
		if !ok {
			c.Timeout = DefaultCacheTimeout
		}
		for _, k := range sortedKeys(entry) {
			if err := s.setCacheKey(&c, name+"."+strings.ToUpper(k), k, entry[k]); err != nil {
				return err
			}
		}
		s.Caches[alias] = c
	}
	return nil
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
