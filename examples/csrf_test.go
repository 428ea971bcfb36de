package examples_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/manouche-go/manouche/framework/sitetest"
)

// exampleForm is one form of the example apps: the page that shows it, the
// URL it posts to, a valid submission and what a successful post answers.
type exampleForm struct {
	name, page, action string
	fields             url.Values
	status             int    // of a successful post
	saved              string // session key a successful post stores
}

var exampleForms = []exampleForm{
	{"mail", "/mail/", "/mail/", url.Values{"from_name": {"Ann"}, "message": {"Hello"}}, 200, "from_name"},
	{"myapp login", "/myapp/connection/", "/myapp/login/", url.Values{"username": {"alice"}, "password": {"x"}}, 200, "username"},
	{"shop login", "/shop/login/", "/shop/login/", url.Values{"username": {"admin"}, "password": {"admin"}}, 302, "user_id"},
}

func TestForms_csrf(t *testing.T) { forEachEngine(t, testFormsCSRF) }

// testFormsCSRF submits every example form as a browser does, with the
// token of its hidden input, and forged: without the token, from another
// origin, and over HTTPS with a foreign Referer. A forged post answers 403
// with Django's page and stores nothing.
func testFormsCSRF(t *testing.T, e *engineEnv) {
	for _, f := range exampleForms {
		t.Run(f.name, func(t *testing.T) {
			forged := []struct {
				name   string
				header http.Header
				token  bool
			}{
				{"no token", nil, false},
				{"wrong token", http.Header{"X-CSRFToken": {strings.Repeat("a", 64)}}, false},
				{"other origin", http.Header{"Origin": {"https://evil.example"}}, true},
				{"https, foreign referer", http.Header{"X-Forwarded-Proto": {"https"}, "Referer": {"https://evil.example/form/"}}, true},
				{"https, no referer", http.Header{"X-Forwarded-Proto": {"https"}}, true},
			}
			for _, fc := range forged {
				t.Run(fc.name, func(t *testing.T) {
					c, token := loadForm(t, e, f)
					if !fc.token {
						token = ""
					}
					resp := postForm(c, f, token, fc.header)
					wantStatus(t, resp, http.StatusForbidden)
					wantBody(t, resp, []string{"CSRF verification failed. Request aborted."}, []string{"Reason given for failure"})
					checkCookie(t, resp, cookieNone, 0)
					if data, ok := e.stored(t, c); ok {
						t.Errorf("stored session: got %v, want none", data)
					}
				})
			}
			t.Run("with the form's token", func(t *testing.T) {
				c, token := loadForm(t, e, f)
				resp := postForm(c, f, token, nil)
				wantStatus(t, resp, f.status)
				wantStored(t, e, c, map[string]any{f.saved: firstField(f)}, nil)
			})
			t.Run("https, same-site referer", func(t *testing.T) {
				c, token := loadForm(t, e, f)
				resp := postForm(c, f, token, http.Header{"X-Forwarded-Proto": {"https"}, "Referer": {c.BaseURL.Scheme + "s://" + c.BaseURL.Host + f.page}})
				wantStatus(t, resp, f.status)
			})
		})
	}
}

// firstField is the value a successful post stores.
func firstField(f exampleForm) string {
	if v := f.fields.Get("from_name"); v != "" {
		return v
	}
	return f.fields.Get("username")
}

// loadForm opens the form's page with a new client and returns the client
// (which now has the CSRF cookie) and the form's token.
func loadForm(t *testing.T, e *engineEnv, f exampleForm) (*sitetest.Client, string) {
	t.Helper()
	c := e.srv.NewClient(t)
	resp := c.Get(f.page)
	wantStatus(t, resp, http.StatusOK)
	token, ok := sitetest.FormToken(resp.Body)
	if !ok {
		t.Fatalf("%s: got %.400q, want the CSRF hidden input in the form", f.page, resp.Body)
	}
	if ck, ok := resp.SetCookie(sitetest.CSRFCookieName); !ok || ck.HttpOnly() || ck.SameSite() != "Lax" || ck.Path() != "/" {
		t.Errorf("CSRF cookie: got %q, want csrftoken with Path=/ and SameSite=Lax, readable by scripts", ck.Raw)
	}
	return c, token
}

func postForm(c *sitetest.Client, f exampleForm, token string, header http.Header) *sitetest.Response {
	form := url.Values{}
	for k, v := range f.fields {
		form[k] = v
	}
	if token != "" {
		form.Set("csrfmiddlewaretoken", token)
	}
	h := http.Header{"Content-Type": {"application/x-www-form-urlencoded"}}
	for k, v := range header {
		h[k] = v
	}
	return c.Request(http.MethodPost, f.action, h, strings.NewReader(form.Encode()))
}

// TestSecurityHeaders checks the headers of Django's SecurityMiddleware
// and XFrameOptionsMiddleware on every kind of response: pages, JSON,
// redirects, errors and the CSRF failure page.
func TestSecurityHeaders(t *testing.T) {
	e := env(t, "db")
	c := e.srv.NewClient(t)
	responses := map[string]*sitetest.Response{}
	for _, p := range []string{"/", "/myapp/connection/", "/catalog/", "/session/set/", "/mail/", "/cookie-test/",
		"/shop/welcome/", "/shop/cookies/", "/shop/key/", "/shop/", "/ajax/counter/", "/no-such-page/", "/mail"} {
		responses["GET "+p] = c.Get(p)
	}
	responses["POST /mail/ forged"] = c.Request(http.MethodPost, "/mail/", nil, nil)
	want := map[string]string{
		"X-Content-Type-Options":     "nosniff",
		"Referrer-Policy":            "same-origin",
		"Cross-Origin-Opener-Policy": "same-origin",
		"X-Frame-Options":            "DENY",
	}
	for name, resp := range responses {
		for k, v := range want {
			if got := resp.Header.Get(k); got != v {
				t.Errorf("%s (%d): %s: got %q, want %q", name, resp.StatusCode, k, got, v)
			}
		}
		if got := resp.Header.Get("Strict-Transport-Security"); got != "" {
			t.Errorf("%s: Strict-Transport-Security: got %q, want none (SECURE_HSTS_SECONDS is 0)", name, got)
		}
	}
}

func TestAccounts_csrf(t *testing.T) { forEachEngine(t, testAccountsCSRF) }

// testAccountsCSRF posts the accounts example's forms (contrib/auth's login
// and password change, the profile's two buttons) without their token, which
// changes nothing, then with it; the login rotates the CSRF token, as
// Django's login does.
func testAccountsCSRF(t *testing.T, e *engineEnv) {
	name := newUser(t, e, "first-Passw0rd")
	c := e.srv.NewClient(t)
	page := c.Get("/accounts/login/")
	token, ok := sitetest.FormToken(page.Body)
	if !ok {
		t.Fatal("login form: no CSRF input")
	}
	form := url.Values{"username": {name}, "password": {"first-Passw0rd"}, "next": {"/accounts/profile/"}}
	forged := c.Request(http.MethodPost, "/accounts/login/", http.Header{"Content-Type": {"application/x-www-form-urlencoded"}}, strings.NewReader(form.Encode()))
	wantStatus(t, forged, http.StatusForbidden)
	if r := c.Get("/accounts/profile/"); r.StatusCode != http.StatusFound {
		t.Fatalf("after a forged login: profile answered %d, want the login redirect", r.StatusCode)
	}
	before, _ := c.Cookie(sitetest.CSRFCookieName)
	form.Set("csrfmiddlewaretoken", token)
	wantStatus(t, c.Post("/accounts/login/", form), http.StatusFound)
	if after, _ := c.Cookie(sitetest.CSRFCookieName); after == "" || after == before {
		t.Errorf("CSRF cookie: got %q after login, want a new one (was %q)", after, before)
	}
	profile := c.Get("/accounts/profile/")
	wantStatus(t, profile, http.StatusOK)
	for _, action := range []string{"/accounts/profile/logout-others/", "/accounts/logout/", "/accounts/password/"} {
		r := c.Request(http.MethodPost, action, http.Header{"Content-Type": {"application/x-www-form-urlencoded"}}, nil)
		wantStatus(t, r, http.StatusForbidden)
	}
	if !strings.Contains(c.Get("/accounts/profile/").Body, "Signed in as "+name) {
		t.Fatal("after forged posts: want still signed in")
	}
	if n := strings.Count(profile.Body, `name="csrfmiddlewaretoken"`); n != strings.Count(profile.Body, "<form") {
		t.Errorf("profile: got %d CSRF inputs, want one in each form", n)
	}
	if _, ok := sitetest.FormToken(c.Get("/accounts/password/").Body); !ok {
		t.Error("password change form: no CSRF input")
	}
	token, _ = sitetest.FormToken(profile.Body)
	logout := c.Request(http.MethodPost, "/accounts/logout/", http.Header{"Content-Type": {"application/x-www-form-urlencoded"}},
		strings.NewReader(url.Values{"csrfmiddlewaretoken": {token}}.Encode()))
	if logout.StatusCode >= 400 {
		t.Errorf("logout with the profile's token: got %d", logout.StatusCode)
	}
	if r := c.Get("/accounts/profile/"); r.StatusCode != http.StatusFound {
		t.Errorf("after logout: profile answered %d, want the login redirect", r.StatusCode)
	}
}
