package session

import (
	"strings"
	"testing"
)

func TestNewKey(t *testing.T) {
	seen := map[string]bool{}
	counts := map[rune]int{}
	const n = 5000
	for range n {
		k := NewKey()
		if len(k) != keyLength {
			t.Fatalf("NewKey() = %q: got length %d, want %d", k, len(k), keyLength)
		}
		for _, r := range k {
			if !strings.ContainsRune(keyAlphabet, r) {
				t.Fatalf("NewKey() = %q: got %q, want only [a-z0-9]", k, r)
			}
			counts[r]++
		}
		if seen[k] {
			t.Fatalf("NewKey() repeated %q", k)
		}
		seen[k] = true
	}
	// 160000 characters over 36 symbols: 4444 each, σ ≈ 66. A biased
	// generator (byte % 36 without rejection) draws the first 4 symbols
	// 5000 times; the bounds are ±6σ.
	for _, r := range keyAlphabet {
		if c := counts[r]; c < 4050 || c > 4840 {
			t.Errorf("character %q drawn %d times, want about %d", r, c, n*keyLength/len(keyAlphabet))
		}
	}
}

func TestIsStoreKey(t *testing.T) {
	tests := []struct {
		key  string
		want bool
	}{
		{"", false},
		{"short", false},
		{"1234567", false},
		{"12345678", true},
		{NewKey(), true},
		{strings.Repeat("a", 40), true}, // django_session.session_key is varchar(40)
		{strings.Repeat("a", 41), false},
		{"UPPERCASE0000000", false},
		{"../../etc/passwd", false},
		{"abcdefgh\x00ijklmnop", false},
		{"abcdefgh\xff\xfeijklmnop", false}, // invalid UTF-8
		{"abcdefghéijklmnop", false},        // valid UTF-8, not [a-z0-9]
		{"abcdefgh ijklmnop", false},
	}
	for _, tt := range tests {
		if got := isStoreKey(tt.key); got != tt.want {
			t.Errorf("isStoreKey(%q): got %v, want %v", tt.key, got, tt.want)
		}
	}
}

func TestIsCookieValue(t *testing.T) {
	tests := []struct {
		key  string
		want bool
	}{
		{"", false},
		{"a:b:c", false},
		{".eJyrVkpUslJKVKoFAA-UAwY:1r31eq:Qk1mX-abc_DEF", true},
		{"eyJhIjoxfQ:1r31eq:abc", true},
		{"eyJhIjoxfQ:1r31eq:ab\x00", false},
		{"eyJhIjoxfQ:1r31eq:ab\xff", false},
		{"eyJhIjoxfQ 1r31eq abc", false},
		{"eyJhIjoxfQ/1r31eq=abc", false},
	}
	for _, tt := range tests {
		if got := isCookieValue(tt.key); got != tt.want {
			t.Errorf("isCookieValue(%q): got %v, want %v", tt.key, got, tt.want)
		}
	}
}
