package session

import "crypto/rand"

const (
	// keyLength is the length of generated session keys (Django's
	// _get_new_session_key: get_random_string(32, VALID_KEY_CHARS)).
	keyLength = 32
	// minKeyLength is the shortest key a session accepts (Django's
	// _validate_session_key); shorter keys are treated as no key.
	minKeyLength = 8
	// keyAlphabet is Django's VALID_KEY_CHARS: lower case and digits, so
	// keys are safe on case-insensitive file systems.
	keyAlphabet = "abcdefghijklmnopqrstuvwxyz0123456789"
)

// NewKey returns a new random session key: 32 characters of [a-z0-9]
// drawn from crypto/rand without modulo bias, as Django's
// get_random_string(32, VALID_KEY_CHARS) does. It is the default of
// [Config.NewKey].
func NewKey() string {
	// 252 is the largest multiple of 36 below 256: bytes at or above it
	// are rejected so that every character is equally likely.
	const limit = 256 - 256%len(keyAlphabet)
	key := make([]byte, 0, keyLength)
	var buf [keyLength + keyLength/4]byte
	for len(key) < keyLength {
		rand.Read(buf[:]) // never returns an error (crypto/rand, Go ≥ 1.24)
		for _, b := range buf {
			if int(b) < limit && len(key) < keyLength {
				key = append(key, keyAlphabet[int(b)%len(keyAlphabet)])
			}
		}
	}
	return string(key)
}

// validKey applies Django's base-class key rule: a key shorter than 8
// characters (or empty) is no key at all.
func validKey(key string) string {
	if len(key) < minKeyLength {
		return ""
	}
	return key
}
