package hashers

import (
	"crypto/rand"
	"math"
)

// randomChars is Django's RANDOM_STRING_CHARS.
const randomChars = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"

// saltEntropy is Django's BasePasswordHasher.salt_entropy, in bits.
const saltEntropy = 128

// saltLength is the length of a new salt: ceil(128 / log2(62)) = 22
// characters, as Django's BasePasswordHasher.salt makes.
var saltLength = int(math.Ceil(saltEntropy / math.Log2(float64(len(randomChars)))))

// randomString returns n characters of randomChars drawn uniformly with
// crypto/rand (Django's get_random_string).
func randomString(n int) string {
	const limit = 256 - 256%len(randomChars) // reject bytes that would bias the draw
	out := make([]byte, 0, n)
	buf := make([]byte, n+n/4+8)
	for len(out) < n {
		rand.Read(buf)
		for _, b := range buf {
			if int(b) < limit && len(out) < n {
				out = append(out, randomChars[int(b)%len(randomChars)])
			}
		}
	}
	return string(out)
}

// newSalt returns a new salt of saltLength characters.
func newSalt() string { return randomString(saltLength) }

// mustUpdateSalt reports whether salt carries less than 128 bits of
// entropy, counting log2(62) bits per character (Django's
// must_update_salt).
func mustUpdateSalt(salt string) bool {
	return float64(len(salt))*math.Log2(float64(len(randomChars))) < saltEntropy
}
