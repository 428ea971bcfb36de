package csrf

import "testing"

// TestSplitURL compares splitURL with Python 3.11's urlparse on the
// Referer values Django's check sees (expected values printed by Python).
func TestSplitURL(t *testing.T) {
	tests := []struct {
		in, scheme, netloc, url string
		err                     bool
	}{
		{in: "https://evil.example/path?q=1", scheme: "https", netloc: "evil.example", url: "https://evil.example/path?q=1"},
		{in: "not a url", url: "not a url"},
		{in: "https://", scheme: "https", url: "https://"},
		{in: "HTTPS://TESTSERVER/form/", scheme: "https", netloc: "TESTSERVER", url: "https://TESTSERVER/form/"},
		{in: "https://evil.example/path?", scheme: "https", netloc: "evil.example", url: "https://evil.example/path"},
		{in: "https://a.b#frag", scheme: "https", netloc: "a.b", url: "https://a.b#frag"},
		{in: "  https://x.example/a", scheme: "https", netloc: "x.example", url: "https://x.example/a"},
		{in: "https://[::1]:8443/x", scheme: "https", netloc: "[::1]:8443", url: "https://[::1]:8443/x"},
		{in: "https://[::1/x", err: true},
		{in: "//host/path", netloc: "host", url: "//host/path"},
		{in: "https:host/p", scheme: "https", url: "https:///host/p"},
		{in: "1http://x", url: "1http://x"},
		{in: "ht tp://x", url: "ht tp://x"},
		{in: "https://h\t/p", scheme: "https", netloc: "h", url: "https://h/p"},
		{in: "mailto:x@y", scheme: "mailto", url: "mailto:x@y"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			u, err := splitURL(tt.in)
			if (err != nil) != tt.err {
				t.Fatalf("error: got %v, want error %v", err, tt.err)
			}
			if err != nil {
				return
			}
			if u.scheme != tt.scheme || u.netloc != tt.netloc || u.String() != tt.url {
				t.Errorf("got (%q, %q, %q), want (%q, %q, %q)", u.scheme, u.netloc, u.String(), tt.scheme, tt.netloc, tt.url)
			}
		})
	}
}

// TestSameDomain is Django's is_same_domain, from its own test cases.
func TestSameDomain(t *testing.T) {
	tests := []struct {
		host, pattern string
		want          bool
	}{
		{"example.com", "example.com", true},
		{"example.com", ".example.com", true},
		{"foo.example.com", ".example.com", true},
		{"example.com:8888", "example.com:8888", true},
		{"foo.example.com:8888", ".example.com:8888", true},
		{"example.com", "EXAMPLE.COM", true},
		{"EXAMPLE.COM", "example.com", false}, // only the pattern is lower-cased
		{"example.com", "", false},
		{"example.com", "example.org", false},
		{"foo.example.com", "example.com", false},
		{"example.com:9999", "example.com:8888", false},
		{"badexample.com", ".example.com", false},
	}
	for _, tt := range tests {
		if got := sameDomain(tt.host, tt.pattern); got != tt.want {
			t.Errorf("sameDomain(%q, %q): got %v, want %v", tt.host, tt.pattern, got, tt.want)
		}
	}
}
