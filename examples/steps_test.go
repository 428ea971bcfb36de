package examples_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/manouche-go/manouche/framework/sitetest"
)

// cookieWant is what a step expects of the response's session Set-Cookie.
type cookieWant int

const (
	cookieAny     cookieWant = iota // not checked
	cookieNone                      // no Set-Cookie for the session cookie
	cookieSet                       // set, with HttpOnly, SameSite=Lax, Path=/, Max-Age
	cookieDeleted                   // deleted (empty value, Max-Age=0)
)

// step is one request of a scenario played by one client (one browser),
// with what the response and the stored session must look like after it.
type step struct {
	name     string
	method   string // "" means GET, or POST when form is set
	path     string
	form     url.Values // sent as a urlencoded POST body, with the client's CSRF token unless noCSRF
	noCSRF   bool       // send no CSRF token with an unsafe method
	status   int        // 0 means 200
	location string     // the Location header of a redirect
	want     []string   // substrings of the body
	notWant  []string   // strings the body must not contain
	cookie   cookieWant
	maxAge   int            // the Max-Age of a set cookie; 0 means SESSION_COOKIE_AGE
	stored   map[string]any // values the stored session must hold afterwards
	gone     []string       // keys the stored session must not hold afterwards
	noRecord bool           // the client's session must have no stored record afterwards
	check    func(t *testing.T, resp *sitetest.Response)
}

// play runs steps in order with one new client and returns it.
func play(t *testing.T, e *engineEnv, steps []step) *sitetest.Client {
	t.Helper()
	c := e.srv.NewClient(t)
	playWith(t, e, c, steps)
	return c
}

// playWith runs steps in order with the client c. A failed step stops the
// scenario, since later steps depend on it.
func playWith(t *testing.T, e *engineEnv, c *sitetest.Client, steps []step) {
	t.Helper()
	for i, s := range steps {
		ok := t.Run(fmt.Sprintf("%02d_%s", i, s.name), func(t *testing.T) { s.run(t, e, c) })
		if !ok {
			t.FailNow()
		}
	}
}

func (s step) run(t *testing.T, e *engineEnv, c *sitetest.Client) {
	resp := s.send(t, c)
	wantStatus(t, resp, s.status)
	if s.location != "" {
		if got := resp.Header.Get("Location"); got != s.location {
			t.Errorf("Location: got %q, want %q", got, s.location)
		}
	}
	wantBody(t, resp, s.want, s.notWant)
	checkCookie(t, resp, s.cookie, s.maxAge)
	if s.stored != nil || s.gone != nil {
		wantStored(t, e, c, s.stored, s.gone)
	}
	if s.noRecord {
		if data, ok := e.stored(t, c); ok {
			t.Errorf("stored session: got a record %v, want none", data)
		}
	}
	if s.check != nil {
		s.check(t, resp)
	}
}

func (s step) send(t *testing.T, c *sitetest.Client) *sitetest.Response {
	t.Helper()
	method := s.method
	if method == "" {
		method = http.MethodGet
		if s.form != nil {
			method = http.MethodPost
		}
	}
	h := http.Header{}
	if unsafeMethod(method) && !s.noCSRF {
		h.Set("X-CSRFToken", c.CSRFToken()) // as a page's script or form would
	}
	if s.form != nil {
		h.Set("Content-Type", "application/x-www-form-urlencoded")
		return c.Request(method, s.path, h, strings.NewReader(s.form.Encode()))
	}
	return c.Request(method, s.path, h, nil)
}

// unsafeMethod reports whether the CSRF middleware checks method.
func unsafeMethod(method string) bool {
	switch method {
	case http.MethodGet, http.MethodHead, http.MethodOptions, http.MethodTrace:
		return false
	}
	return true
}

// wantStatus checks the response status; 0 means 200.
func wantStatus(t *testing.T, resp *sitetest.Response, want int) {
	t.Helper()
	if want == 0 {
		want = http.StatusOK
	}
	if resp.StatusCode != want {
		t.Fatalf("%s %s: got status %d, want %d; body:\n%.600s", resp.Request.Method, resp.Request.URL.Path, resp.StatusCode, want, resp.Body)
	}
}

// wantBody checks substrings that must and must not be in the body.
func wantBody(t *testing.T, resp *sitetest.Response, want, notWant []string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(resp.Body, w) {
			t.Errorf("body: got %.600q, want it to contain %q", resp.Body, w)
		}
	}
	for _, w := range notWant {
		if strings.Contains(resp.Body, w) {
			t.Errorf("body: got %.600q, want it without %q", resp.Body, w)
		}
	}
}

// checkCookie checks the response's session Set-Cookie against want.
func checkCookie(t *testing.T, resp *sitetest.Response, want cookieWant, maxAge int) {
	t.Helper()
	ck, ok := resp.SetCookie(cookieName)
	switch want {
	case cookieNone:
		if ok {
			t.Errorf("Set-Cookie: got %q, want no %s cookie", ck.Raw, cookieName)
		}
	case cookieSet:
		if !ok {
			t.Fatalf("Set-Cookie: got %q, want a %s cookie", resp.Header.Values("Set-Cookie"), cookieName)
		}
		if maxAge == 0 {
			maxAge = defaultAge
		}
		wantSessionCookie(t, ck, maxAge)
	case cookieDeleted:
		if !ok || (ck.Value != "" && ck.Value != `""`) || !ck.Deletes() {
			t.Errorf("Set-Cookie: got %q, want %s deleted (empty value, Max-Age=0)", ck.Raw, cookieName)
		}
	}
}

// wantSessionCookie checks the attributes of a session Set-Cookie:
// HttpOnly, SameSite=Lax, Path=/ and Max-Age, as settings.yaml asks.
func wantSessionCookie(t *testing.T, ck sitetest.SetCookie, maxAge int) {
	t.Helper()
	if ck.Value == "" {
		t.Errorf("Set-Cookie %q: got an empty value", ck.Raw)
	}
	if !ck.HttpOnly() {
		t.Errorf("Set-Cookie %q: got no HttpOnly, want it", ck.Raw)
	}
	if got := ck.SameSite(); got != "Lax" {
		t.Errorf("Set-Cookie %q: got SameSite=%q, want Lax", ck.Raw, got)
	}
	if got := ck.Path(); got != "/" {
		t.Errorf("Set-Cookie %q: got Path=%q, want /", ck.Raw, got)
	}
	if got, ok := ck.MaxAge(); !ok || got != maxAge {
		t.Errorf("Set-Cookie %q: got Max-Age=%d (present: %v), want %d", ck.Raw, got, ok, maxAge)
	}
	if _, ok := ck.Expires(); !ok {
		t.Errorf("Set-Cookie %q: got no Expires, want one (Django sets both)", ck.Raw)
	}
}

// wantStored checks the values of the client's stored session.
func wantStored(t *testing.T, e *engineEnv, c *sitetest.Client, want map[string]any, gone []string) {
	t.Helper()
	data, ok := e.stored(t, c)
	if !ok {
		t.Fatalf("stored session: got no record, want one holding %v", want)
	}
	for k, w := range want {
		got, ok := data[k]
		if !ok || fmt.Sprint(got) != fmt.Sprint(w) {
			t.Errorf("stored session[%q]: got %v (present: %v), want %v", k, got, ok, w)
		}
	}
	for _, k := range gone {
		if got, ok := data[k]; ok {
			t.Errorf("stored session[%q]: got %v, want it absent", k, got)
		}
	}
}
