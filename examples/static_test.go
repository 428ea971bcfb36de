package examples_test

import (
	"regexp"
	"strings"
	"testing"
)

// hashedCSS is the examples' stylesheet as pages link it with DEBUG off:
// its hashed name in STATIC_ROOT.
var hashedCSS = regexp.MustCompile(`href="(/static/examples/site\.[0-9a-f]{12}\.css)"`)

// TestStatic_stylesheet: every page links the examples' stylesheet by its
// hashed name, which the site serves itself with far-future caching.
func TestStatic_stylesheet(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e *engineEnv) {
		c := e.srv.NewClient(t)
		page := c.Get("/catalog/")
		m := hashedCSS.FindStringSubmatch(page.Body)
		if m == nil {
			t.Fatalf("/catalog/ links no hashed stylesheet:\n%s", page.Body)
		}
		css := c.Get(m[1])
		switch {
		case css.StatusCode != 200 || !strings.Contains(css.Body, "font-family: system-ui"):
			t.Errorf("GET %s: got %d %q", m[1], css.StatusCode, css.Body)
		case css.Header.Get("Cache-Control") != "max-age=315360000, public, immutable":
			t.Errorf("GET %s: Cache-Control %q, want immutable", m[1], css.Header.Get("Cache-Control"))
		case css.Header.Get("Content-Type") != "text/css; charset=utf-8":
			t.Errorf("GET %s: Content-Type %q", m[1], css.Header.Get("Content-Type"))
		}
		if len(css.SetCookies()) != 0 {
			t.Errorf("GET %s set cookies %q: a static file needs no session", m[1], css.Header.Values("Set-Cookie"))
		}
	})
}
