package examples_test

import (
	"net/http"
	"testing"

	"github.com/manouche-go/manouche/framework/sitetest"
)

func TestAjaxCounter(t *testing.T) { forEachEngine(t, testAjaxCounter) }

func testAjaxCounter(t *testing.T, e *engineEnv) {
	json := func(t *testing.T, resp *sitetest.Response) {
		if got := resp.Header.Get("Content-Type"); got != "application/json" {
			t.Errorf("Content-Type: got %q, want application/json", got)
		}
	}
	play(t, e, []step{
		{name: "first", path: "/ajax/counter/", want: []string{`"count":1`}, cookie: cookieSet,
			stored: map[string]any{"count": 1}, check: json},
		{name: "second", path: "/ajax/counter/", want: []string{`"count":2`}, cookie: cookieSet, stored: map[string]any{"count": 2}},
		{name: "post counts too", method: http.MethodPost, path: "/ajax/counter/", want: []string{`"count":3`}},
		{name: "wrong method", method: http.MethodPut, path: "/ajax/counter/", status: http.StatusMethodNotAllowed,
			cookie: cookieNone, stored: map[string]any{"count": 3}},
	})
}

func TestHome(t *testing.T) { forEachEngine(t, testHome) }

func testHome(t *testing.T, e *engineEnv) {
	links := []string{`id="ajax-count"`, `fetch("/ajax/counter/"`}
	for _, p := range []string{"/myapp/connection/", "/catalog/", "/session/set/", "/mail/", "/cookie-test/",
		"/shop/welcome/", "/shop/cookies/", "/shop/key/", "/shop/expiry/", "/shop/", "/ajax/counter/"} {
		links = append(links, `href="`+p+`"`)
	}
	play(t, e, []step{
		{name: "index", path: "/", want: links, cookie: cookieNone, noRecord: true},
		{name: "unknown page", path: "/no-such-page/", status: http.StatusNotFound, cookie: cookieNone},
	})
}
