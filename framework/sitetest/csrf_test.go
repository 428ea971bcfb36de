package sitetest

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"
)

func TestClient_CSRFToken(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler())
	defer srv.Close()
	c := newClient(t, srv.URL)
	first := c.CSRFToken()
	if len(first) != 64 {
		t.Fatalf("CSRFToken: got %q, want a 64-character token", first)
	}
	if v, _ := c.Cookie(CSRFCookieName); v != first || c.CSRFToken() != first {
		t.Errorf("jar: got %q, want the same token kept", v)
	}
	c.SetCookie(CSRFCookieName, "fromserver")
	if got := c.CSRFToken(); got != "fromserver" {
		t.Errorf("CSRFToken: got %q, want the cookie the server set", got)
	}
}

func TestFormToken(t *testing.T) {
	if tok, ok := FormToken(`<form><input type="hidden" name="csrfmiddlewaretoken" value="abc123"></form>`); !ok || tok != "abc123" {
		t.Errorf("got %q %v, want abc123", tok, ok)
	}
	if _, ok := FormToken("<form></form>"); ok {
		t.Error("page without a token: got one")
	}
}

// TestClient_PostToken checks that Post adds the client's token to a form
// without one, as a browser posting a rendered form does.
func TestClient_PostToken(t *testing.T) {
	var got string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r.ParseForm()
		ck, _ := r.Cookie(CSRFCookieName)
		got = r.PostForm.Get("csrfmiddlewaretoken") + " " + ck.Value + " " + r.PostForm.Get("x")
	}))
	defer srv.Close()
	c := newClient(t, srv.URL)
	form := url.Values{"x": {"1"}}
	c.Post("/", form)
	if tok := c.CSRFToken(); got != tok+" "+tok+" 1" {
		t.Errorf("posted %q, want the client's token in the field and the cookie", got)
	}
	if form.Has("csrfmiddlewaretoken") {
		t.Error("Post modified the caller's form")
	}
}
