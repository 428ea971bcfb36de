package framework_test

import (
	"crypto/tls"
	"net/http/httptest"
	"testing"

	"github.com/manouche-go/manouche/framework"
)

// lazy counts the calls of its method, to show that a processor's value
// costs nothing unless the template uses it.
type lazy struct{ calls *int }

func (l lazy) Value() string { *l.calls++; return "computed" }

func TestRender_contextProcessors(t *testing.T) {
	engine := newEngine(t, map[string]string{
		"uses.html":  `<< .Site >>|<< .Lazy.Value >>|<< .Who >>`,
		"plain.html": `<< .Site >>`,
		"404.html":   `not found on << .Site >>`,
	})
	calls := 0
	env := &framework.Env{Templates: engine, ContextProcessors: []framework.ContextProcessor{
		func(req *framework.Request, ctx map[string]any) { ctx["Site"] = "example"; ctx["Who"] = "processor" },
		func(req *framework.Request, ctx map[string]any) { ctx["Lazy"] = lazy{&calls} },
	}}
	req := newRequest(t, env, nil, "/")
	if got := string(framework.Render(req, "uses.html", map[string]any{"Who": "view"}).Body); got != "example|computed|view" {
		t.Errorf("render: got %q, want %q (the view's key wins)", got, "example|computed|view")
	}
	if calls != 1 {
		t.Errorf("lazy value: computed %d times, want 1", calls)
	}
	framework.Render(req, "plain.html", nil)
	if calls != 1 {
		t.Errorf("lazy value: computed by a template that does not use it")
	}
	if got := string(framework.NotFound(req, "").Body); got != "not found on example" {
		t.Errorf("404 page: got %q, want the processors' values too", got)
	}
}

func TestIsSecure(t *testing.T) {
	proxy := &framework.Env{SecureProxySSLHeader: "X-Forwarded-Proto", SecureProxySSLValue: "https"}
	tests := []struct {
		name   string
		env    *framework.Env
		tls    bool
		header string
		want   bool
	}{
		{"plain", &framework.Env{}, false, "", false},
		{"tls", &framework.Env{}, true, "", true},
		{"header ignored without the setting", &framework.Env{}, false, "https", false},
		{"proxy says https", proxy, false, "https", true},
		{"proxy says https, first of several", proxy, false, "https, http", true},
		{"proxy says http over tls", proxy, true, "http", false},
		{"no proxy header: the connection", proxy, true, "", true},
		{"case matters", proxy, false, "HTTPS", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := httptest.NewRequest("GET", "/", nil)
			if tt.tls {
				r.TLS = &tls.ConnectionState{}
			}
			if tt.header != "" {
				r.Header.Set("X-Forwarded-Proto", tt.header)
			}
			r = r.WithContext(framework.WithEnv(r.Context(), tt.env))
			if got := framework.IsSecure(r); got != tt.want {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}
