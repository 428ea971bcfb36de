package settings

import (
	"strings"
	"time"
)

const (
	allowedSameSite   = "Lax, Strict, None or false"
	allowedCookieName = "a non-empty cookie name (letters, digits and !#$%&'*+-.^_`|~)"
	allowedEngine     = "one of sqlite, postgres, mysql"
)

// Validate checks the settings as [Load] does and returns the first
// problem as an [*Error]: an empty SECRET_KEY with DEBUG off, a bad
// SESSION_COOKIE_NAME, a negative SESSION_COOKIE_AGE, SESSION_IDLE_TIMEOUT
// or SESSION_ABSOLUTE_TIMEOUT, a bad
// SESSION_COOKIE_SAMESITE or SESSION_SERIALIZER, an unknown TIME_ZONE, an
// unknown database ENGINE, a negative cache TIMEOUT, or a bad CSRF_*,
// SECURE_*, X_FRAME_OPTIONS or MESSAGE_STORAGE value. It normalizes
// X_FRAME_OPTIONS to upper case and MESSAGE_STORAGE to its short name.
// Call it after changing settings built with [Default].
func (s *Settings) Validate() error {
	checks := []func() *Error{
		s.checkSecretKey,
		s.checkCookieName,
		s.checkCookieAge,
		s.checkSameSite,
		s.checkSerializer,
		s.checkTimeZone,
		s.checkDatabases,
		s.checkCaches,
		s.checkStaticURL,
		s.checkCSRF,
		s.checkSecurity,
		s.checkMessages,
		s.checkAuth,
	}
	for _, check := range checks {
		if err := check(); err != nil {
			return err
		}
	}
	return nil
}

func (s *Settings) checkSecretKey() *Error {
	if s.SecretKey == "" && !s.Debug {
		return &Error{Setting: "SECRET_KEY", Value: "", Allowed: "a non-empty string when DEBUG is false"}
	}
	return nil
}

func (s *Settings) checkCookieName() *Error {
	if !validCookieName(s.SessionCookieName) {
		return &Error{Setting: "SESSION_COOKIE_NAME", Value: s.SessionCookieName, Allowed: allowedCookieName}
	}
	return nil
}

// validCookieName reports whether name is an RFC 6265 token.
func validCookieName(name string) bool {
	if name == "" {
		return false
	}
	for _, c := range []byte(name) {
		if c <= ' ' || c >= 0x7f || strings.IndexByte(`()<>@,;:\"/[]?={}`, c) >= 0 {
			return false
		}
	}
	return true
}

func (s *Settings) checkCookieAge() *Error {
	for _, f := range []struct {
		name string
		v    int
	}{
		{"SESSION_COOKIE_AGE", s.SessionCookieAge},
		{"SESSION_IDLE_TIMEOUT", s.SessionIdleTimeout},
		{"SESSION_ABSOLUTE_TIMEOUT", s.SessionAbsoluteTimeout},
	} {
		if f.v < 0 {
			return badValue(f.name, f.v, allowedAge)
		}
	}
	return nil
}

func (s *Settings) checkSameSite() *Error {
	return checkSameSite("SESSION_COOKIE_SAMESITE", s.SessionCookieSameSite)
}

// checkSameSite checks a cookie SameSite setting's value.
func checkSameSite(setting, v string) *Error {
	switch strings.ToLower(v) {
	case "", "lax", "strict", "none":
		return nil
	}
	return badValue(setting, v, allowedSameSite)
}

func (s *Settings) checkSerializer() *Error {
	switch s.SessionSerializer {
	case JSONSerializer, "django.core.signing.JSONSerializer":
		return nil
	}
	return badValue("SESSION_SERIALIZER", s.SessionSerializer, JSONSerializer+" (JSON is the only session serializer)")
}

func (s *Settings) checkTimeZone() *Error {
	if _, err := time.LoadLocation(s.TimeZone); err != nil || s.TimeZone == "" {
		return badValue("TIME_ZONE", s.TimeZone, "an IANA time zone name such as UTC or Europe/Paris")
	}
	return nil
}

func (s *Settings) checkDatabases() *Error {
	for _, alias := range sortedKeys(s.Databases) {
		switch e := s.Databases[alias].Engine; e {
		case "sqlite", "postgres", "mysql":
		default:
			return badValue("DATABASES."+alias+".ENGINE", e, allowedEngine)
		}
	}
	return nil
}

func (s *Settings) checkCaches() *Error {
	for _, alias := range sortedKeys(s.Caches) {
		if t := s.Caches[alias].Timeout; t < 0 {
			return badValue("CACHES."+alias+".TIMEOUT", int(t/time.Second), allowedTimeout)
		}
	}
	return nil
}
