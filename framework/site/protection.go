package site

import (
	"fmt"
	"net/http"
	"regexp"
	"slices"

	"github.com/manouche-go/manouche/framework"
	"github.com/manouche-go/manouche/framework/apps"
	"github.com/manouche-go/manouche/framework/checks"
	"github.com/manouche-go/manouche/framework/clickjacking"
	"github.com/manouche-go/manouche/framework/csrf"
	"github.com/manouche-go/manouche/framework/security"
	"github.com/manouche-go/manouche/framework/settings"
)

// sessionMiddleware are the MIDDLEWARE names of contrib.sessions'
// middleware, which CSRF_USE_SESSIONS needs before the CSRF middleware.
var sessionMiddleware = []string{"contrib.sessions.SessionMiddleware", "django.contrib.sessions.middleware.SessionMiddleware"}

// Django's request protections, which MIDDLEWARE lists by name or by
// Django's dotted path.
func init() {
	apps.RegisterMiddleware(apps.Middleware{Name: security.MiddlewareName, Aliases: []string{security.DjangoName}, New: newSecurity})
	apps.RegisterMiddleware(apps.Middleware{Name: csrf.MiddlewareName, Aliases: []string{csrf.DjangoName}, New: newCSRF})
	apps.RegisterMiddleware(apps.Middleware{Name: clickjacking.MiddlewareName, Aliases: []string{clickjacking.DjangoName}, New: newXFrameOptions})
	checks.Register(checkCSRF)
}

func newSecurity(env *apps.Env) (func(http.Handler) http.Handler, error) {
	s := env.Settings
	exempt := make([]*regexp.Regexp, len(s.SecureRedirectExempt))
	for i, re := range s.SecureRedirectExempt {
		var err error
		if exempt[i], err = regexp.Compile(re); err != nil {
			return nil, fmt.Errorf("site: SECURE_REDIRECT_EXEMPT: %w", err)
		}
	}
	return security.New(security.Options{
		ContentTypeNosniff:      s.SecureContentTypeNosniff,
		ReferrerPolicy:          s.SecureReferrerPolicy,
		CrossOriginOpenerPolicy: s.SecureCrossOriginOpenerPolicy,
		HSTSSeconds:             s.SecureHSTSSeconds,
		HSTSIncludeSubdomains:   s.SecureHSTSIncludeSubdomains,
		HSTSPreload:             s.SecureHSTSPreload,
		SSLRedirect:             s.SecureSSLRedirect,
		SSLHost:                 s.SecureSSLHost,
		RedirectExempt:          exempt,
	}), nil
}

// CSRFOptions maps a site's settings onto the options of the CSRF
// middleware: every CSRF_* setting, SESSION_COOKIE_DOMAIN, and the
// CSRF_FAILURE_VIEW looked up among the registered failure views.
func CSRFOptions(env *apps.Env) (csrf.Options, error) {
	s := env.Settings
	fail, err := csrf.LookupFailureView(s.CSRFFailureView)
	if err != nil {
		return csrf.Options{}, fmt.Errorf("site: CSRF_FAILURE_VIEW: %w", err)
	}
	return csrf.Options{
		Cookie: framework.Cookie{
			Name: s.CSRFCookieName, Domain: s.CSRFCookieDomain, Path: s.CSRFCookiePath,
			Secure: s.CSRFCookieSecure, HttpOnly: s.CSRFCookieHTTPOnly, SameSite: s.CSRFCookieSameSite,
		},
		CookieAge:           s.CSRFCookieAge,
		Header:              settings.MetaHeader(s.CSRFHeaderName),
		TrustedOrigins:      s.CSRFTrustedOrigins,
		UseSessions:         s.CSRFUseSessions,
		SessionCookieDomain: s.SessionCookieDomain,
		FailureView:         fail,
		Logger:              env.Logger,
	}, nil
}

func newCSRF(env *apps.Env) (func(http.Handler) http.Handler, error) {
	o, err := CSRFOptions(env)
	if err != nil {
		return nil, err
	}
	return csrf.New(o)
}

func newXFrameOptions(env *apps.Env) (func(http.Handler) http.Handler, error) {
	return clickjacking.New(env.Settings.XFrameOptions), nil
}

// extendEnv installs the template context processors (the CSRF token's,
// then the installed apps') and SECURE_PROXY_SSL_HEADER in env.
func (s *Site) extendEnv(env *framework.Env) {
	env.ContextProcessors = []framework.ContextProcessor{csrf.Processor}
	for _, a := range s.Apps {
		if p, ok := a.(apps.ContextProcessorsProvider); ok {
			env.ContextProcessors = append(env.ContextProcessors, p.ContextProcessors()...)
		}
	}
	if h := s.Settings.SecureProxySSLHeader; len(h) == 2 {
		env.SecureProxySSLHeader, env.SecureProxySSLValue = settings.MetaHeader(h[0]), h[1]
	}
}

// checkCSRF is Django's security.E102 (an unknown CSRF_FAILURE_VIEW) and
// csrf.E001: CSRF_USE_SESSIONS without the session middleware listed
// before the CSRF middleware (Django raises ImproperlyConfigured on the
// first request).
func checkCSRF(s *settings.Settings) []checks.Message {
	var msgs []checks.Message
	if _, err := csrf.LookupFailureView(s.CSRFFailureView); err != nil {
		msgs = append(msgs, checks.Message{ID: "security.E102", Level: checks.Error,
			Text: fmt.Sprintf("The CSRF failure view '%s' is not registered (%v).", s.CSRFFailureView, err),
			Hint: "Set CSRF_FAILURE_VIEW to " + csrf.DefaultFailureView + " or register the view with csrf.RegisterFailureView."})
	}
	at := slices.IndexFunc(s.Middleware, func(n string) bool { return n == csrf.MiddlewareName || n == csrf.DjangoName })
	if !s.CSRFUseSessions || at < 0 {
		return msgs
	}
	if sess := slices.IndexFunc(s.Middleware, func(n string) bool { return slices.Contains(sessionMiddleware, n) }); sess < 0 || sess > at {
		msgs = append(msgs, checks.Message{ID: "csrf.E001", Level: checks.Error, Obj: s.Middleware[at],
			Text: "CSRF_USE_SESSIONS is on, but the session middleware does not come before the CSRF middleware in MIDDLEWARE.",
			Hint: "List " + sessionMiddleware[0] + " above " + s.Middleware[at] + " in MIDDLEWARE."})
	}
	return msgs
}
