package sitetest

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"
)

// echo sets a cookie on /set, redirects on /redirect and echoes the method,
// the form and the cookies it received otherwise.
func echo(w http.ResponseWriter, r *http.Request) {
	switch r.URL.Path {
	case "/set":
		http.SetCookie(w, &http.Cookie{Name: "sessionid", Value: "k1", Path: "/", HttpOnly: true, MaxAge: 60, SameSite: http.SameSiteLaxMode})
	case "/redirect":
		http.Redirect(w, r, "/target", http.StatusFound)
		return
	}
	r.ParseForm()
	fmt.Fprintf(w, "%s %s form=%s cookie=%q", r.Method, r.URL.Path, r.PostForm.Encode(), r.Header.Get("Cookie"))
}

func TestClient(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(echo))
	defer srv.Close()
	c := newClient(t, srv.URL)

	resp := c.Get("/set")
	ck, ok := resp.SetCookie("sessionid")
	if !ok || ck.Value != "k1" || !ck.HttpOnly() || ck.SameSite() != "Lax" {
		t.Fatalf("SetCookie: got %+v, %v, want sessionid=k1 HttpOnly SameSite=Lax", ck, ok)
	}
	if v, ok := c.Cookie("sessionid"); !ok || v != "k1" {
		t.Errorf("jar: got %q, %v, want k1, true", v, ok)
	}

	tests := []struct {
		name string
		do   func() *Response
		want string
	}{
		{"get sends the jar", func() *Response { return c.Get("/a") }, `GET /a form= cookie="sessionid=k1"`},
		{"post form", func() *Response {
			return c.Post("/b", url.Values{"x": {"1"}, "csrfmiddlewaretoken": {"t"}})
		}, `POST /b form=csrfmiddlewaretoken=t&x=1 cookie="sessionid=k1"`},
		{"redirect not followed", func() *Response { return c.Get("/redirect") }, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.do(); tt.want != "" && got.Body != tt.want {
				t.Errorf("body: got %q, want %q", got.Body, tt.want)
			} else if tt.want == "" && got.StatusCode != http.StatusFound {
				t.Errorf("status: got %d, want 302", got.StatusCode)
			}
		})
	}

	c.Follow = true
	if got := c.Get("/redirect"); got.Request.URL.Path != "/target" {
		t.Errorf("followed redirect: got %s, want /target", got.Request.URL.Path)
	}
	c.SetCookie("sessionid", "planted")
	if got := c.Get("/c"); got.Body != `GET /c form= cookie="sessionid=planted"` {
		t.Errorf("planted cookie: got %q", got.Body)
	}
}
