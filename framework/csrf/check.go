package csrf

import (
	"fmt"
	"net"
	"net/http"
	"net/url"
	"time"

	"github.com/manouche-go/manouche/framework"
)

// The reasons a request is rejected, exactly as Django passes them to
// CSRF_FAILURE_VIEW: Django 3.2's, plus the Origin reason of Django 4.0.
const (
	ReasonNoReferer        = "Referer checking failed - no Referer."
	ReasonBadReferer       = "Referer checking failed - %s does not match any trusted origins."
	ReasonNoCSRFCookie     = "CSRF cookie not set."
	ReasonBadToken         = "CSRF token missing or incorrect."
	ReasonMalformedReferer = "Referer checking failed - Referer is malformed."
	ReasonInsecureReferer  = "Referer checking failed - Referer is insecure while host is secure."
	ReasonBadOrigin        = "Origin checking failed - %s does not match any trusted origins."
)

// ProcessView is Django's process_view: safe methods (GET, HEAD, OPTIONS,
// TRACE) and exempt views pass; any other request must pass the Origin
// check (or, over HTTPS without Origin, the Referer check) and carry a
// token whose secret is the cookie's (or the session's). A rejected
// request gets the failure view and one WARN log line; the view does not
// run.
func (st *state) ProcessView(w http.ResponseWriter, r *http.Request, view http.Handler) bool {
	if st.processed || isExempt(view) {
		return false
	}
	st.processed = true
	switch r.Method {
	case http.MethodGet, http.MethodHead, http.MethodOptions, http.MethodTrace:
		return false
	}
	form, err := framework.PostForm(w, r)
	if err != nil { // as the view would answer: 400
		framework.BadRequest(framework.RequestFrom(r), err.Error()).ServeHTTP(w, r)
		return true
	}
	reason := st.verify(r, form)
	if reason == "" {
		return false
	}
	st.reject(w, r, reason)
	return true
}

// verify returns "" when r, whose POST form is form, passes, else the
// reason it fails.
func (st *state) verify(r *http.Request, form url.Values) string {
	if vs, ok := r.Header["Origin"]; ok {
		if origin := first(vs); !st.originVerified(r, origin) {
			return fmt.Sprintf(ReasonBadOrigin, origin)
		}
	} else if framework.IsSecure(r) {
		if reason := st.checkReferer(r); reason != "" {
			return reason
		}
	}
	st.loadSession()
	if !st.present {
		return ReasonNoCSRFCookie
	}
	given := ""
	if vs := form[FormField]; r.Method == http.MethodPost && len(vs) > 0 {
		given = vs[len(vs)-1] // Django's QueryDict.get: the last value
	}
	if given == "" {
		given = r.Header.Get(st.m.o.Header)
	}
	if s, ok := secretOf(given); !ok || !st.valid || !sameSecret(&s, &st.incoming) {
		return ReasonBadToken
	}
	return ""
}

// reject answers with the failure view and logs the reason.
func (st *state) reject(w http.ResponseWriter, r *http.Request, reason string) {
	st.m.o.Logger.WarnContext(r.Context(), "csrf: forbidden",
		"reason", reason, "method", r.Method, "path", r.URL.Path, "status", http.StatusForbidden)
	fail := st.m.o.FailureView
	framework.View(func(req *framework.Request) *framework.Response { return fail(req, reason) }).ServeHTTP(w, r)
}

// originVerified is Django 4.0's _origin_verified: the site's own origin,
// an exact trusted origin, or a trusted wildcard origin of the same scheme.
func (st *state) originVerified(r *http.Request, origin string) bool {
	if st.hostAllowed(r.Host) {
		scheme := "http"
		if framework.IsSecure(r) {
			scheme = "https"
		}
		if origin == scheme+"://"+r.Host {
			return true
		}
	}
	return st.m.trust.origin(origin)
}

// checkReferer is Django's HTTPS Referer check: the Referer must be an
// https URL whose host (with its port) is the site's, the cookie domain's,
// or a trusted origin's.
func (st *state) checkReferer(r *http.Request) string {
	vs, ok := r.Header["Referer"]
	if !ok {
		return ReasonNoReferer
	}
	ref, err := splitURL(first(vs))
	switch {
	case err != nil || ref.scheme == "" || ref.netloc == "":
		return ReasonMalformedReferer
	case ref.scheme != "https":
		return ReasonInsecureReferer
	}
	if good := st.goodReferer(r); good != "" && sameDomain(ref.netloc, good) {
		return ""
	}
	if st.m.trust.refererHost(ref.netloc) {
		return ""
	}
	return fmt.Sprintf(ReasonBadReferer, ref.String())
}

// goodReferer is the host a same-site Referer carries: the cookie domain
// (the session cookie's with UseSessions) with the port when it is not 80
// or 443, or else the request's host if it is allowed.
func (st *state) goodReferer(r *http.Request) string {
	domain := st.m.o.Cookie.Domain
	if st.m.o.UseSessions {
		domain = st.m.o.SessionCookieDomain
	}
	if domain == "" {
		if st.hostAllowed(r.Host) {
			return r.Host
		}
		return ""
	}
	if port := requestPort(r); port != "443" && port != "80" {
		return domain + ":" + port
	}
	return domain
}

func (st *state) hostAllowed(host string) bool {
	return st.m.o.HostAllowed == nil || st.m.o.HostAllowed(host)
}

// requestPort is the port of the Host header, or the scheme's default.
func requestPort(r *http.Request) string {
	if _, port, err := net.SplitHostPort(r.Host); err == nil && port != "" {
		return port
	}
	if framework.IsSecure(r) {
		return "443"
	}
	return "80"
}

func first(vs []string) string {
	if len(vs) == 0 {
		return ""
	}
	return vs[0]
}

func secondsDuration(n int) time.Duration { return time.Duration(n) * time.Second }
