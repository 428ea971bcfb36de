package settings

import (
	"errors"
	"reflect"
	"testing"
)

// The CSRF, security and messages settings: Django's defaults, the file,
// the environment and the one-line errors.

func TestDefault_protection(t *testing.T) {
	s := Default()
	tests := []struct {
		name      string
		got, want any
	}{
		{"CSRF_COOKIE_NAME", s.CSRFCookieName, "csrftoken"},
		{"CSRF_COOKIE_AGE", s.CSRFCookieAge, 31449600},
		{"CSRF_COOKIE_DOMAIN", s.CSRFCookieDomain, ""},
		{"CSRF_COOKIE_PATH", s.CSRFCookiePath, "/"},
		{"CSRF_COOKIE_SECURE", s.CSRFCookieSecure, false},
		{"CSRF_COOKIE_HTTPONLY", s.CSRFCookieHTTPOnly, false},
		{"CSRF_COOKIE_SAMESITE", s.CSRFCookieSameSite, "Lax"},
		{"CSRF_HEADER_NAME", s.CSRFHeaderName, "HTTP_X_CSRFTOKEN"},
		{"CSRF_TRUSTED_ORIGINS", s.CSRFTrustedOrigins, []string{}},
		{"CSRF_USE_SESSIONS", s.CSRFUseSessions, false},
		{"CSRF_FAILURE_VIEW", s.CSRFFailureView, "django.views.csrf.csrf_failure"},
		{"SECURE_CONTENT_TYPE_NOSNIFF", s.SecureContentTypeNosniff, true},
		{"SECURE_REFERRER_POLICY", s.SecureReferrerPolicy, "same-origin"},
		{"SECURE_CROSS_ORIGIN_OPENER_POLICY", s.SecureCrossOriginOpenerPolicy, "same-origin"},
		{"SECURE_HSTS_SECONDS", s.SecureHSTSSeconds, 0},
		{"SECURE_HSTS_INCLUDE_SUBDOMAINS", s.SecureHSTSIncludeSubdomains, false},
		{"SECURE_HSTS_PRELOAD", s.SecureHSTSPreload, false},
		{"SECURE_SSL_REDIRECT", s.SecureSSLRedirect, false},
		{"SECURE_SSL_HOST", s.SecureSSLHost, ""},
		{"SECURE_REDIRECT_EXEMPT", s.SecureRedirectExempt, []string{}},
		{"SECURE_PROXY_SSL_HEADER", s.SecureProxySSLHeader, []string{}},
		{"X_FRAME_OPTIONS", s.XFrameOptions, "DENY"},
		{"MESSAGE_STORAGE", s.MessageStorage, "fallback"},
		{"MESSAGE_LEVEL", s.MessageLevel, 20},
		{"MESSAGE_TAGS", s.MessageTags, map[int]string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if !reflect.DeepEqual(tt.got, tt.want) {
				t.Errorf("got %#v, want %#v", tt.got, tt.want)
			}
		})
	}
}

func TestLoad_protection(t *testing.T) {
	const file = `
DEBUG: true
CSRF_COOKIE_NAME: mycsrf
CSRF_COOKIE_AGE: 3600
CSRF_COOKIE_DOMAIN: .example.com
CSRF_COOKIE_SECURE: true
CSRF_COOKIE_HTTPONLY: true
CSRF_COOKIE_SAMESITE: false
CSRF_HEADER_NAME: HTTP_X_XSRF_TOKEN
CSRF_TRUSTED_ORIGINS: [https://*.example.com, partner.example, http://localhost:8080]
CSRF_USE_SESSIONS: true
SECURE_REFERRER_POLICY: [no-referrer, strict-origin-when-cross-origin]
SECURE_CROSS_ORIGIN_OPENER_POLICY: null
SECURE_HSTS_SECONDS: 31536000
SECURE_SSL_REDIRECT: true
SECURE_REDIRECT_EXEMPT: ['^health/$']
SECURE_PROXY_SSL_HEADER: [HTTP_X_FORWARDED_PROTO, https]
X_FRAME_OPTIONS: sameorigin
MESSAGE_STORAGE: django.contrib.messages.storage.session.SessionStorage
MESSAGE_LEVEL: debug
MESSAGE_TAGS: {error: danger, 35: notice}
`
	s := mustLoad(t, file)
	tests := []struct {
		name      string
		got, want any
	}{
		{"CSRF_COOKIE_NAME", s.CSRFCookieName, "mycsrf"},
		{"CSRF_COOKIE_AGE", s.CSRFCookieAge, 3600},
		{"CSRF_COOKIE_DOMAIN", s.CSRFCookieDomain, ".example.com"},
		{"CSRF_COOKIE_SECURE", s.CSRFCookieSecure, true},
		{"CSRF_COOKIE_HTTPONLY", s.CSRFCookieHTTPOnly, true},
		{"CSRF_COOKIE_SAMESITE", s.CSRFCookieSameSite, ""},
		{"CSRF_HEADER_NAME", s.CSRFHeaderName, "HTTP_X_XSRF_TOKEN"},
		{"CSRF_TRUSTED_ORIGINS", s.CSRFTrustedOrigins, []string{"https://*.example.com", "partner.example", "http://localhost:8080"}},
		{"CSRF_USE_SESSIONS", s.CSRFUseSessions, true},
		{"SECURE_REFERRER_POLICY", s.SecureReferrerPolicy, "no-referrer,strict-origin-when-cross-origin"},
		{"SECURE_CROSS_ORIGIN_OPENER_POLICY", s.SecureCrossOriginOpenerPolicy, ""},
		{"SECURE_HSTS_SECONDS", s.SecureHSTSSeconds, 31536000},
		{"SECURE_SSL_REDIRECT", s.SecureSSLRedirect, true},
		{"SECURE_REDIRECT_EXEMPT", s.SecureRedirectExempt, []string{"^health/$"}},
		{"SECURE_PROXY_SSL_HEADER", s.SecureProxySSLHeader, []string{"HTTP_X_FORWARDED_PROTO", "https"}},
		{"X_FRAME_OPTIONS", s.XFrameOptions, "SAMEORIGIN"},
		{"MESSAGE_STORAGE", s.MessageStorage, "session"},
		{"MESSAGE_LEVEL", s.MessageLevel, 10},
		{"MESSAGE_TAGS", s.MessageTags, map[int]string{40: "danger", 35: "notice"}},
		{"Warnings", s.Warnings, []string(nil)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if !reflect.DeepEqual(tt.got, tt.want) {
				t.Errorf("got %#v, want %#v", tt.got, tt.want)
			}
		})
	}
}

func TestLoad_protectionEnv(t *testing.T) {
	tests := []struct {
		env  string
		got  func(s *Settings) any
		want any
	}{
		{"MANOUCHE_CSRF_TRUSTED_ORIGINS=https://a.example,https://b.example", func(s *Settings) any { return s.CSRFTrustedOrigins }, []string{"https://a.example", "https://b.example"}},
		{"MANOUCHE_CSRF_USE_SESSIONS=true", func(s *Settings) any { return s.CSRFUseSessions }, true},
		{"MANOUCHE_CSRF_COOKIE_SAMESITE=Strict", func(s *Settings) any { return s.CSRFCookieSameSite }, "Strict"},
		{"MANOUCHE_SECURE_PROXY_SSL_HEADER=HTTP_X_FORWARDED_PROTO,https", func(s *Settings) any { return s.SecureProxySSLHeader }, []string{"HTTP_X_FORWARDED_PROTO", "https"}},
		{"MANOUCHE_SECURE_REFERRER_POLICY=origin", func(s *Settings) any { return s.SecureReferrerPolicy }, "origin"},
		{"MANOUCHE_SECURE_HSTS_SECONDS=60", func(s *Settings) any { return s.SecureHSTSSeconds }, 60},
		{"MANOUCHE_X_FRAME_OPTIONS=SAMEORIGIN", func(s *Settings) any { return s.XFrameOptions }, "SAMEORIGIN"},
		{"MANOUCHE_MESSAGE_STORAGE=cookie", func(s *Settings) any { return s.MessageStorage }, "cookie"},
		{"MANOUCHE_MESSAGE_LEVEL=30", func(s *Settings) any { return s.MessageLevel }, 30},
		{"MANOUCHE_MESSAGE_TAGS=error:danger, 25:ok", func(s *Settings) any { return s.MessageTags }, map[int]string{40: "danger", 25: "ok"}},
	}
	for _, tt := range tests {
		t.Run(tt.env, func(t *testing.T) {
			s := mustLoad(t, "DEBUG: true", tt.env)
			if got := tt.got(s); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %#v, want %#v", got, tt.want)
			}
		})
	}
}

func TestLoad_protectionErrors(t *testing.T) {
	tests := []struct {
		name, yaml, want string
	}{
		{"csrf cookie name", `CSRF_COOKIE_NAME: "a b"`,
			`settings: CSRF_COOKIE_NAME = "a b": must be ` + allowedCookieName},
		{"csrf cookie age", `CSRF_COOKIE_AGE: -1`,
			`settings: CSRF_COOKIE_AGE = "-1": must be a non-negative integer (seconds)`},
		{"csrf samesite", `CSRF_COOKIE_SAMESITE: Loose`,
			`settings: CSRF_COOKIE_SAMESITE = "Loose": must be Lax, Strict, None or false`},
		{"csrf header name", `CSRF_HEADER_NAME: X-CSRFToken`,
			`settings: CSRF_HEADER_NAME = "X-CSRFToken": must be ` + allowedHeaderName},
		{"trusted origin with path", `CSRF_TRUSTED_ORIGINS: [https://example.com/app]`,
			`settings: CSRF_TRUSTED_ORIGINS = "https://example.com/app": must be ` + allowedTrustedOrigin},
		{"trusted origin empty host", `CSRF_TRUSTED_ORIGINS: ["https://"]`,
			`settings: CSRF_TRUSTED_ORIGINS = "https://": must be ` + allowedTrustedOrigin},
		{"failure view empty", `CSRF_FAILURE_VIEW: ""`,
			`settings: CSRF_FAILURE_VIEW = "": must be the name of a registered CSRF failure view, such as django.views.csrf.csrf_failure`},
		{"referrer policy", `SECURE_REFERRER_POLICY: "same-origin, nope"`,
			`settings: SECURE_REFERRER_POLICY = "same-origin,nope": must be one or more of no-referrer, no-referrer-when-downgrade, origin, origin-when-cross-origin, same-origin, strict-origin, strict-origin-when-cross-origin, unsafe-url, or null`},
		{"opener policy", `SECURE_CROSS_ORIGIN_OPENER_POLICY: same-site`,
			`settings: SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-site": must be same-origin, same-origin-allow-popups, unsafe-none or null`},
		{"hsts negative", `SECURE_HSTS_SECONDS: -1`,
			`settings: SECURE_HSTS_SECONDS = "-1": must be a non-negative integer (seconds)`},
		{"redirect exempt", `SECURE_REDIRECT_EXEMPT: ["("]`,
			"settings: SECURE_REDIRECT_EXEMPT = \"(\": must be a list of regular expressions (Go's RE2 syntax; error parsing regexp: missing closing ): `(`)"},
		{"proxy header one value", `SECURE_PROXY_SSL_HEADER: [HTTP_X_FORWARDED_PROTO]`,
			`settings: SECURE_PROXY_SSL_HEADER = "[HTTP_X_FORWARDED_PROTO]": must be null or a header and its value, such as [HTTP_X_FORWARDED_PROTO, https]`},
		{"proxy header not META", `SECURE_PROXY_SSL_HEADER: [X-Forwarded-Proto, https]`,
			`settings: SECURE_PROXY_SSL_HEADER = "[X-Forwarded-Proto, https]": must be null or a header and its value, such as [HTTP_X_FORWARDED_PROTO, https]`},
		{"x frame options", `X_FRAME_OPTIONS: ALLOW-FROM x`,
			`settings: X_FRAME_OPTIONS = "ALLOW-FROM X": must be DENY or SAMEORIGIN`},
		{"message storage", `MESSAGE_STORAGE: redis`,
			`settings: MESSAGE_STORAGE = "redis": must be ` + allowedMessageStorage},
		{"message level", `MESSAGE_LEVEL: loud`,
			`settings: MESSAGE_LEVEL = "loud": must be ` + allowedMessageLevel},
		{"message tags list", `MESSAGE_TAGS: [a]`,
			`settings: MESSAGE_TAGS = "[a]": must be ` + allowedMessageTags},
		{"message tags key", `MESSAGE_TAGS: {loud: x}`,
			`settings: MESSAGE_TAGS = "loud": must be ` + allowedMessageTags},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := load(t, "DEBUG: true\n"+tt.yaml)
			var se *Error
			if !errors.As(err, &se) {
				t.Fatalf("got %v, want a *settings.Error", err)
			}
			if err.Error() != tt.want {
				t.Errorf("got  %s\nwant %s", err, tt.want)
			}
		})
	}
}

func TestMetaHeader(t *testing.T) {
	tests := map[string]string{
		"HTTP_X_CSRFTOKEN":       "X-Csrftoken",
		"HTTP_X_FORWARDED_PROTO": "X-Forwarded-Proto",
		"X-Other":                "X-Other",
	}
	for in, want := range tests {
		if got := MetaHeader(in); got != want {
			t.Errorf("MetaHeader(%q): got %q, want %q", in, got, want)
		}
	}
}
