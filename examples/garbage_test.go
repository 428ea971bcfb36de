package examples_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/manouche-go/manouche/framework/csrf"
)

func TestBadInput_garbageSessionCookie(t *testing.T) { forEachEngine(t, testGarbageSessionCookie) }

// testGarbageSessionCookie sends well-formed Cookie headers whose session
// cookie is garbage, forged or tampered with. As in Django, such a cookie
// names no session: the request gets a new, empty session (never a 500,
// never another user's data), and the victim's stored session is
// unchanged.
func testGarbageSessionCookie(t *testing.T, e *engineEnv) {
	c := victim(t, e)
	before := snapshot(t, e, c)
	sid, _ := c.Cookie(cookieName)
	tampered := []byte(sid)
	tampered[len(tampered)/2] ^= 1
	for _, tc := range []struct{ name, value string }{
		{"garbage", "garbage"},
		{"path traversal", "../../../../etc/passwd"},
		{"quoted", `"` + sid + `"x`},
		{"long", strings.Repeat("z", 4000)},
		{"tampered", string(tampered)},
		{"suffixed", sid + "x"},
		{"upper case", strings.ToUpper(sid)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cookie := http.Header{"Cookie": {cookieName + "=" + tc.value}}
			stranger := e.srv.NewClient(t)
			stranger.HTTP.Jar = nil
			resp := stranger.Request(http.MethodGet, "/session/username/", cookie, nil)
			wantStatus(t, resp, http.StatusOK)
			wantBody(t, resp, []string{"Username: Guest"}, []string{"Keep"})
			token := csrf.Mask(csrf.RandomString(), csrf.RandomString()) // the stranger's own CSRF cookie and token
			h := http.Header{"Cookie": {cookieName + "=" + tc.value + "; csrftoken=" + token},
				"Content-Type": {"application/x-www-form-urlencoded"}, "X-CSRFToken": {token}}
			form := url.Values{"from_name": {"Mallory"}, "message": {"Hi"}}
			resp = stranger.Request(http.MethodPost, "/mail/", h, strings.NewReader(form.Encode()))
			wantStatus(t, resp, http.StatusOK)
			checkCookie(t, resp, cookieSet, 0)
			if ck, _ := resp.SetCookie(cookieName); ck.Value == tc.value || ck.Value == sid {
				t.Errorf("Set-Cookie: got %q, want a new session, not the one sent nor the victim's", ck.Value)
			}
			wantUnchanged(t, e, c, before)
		})
	}
}
