package hashers

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"

	"golang.org/x/crypto/bcrypt"
)

func init() {
	Register(func(Options) Hasher { return NewBCryptSHA256() },
		"django.contrib.auth.hashers.BCryptSHA256PasswordHasher", "bcrypt_sha256")
	Register(func(Options) Hasher { return NewBCrypt() },
		"django.contrib.auth.hashers.BCryptPasswordHasher", "bcrypt")
}

// BCrypt is Django's BCryptSHA256PasswordHasher ("bcrypt_sha256$$2b$12$..."),
// which first replaces the password by the hex of its SHA-256 so that no
// part of it is lost, and BCryptPasswordHasher ("bcrypt$$2b$12$..."), which
// hashes at most the first 72 bytes, as the bcrypt library Django uses does.
type BCrypt struct {
	// Cost is the work factor of new hashes (Django's rounds, 12).
	Cost int

	algorithm string
	sha256    bool
}

// bcryptMaxLen is the longest input bcrypt reads; longer ones are cut.
const bcryptMaxLen = 72

// NewBCryptSHA256 returns the bcrypt_sha256 hasher with Django's cost 12.
func NewBCryptSHA256() *BCrypt { return &BCrypt{Cost: 12, algorithm: "bcrypt_sha256", sha256: true} }

// NewBCrypt returns the bcrypt hasher with Django's cost 12.
func NewBCrypt() *BCrypt { return &BCrypt{Cost: 12, algorithm: "bcrypt"} }

// Algorithm returns "bcrypt_sha256" or "bcrypt".
func (h *BCrypt) Algorithm() string { return h.algorithm }

// input is what bcrypt hashes for password.
func (h *BCrypt) input(password string) []byte {
	if h.sha256 {
		sum := sha256.Sum256([]byte(password))
		return []byte(hex.EncodeToString(sum[:]))
	}
	if len(password) > bcryptMaxLen {
		password = password[:bcryptMaxLen]
	}
	return []byte(password)
}

// Encode hashes password with a new salt, written with the "2b" prefix as
// Python's bcrypt writes it (2a and 2b hash inputs this short alike).
func (h *BCrypt) Encode(password string) (string, error) {
	b, err := bcrypt.GenerateFromPassword(h.input(password), h.Cost)
	if err != nil {
		return "", fmt.Errorf("hashers: %s: %w", h.algorithm, err)
	}
	data := string(b)
	if strings.HasPrefix(data, "$2a$") {
		data = "$2b$" + data[len("$2a$"):]
	}
	return h.algorithm + "$" + data, nil
}

// data returns the bcrypt string of an encoded value of this hasher.
func (h *BCrypt) data(encoded string) (string, bool) {
	algo, data, ok := strings.Cut(encoded, "$")
	return data, ok && algo == h.algorithm && strings.HasPrefix(data, "$2")
}

// Verify hashes password with the stored salt and cost and compares in
// constant time.
func (h *BCrypt) Verify(password, encoded string) bool {
	data, ok := h.data(encoded)
	return ok && bcrypt.CompareHashAndPassword([]byte(data), h.input(password)) == nil
}

// MustUpdate is true when the stored cost differs from Cost.
func (h *BCrypt) MustUpdate(encoded string) bool {
	data, ok := h.data(encoded)
	if !ok {
		return true
	}
	cost, err := bcrypt.Cost([]byte(data))
	return err != nil || cost != h.Cost
}

// HardenRuntime hashes again 2^(Cost-cost)-1 times, each cost step
// doubling the work, as Django does.
func (h *BCrypt) HardenRuntime(password, encoded string) {
	data, ok := h.data(encoded)
	if !ok {
		return
	}
	cost, err := bcrypt.Cost([]byte(data))
	if err != nil || cost >= h.Cost {
		return
	}
	for range 1<<(h.Cost-cost) - 1 {
		bcrypt.CompareHashAndPassword([]byte(data), h.input(password)) //nolint:errcheck // timing only
	}
}
