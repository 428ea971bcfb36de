package interop

import (
	"net/http"
	"net/url"
	"testing"

	"github.com/manouche-go/manouche/framework/sitetest"
)

// TestCSRF posts a form rendered by one side to the other, with the CSRF
// secret in the cookie and then in the session.
func TestCSRF(t *testing.T) {
	for _, name := range []string{"cookie", "session"} {
		t.Run(name, func(t *testing.T) {
			django, manouche := sites(t, name)
			for _, d := range []struct{ name, from, to string }{
				{"django_form_to_manouche", django, manouche},
				{"manouche_form_to_django", manouche, django},
			} {
				t.Run(d.name, func(t *testing.T) { testCrossPost(t, d.from, d.to, modes[name].useSessions) })
			}
		})
	}
}

func testCrossPost(t *testing.T, from, to string, useSessions bool) {
	c := newBrowser(t)
	status, body := send(t, c, http.MethodGet, from+"/f/form/", "", nil)
	token, ok := sitetest.FormToken(body)
	if status != http.StatusOK || !ok {
		t.Fatalf("form: got %d %q, want the CSRF hidden input", status, body)
	}
	form := url.Values{"field": {"x"}, "csrfmiddlewaretoken": {token}}
	if status, body := send(t, c, http.MethodPost, to+"/f/submit/", form.Encode(), nil); status != http.StatusOK || body != "accepted: x" {
		t.Errorf("post with the other side's token: got %d %.200q, want 200 accepted: x", status, body)
	}
	form.Del("csrfmiddlewaretoken")
	if status, body := send(t, c, http.MethodPost, to+"/f/submit/", form.Encode(), nil); status != http.StatusForbidden {
		t.Errorf("post without a token: got %d %.200q, want 403", status, body)
	}
	if !useSessions { // a script sends the cookie's value in the header
		u, _ := url.Parse(from)
		var cookie string
		for _, ck := range c.Jar.Cookies(u) {
			if ck.Name == "csrftoken" {
				cookie = ck.Value
			}
		}
		h := http.Header{"X-CSRFToken": {cookie}}
		if status, body := send(t, c, http.MethodPost, to+"/f/submit/", form.Encode(), h); cookie == "" || status != http.StatusOK {
			t.Errorf("post with X-CSRFToken %q: got %d %.200q, want 200", cookie, status, body)
		}
	}
}
