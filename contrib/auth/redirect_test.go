package auth_test

import (
	"testing"

	"github.com/manouche-go/manouche/contrib/auth"
)

// TestURLHasAllowedHostAndScheme runs the cases of Django's own test of
// url_has_allowed_host_and_scheme (tests/utils_tests/test_http.py), with
// allowed hosts otherserver and testserver, and the list.
func TestURLHasAllowedHostAndScheme(t *testing.T) {
	allowed := []string{"otherserver", "testserver"}
	bad := []string{
		"http://example.com", "http:///example.com", "https://example.com", "ftp://example.com",
		`\\example.com`, `\\\example.com`, `/\\/example.com`, `\\//example.com`, `/\/example.com`,
		`\/example.com`, `/\example.com`, `http:/\//example.com`, `http:\/example.com`, `http:/\example.com`,
		`javascript:alert("XSS")`, "\njavascript:alert(x)", "\x08//example.com",
		`http://otherserver\@example.com`, `http:\\testserver\@example.com`, `http://testserver\me:pass@example.com`,
		`http://testserver\@example.com`, `http:\\testserver\confirm\me@example.com`,
		"http:999999999", "ftp:9999999999", "\n",
		"http://[2001:cdba:0000:0000:0000:0000:3257:9652/", "http://2001:cdba:0000:0000:0000:0000:3257:9652]/",
		"//evil.example", "https://evil.example", `\\evil`, "javascript:void(0)", "JavaScript:alert(1)",
		"", "   ", "/\t/evil.example", "\u200b//evil.example",
	}
	good := []string{
		"/view/?param=http://example.com", "/view/?param=https://example.com", "/view?param=ftp://example.com",
		"view/?param=//example.com", "https://testserver/", "HTTPS://testserver/", "//testserver/",
		"http://testserver/confirm?email=me@example.com", "/url%20with%20spaces/", "path/http:2222222222",
		" /padded/ ",
	}
	for _, u := range bad {
		if auth.URLHasAllowedHostAndScheme(u, allowed, false) {
			t.Errorf("%q is accepted", u)
		}
	}
	for _, u := range good {
		if !auth.URLHasAllowedHostAndScheme(u, allowed, false) {
			t.Errorf("%q is refused", u)
		}
	}
	for u, want := range map[string]bool{"https://testserver/": true, "http://testserver/": false, "//testserver/": false, "/p/": true} {
		if got := auth.URLHasAllowedHostAndScheme(u, allowed, true); got != want {
			t.Errorf("%q with requireHTTPS: %v, want %v", u, got, want)
		}
	}
}
