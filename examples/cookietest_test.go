package examples_test

import "testing"

func TestCookieTest(t *testing.T) { forEachEngine(t, testCookieTest) }

func testCookieTest(t *testing.T, e *engineEnv) {
	play(t, e, []step{
		{name: "set test cookie", path: "/cookie-test/", want: []string{`href="/cookie-test/check/"`},
			cookie: cookieSet, stored: map[string]any{"testcookie": "worked"}},
		{name: "check", path: "/cookie-test/check/", want: []string{"Cookies are enabled"},
			notWant: []string{"Please enable cookies"}, gone: []string{"testcookie"}},
		{name: "check again", path: "/cookie-test/check/", want: []string{"Please enable cookies"}},
	})
	// A browser that does not send cookies back: the check never sees the
	// test value.
	c := e.srv.NewClient(t)
	playWith(t, e, c, []step{{name: "set test cookie", path: "/cookie-test/", cookie: cookieSet}})
	c.HTTP.Jar = nil
	playWith(t, e, c, []step{
		{name: "cookies refused", path: "/cookie-test/check/", want: []string{"Please enable cookies"},
			notWant: []string{"Cookies are enabled"}, cookie: cookieNone},
	})
}
