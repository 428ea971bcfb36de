package hashers

import (
	"crypto/pbkdf2"
	"crypto/sha1"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"hash"
	"strconv"
	"strings"
)

func init() {
	Register(func(o Options) Hasher { return NewPBKDF2SHA256(o.PBKDF2Iterations) },
		"django.contrib.auth.hashers.PBKDF2PasswordHasher", "pbkdf2_sha256")
	Register(func(o Options) Hasher { return NewPBKDF2SHA1(o.PBKDF2Iterations) },
		"django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher", "pbkdf2_sha1")
}

// PBKDF2 is Django's PBKDF2PasswordHasher (HMAC-SHA256) and
// PBKDF2SHA1PasswordHasher: "pbkdf2_sha256$<iterations>$<salt>$<base64
// hash>", the hash as long as the digest.
type PBKDF2 struct {
	// Iterations is the work factor of new hashes; a stored hash with
	// another count must be updated.
	Iterations int

	algorithm string
	digest    func() hash.Hash
	size      int
}

// NewPBKDF2SHA256 returns the pbkdf2_sha256 hasher with iterations (0
// means Django 5.2's 1000000).
func NewPBKDF2SHA256(iterations int) *PBKDF2 {
	return &PBKDF2{Iterations: orDefault(iterations), algorithm: "pbkdf2_sha256", digest: sha256.New, size: sha256.Size}
}

// NewPBKDF2SHA1 returns the pbkdf2_sha1 hasher with iterations (0 means
// Django 5.2's 1000000).
func NewPBKDF2SHA1(iterations int) *PBKDF2 {
	return &PBKDF2{Iterations: orDefault(iterations), algorithm: "pbkdf2_sha1", digest: sha1.New, size: sha1.Size}
}

func orDefault(iterations int) int {
	if iterations <= 0 {
		return DefaultPBKDF2Iterations
	}
	return iterations
}

// Algorithm returns "pbkdf2_sha256" or "pbkdf2_sha1".
func (h *PBKDF2) Algorithm() string { return h.algorithm }

// Encode hashes password with a new 22-character salt.
func (h *PBKDF2) Encode(password string) (string, error) {
	return h.EncodeSalt(password, newSalt(), h.Iterations)
}

// EncodeSalt hashes password with the given salt and iteration count
// (Django's encode). The salt must not be empty or contain "$".
func (h *PBKDF2) EncodeSalt(password, salt string, iterations int) (string, error) {
	if salt == "" || strings.Contains(salt, "$") || iterations <= 0 {
		return "", fmt.Errorf("hashers: %s: salt must be non-empty without $ and iterations positive", h.algorithm)
	}
	key, err := pbkdf2.Key(h.digest, password, []byte(salt), iterations, h.size)
	if err != nil {
		return "", fmt.Errorf("hashers: %s: %w", h.algorithm, err)
	}
	return h.algorithm + "$" + strconv.Itoa(iterations) + "$" + salt + "$" + base64.StdEncoding.EncodeToString(key), nil
}

// decode splits "algorithm$iterations$salt$hash".
func (h *PBKDF2) decode(encoded string) (iterations int, salt string, ok bool) {
	parts := strings.SplitN(encoded, "$", 4)
	if len(parts) != 4 || parts[0] != h.algorithm {
		return 0, "", false
	}
	n, err := strconv.Atoi(parts[1])
	if err != nil || n <= 0 {
		return 0, "", false
	}
	return n, parts[2], true
}

// Verify recomputes the hash with the stored salt and iterations and
// compares the whole encoded strings in constant time.
func (h *PBKDF2) Verify(password, encoded string) bool {
	n, salt, ok := h.decode(encoded)
	if !ok {
		return false
	}
	again, err := h.EncodeSalt(password, salt, n)
	return err == nil && equal(encoded, again)
}

// MustUpdate is true when the stored iteration count differs from
// Iterations, higher or lower, or the salt is under 128 bits.
func (h *PBKDF2) MustUpdate(encoded string) bool {
	n, salt, ok := h.decode(encoded)
	return !ok || n != h.Iterations || mustUpdateSalt(salt)
}

// HardenRuntime runs the iterations a stored hash lacks.
func (h *PBKDF2) HardenRuntime(password, encoded string) {
	n, salt, ok := h.decode(encoded)
	if ok && h.Iterations > n {
		h.EncodeSalt(password, salt, h.Iterations-n) //nolint:errcheck // timing only
	}
}
