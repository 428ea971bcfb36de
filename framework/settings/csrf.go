package settings

import (
	"net/textproto"
	"strings"
)

// CSRF holds the CSRF_* settings of Django's django.middleware.csrf, with
// Django's names and defaults. It is embedded in [Settings].
type CSRF struct {
	// CSRFCookieName is CSRF_COOKIE_NAME. The default is "csrftoken".
	CSRFCookieName string
	// CSRFCookieAge is CSRF_COOKIE_AGE in seconds. The default is 31449600
	// (52 weeks).
	CSRFCookieAge int
	// CSRFCookieDomain is CSRF_COOKIE_DOMAIN; "" (Django's None) means a
	// host-only cookie. The default is "".
	CSRFCookieDomain string
	// CSRFCookiePath is CSRF_COOKIE_PATH. The default is "/".
	CSRFCookiePath string
	// CSRFCookieSecure is CSRF_COOKIE_SECURE. The default is false.
	CSRFCookieSecure bool
	// CSRFCookieHTTPOnly is CSRF_COOKIE_HTTPONLY. The default is false, so
	// that JavaScript can read the token.
	CSRFCookieHTTPOnly bool
	// CSRFCookieSameSite is CSRF_COOKIE_SAMESITE: "Lax", "Strict", "None"
	// or "" to omit the attribute. The default is "Lax".
	CSRFCookieSameSite string
	// CSRFHeaderName is CSRF_HEADER_NAME, the header of the token for AJAX
	// requests as Django's request.META names it. The default is
	// "HTTP_X_CSRFTOKEN", the X-CSRFToken header.
	CSRFHeaderName string
	// CSRFTrustedOrigins is CSRF_TRUSTED_ORIGINS: origins trusted for
	// unsafe requests besides the site's own. Entries are Django 4.0's
	// "https://example.com" or "https://*.example.com", or Django 3.2's
	// bare hosts "example.com" and ".example.com" (which trust HTTPS
	// origins of that host or domain). The default is empty.
	CSRFTrustedOrigins []string
	// CSRFUseSessions is CSRF_USE_SESSIONS: keep the CSRF secret in the
	// session (key "_csrftoken") instead of a cookie. The default is false.
	CSRFUseSessions bool
	// CSRFFailureView is CSRF_FAILURE_VIEW, the name of the view that
	// answers rejected requests. The default is Django's
	// "django.views.csrf.csrf_failure", the 403 page "CSRF verification
	// failed. Request aborted.".
	CSRFFailureView string
}

const (
	allowedHeaderName    = "a request header as Django's request.META names it, such as HTTP_X_CSRFTOKEN"
	allowedTrustedOrigin = "a list of origins such as https://example.com or https://*.example.com, or hosts such as example.com or .example.com"
)

func defaultCSRF() CSRF {
	return CSRF{
		CSRFCookieName:     "csrftoken",
		CSRFCookieAge:      31449600,
		CSRFCookiePath:     "/",
		CSRFCookieSameSite: "Lax",
		CSRFHeaderName:     "HTTP_X_CSRFTOKEN",
		CSRFTrustedOrigins: []string{},
		CSRFFailureView:    "django.views.csrf.csrf_failure",
	}
}

func init() {
	fields = append(fields,
		stringField("CSRF_COOKIE_NAME", func(s *Settings) *string { return &s.CSRFCookieName }),
		intField("CSRF_COOKIE_AGE", allowedAge, func(s *Settings) *int { return &s.CSRFCookieAge }),
		stringField("CSRF_COOKIE_DOMAIN", func(s *Settings) *string { return &s.CSRFCookieDomain }),
		stringField("CSRF_COOKIE_PATH", func(s *Settings) *string { return &s.CSRFCookiePath }),
		boolField("CSRF_COOKIE_SECURE", func(s *Settings) *bool { return &s.CSRFCookieSecure }),
		boolField("CSRF_COOKIE_HTTPONLY", func(s *Settings) *bool { return &s.CSRFCookieHTTPOnly }),
		sameSiteField("CSRF_COOKIE_SAMESITE", func(s *Settings) *string { return &s.CSRFCookieSameSite }),
		stringField("CSRF_HEADER_NAME", func(s *Settings) *string { return &s.CSRFHeaderName }),
		listField("CSRF_TRUSTED_ORIGINS", func(s *Settings) *[]string { return &s.CSRFTrustedOrigins }),
		boolField("CSRF_USE_SESSIONS", func(s *Settings) *bool { return &s.CSRFUseSessions }),
		stringField("CSRF_FAILURE_VIEW", func(s *Settings) *string { return &s.CSRFFailureView }),
	)
}

// intField is an integer setting; allowed describes its values.
func intField(name, allowed string, p func(*Settings) *int) field {
	return field{name: name, set: func(s *Settings, v any) (err error) {
		*p(s), err = asInt(name, v, allowed)
		return err
	}}
}

// checkCSRF validates the CSRF settings.
func (s *Settings) checkCSRF() *Error {
	switch {
	case !validCookieName(s.CSRFCookieName):
		return badValue("CSRF_COOKIE_NAME", s.CSRFCookieName, allowedCookieName)
	case s.CSRFCookieAge < 0:
		return badValue("CSRF_COOKIE_AGE", s.CSRFCookieAge, allowedAge)
	case !validMetaHeader(s.CSRFHeaderName):
		return badValue("CSRF_HEADER_NAME", s.CSRFHeaderName, allowedHeaderName)
	case s.CSRFFailureView == "":
		return badValue("CSRF_FAILURE_VIEW", "", "the name of a registered CSRF failure view, such as django.views.csrf.csrf_failure")
	}
	if err := checkSameSite("CSRF_COOKIE_SAMESITE", s.CSRFCookieSameSite); err != nil {
		return err
	}
	for _, o := range s.CSRFTrustedOrigins {
		if !validTrustedOrigin(o) {
			return badValue("CSRF_TRUSTED_ORIGINS", o, allowedTrustedOrigin)
		}
	}
	return nil
}

// validMetaHeader reports whether name is a request.META header key:
// "HTTP_" then letters, digits and "_".
func validMetaHeader(name string) bool {
	rest, ok := strings.CutPrefix(name, "HTTP_")
	if !ok || rest == "" {
		return false
	}
	for _, c := range []byte(rest) {
		if !('A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_') {
			return false
		}
	}
	return true
}

// validTrustedOrigin accepts "scheme://host[:port]" (host may start with
// "*.") and a bare host pattern ("example.com", ".example.com").
func validTrustedOrigin(o string) bool {
	scheme, host, full := strings.Cut(o, "://")
	if !full {
		host = o
	} else if scheme == "" || strings.ContainsAny(scheme, "/?#") {
		return false
	}
	host = strings.TrimPrefix(host, "*")
	return host != "" && host != "." && !strings.ContainsAny(host, "/?#* \t")
}

// MetaHeader turns a request.META header key, as CSRF_HEADER_NAME and
// SECURE_PROXY_SSL_HEADER write it ("HTTP_X_FORWARDED_PROTO"), into the
// HTTP header name ("X-Forwarded-Proto"). A key without the "HTTP_"
// prefix is returned unchanged.
func MetaHeader(key string) string {
	rest, ok := strings.CutPrefix(key, "HTTP_")
	if !ok {
		return key
	}
	return textproto.CanonicalMIMEHeaderKey(strings.ReplaceAll(rest, "_", "-"))
}
