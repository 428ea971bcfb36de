package site

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/manouche-go/manouche/framework/apps"
	"github.com/manouche-go/manouche/framework/checks"
	"github.com/manouche-go/manouche/framework/settings"
)

// protected is Django's default middleware as far as the framework
// provides it, in Django's dotted names.
var protected = []string{
	"django.middleware.security.SecurityMiddleware",
	"django.middleware.csrf.CsrfViewMiddleware",
	"django.middleware.clickjacking.XFrameOptionsMiddleware",
}

func TestSite_protectionHeaders(t *testing.T) {
	st, _ := testSite(t, func(s *settings.Settings) {
		s.Middleware = protected
		s.SecureHSTSSeconds = 60
		s.SecureProxySSLHeader = []string{"HTTP_X_FORWARDED_PROTO", "https"}
	})
	h, err := st.Handler()
	if err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{"/page/", "/missing/"} {
		rec := get(t, h, "localhost", path)
		for k, v := range map[string]string{
			"X-Content-Type-Options": "nosniff", "Referrer-Policy": "same-origin",
			"Cross-Origin-Opener-Policy": "same-origin", "X-Frame-Options": "DENY", "Strict-Transport-Security": "",
		} {
			if got := rec.Header().Get(k); got != v {
				t.Errorf("%s %s: got %q, want %q", path, k, got, v)
			}
		}
	}
	r := httptest.NewRequest("GET", "/page/", nil)
	r.Host = "localhost"
	r.Header.Set("X-Forwarded-Proto", "https")
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, r)
	if got := rec.Header().Get("Strict-Transport-Security"); got != "max-age=60" {
		t.Errorf("HSTS behind an HTTPS proxy: got %q, want max-age=60", got)
	}
}

func TestSite_csrfEnforced(t *testing.T) {
	st, _ := testSite(t, func(s *settings.Settings) { s.Middleware = protected })
	h, err := st.Handler()
	if err != nil {
		t.Fatal(err)
	}
	r := httptest.NewRequest("POST", "/page/", strings.NewReader(url.Values{"a": {"1"}}.Encode()))
	r.Host = "localhost"
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, r)
	if rec.Code != http.StatusForbidden || !strings.Contains(rec.Body.String(), "CSRF cookie not set.") {
		t.Errorf("POST without a cookie, DEBUG on: got %d %.300q, want 403 with the reason", rec.Code, rec.Body.String())
	}
}

// TestSite_csrfProcessor checks that every site's templates get .CSRF.
func TestSite_csrfProcessor(t *testing.T) {
	st, _ := testSite(t, func(s *settings.Settings) { s.Middleware = protected })
	h, err := st.Handler()
	if err != nil {
		t.Fatal(err)
	}
	rec := get(t, h, "localhost", "/csrfform/")
	if !regexp.MustCompile(`^<input type="hidden" name="csrfmiddlewaretoken" value="[a-zA-Z0-9]{64}">$`).MatchString(rec.Body.String()) {
		t.Errorf("form: got %q, want the hidden input", rec.Body.String())
	}
	if c := rec.Header().Get("Set-Cookie"); !strings.HasPrefix(c, "csrftoken=") {
		t.Errorf("Set-Cookie: got %q, want the CSRF cookie", c)
	}
}

func TestSite_csrfFailureView(t *testing.T) {
	st, _ := testSite(t, func(s *settings.Settings) {
		s.Middleware = protected
		s.CSRFFailureView = "myapp.views.csrf_failure"
	})
	if _, err := st.Handler(); err == nil || !strings.Contains(err.Error(), `CSRF_FAILURE_VIEW: csrf: unknown failure view "myapp.views.csrf_failure"; registered: django.views.csrf.csrf_failure`) {
		t.Errorf("Handler: got %v, want the unknown failure view named", err)
	}
	if got := ids(st.Checks()); !strings.Contains(got, "security.E102") {
		t.Errorf("checks: got %s, want security.E102", got)
	}
}

func TestCheckCSRF_useSessions(t *testing.T) {
	tests := []struct {
		middleware []string
		want       string
	}{
		{[]string{"contrib.sessions.SessionMiddleware", "framework.csrf.CsrfViewMiddleware"}, ""},
		{[]string{"framework.csrf.CsrfViewMiddleware", "django.contrib.sessions.middleware.SessionMiddleware"}, "csrf.E001"},
		{[]string{"django.middleware.csrf.CsrfViewMiddleware"}, "csrf.E001"},
		{[]string{"contrib.sessions.SessionMiddleware"}, ""},
	}
	for _, tt := range tests {
		s := settings.Default()
		s.CSRFUseSessions = true
		s.Middleware = tt.middleware
		if got := ids(checkCSRF(s)); got != tt.want {
			t.Errorf("%v: got %q, want %q", tt.middleware, got, tt.want)
		}
	}
}

// TestDeployChecks_names checks that the deployment checks know the names
// this package registers the middleware under.
func TestDeployChecks_names(t *testing.T) {
	for _, names := range [][]string{protected, {"framework.security.SecurityMiddleware", "framework.csrf.CsrfViewMiddleware", "framework.clickjacking.XFrameOptionsMiddleware"}} {
		for _, n := range names {
			if _, err := apps.LookupMiddleware(n); err != nil {
				t.Errorf("middleware %s: %v", n, err)
			}
		}
		st, _ := testSite(t, func(s *settings.Settings) { s.Middleware = names })
		for _, m := range st.DeployChecks() {
			if m.ID == "security.W001" || m.ID == "security.W002" || m.ID == "security.W003" {
				t.Errorf("%v: got %s, want the middleware found", names, m.ID)
			}
		}
	}
}

func ids(msgs []checks.Message) string {
	var out []string
	for _, m := range msgs {
		out = append(out, m.ID)
	}
	return strings.Join(out, " ")
}
