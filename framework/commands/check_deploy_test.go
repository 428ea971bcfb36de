package commands

import (
	"strings"
	"testing"
)

// protectionMiddleware is Django's default MIDDLEWARE as far as the
// framework provides it (no sessions or messages app in these tests).
const protectionMiddleware = `MIDDLEWARE:
  - django.middleware.security.SecurityMiddleware
  - framework.csrf.CsrfViewMiddleware
  - framework.clickjacking.XFrameOptionsMiddleware
`

func TestRun_checkDeploy(t *testing.T) {
	tests := []struct {
		name     string
		extra    string
		environ  []string
		wantCode int
		want     string
	}{
		{"default settings", protectionMiddleware, nil, 0, `System check identified some issues:

WARNINGS:
?: (security.W004) You have not set a value for the SECURE_HSTS_SECONDS setting. If your entire site is served only over SSL, you may want to consider setting a value and enabling HTTP Strict Transport Security. Be sure to read the documentation first; enabling HSTS carelessly can cause serious, irreversible problems.
	HINT: Set SECURE_HSTS_SECONDS, e.g. to 3600 first, then 31536000 (a year).
?: (security.W008) Your SECURE_SSL_REDIRECT setting is not set to True. Unless your site should be available over both SSL and non-SSL connections, you may want to either set this setting True or configure a load balancer or reverse-proxy server to redirect all connections to HTTPS.
	HINT: Behind a proxy that terminates TLS, set SECURE_PROXY_SSL_HEADER too.
?: (security.W016) You have 'framework.csrf.CsrfViewMiddleware' in your MIDDLEWARE, but you have not set CSRF_COOKIE_SECURE to True. Using a secure-only CSRF cookie makes it more difficult for network traffic sniffers to steal the CSRF token.
	HINT: Set CSRF_COOKIE_SECURE: true when the site is served over HTTPS.
?: (security.W018) You should not have DEBUG set to True in deployment.
	HINT: Set DEBUG: false, e.g. with MANOUCHE_DEBUG=false.
?: (security.W020) ALLOWED_HOSTS must not be empty in deployment.
	HINT: List the host names the site is served under, e.g. [example.com].

System check identified 5 issues (0 silenced).
`},
		{"hardened settings", protectionMiddleware + `ALLOWED_HOSTS: [example.com]
SECURE_HSTS_SECONDS: 31536000
SECURE_HSTS_INCLUDE_SUBDOMAINS: true
SECURE_HSTS_PRELOAD: true
SECURE_SSL_REDIRECT: true
SECURE_PROXY_SSL_HEADER: [HTTP_X_FORWARDED_PROTO, https]
CSRF_COOKIE_SECURE: true
SESSION_COOKIE_SECURE: true
`, []string{"MANOUCHE_DEBUG=false"}, 0, "System check identified no issues (0 silenced).\n"},
		{"no protection at all", "", nil, 0, "(security.W001) You do not have 'framework.security.SecurityMiddleware'"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := project(t, tt.extra)
			code, stdout, stderr := run(t, tt.environ, "--settings", cfg, "check", "--deploy")
			if code != tt.wantCode {
				t.Fatalf("exit code: got %d, want %d; stderr %s", code, tt.wantCode, stderr)
			}
			if strings.HasSuffix(tt.want, "\n") && stdout != tt.want || !strings.Contains(stdout, tt.want) {
				t.Errorf("got:\n%s\nwant:\n%s", stdout, tt.want)
			}
		})
	}
	code, stdout, _ := run(t, nil, "--settings", project(t, ""), "check")
	if code != 0 || strings.Contains(stdout, "security.W00") {
		t.Errorf("check without --deploy: got %d %q, want no deployment warnings", code, stdout)
	}
}
