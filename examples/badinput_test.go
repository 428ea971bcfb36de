package examples_test

import (
	"bufio"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/manouche-go/manouche/framework/sitetest"
)

// mib is one mebibyte: the examples refuse form fields larger than this.
const mib = 1 << 20

// badInputs are requests that must get a clear 4xx page, never a 500,
// and leave the client's stored session as it was.
var badInputs = []struct {
	name   string
	method string
	path   string
	form   url.Values // sent urlencoded when not nil
	status int        // 0 means any 4xx
	want   string     // in the body
}{
	{name: "missing from_name", method: "POST", path: "/mail/", form: url.Values{"message": {"Hi"}}, status: 400, want: "from_name"},
	{name: "missing message", method: "POST", path: "/mail/", form: url.Values{"from_name": {"Mallory"}}, status: 400, want: "message"},
	{name: "missing myapp username", method: "POST", path: "/myapp/login/", form: url.Values{"password": {"x"}}, status: 400, want: "username"},
	{name: "missing shop password", method: "POST", path: "/shop/login/", form: url.Values{"username": {"admin"}}, status: 400, want: "password"},
	{name: "empty form", method: "POST", path: "/shop/login/", form: url.Values{}, status: 400, want: "username"},
	{name: "missing value", method: "GET", path: "/session/username/set/", status: 400, want: "value"},
	{name: "too long value", method: "GET", path: "/session/username/set/?value=" + strings.Repeat("m", 101), status: 400, want: "100"},
	{name: "wrong method mail", method: "PUT", path: "/mail/", status: 405},
	{name: "wrong method myapp login", method: "GET", path: "/myapp/login/", status: 405},
	{name: "wrong method shop login", method: "DELETE", path: "/shop/login/", status: 405},
	{name: "wrong method catalog", method: "POST", path: "/catalog/", form: url.Values{}, status: 405},
	{name: "wrong method session set", method: "POST", path: "/session/username/set/?value=Mallory", form: url.Values{}, status: 405},
	{name: "field just over 1 MiB", method: "POST", path: "/mail/",
		form: url.Values{"from_name": {strings.Repeat("a", mib+1)}, "message": {"Hi"}}},
	{name: "huge message", method: "POST", path: "/mail/",
		form: url.Values{"from_name": {"Mallory"}, "message": {strings.Repeat("b", 3*mib)}}},
	{name: "huge password", method: "POST", path: "/shop/login/",
		form: url.Values{"username": {"admin"}, "password": {strings.Repeat("c", 2*mib)}}},
	{name: "huge myapp username", method: "POST", path: "/myapp/login/",
		form: url.Values{"username": {strings.Repeat("d", mib+1)}, "password": {"x"}}},
}

func TestBadInput(t *testing.T) { forEachEngine(t, testBadInput) }

func testBadInput(t *testing.T, e *engineEnv) {
	c := victim(t, e)
	before := snapshot(t, e, c)
	for _, tc := range badInputs {
		t.Run(tc.name, func(t *testing.T) {
			var resp *sitetest.Response
			h := http.Header{"X-CSRFToken": {c.CSRFToken()}} // bad input, not a forged request
			if tc.form != nil {
				h.Set("Content-Type", "application/x-www-form-urlencoded")
				resp = c.Request(tc.method, tc.path, h, strings.NewReader(tc.form.Encode()))
			} else {
				resp = c.Request(tc.method, tc.path, h, nil)
			}
			want4xx(t, resp.StatusCode, tc.status, resp.Body)
			if tc.want != "" && !strings.Contains(resp.Body, tc.want) {
				t.Errorf("body: got %.300q, want it to mention %q", resp.Body, tc.want)
			}
			if tc.status == http.StatusMethodNotAllowed && resp.Header.Get("Allow") == "" {
				t.Errorf("Allow: got none, want the allowed methods")
			}
			checkCookie(t, resp, cookieNone, 0)
			wantUnchanged(t, e, c, before)
		})
	}
}

// victim returns a client whose session holds values a bad request must
// not change.
func victim(t *testing.T, e *engineEnv) *sitetest.Client {
	t.Helper()
	return play(t, e, []step{
		{name: "username", path: "/session/username/set/?value=Keep", cookie: cookieSet},
		{name: "from_name", path: "/mail/", form: url.Values{"from_name": {"Keep"}, "message": {"Hi"}}, cookie: cookieSet},
	})
}

// snapshot returns the client's stored session.
func snapshot(t *testing.T, e *engineEnv, c *sitetest.Client) map[string]any {
	t.Helper()
	data, ok := e.stored(t, c)
	if !ok {
		t.Fatal("stored session: got no record, want the victim's")
	}
	return data
}

// wantUnchanged checks that the client's cookie and stored session are as
// in before.
func wantUnchanged(t *testing.T, e *engineEnv, c *sitetest.Client, before map[string]any) {
	t.Helper()
	after, ok := e.stored(t, c)
	if !ok || !reflect.DeepEqual(after, before) {
		t.Errorf("stored session: got %v (present: %v), want it unchanged: %v", after, ok, before)
	}
}

// want4xx checks a status: exactly want, or any 4xx when want is 0.
func want4xx(t *testing.T, got, want int, body string) {
	t.Helper()
	switch {
	case want != 0 && got != want:
		t.Errorf("status: got %d, want %d; body %.300q", got, want, body)
	case want == 0 && (got < 400 || got > 499):
		t.Errorf("status: got %d, want a 4xx; body %.300q", got, body)
	case strings.TrimSpace(body) == "":
		t.Errorf("body: got nothing, want a page explaining the error")
	}
}

func TestBadInput_malformedCookieHeader(t *testing.T) { forEachEngine(t, testMalformedCookieHeader) }

// testMalformedCookieHeader sends Cookie headers that no browser sends,
// over a raw connection since http.Client refuses to: control characters
// (400) and a header over net/http's limit of about 1 MiB (431). The
// request never reaches a view and the session is untouched.
func testMalformedCookieHeader(t *testing.T, e *engineEnv) {
	c := victim(t, e)
	before := snapshot(t, e, c)
	sid, _ := c.Cookie(cookieName)
	for _, tc := range []struct {
		name   string
		header string
		status int
	}{
		{"control characters", cookieName + "=" + sid + "\x01\x02", http.StatusBadRequest},
		{"NUL", cookieName + "=\x00" + sid, http.StatusBadRequest},
		{"DEL in the name", "\x7f" + cookieName + "=" + sid, http.StatusBadRequest},
		{"over the header limit", cookieName + "=" + sid + "; big=" + strings.Repeat("x", 2*mib), http.StatusRequestHeaderFieldsTooLarge},
	} {
		t.Run(tc.name, func(t *testing.T) {
			status, body := rawGet(t, e.srv.Listener.Addr().String(), "/session/username/set/?value=Mallory", tc.header)
			want4xx(t, status, tc.status, body)
			wantUnchanged(t, e, c, before)
		})
	}
}

func TestBadInput_impossibleSessionKey(t *testing.T) { forEachEngine(t, testImpossibleSessionKey) }

// testImpossibleSessionKey sends session cookies that no engine could have
// issued: NUL and invalid UTF-8 (raw, or as the octal escapes of a quoted
// cookie value), upper case, a path. Each reads as no session, never
// reaching the store (PostgreSQL refused such keys with a 500): the page
// answers 200 with a new session.
func testImpossibleSessionKey(t *testing.T, e *engineEnv) {
	addr := e.srv.Listener.Addr().String()
	for _, tc := range []struct{ name, value string }{
		{"quoted NUL", `"\000\000\000\000\000\000\000\000abcdefghijklmnopqrstuvwx"`},
		{"quoted invalid UTF-8", `"\377\376abcdefghijklmnopqrstuvwxyz0123"`},
		{"raw invalid UTF-8", "\xff\xfeabcdefghijklmnopqrstuvwxyz0123"},
		{"upper case", "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345"},
		{"path", "../../../../etc/passwd0123456789"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			status, h, body := rawGetResponse(t, addr, "/catalog/", cookieName+"="+tc.value)
			if status != http.StatusOK || !strings.Contains(body, "You have visited this page 0 times") {
				t.Fatalf("GET /catalog/: got %d %.300q, want 200 and a new session's first visit", status, body)
			}
			resp := &http.Response{Header: h}
			var got string
			for _, c := range resp.Cookies() {
				if c.Name == cookieName {
					got = c.Value
				}
			}
			if got == "" || got == tc.value {
				t.Errorf("Set-Cookie %s: got %q, want a new session's cookie", cookieName, got)
			}
		})
	}
}

// rawGet sends a GET with the given Cookie header line as written, and
// returns the status and body.
func rawGet(t *testing.T, addr, path, cookie string) (int, string) {
	t.Helper()
	status, _, body := rawGetResponse(t, addr, path, cookie)
	return status, body
}

// rawGetResponse is rawGet returning the response headers too.
func rawGetResponse(t *testing.T, addr, path, cookie string) (int, http.Header, string) {
	t.Helper()
	conn, err := net.DialTimeout("tcp", addr, 5*time.Second)
	if err != nil {
		t.Fatalf("dial %s: %v", addr, err)
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(10 * time.Second))
	fmt.Fprintf(conn, "GET %s HTTP/1.1\r\nHost: %s\r\nCookie: %s\r\nConnection: close\r\n\r\n", path, addr, cookie)
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatalf("read response: %v", err)
	}
	defer resp.Body.Close()
	var b strings.Builder
	if _, err := bufio.NewReader(resp.Body).WriteTo(&b); err != nil {
		t.Fatalf("read body: %v", err)
	}
	return resp.StatusCode, resp.Header, b.String()
}
