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

// maxKeyLength is the longest key a store accepts: Django's
// django_session.session_key is a varchar(40).
const maxKeyLength = 40

// isStoreKey reports whether key could have been issued to a store-backed
// session: 8 to 40 characters of [a-z0-9] (Django's _validate_session_key
// asks for 8 characters; every Django version generates 32 of
// VALID_KEY_CHARS, and older ones 32 hexadecimal digits). A cookie holding
// anything else (invalid UTF-8, NUL, upper case, a path) is no key: it
// never reaches a store.
func isStoreKey(key string) bool {
	if len(key) < minKeyLength || len(key) > maxKeyLength {
		return false
	}
	for i := range len(key) {
		if c := key[i]; (c < 'a' || c > 'z') && (c < '0' || c > '9') {
			return false
		}
	}
	return true
}

// isCookieValue reports whether key could be a signed_cookies value:
// at least 8 characters of what signing.dumps writes (URL-safe base64,
// ':' between the parts, a leading '.' when compressed).
func isCookieValue(key string) bool {
	if len(key) < minKeyLength {
		return false
	}
	for i := range len(key) {
		switch c := key[i]; {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9':
		case c == '-', c == '_', c == ':', c == '.':
		default:
			return false
		}
	}
	return true
}
