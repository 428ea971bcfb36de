package auth

import (
	"fmt"
	"maps"
	"net/url"
	"slices"
	"strings"

	"github.com/manouche-go/manouche/framework"
)

// RedirectFieldName is the query parameter and form field that carries the
// page to go back to after logging in (Django's REDIRECT_FIELD_NAME).
const RedirectFieldName = "next"

// LoginRequired wraps view so that an anonymous request is redirected
// (302) to LOGIN_URL?next=<the requested path and query> instead (Django's
// login_required). Without the auth middleware it answers 500, naming it.
func LoginRequired(view framework.View) framework.View {
	return func(req *framework.Request) *framework.Response {
		if !req.User.IsAuthenticated() {
			return redirectToLogin(req)
		}
		return view(req)
	}
}

// PermissionRequired wraps view so that only users with perm
// ("app_label.codename") reach it (Django's permission_required): an
// anonymous request is redirected to LOGIN_URL as by [LoginRequired], a
// logged-in user without the permission gets 403 Forbidden.
func PermissionRequired(perm string, view framework.View) framework.View {
	return func(req *framework.Request) *framework.Response {
		if !req.User.IsAuthenticated() {
			return redirectToLogin(req)
		}
		if !req.User.HasPerm(perm) {
			return framework.Forbidden(req, "You do not have permission to view this page.")
		}
		return view(req)
	}
}

// redirectToLogin sends the request to LOGIN_URL with its full path as
// next.
func redirectToLogin(req *framework.Request) *framework.Response {
	if lu, ok := req.User.(*framework.LazyUser); ok && lu.Err() != nil {
		return framework.ServerError(req, lu.Err())
	}
	cfg, err := ConfigFrom(req.HTTP.Context())
	if err != nil {
		return framework.ServerError(req, err)
	}
	to, err := RedirectToLogin(FullPath(req), cfg.loginURL)
	if err != nil {
		return framework.ServerError(req, err)
	}
	return framework.Redirect(to)
}

// RedirectToLogin returns loginURL with next added to its query as the
// "next" parameter, "/" left unescaped (Django's redirect_to_login):
// RedirectToLogin("/accounts/profile/", "/accounts/login/") is
// "/accounts/login/?next=/accounts/profile/".
func RedirectToLogin(next, loginURL string) (string, error) {
	u, err := url.Parse(loginURL)
	if err != nil {
		return "", fmt.Errorf("auth: LOGIN_URL %q: %w", loginURL, err)
	}
	q := u.Query()
	q.Set(RedirectFieldName, next)
	var b strings.Builder
	for i, k := range slices.Sorted(maps.Keys(q)) { // Django keeps the order; url.Values has none
		for j, v := range q[k] {
			if i+j > 0 {
				b.WriteByte('&')
			}
			b.WriteString(quote(k) + "=" + quote(v))
		}
	}
	u.RawQuery = b.String()
	return u.String(), nil
}

// FullPath returns the request's path and query string (Django's
// get_full_path): "/shop/?page=2".
func FullPath(req *framework.Request) string {
	p := req.HTTP.URL.EscapedPath()
	if q := req.HTTP.URL.RawQuery; q != "" {
		p += "?" + q
	}
	return p
}

// quote is Python's urllib.parse.quote(s, safe="/"): UTF-8 bytes other
// than letters, digits, "_.-~" and "/" are percent-encoded.
func quote(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || strings.IndexByte("_.-~/", c) >= 0 {
			b.WriteByte(c)
			continue
		}
		fmt.Fprintf(&b, "%%%02X", c)
	}
	return b.String()
}
