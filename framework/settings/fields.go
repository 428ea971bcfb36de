package settings

import (
	"sort"
	"strings"
)

// field is one top-level setting: its Django name, whether it is a mapping
// (resolved further by the environment), and how a raw value is stored.
type field struct {
	name   string
	nested bool
	set    func(s *Settings, v any) error
}

// fields is the schema, in the order settings are decoded and reported.
var fields = []field{
	boolField("DEBUG", func(s *Settings) *bool { return &s.Debug }),
	stringField("SECRET_KEY", func(s *Settings) *string { return &s.SecretKey }),
	listField("SECRET_KEY_FALLBACKS", func(s *Settings) *[]string { return &s.SecretKeyFallbacks }),
	listField("ALLOWED_HOSTS", func(s *Settings) *[]string { return &s.AllowedHosts }),
	listField("INSTALLED_APPS", func(s *Settings) *[]string { return &s.InstalledApps }),
	listField("MIDDLEWARE", func(s *Settings) *[]string { return &s.Middleware }),
	{name: "DATABASES", nested: true, set: (*Settings).decodeDatabases},
	{name: "TEMPLATES", nested: true, set: (*Settings).decodeTemplates},
	{name: "CACHES", nested: true, set: (*Settings).decodeCaches},
	boolField("APPEND_SLASH", func(s *Settings) *bool { return &s.AppendSlash }),
	boolField("USE_TZ", func(s *Settings) *bool { return &s.UseTZ }),
	stringField("TIME_ZONE", func(s *Settings) *string { return &s.TimeZone }),
	stringField("SESSION_ENGINE", func(s *Settings) *string { return &s.SessionEngine }),
	stringField("SESSION_COOKIE_NAME", func(s *Settings) *string { return &s.SessionCookieName }),
	{name: "SESSION_COOKIE_AGE", set: func(s *Settings, v any) (err error) {
		s.SessionCookieAge, err = asInt("SESSION_COOKIE_AGE", v, allowedAge)
		return err
	}},
	intField("SESSION_IDLE_TIMEOUT", allowedAge, func(s *Settings) *int { return &s.SessionIdleTimeout }),
	intField("SESSION_ABSOLUTE_TIMEOUT", allowedAge, func(s *Settings) *int { return &s.SessionAbsoluteTimeout }),
	stringField("SESSION_COOKIE_DOMAIN", func(s *Settings) *string { return &s.SessionCookieDomain }),
	stringField("SESSION_COOKIE_PATH", func(s *Settings) *string { return &s.SessionCookiePath }),
	boolField("SESSION_COOKIE_SECURE", func(s *Settings) *bool { return &s.SessionCookieSecure }),
	boolField("SESSION_COOKIE_HTTPONLY", func(s *Settings) *bool { return &s.SessionCookieHTTPOnly }),
	sameSiteField("SESSION_COOKIE_SAMESITE", func(s *Settings) *string { return &s.SessionCookieSameSite }),
	boolField("SESSION_SAVE_EVERY_REQUEST", func(s *Settings) *bool { return &s.SessionSaveEveryRequest }),
	boolField("SESSION_EXPIRE_AT_BROWSER_CLOSE", func(s *Settings) *bool { return &s.SessionExpireAtBrowserClose }),
	stringField("SESSION_FILE_PATH", func(s *Settings) *string { return &s.SessionFilePath }),
	stringField("SESSION_CACHE_ALIAS", func(s *Settings) *string { return &s.SessionCacheAlias }),
	stringField("SESSION_SERIALIZER", func(s *Settings) *string { return &s.SessionSerializer }),
}

func boolField(name string, p func(*Settings) *bool) field {
	return field{name: name, set: func(s *Settings, v any) (err error) {
		*p(s), err = asBool(name, v)
		return err
	}}
}

func stringField(name string, p func(*Settings) *string) field {
	return field{name: name, set: func(s *Settings, v any) (err error) {
		*p(s), err = asString(name, v)
		return err
	}}
}

func listField(name string, p func(*Settings) *[]string) field {
	return field{name: name, set: func(s *Settings, v any) (err error) {
		*p(s), err = asList(name, v)
		return err
	}}
}

// lookupField finds a top-level setting by name, in any case.
func lookupField(name string) (field, bool) {
	for _, f := range fields {
		if strings.EqualFold(f.name, name) {
			return f, true
		}
	}
	return field{}, false
}

// decode stores the raw tree (lower-case keys) into s, in schema order, and
// adds a warning for every unknown top-level key.
func (s *Settings) decode(raw map[string]any) error {
	for _, f := range fields {
		if v, ok := raw[strings.ToLower(f.name)]; ok {
			if err := f.set(s, v); err != nil {
				return err
			}
		}
	}
	for _, k := range sortedKeys(raw) {
		if _, ok := lookupField(k); !ok {
			s.warnUnknown(strings.ToUpper(k))
		}
	}
	return nil
}

func (s *Settings) warnUnknown(setting string) {
	s.Warnings = append(s.Warnings, "settings: unknown setting "+setting+" ignored")
}

// sameSiteField is a cookie SameSite setting (SESSION_COOKIE_SAMESITE,
// CSRF_COOKIE_SAMESITE): YAML false or null, and "false" or "" in any
// case, mean "omit" and are stored as "".
func sameSiteField(name string, p func(*Settings) *string) field {
	return field{name: name, set: func(s *Settings, v any) error {
		switch x := v.(type) {
		case nil:
			*p(s) = ""
		case bool:
			if x {
				return badValue(name, v, allowedSameSite)
			}
			*p(s) = ""
		case string:
			if strings.EqualFold(x, "false") {
				x = ""
			}
			*p(s) = x
		default:
			return badValue(name, v, allowedSameSite)
		}
		return nil
	}}
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
