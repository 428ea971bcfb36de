package signing

import (
	"crypto/hmac"
	"errors"
	"fmt"
	"strings"
)

// Default salts, as Django derives them from the class or function.
const (
	// DefaultSignerSalt is the salt of a [Signer] whose Options.Salt is "".
	DefaultSignerSalt = "django.core.signing.Signer"
	// DefaultTimestampSignerSalt is the salt of a [TimestampSigner] whose Options.Salt is "".
	DefaultTimestampSignerSalt = "django.core.signing.TimestampSigner"
	// DefaultDumpsSalt is the salt of [Dumps] and [Loads] when Options.Salt is "".
	DefaultDumpsSalt = "django.core.signing"
)

var (
	errNoSep    = fmt.Errorf("%w: separator not found", ErrBadSignature)
	errMismatch = fmt.Errorf("%w: signature does not match", ErrBadSignature)
	errEmptyKey = errors.New("signing: empty key")
)

// Options configures a [Signer] or [TimestampSigner]. The zero value, plus a
// Key, gives Django's defaults.
type Options struct {
	// Key is the secret (Django's SECRET_KEY), used as its bytes. Required.
	Key string
	// FallbackKeys are older secrets (Django 4.1+ SECRET_KEY_FALLBACKS),
	// accepted when unsigning, never used to sign.
	FallbackKeys []string
	// Salt namespaces signatures. "" means the class default:
	// [DefaultSignerSalt] or [DefaultTimestampSignerSalt] ([DefaultDumpsSalt]
	// for Dumps and Loads).
	Salt string
	// Sep separates value and signature. "" means ":". A separator made only
	// of A-z (ASCII 0x41-0x7A), 0-9, "-", "_" and "=" is rejected, as Django's
	// Signer does.
	Sep string
	// Algorithm is the hashlib name of the HMAC hash. "" means "sha256";
	// "sha1", "sha224", "sha384" and "sha512" are the other usual choices.
	Algorithm string
	// AcceptSHA1 also accepts HMAC-SHA1 signatures when unsigning, as
	// Django 3.1 and 3.2 do (their legacy_algorithm). Signing is unaffected.
	AcceptSHA1 bool
}

// Signer signs and verifies strings: Django's django.core.signing.Signer.
// Derived keys are computed once in [NewSigner]; a Signer is safe for
// concurrent use.
type Signer struct {
	sep       string
	sign      *macKey   // the HMAC for Key with Algorithm
	verifiers []*macKey // sign, fallbacks, then SHA-1 variants
}

// NewSigner returns a Signer for o (Django's Signer(key, sep, salt,
// algorithm, fallback_keys)). It fails on an empty key, an unsafe separator or
// an unknown algorithm.
func NewSigner(o Options) (*Signer, error) {
	return newSigner(o, DefaultSignerSalt)
}

func newSigner(o Options, defaultSalt string) (*Signer, error) {
	if o.Key == "" {
		return nil, errEmptyKey
	}
	if o.Sep == "" {
		o.Sep = ":"
	}
	if unsafeSep(o.Sep) {
		return nil, fmt.Errorf("signing: unsafe separator %q (cannot be empty or consist of only A-z0-9-_=)", o.Sep)
	}
	if o.Salt == "" {
		o.Salt = defaultSalt
	}
	if o.Algorithm == "" {
		o.Algorithm = "sha256"
	}
	keys := append([]string{o.Key}, o.FallbackKeys...)
	verifiers, err := macKeys(o.Algorithm, o.Salt, keys)
	if err != nil {
		return nil, err
	}
	if o.AcceptSHA1 && o.Algorithm != "sha1" {
		legacy, _ := macKeys("sha1", o.Salt, keys)
		verifiers = append(verifiers, legacy...)
	}
	return &Signer{sep: o.Sep, sign: verifiers[0], verifiers: verifiers}, nil
}

// macKeys derives one HMAC key per secret: H(salt + "signer" + secret).
func macKeys(algorithm, salt string, secrets []string) ([]*macKey, error) {
	newHash, err := hashFunc(algorithm)
	if err != nil {
		return nil, err
	}
	keySalt := []byte(salt + "signer")
	out := make([]*macKey, len(secrets))
	for i, secret := range secrets {
		if secret == "" {
			return nil, errEmptyKey
		}
		out[i] = newMACKey(newHash, deriveKey(newHash, keySalt, []byte(secret)))
	}
	return out, nil
}

// unsafeSep reports whether Django rejects sep: its regexp ^[A-z0-9-_=]*$
// matches. Like Python's "$", it also matches before one trailing newline.
func unsafeSep(sep string) bool {
	sep = strings.TrimSuffix(sep, "\n")
	for i := 0; i < len(sep); i++ {
		c := sep[i]
		if !('A' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-' || c == '=') {
			return false
		}
	}
	return true
}

// Signature returns the b64url signature of value (Django's
// Signer.signature): HMAC(H(salt + "signer" + key), value).
func (s *Signer) Signature(value string) string {
	bp := getBuf()
	b := append(*bp, value...)
	var arr [88]byte
	sig := string(s.sign.appendSignature(arr[:0], b))
	putBuf(bp, b)
	return sig
}

// Sign returns value + sep + signature (Django's Signer.sign).
func (s *Signer) Sign(value string) string {
	bp := getBuf()
	b := append(*bp, value...)
	out := s.signMsg(b)
	putBuf(bp, b)
	return out
}

// signMsg returns msg + sep + signature(msg) as a string, with one allocation.
func (s *Signer) signMsg(msg []byte) string {
	var arr [88]byte
	sig := s.sign.appendSignature(arr[:0], msg)
	var sb strings.Builder
	sb.Grow(len(msg) + len(s.sep) + len(sig))
	sb.Write(msg)
	sb.WriteString(s.sep)
	sb.Write(sig)
	return sb.String()
}

// Unsign verifies signed and returns the value before the last separator
// (Django's Signer.unsign). The signature is compared in constant time against
// the key, then each fallback key, then (with AcceptSHA1) their SHA-1
// signatures. Failures wrap [ErrBadSignature].
func (s *Signer) Unsign(signed string) (string, error) {
	i := strings.LastIndex(signed, s.sep)
	if i < 0 {
		return "", errNoSep
	}
	value, sig := signed[:i], signed[i+len(s.sep):]
	if !s.verify(value, sig) {
		return "", errMismatch
	}
	return value, nil
}

// verify reports whether sig is a valid signature of value for any key.
func (s *Signer) verify(value, sig string) bool {
	bp := getBuf()
	b := append(*bp, value...)
	b = append(b, sig...)
	msg, got := b[:len(value)], b[len(value):]
	ok := false
	for _, k := range s.verifiers {
		var arr [88]byte
		if hmac.Equal(k.appendSignature(arr[:0], msg), got) {
			ok = true
			break
		}
	}
	putBuf(bp, b)
	return ok
}
