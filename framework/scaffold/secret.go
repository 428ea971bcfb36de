package scaffold

import (
	"crypto/rand"
	"fmt"
	"io"
)

// SecretKeyChars is the alphabet of [NewSecretKey], Django's
// get_random_secret_key alphabet.
const SecretKeyChars = "abcdefghijklmnopqrstuvwxyz0123456789!@#$%^&*(-_=+)"

// SecretKeyLength is the length of [NewSecretKey]'s keys: 50, Django's.
const SecretKeyLength = 50

// NewSecretKey returns a fresh SECRET_KEY of [SecretKeyLength] characters
// drawn uniformly from [SecretKeyChars] with crypto/rand (Django's
// get_random_secret_key).
func NewSecretKey() (string, error) {
	return secretKey(rand.Reader)
}

// secretKey draws the key from r. Bytes at or above the largest multiple of
// the alphabet's length are rejected, so every character is equally likely.
func secretKey(r io.Reader) (string, error) {
	const n = len(SecretKeyChars)
	const limit = 256 - 256%n
	key := make([]byte, 0, SecretKeyLength)
	buf := make([]byte, SecretKeyLength)
	for len(key) < SecretKeyLength {
		if _, err := io.ReadFull(r, buf); err != nil {
			return "", fmt.Errorf("scaffold: secret key: %w", err)
		}
		for _, b := range buf {
			if int(b) < limit && len(key) < SecretKeyLength {
				key = append(key, SecretKeyChars[int(b)%n])
			}
		}
	}
	return string(key), nil
}
