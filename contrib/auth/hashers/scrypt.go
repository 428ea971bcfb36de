package hashers

import (
	"encoding/base64"
	"fmt"
	"strconv"
	"strings"

	"golang.org/x/crypto/scrypt"
)

func init() {
	Register(func(Options) Hasher { return NewScrypt() },
		"django.contrib.auth.hashers.ScryptPasswordHasher", "scrypt")
}

// Scrypt is Django's ScryptPasswordHasher (Django 4.0+):
// "scrypt$<N>$<salt>$<r>$<p>$<base64 of a 64-byte key>".
type Scrypt struct {
	// N, R and P are the parameters of new hashes (Django's work_factor,
	// block_size and parallelism).
	N, R, P int
}

// scryptKeyLen is Django's dklen.
const scryptKeyLen = 64

// NewScrypt returns the scrypt hasher with Django 5.2's parameters:
// N=2^14, r=8, p=5.
func NewScrypt() *Scrypt { return &Scrypt{N: 1 << 14, R: 8, P: 5} }

// Algorithm returns "scrypt".
func (h *Scrypt) Algorithm() string { return "scrypt" }

// Encode hashes password with a new 22-character salt.
func (h *Scrypt) Encode(password string) (string, error) {
	return h.EncodeSalt(password, newSalt(), h.N, h.R, h.P)
}

// EncodeSalt hashes password with the given salt and parameters.
func (h *Scrypt) EncodeSalt(password, salt string, n, r, p int) (string, error) {
	if salt == "" || strings.Contains(salt, "$") {
		return "", fmt.Errorf("hashers: scrypt: salt must be non-empty without $")
	}
	key, err := scrypt.Key([]byte(password), []byte(salt), n, r, p, scryptKeyLen)
	if err != nil {
		return "", fmt.Errorf("hashers: scrypt: %w", err)
	}
	return fmt.Sprintf("scrypt$%d$%s$%d$%d$%s", n, salt, r, p, base64.StdEncoding.EncodeToString(key)), nil
}

// decode parses "scrypt$N$salt$r$p$hash".
func (h *Scrypt) decode(encoded string) (n int, salt string, r, p int, ok bool) {
	parts := strings.Split(encoded, "$")
	if len(parts) != 6 || parts[0] != "scrypt" {
		return 0, "", 0, 0, false
	}
	var errs [3]error
	n, errs[0] = strconv.Atoi(parts[1])
	r, errs[1] = strconv.Atoi(parts[3])
	p, errs[2] = strconv.Atoi(parts[4])
	return n, parts[2], r, p, errs[0] == nil && errs[1] == nil && errs[2] == nil
}

// Verify recomputes the key with the stored parameters and compares the
// encoded strings in constant time.
func (h *Scrypt) Verify(password, encoded string) bool {
	n, salt, r, p, ok := h.decode(encoded)
	if !ok {
		return false
	}
	again, err := h.EncodeSalt(password, salt, n, r, p)
	return err == nil && equal(encoded, again)
}

// MustUpdate is true when N, r or p differ from the hasher's.
func (h *Scrypt) MustUpdate(encoded string) bool {
	n, _, r, p, ok := h.decode(encoded)
	return !ok || n != h.N || r != h.R || p != h.P
}
