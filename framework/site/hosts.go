package site

import (
	"net"
	"net/http"
	"strings"

	"github.com/manouche-go/manouche/framework"
	"github.com/manouche-go/manouche/framework/settings"
)

// allowedHosts is Django's ALLOWED_HOSTS validation: a request whose Host
// header is not allowed answers 400. With DEBUG on and ALLOWED_HOSTS empty,
// localhost, 127.0.0.1 and [::1] are allowed, as in Django.
func allowedHosts(s *settings.Settings, next http.Handler) http.Handler {
	allowed := s.AllowedHosts
	if len(allowed) == 0 && s.Debug {
		allowed = []string{".localhost", "127.0.0.1", "[::1]"}
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !hostAllowed(r.Host, allowed) {
			framework.View(func(req *framework.Request) *framework.Response {
				return framework.BadRequest(req, "Invalid HTTP_HOST header. You may need to add it to ALLOWED_HOSTS.")
			}).ServeHTTP(w, r)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// hostAllowed matches a Host header against ALLOWED_HOSTS patterns: "*"
// matches anything, ".example.com" matches the domain and its subdomains,
// anything else matches exactly (case-insensitively, port ignored).
func hostAllowed(host string, patterns []string) bool {
	host = strings.ToLower(host)
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
		if strings.Contains(h, ":") {
			host = "[" + h + "]"
		}
	}
	host = strings.TrimSuffix(host, ".")
	for _, p := range patterns {
		p = strings.ToLower(p)
		switch {
		case p == "*", p == host:
			return true
		case strings.HasPrefix(p, ".") && (host == p[1:] || strings.HasSuffix(host, p)):
			return true
		}
	}
	return false
}
