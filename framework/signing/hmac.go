package signing

import (
	"crypto/hmac"
	"crypto/md5"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha3"
	"crypto/sha512"
	"fmt"
	"hash"
)

// hashFuncs maps hashlib algorithm names to Go constructors. It covers the
// guaranteed hashlib algorithms that the standard library implements.
var hashFuncs = map[string]func() hash.Hash{
	"md5":        md5.New,
	"sha1":       sha1.New,
	"sha224":     sha256.New224,
	"sha256":     sha256.New,
	"sha384":     sha512.New384,
	"sha512":     sha512.New,
	"sha512_224": sha512.New512_224,
	"sha512_256": sha512.New512_256,
	"sha3_224":   func() hash.Hash { return sha3.New224() },
	"sha3_256":   func() hash.Hash { return sha3.New256() },
	"sha3_384":   func() hash.Hash { return sha3.New384() },
	"sha3_512":   func() hash.Hash { return sha3.New512() },
}

// hashFunc returns the constructor for a hashlib algorithm name.
func hashFunc(algorithm string) (func() hash.Hash, error) {
	h, ok := hashFuncs[algorithm]
	if !ok {
		return nil, fmt.Errorf("%w %q (want sha256, sha1, sha224, sha384 or sha512)", ErrInvalidAlgorithm, algorithm)
	}
	return h, nil
}

// deriveKey returns H(keySalt ‖ secret), the HMAC key of Django's salted_hmac.
func deriveKey(newHash func() hash.Hash, keySalt, secret []byte) []byte {
	h := newHash()
	h.Write(keySalt)
	h.Write(secret)
	return h.Sum(nil)
}

// SaltedHMAC returns the raw HMAC digest of value keyed with
// H(keySalt ‖ secret), where H is the algorithm's hash (sha256, sha1, ...).
// It is Django's django.utils.crypto.salted_hmac(...).digest(). An unknown
// algorithm yields an error wrapping [ErrInvalidAlgorithm]. Unlike Django, the
// algorithm has no default: "" is an error.
func SaltedHMAC(keySalt, value, secret []byte, algorithm string) ([]byte, error) {
	newHash, err := hashFunc(algorithm)
	if err != nil {
		return nil, err
	}
	mac := hmac.New(newHash, deriveKey(newHash, keySalt, secret))
	mac.Write(value)
	return mac.Sum(nil), nil
}
