// Package clickjacking is Django's XFrameOptionsMiddleware
// (django.middleware.clickjacking): every response gets an X-Frame-Options
// header, X_FRAME_OPTIONS ("DENY" by default, or "SAMEORIGIN"), so other
// sites cannot show the site's pages in a frame. Its MIDDLEWARE name is
// "framework.clickjacking.XFrameOptionsMiddleware", alias
// "django.middleware.clickjacking.XFrameOptionsMiddleware".
//
// A view that sets X-Frame-Options itself keeps its value; a view wrapped
// with [Exempt] gets no header (Django's xframe_options_exempt).
package clickjacking

import (
	"net/http"
	"strings"
)

// MIDDLEWARE names of the middleware [New] builds.
const (
	MiddlewareName = "framework.clickjacking.XFrameOptionsMiddleware"
	DjangoName     = "django.middleware.clickjacking.XFrameOptionsMiddleware"
)

// Header is the response header the middleware sets.
const Header = "X-Frame-Options"

// New returns the middleware, sending value (upper-cased) in every
// response; "" means Django's default, "DENY". The header is set before
// the view runs, so a view's own value replaces it; nothing is allocated
// per request.
func New(value string) func(http.Handler) http.Handler {
	if value == "" {
		value = "DENY"
	}
	v := []string{strings.ToUpper(value)}
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header()[Header] = v
			next.ServeHTTP(w, r)
		})
	}
}

// Exempt returns h serving its responses without X-Frame-Options, for
// pages meant to be framed by other sites (Django's xframe_options_exempt).
// Route it with urls.Handle, as framework.View(view) for a view.
func Exempt(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Del(Header)
		h.ServeHTTP(w, r)
	})
}
