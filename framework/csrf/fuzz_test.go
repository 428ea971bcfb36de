package csrf

import (
	"strings"
	"testing"
)

const fuzzSecret = "Ab3dEf6hIj9lMn2pQr5tUv8xYz1BcDeF"

// FuzzSecretOf feeds the token parser arbitrary form fields, headers and
// cookies: it never panics, accepts only 32 or 64 characters of Alphabet,
// and never reads a tampered token of fuzzSecret as fuzzSecret.
func FuzzSecretOf(f *testing.F) {
	valid := Mask(fuzzSecret, "0123456789ABCDEFGHIJKLMNOPQRSTUV")
	for _, s := range []string{"", valid, fuzzSecret, valid[:63], valid + "a", strings.Repeat("é", 32), "0123456789ABCDEFGHIJKLMNOPQRSTUVq2V6ya2eGizMeQwUmYD2u6KaCeHiUmY!"} {
		f.Add(s, uint8(0), byte('a'))
	}
	f.Fuzz(func(t *testing.T, s string, pos uint8, c byte) {
		got, ok := secretOf(s)
		if ok && (!validChars(string(got[:])) || (len(s) != SecretLength && len(s) != TokenLength)) {
			t.Fatalf("secretOf(%q) = %q, accepted", s, got)
		}
		// Changing one character of a valid token always changes its secret.
		i := int(pos) % TokenLength
		if index[c] < 0 || valid[i] == c {
			return
		}
		tampered := valid[:i] + string(c) + valid[i+1:]
		want := secret([]byte(fuzzSecret))
		if got, ok := secretOf(tampered); ok && sameSecret(&got, &want) {
			t.Fatalf("tampered token %q read as the secret", tampered)
		}
	})
}

// FuzzSplitURL feeds Referer and Origin values to the URL splitter: it
// never panics, and what it reassembles splits the same way again.
func FuzzSplitURL(f *testing.F) {
	for _, s := range []string{"https://example.com/path?q=1#f", "not a url", "https://[::1]:8443/", "https://[::1", "//h", "\x00 https://x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		u, err := splitURL(s)
		if err != nil || u.netloc == "" || u.scheme == "" {
			return
		}
		again, err := splitURL(u.String())
		if err != nil || again.scheme != u.scheme || again.netloc != u.netloc {
			t.Fatalf("splitURL(%q) = %+v, but its String %q splits to %+v (%v)", s, u, u.String(), again, err)
		}
	})
}
