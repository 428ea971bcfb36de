package security_test

import (
	"crypto/tls"
	"net/http"
	"net/http/httptest"
	"regexp"
	"testing"

	"github.com/manouche-go/manouche/framework"
	"github.com/manouche-go/manouche/framework/security"
)

func serve(o security.Options, r *http.Request, view http.HandlerFunc) *httptest.ResponseRecorder {
	if view == nil {
		view = func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("ok")) }
	}
	w := httptest.NewRecorder()
	security.New(o)(view).ServeHTTP(w, r)
	return w
}

func TestNew_headers(t *testing.T) {
	hsts := security.DefaultOptions()
	hsts.HSTSSeconds = 31536000
	all := hsts
	all.HSTSIncludeSubdomains, all.HSTSPreload = true, true
	policies := security.DefaultOptions()
	policies.ReferrerPolicy = "no-referrer, strict-origin-when-cross-origin"
	tests := []struct {
		name  string
		o     security.Options
		https bool
		want  map[string]string
	}{
		{"Django's defaults", security.DefaultOptions(), false, map[string]string{
			"X-Content-Type-Options": "nosniff", "Referrer-Policy": "same-origin",
			"Cross-Origin-Opener-Policy": "same-origin", "Strict-Transport-Security": ""}},
		{"zero options", security.Options{}, true, map[string]string{
			"X-Content-Type-Options": "", "Referrer-Policy": "", "Cross-Origin-Opener-Policy": "", "Strict-Transport-Security": ""}},
		{"hsts only over https", hsts, false, map[string]string{"Strict-Transport-Security": ""}},
		{"hsts", hsts, true, map[string]string{"Strict-Transport-Security": "max-age=31536000"}},
		{"hsts subdomains preload", all, true, map[string]string{"Strict-Transport-Security": "max-age=31536000; includeSubDomains; preload"}},
		{"referrer fallbacks", policies, false, map[string]string{"Referrer-Policy": "no-referrer,strict-origin-when-cross-origin"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := httptest.NewRequest("GET", "/", nil)
			if tt.https {
				r.TLS = &tls.ConnectionState{}
			}
			w := serve(tt.o, r, nil)
			for k, v := range tt.want {
				if got := w.Header().Get(k); got != v {
					t.Errorf("%s: got %q, want %q", k, got, v)
				}
			}
		})
	}
}

// A header the view sets wins, as with Django's setdefault.
func TestNew_viewHeaderWins(t *testing.T) {
	o := security.DefaultOptions()
	o.HSTSSeconds = 60
	r := httptest.NewRequest("GET", "/", nil)
	r.TLS = &tls.ConnectionState{}
	view := framework.View(func(*framework.Request) *framework.Response {
		resp := framework.Text("ok")
		resp.Header.Set("Referrer-Policy", "no-referrer")
		resp.Header.Set("Strict-Transport-Security", "max-age=1")
		return resp
	})
	w := serve(o, r, view.ServeHTTP)
	if got := w.Header().Get("Referrer-Policy"); got != "no-referrer" {
		t.Errorf("Referrer-Policy: got %q, want the view's", got)
	}
	if got := w.Header().Get("Strict-Transport-Security"); got != "max-age=1" {
		t.Errorf("Strict-Transport-Security: got %q, want the view's", got)
	}
}

func TestNew_sslRedirect(t *testing.T) {
	o := security.DefaultOptions()
	o.SSLRedirect = true
	o.RedirectExempt = []*regexp.Regexp{regexp.MustCompile(`^health/$`)}
	withHost := o
	withHost.SSLHost = "secure.example.com"
	proxied := func(r *http.Request) *http.Request {
		r.Header.Set("X-Forwarded-Proto", "https")
		return r.WithContext(framework.WithEnv(r.Context(), &framework.Env{SecureProxySSLHeader: "X-Forwarded-Proto", SecureProxySSLValue: "https"}))
	}
	tests := []struct {
		name     string
		o        security.Options
		r        *http.Request
		status   int
		location string
	}{
		{"http redirected", o, httptest.NewRequest("GET", "http://example.com/a/b?x=1&y=%20", nil), 301, "https://example.com/a/b?x=1&y=%20"},
		{"post redirected too", o, httptest.NewRequest("POST", "http://example.com:8000/form/", nil), 301, "https://example.com:8000/form/"},
		{"SECURE_SSL_HOST", withHost, httptest.NewRequest("GET", "http://example.com/p/", nil), 301, "https://secure.example.com/p/"},
		{"exempt path", o, httptest.NewRequest("GET", "http://example.com/health/", nil), 200, ""},
		{"behind a TLS proxy", o, proxied(httptest.NewRequest("GET", "http://example.com/p/", nil)), 200, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := serve(tt.o, tt.r, nil)
			if w.Code != tt.status || w.Header().Get("Location") != tt.location {
				t.Errorf("got %d %q, want %d %q", w.Code, w.Header().Get("Location"), tt.status, tt.location)
			}
		})
	}
}

func TestNew_noAllocs(t *testing.T) {
	h := security.New(security.DefaultOptions())(http.HandlerFunc(func(http.ResponseWriter, *http.Request) {}))
	r := httptest.NewRequest("GET", "/", nil)
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r) // the header map's first growth
	if n := testing.AllocsPerRun(100, func() { h.ServeHTTP(w, r) }); n != 0 {
		t.Errorf("allocations per request: got %v, want 0", n)
	}
}
