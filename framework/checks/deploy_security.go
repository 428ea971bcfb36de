package checks

import (
	"slices"

	"github.com/manouche-go/manouche/framework/settings"
)

// The MIDDLEWARE names (manouche's, then Django's) the deployment checks
// look for.
var (
	securityMiddleware = []string{"framework.security.SecurityMiddleware", "django.middleware.security.SecurityMiddleware"}
	xframeMiddleware   = []string{"framework.clickjacking.XFrameOptionsMiddleware", "django.middleware.clickjacking.XFrameOptionsMiddleware"}
	csrfMiddleware     = []string{"framework.csrf.CsrfViewMiddleware", "django.middleware.csrf.CsrfViewMiddleware"}
	sessionMiddleware  = []string{"contrib.sessions.SessionMiddleware", "django.contrib.sessions.middleware.SessionMiddleware"}
	sessionApp         = []string{"contrib.sessions", "django.contrib.sessions"}
)

func init() {
	for _, c := range []Check{
		checkSecurityMiddleware, checkXFrameMiddleware, checkCSRFMiddleware,
		checkHSTS, checkSecurityHeaders, checkSSLRedirect, checkXFrameDeny,
		checkCookiesSecure, checkDebug, checkAllowedHostsDeploy,
	} {
		RegisterDeploy(c)
	}
}

func listed(names []string, want []string) bool {
	return slices.ContainsFunc(names, func(n string) bool { return slices.Contains(want, n) })
}

func warning(id, text, hint string) []Message {
	return []Message{{ID: id, Level: Warning, Text: text, Hint: hint}}
}

// checkSecurityMiddleware is security.W001.
func checkSecurityMiddleware(s *settings.Settings) []Message {
	if listed(s.Middleware, securityMiddleware) {
		return nil
	}
	return warning("security.W001", "You do not have 'framework.security.SecurityMiddleware' in your MIDDLEWARE "+
		"so the SECURE_HSTS_SECONDS, SECURE_CONTENT_TYPE_NOSNIFF, SECURE_REFERRER_POLICY, "+
		"SECURE_CROSS_ORIGIN_OPENER_POLICY, and SECURE_SSL_REDIRECT settings will have no effect.",
		"List framework.security.SecurityMiddleware (or django.middleware.security.SecurityMiddleware) first in MIDDLEWARE.")
}

// checkXFrameMiddleware is security.W002.
func checkXFrameMiddleware(s *settings.Settings) []Message {
	if listed(s.Middleware, xframeMiddleware) {
		return nil
	}
	return warning("security.W002", "You do not have 'framework.clickjacking.XFrameOptionsMiddleware' in your "+
		"MIDDLEWARE, so your pages will not be served with an 'x-frame-options' header. Unless there is a good "+
		"reason for your site to be served in a frame, you should consider enabling this header to help prevent "+
		"clickjacking attacks.", "Add framework.clickjacking.XFrameOptionsMiddleware to MIDDLEWARE.")
}

// checkCSRFMiddleware is security.W003.
func checkCSRFMiddleware(s *settings.Settings) []Message {
	if listed(s.Middleware, csrfMiddleware) {
		return nil
	}
	return warning("security.W003", "You don't appear to be using the built-in cross-site request forgery "+
		"protection via the middleware ('framework.csrf.CsrfViewMiddleware' is not in your MIDDLEWARE). "+
		"Enabling the middleware is the safest approach to ensure you don't leave any holes.",
		"Add framework.csrf.CsrfViewMiddleware to MIDDLEWARE, after the session middleware.")
}

// checkHSTS is security.W004, W005 and W021.
func checkHSTS(s *settings.Settings) []Message {
	if !listed(s.Middleware, securityMiddleware) {
		return nil
	}
	if s.SecureHSTSSeconds == 0 {
		return warning("security.W004", "You have not set a value for the SECURE_HSTS_SECONDS setting. If your "+
			"entire site is served only over SSL, you may want to consider setting a value and enabling HTTP Strict "+
			"Transport Security. Be sure to read the documentation first; enabling HSTS carelessly can cause "+
			"serious, irreversible problems.", "Set SECURE_HSTS_SECONDS, e.g. to 3600 first, then 31536000 (a year).")
	}
	var msgs []Message
	if !s.SecureHSTSIncludeSubdomains {
		msgs = append(msgs, warning("security.W005", "You have not set the SECURE_HSTS_INCLUDE_SUBDOMAINS setting "+
			"to True. Without this, your site is potentially vulnerable to attack via an insecure connection to a "+
			"subdomain. Only set this to True if you are certain that all subdomains of your domain should be "+
			"served exclusively via SSL.", "")...)
	}
	if !s.SecureHSTSPreload {
		msgs = append(msgs, warning("security.W021", "You have not set the SECURE_HSTS_PRELOAD setting to True. "+
			"Without this, your site cannot be submitted to the browser preload list.", "")...)
	}
	return msgs
}

// checkSecurityHeaders is security.W006 and W022.
func checkSecurityHeaders(s *settings.Settings) []Message {
	if !listed(s.Middleware, securityMiddleware) {
		return nil
	}
	var msgs []Message
	if !s.SecureContentTypeNosniff {
		msgs = append(msgs, warning("security.W006", "Your SECURE_CONTENT_TYPE_NOSNIFF setting is not set to True, "+
			"so your pages will not be served with an 'X-Content-Type-Options: nosniff' header. You should consider "+
			"enabling this header to prevent the browser from identifying content types incorrectly.", "")...)
	}
	if s.SecureReferrerPolicy == "" {
		msgs = append(msgs, warning("security.W022", "You have not set the SECURE_REFERRER_POLICY setting. Without "+
			"this, your site will not send a Referrer-Policy header. You should consider enabling this header to "+
			"protect user privacy.", "Django's default is same-origin.")...)
	}
	return msgs
}

// checkSSLRedirect is security.W008.
func checkSSLRedirect(s *settings.Settings) []Message {
	if !listed(s.Middleware, securityMiddleware) || s.SecureSSLRedirect {
		return nil
	}
	return warning("security.W008", "Your SECURE_SSL_REDIRECT setting is not set to True. Unless your site should "+
		"be available over both SSL and non-SSL connections, you may want to either set this setting True or "+
		"configure a load balancer or reverse-proxy server to redirect all connections to HTTPS.",
		"Behind a proxy that terminates TLS, set SECURE_PROXY_SSL_HEADER too.")
}

// checkXFrameDeny is security.W019.
func checkXFrameDeny(s *settings.Settings) []Message {
	if !listed(s.Middleware, xframeMiddleware) || s.XFrameOptions == "DENY" {
		return nil
	}
	return warning("security.W019", "You have 'framework.clickjacking.XFrameOptionsMiddleware' in your MIDDLEWARE, "+
		"but X_FRAME_OPTIONS is not set to 'DENY'. Unless there is a good reason for your site to serve other "+
		"parts of itself in a frame, you should change it to 'DENY'.", "")
}

// checkDebug is security.W018.
func checkDebug(s *settings.Settings) []Message {
	if !s.Debug {
		return nil
	}
	return warning("security.W018", "You should not have DEBUG set to True in deployment.",
		"Set DEBUG: false, e.g. with MANOUCHE_DEBUG=false.")
}

// checkAllowedHostsDeploy is security.W020, which the other checks report
// only with DEBUG off.
func checkAllowedHostsDeploy(s *settings.Settings) []Message {
	if len(s.AllowedHosts) > 0 {
		return nil
	}
	return warning("security.W020", "ALLOWED_HOSTS must not be empty in deployment.",
		"List the host names the site is served under, e.g. [example.com].")
}
