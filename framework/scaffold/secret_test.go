package scaffold

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"testing/iotest"
)

func TestNewSecretKey(t *testing.T) {
	seen := map[string]bool{}
	for range 20 {
		key, err := NewSecretKey()
		if err != nil {
			t.Fatal(err)
		}
		if len(key) != SecretKeyLength {
			t.Errorf("got length %d, want %d", len(key), SecretKeyLength)
		}
		for _, r := range key {
			if !strings.ContainsRune(SecretKeyChars, r) {
				t.Errorf("got character %q, not in %q", r, SecretKeyChars)
			}
		}
		if seen[key] {
			t.Errorf("got the same key twice")
		}
		seen[key] = true
	}
}

func TestSecretKey_rejectsBiasedBytes(t *testing.T) {
	// 250..255 would favour the first characters: they are skipped.
	in := append(bytes.Repeat([]byte{255, 250}, 30), bytes.Repeat([]byte{51}, 90)...)
	key, err := secretKey(bytes.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	if want := strings.Repeat("b", SecretKeyLength); key != want {
		t.Errorf("got %q, want %q", key, want)
	}
}

func TestSecretKey_readError(t *testing.T) {
	boom := errors.New("boom")
	_, err := secretKey(iotest.ErrReader(boom))
	if !errors.Is(err, boom) {
		t.Errorf("got %v, want an error wrapping %v", err, boom)
	}
}
