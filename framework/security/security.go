// Package security is Django's SecurityMiddleware
// (django.middleware.security): HTTPS redirects and the security headers
// every response gets. Its MIDDLEWARE name is
// "framework.security.SecurityMiddleware", alias
// "django.middleware.security.SecurityMiddleware"; list it first.
//
// With Django's defaults every response carries
//
//	X-Content-Type-Options: nosniff
//	Referrer-Policy: same-origin
//	Cross-Origin-Opener-Policy: same-origin
//
// and, over HTTPS with SECURE_HSTS_SECONDS set, Strict-Transport-Security.
// A header the view sets itself is kept, as Django's setdefault keeps it.
// With SECURE_SSL_REDIRECT, plain-HTTP requests are redirected to https://
// with 301, except paths matching SECURE_REDIRECT_EXEMPT. Whether a request
// is HTTPS is framework.IsSecure: a TLS connection, or the proxy header of
// SECURE_PROXY_SSL_HEADER.
package security

import (
	"net/http"
	"regexp"
	"strconv"
	"strings"

	"github.com/manouche-go/manouche/framework"
)

// MIDDLEWARE names of the middleware [New] builds.
const (
	MiddlewareName = "framework.security.SecurityMiddleware"
	DjangoName     = "django.middleware.security.SecurityMiddleware"
)

// Options configure [New]. The zero value sends no header and redirects
// nothing; [DefaultOptions] holds Django's defaults.
type Options struct {
	// ContentTypeNosniff is SECURE_CONTENT_TYPE_NOSNIFF.
	ContentTypeNosniff bool
	// ReferrerPolicy is SECURE_REFERRER_POLICY: "" sends no header.
	ReferrerPolicy string
	// CrossOriginOpenerPolicy is SECURE_CROSS_ORIGIN_OPENER_POLICY: ""
	// sends no header.
	CrossOriginOpenerPolicy string
	// HSTSSeconds is SECURE_HSTS_SECONDS: 0 sends no
	// Strict-Transport-Security header.
	HSTSSeconds int
	// HSTSIncludeSubdomains is SECURE_HSTS_INCLUDE_SUBDOMAINS.
	HSTSIncludeSubdomains bool
	// HSTSPreload is SECURE_HSTS_PRELOAD.
	HSTSPreload bool
	// SSLRedirect is SECURE_SSL_REDIRECT.
	SSLRedirect bool
	// SSLHost is SECURE_SSL_HOST, the host of HTTPS redirects; "" keeps the
	// request's host.
	SSLHost string
	// RedirectExempt is SECURE_REDIRECT_EXEMPT: paths (without their
	// leading "/") matching any of these are not redirected.
	RedirectExempt []*regexp.Regexp
}

// DefaultOptions returns Django's defaults: nosniff, Referrer-Policy and
// Cross-Origin-Opener-Policy same-origin, no HSTS, no redirect.
func DefaultOptions() Options {
	return Options{ContentTypeNosniff: true, ReferrerPolicy: "same-origin", CrossOriginOpenerPolicy: "same-origin"}
}

// New returns the middleware. It allocates nothing per request: the
// headers are set before the view runs, so that a header the view sets
// replaces them.
func New(o Options) func(http.Handler) http.Handler {
	headers := o.headers()
	var hsts []string
	if v := o.hsts(); v != "" {
		hsts = []string{v}
	}
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			secure := framework.IsSecure(r)
			if o.SSLRedirect && !secure && !o.exempt(r.URL.Path) {
				o.redirect(w, r)
				return
			}
			h := w.Header()
			for _, kv := range headers {
				h[kv.name] = kv.value // shared, never modified: a view replaces it
			}
			if secure && hsts != nil {
				h["Strict-Transport-Security"] = hsts
			}
			next.ServeHTTP(w, r)
		})
	}
}

// header is one response header, its name in canonical form.
type header struct {
	name  string
	value []string
}

// headers are the headers every response gets.
func (o Options) headers() []header {
	var out []header
	if o.ContentTypeNosniff {
		out = append(out, header{"X-Content-Type-Options", []string{"nosniff"}})
	}
	if o.ReferrerPolicy != "" {
		policies := strings.Split(o.ReferrerPolicy, ",")
		for i, p := range policies {
			policies[i] = strings.TrimSpace(p)
		}
		out = append(out, header{"Referrer-Policy", []string{strings.Join(policies, ",")}})
	}
	if o.CrossOriginOpenerPolicy != "" {
		out = append(out, header{"Cross-Origin-Opener-Policy", []string{o.CrossOriginOpenerPolicy}})
	}
	return out
}

// hsts is the Strict-Transport-Security value, or "" for none.
func (o Options) hsts() string {
	if o.HSTSSeconds <= 0 {
		return ""
	}
	v := "max-age=" + strconv.Itoa(o.HSTSSeconds)
	if o.HSTSIncludeSubdomains {
		v += "; includeSubDomains"
	}
	if o.HSTSPreload {
		v += "; preload"
	}
	return v
}

func (o Options) exempt(path string) bool {
	path = strings.TrimLeft(path, "/")
	for _, re := range o.RedirectExempt {
		if re.MatchString(path) {
			return true
		}
	}
	return false
}

// redirect answers 301 to the https:// form of r's URL (Django's
// HttpResponsePermanentRedirect to https://host + get_full_path()).
func (o Options) redirect(w http.ResponseWriter, r *http.Request) {
	host := o.SSLHost
	if host == "" {
		host = r.Host
	}
	framework.PermanentRedirect("https://"+host+r.URL.RequestURI()).ServeHTTP(w, r)
}
