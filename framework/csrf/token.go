package csrf

import (
	"crypto/rand"
	"crypto/subtle"
)

// Sizes and names of Django's CSRF tokens (django.middleware.csrf).
const (
	// SecretLength is the length of a secret (CSRF_SECRET_LENGTH).
	SecretLength = 32
	// TokenLength is the length of a masked token (CSRF_TOKEN_LENGTH): a
	// mask and the secret ciphered with it.
	TokenLength = 2 * SecretLength
	// FormField is the form field a token is posted in.
	FormField = "csrfmiddlewaretoken"
	// SessionKey is the session key of the token with CSRF_USE_SESSIONS.
	SessionKey = "_csrftoken"
	// Alphabet is CSRF_ALLOWED_CHARS, the characters of secrets and tokens.
	Alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
)

// index maps a byte of Alphabet to its position, and any other byte to -1.
var index = func() (t [256]int8) {
	for i := range t {
		t[i] = -1
	}
	for i := range len(Alphabet) {
		t[Alphabet[i]] = int8(i)
	}
	return t
}()

// RandomString returns SecretLength random characters of Alphabet (Django's
// _get_new_csrf_string), from crypto/rand.
// Each character is drawn without modulo bias.
func RandomString() string {
	var out [SecretLength]byte
	var buf [64]byte
	n := 0
	for n < SecretLength {
		rand.Read(buf[:]) // never fails (crypto/rand panics instead)
		for _, b := range buf {
			if b < 248 && n < SecretLength { // 248 = 4 * 62
				out[n] = Alphabet[b%62]
				n++
			}
		}
	}
	return string(out[:])
}

// validChars reports whether every byte of s is in Alphabet.
func validChars(s string) bool {
	for i := range len(s) {
		if index[s[i]] < 0 {
			return false
		}
	}
	return true
}

// secret is an unmasked secret, kept as an array so that comparing two
// allocates nothing.
type secret [SecretLength]byte

// Mask returns the token of secret under mask (Django's
// _mask_cipher_secret with its random mask given): mask followed by each
// secret character shifted by the mask character's index, modulo 62. Both
// must be SecretLength characters of Alphabet.
func Mask(secretText, mask string) string {
	var s secret
	copy(s[:], secretText)
	return maskSecret(&s, mask)
}

func maskSecret(s *secret, mask string) string {
	var b [TokenLength]byte
	copy(b[:], mask)
	for i := range SecretLength {
		b[SecretLength+i] = Alphabet[(int(index[s[i]])+int(index[mask[i]]))%62]
	}
	return string(b[:])
}

// Unmask returns the secret of a TokenLength token of Alphabet characters
// (Django's _unmask_cipher_token).
func Unmask(token string) string {
	s := unmask(token)
	return string(s[:])
}

func unmask(token string) (s secret) {
	for i := range SecretLength {
		s[i] = Alphabet[(int(index[token[SecretLength+i]])-int(index[token[i]])+62)%62]
	}
	return s
}

// secretOf returns the secret a token or secret carries: a TokenLength
// token is unmasked, a SecretLength value is itself a secret (what Django
// before 1.10 and since 4.1 store). ok is false for any other length or a
// character outside Alphabet: Django 3.2's _sanitize_token replaces such a
// value with a new random token, which can never match.
func secretOf(v string) (s secret, ok bool) {
	if !validChars(v) {
		return s, false
	}
	switch len(v) {
	case TokenLength:
		return unmask(v), true
	case SecretLength:
		copy(s[:], v)
		return s, true
	}
	return s, false
}

// sameSecret compares two secrets in constant time.
func sameSecret(a, b *secret) bool {
	return subtle.ConstantTimeCompare(a[:], b[:]) == 1
}
