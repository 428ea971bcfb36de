package csrf

import (
	"cmp"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/textproto"
	"time"

	"github.com/manouche-go/manouche/framework"
)

// MIDDLEWARE names of the middleware [New] builds.
const (
	MiddlewareName = "framework.csrf.CsrfViewMiddleware"
	DjangoName     = "django.middleware.csrf.CsrfViewMiddleware"
)

// DefaultCookieAge is Django's CSRF_COOKIE_AGE, 52 weeks in seconds.
const DefaultCookieAge = 31449600

// DefaultHeader is the header of Django's CSRF_HEADER_NAME default,
// HTTP_X_CSRFTOKEN.
const DefaultHeader = "X-CSRFToken"

// Options configure [New]. [DefaultOptions] returns Django's defaults; in
// a zero Options, an empty cookie name, path or header and a zero age mean
// Django's defaults too, while the cookie attributes (Domain, Secure,
// HttpOnly, SameSite) are taken as given.
type Options struct {
	// Cookie holds the CSRF cookie's attributes: CSRF_COOKIE_NAME,
	// _DOMAIN, _PATH, _SECURE, _HTTPONLY and _SAMESITE. An empty Name
	// means "csrftoken" and an empty Path "/". Value, MaxAge and Expires
	// are set per response.
	Cookie framework.Cookie
	// CookieAge is CSRF_COOKIE_AGE in seconds; zero means
	// [DefaultCookieAge].
	CookieAge int
	// Header is the request header an AJAX request sends its token in:
	// CSRF_HEADER_NAME as an HTTP header name. "" means [DefaultHeader].
	Header string
	// TrustedOrigins is CSRF_TRUSTED_ORIGINS: "https://example.com" and
	// "https://*.example.com" (Django 4.0) or "example.com" and
	// ".example.com" (Django 3.2, HTTPS origins of that host or domain).
	TrustedOrigins []string
	// UseSessions is CSRF_USE_SESSIONS: the secret lives in the session,
	// under [SessionKey], instead of a cookie. The session middleware must
	// run before this one.
	UseSessions bool
	// SessionCookieDomain is SESSION_COOKIE_DOMAIN, which the HTTPS
	// Referer check trusts instead of Cookie.Domain when UseSessions is on.
	SessionCookieDomain string
	// HostAllowed reports whether a Host header names the site
	// (ALLOWED_HOSTS, as Django's request.get_host checks it); only an
	// allowed host is the site's own origin. Nil allows every host, which
	// suits a site that already answers 400 to other hosts.
	HostAllowed func(host string) bool
	// FailureView answers rejected requests (CSRF_FAILURE_VIEW). Nil means
	// [Failure], Django's 403 page.
	FailureView FailureView
	// Logger receives one WARN line per rejected request; nil means
	// slog.Default().
	Logger *slog.Logger
	// RandomString returns SecretLength random characters of Alphabet, the
	// source of secrets and masks. Nil means [RandomString]; tests inject
	// a deterministic one.
	RandomString func() string
	// Now is the clock of the cookie's expiry; nil means time.Now.
	Now func() time.Time
}

// DefaultOptions returns Django's defaults: the cookie "csrftoken" with
// Path "/" and SameSite Lax, CSRF_COOKIE_AGE and the X-CSRFToken header.
func DefaultOptions() Options {
	return Options{
		Cookie:    framework.Cookie{Name: "csrftoken", Path: "/", SameSite: "Lax"},
		CookieAge: DefaultCookieAge,
		Header:    DefaultHeader,
	}
}

// middleware is the configured middleware, shared by every request.
type middleware struct {
	o     Options
	trust trust
}

// New returns Django's CsrfViewMiddleware: it protects every view the URL
// router routes to, unless the view is [Exempt], and sets the CSRF cookie
// (or session key) whenever a view used the token. See the package
// documentation for what is checked. New fails on a malformed trusted
// origin or cookie name.
func New(o Options) (func(http.Handler) http.Handler, error) {
	o.Cookie.Name = cmp.Or(o.Cookie.Name, "csrftoken")
	o.Cookie.Path = cmp.Or(o.Cookie.Path, "/")
	o.CookieAge = cmp.Or(o.CookieAge, DefaultCookieAge)
	o.Header = textproto.CanonicalMIMEHeaderKey(cmp.Or(o.Header, DefaultHeader))
	if o.FailureView == nil {
		o.FailureView = Failure
	}
	if o.Logger == nil {
		o.Logger = slog.Default()
	}
	if o.RandomString == nil {
		o.RandomString = RandomString
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.CookieAge < 0 {
		return nil, fmt.Errorf("csrf: negative cookie age %d", o.CookieAge)
	}
	t, err := newTrust(o.TrustedOrigins)
	if err != nil {
		return nil, err
	}
	m := &middleware{o: o, trust: t}
	return func(next http.Handler) http.Handler { return &handler{m: m, next: next} }, nil
}

// handler is the middleware around one next handler.
type handler struct {
	m    *middleware
	next http.Handler
}

// ServeHTTP is Django's process_request, then the view (whose hook runs
// process_view), then process_response when the response starts.
func (h *handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	st := new(state)
	st.m = h.m
	st.readCookie(r)
	st.ctx.Reset(r.Context(), st, stateKey, st)
	st.w.Reset(w, st)
	st.r = *r.WithContext(&st.ctx)
	h.next.ServeHTTP(&st.w, &st.r)
	st.w.Start()
}

// stateKey is the context key of the request's *state.
var stateKey = &contextKey{"state"}

type contextKey struct{ name string }

func (k *contextKey) String() string { return "csrf context value " + k.name }

// errNoSession is logged when CSRF_USE_SESSIONS finds no session.
var errNoSession = errors.New("csrf: CSRF_USE_SESSIONS is on but the request has no session: list the session middleware before the CSRF middleware")
