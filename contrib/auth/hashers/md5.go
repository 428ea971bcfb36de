package hashers

import (
	"crypto/md5"
	"encoding/hex"
	"strings"
)

func init() {
	Register(func(Options) Hasher { return MD5{} }, "django.contrib.auth.hashers.MD5PasswordHasher", "md5")
}

// MD5 is Django's MD5PasswordHasher: "md5$<salt>$<hex MD5(salt+password)>".
// It is fast and weak; Django recommends it only to speed up tests.
type MD5 struct{}

// Algorithm returns "md5".
func (MD5) Algorithm() string { return "md5" }

// Encode hashes password with a new 22-character salt.
func (h MD5) Encode(password string) (string, error) { return h.EncodeSalt(password, newSalt()), nil }

// EncodeSalt hashes password with salt.
func (MD5) EncodeSalt(password, salt string) string {
	sum := md5.Sum([]byte(salt + password))
	return "md5$" + salt + "$" + hex.EncodeToString(sum[:])
}

// Verify recomputes the hash with the stored salt and compares in
// constant time.
func (h MD5) Verify(password, encoded string) bool {
	parts := strings.SplitN(encoded, "$", 3)
	if len(parts) != 3 || parts[0] != "md5" || parts[1] == "" {
		return false
	}
	return equal(encoded, h.EncodeSalt(password, parts[1]))
}

// MustUpdate is true for a salt under 128 bits.
func (MD5) MustUpdate(encoded string) bool {
	parts := strings.SplitN(encoded, "$", 3)
	return len(parts) != 3 || mustUpdateSalt(parts[1])
}
