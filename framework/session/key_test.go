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

func TestValidKey(t *testing.T) {
	tests := []struct{ key, want string }{
		{"", ""},
		{"short", ""},
		{"1234567", ""},
		{"12345678", "12345678"},
		{"UPPER/and.dots", "UPPER/and.dots"}, // the base class checks length only
	}
	for _, tt := range tests {
		if got := validKey(tt.key); got != tt.want {
			t.Errorf("validKey(%q): got %q, want %q", tt.key, got, tt.want)
		}
	}
}
