package hashers

import (
	"encoding/base64"
	"fmt"
	"strings"

	"golang.org/x/crypto/argon2"
)

func init() {
	Register(func(Options) Hasher { return NewArgon2() },
		"django.contrib.auth.hashers.Argon2PasswordHasher", "argon2")
}

// Argon2 is Django's Argon2PasswordHasher (argon2-cffi's encoding behind
// "argon2"): "argon2$argon2id$v=19$m=102400,t=2,p=8$<salt>$<hash>", salt
// and hash in unpadded base64. It verifies argon2id and argon2i values
// (older Django versions made argon2i), of any hash length.
type Argon2 struct {
	// Time, Memory (KiB) and Threads are the cost parameters of new hashes:
	// Django's time_cost, memory_cost and parallelism.
	Time, Memory uint32
	Threads      uint8
	// HashLen is the length of new hashes in bytes; zero means 32.
	// Django uses argon2-cffi's DEFAULT_HASH_LENGTH, which is 32 since
	// argon2-cffi 21.2 and was 16 before (Debian 12's Django 3.2 makes
	// 16-byte hashes).
	HashLen uint32
}

// argon2HashLen is argon2-cffi's DEFAULT_HASH_LENGTH since 21.2.
const argon2HashLen = 32

// NewArgon2 returns the argon2 hasher with Django's parameters: time 2,
// memory 102400 KiB, parallelism 8, 32-byte hashes.
func NewArgon2() *Argon2 { return &Argon2{Time: 2, Memory: 102400, Threads: 8} }

// Algorithm returns "argon2".
func (h *Argon2) Algorithm() string { return "argon2" }

// Encode hashes password with a new 22-character salt.
func (h *Argon2) Encode(password string) (string, error) {
	return h.EncodeSalt(password, newSalt()), nil
}

// EncodeSalt hashes password with salt (Django's encode).
func (h *Argon2) EncodeSalt(password, salt string) string {
	n := h.HashLen
	if n == 0 {
		n = argon2HashLen
	}
	key := argon2.IDKey([]byte(password), []byte(salt), h.Time, h.Memory, h.Threads, n)
	return fmt.Sprintf("argon2$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, h.Memory, h.Time, h.Threads,
		base64.RawStdEncoding.EncodeToString([]byte(salt)), base64.RawStdEncoding.EncodeToString(key))
}

// argon2Value is a decoded argon2 value.
type argon2Value struct {
	variety          string
	version          int
	memory, time     uint32
	threads          uint8
	salt, hash       []byte
	b64salt, b64hash string
}

// decodeArgon2 parses "argon2$argon2id$v=19$m=..,t=..,p=..$salt$hash".
func decodeArgon2(encoded string) (v argon2Value, ok bool) {
	parts := strings.Split(encoded, "$")
	if len(parts) != 6 || parts[0] != "argon2" {
		return v, false
	}
	v.variety, v.b64salt, v.b64hash = parts[1], parts[4], parts[5]
	if _, err := fmt.Sscanf(parts[2], "v=%d", &v.version); err != nil {
		return v, false
	}
	var p uint32
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &v.memory, &v.time, &p); err != nil || p == 0 || p > 255 {
		return v, false
	}
	v.threads = uint8(p)
	var err1, err2 error
	v.salt, err1 = base64.RawStdEncoding.DecodeString(strings.TrimRight(v.b64salt, "="))
	v.hash, err2 = base64.RawStdEncoding.DecodeString(strings.TrimRight(v.b64hash, "="))
	return v, err1 == nil && err2 == nil && len(v.hash) > 0 && v.version == argon2.Version
}

// Verify recomputes the hash with the stored parameters and compares in
// constant time. Only version 19 (0x13) values are supported.
func (h *Argon2) Verify(password, encoded string) bool {
	v, ok := decodeArgon2(encoded)
	if !ok {
		return false
	}
	var key []byte
	switch v.variety {
	case "argon2id":
		key = argon2.IDKey([]byte(password), v.salt, v.time, v.memory, v.threads, uint32(len(v.hash)))
	case "argon2i":
		key = argon2.Key([]byte(password), v.salt, v.time, v.memory, v.threads, uint32(len(v.hash)))
	default:
		return false
	}
	return equal(string(key), string(v.hash))
}

// MustUpdate is true when the value was made with other parameters (type,
// version, costs) or a salt under 128 bits. Unlike Django it ignores the
// hash length, which depends on the argon2-cffi version of the Django that
// made the value: a site sharing users with such a Django would otherwise
// re-hash each of its logins' passwords, and the Django side would re-hash
// them back.
func (h *Argon2) MustUpdate(encoded string) bool {
	v, ok := decodeArgon2(encoded)
	return !ok || v.variety != "argon2id" || v.time != h.Time || v.memory != h.Memory ||
		v.threads != h.Threads || mustUpdateSalt(string(v.salt))
}
