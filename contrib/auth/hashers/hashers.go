// Package hashers is Django's django.contrib.auth.hashers in Go: the
// password hashers of PASSWORD_HASHERS, producing and verifying the very
// strings Django stores in auth_user.password, so that a Django site and a
// manouche service can share one user table.
//
// Built in, under Django's dotted names and their algorithm names:
//
//	pbkdf2_sha256  django.contrib.auth.hashers.PBKDF2PasswordHasher (the default)
//	pbkdf2_sha1    django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher
//	argon2         django.contrib.auth.hashers.Argon2PasswordHasher (argon2id; argon2i is verified)
//	bcrypt_sha256  django.contrib.auth.hashers.BCryptSHA256PasswordHasher
//	bcrypt         django.contrib.auth.hashers.BCryptPasswordHasher
//	scrypt         django.contrib.auth.hashers.ScryptPasswordHasher
//	md5            django.contrib.auth.hashers.MD5PasswordHasher (fast and weak: tests only)
//
// [New] builds the [Set] of a site from PASSWORD_HASHERS: its first hasher
// hashes new passwords ([Set.Make]); every one of them verifies
// ([Set.Check]). Check follows Django's check_password exactly, including
// must_update: a correct password whose hash was made by another hasher, or
// by the preferred one with other parameters (a PBKDF2 iteration count
// different from [Options.PBKDF2Iterations], in either direction, or a salt
// under 128 bits), reports that it must be re-hashed. An unusable password
// ("!" followed by 40 random characters, [MakeUnusable]) never verifies.
//
// Timing: a check that cannot succeed (unusable or unidentifiable hash)
// still runs the preferred hasher once, and a failed check of a hash with
// a smaller work factor runs the missing work (Django's harden_runtime), so
// that failing checks take as long as succeeding ones.
//
// Passwords longer than [MaxPasswordLength] bytes are refused before any
// hashing: [Set.Make] returns [ErrPasswordTooLong] and [Set.Check] reports
// false at once.
//
// A hasher of one's own implements [Hasher] (and, optionally, [Updater] and
// [Hardener]) and is registered with [Register] from init.
package hashers

import (
	"crypto/subtle"
	"errors"
	"fmt"
	"strings"

	"github.com/manouche-go/manouche/framework/registry"
)

// MaxPasswordLength is the longest password, in bytes, that is hashed or
// checked: longer ones are refused before hashing (Django caps passwords
// at 4096 bytes), so that a huge password cannot make the server hash for
// long.
const MaxPasswordLength = 4096

// ErrPasswordTooLong is returned by [Set.Make] for a password longer than
// [MaxPasswordLength] bytes.
var ErrPasswordTooLong = fmt.Errorf("hashers: password longer than %d bytes", MaxPasswordLength)

// ErrUnknownAlgorithm is wrapped by the errors of [Set.Identify] and [New]
// for an algorithm or hasher name that is not installed.
var ErrUnknownAlgorithm = errors.New("hashers: unknown password hashing algorithm")

// Hasher is one password hashing algorithm (Django's BasePasswordHasher).
// Implementations must be safe for concurrent use.
type Hasher interface {
	// Algorithm returns the name stored before the first "$" of an encoded
	// password, such as "pbkdf2_sha256".
	Algorithm() string
	// Encode hashes password with a new random salt and returns the string
	// to store (Django's make_password with this hasher).
	Encode(password string) (string, error)
	// Verify reports whether password matches encoded, a value this hasher
	// produced; a malformed value does not match.
	Verify(password, encoded string) bool
}

// Updater is implemented by hashers whose stored values can be outdated
// (Django's must_update): made with weaker parameters or a short salt.
type Updater interface {
	// MustUpdate reports whether encoded, a value of this hasher, should be
	// re-hashed with the hasher's current parameters.
	MustUpdate(encoded string) bool
}

// Hardener is implemented by hashers with a work factor (Django's
// harden_runtime): after a failed check of a value made with less work,
// it runs the missing work so that the check takes as long as one at the
// current work factor.
type Hardener interface {
	HardenRuntime(password, encoded string)
}

// Options are the parameters of the built-in hashers that a site sets.
type Options struct {
	// PBKDF2Iterations is the iteration count of pbkdf2_sha256 and
	// pbkdf2_sha1 (PBKDF2_ITERATIONS). Zero means 1000000, Django 5.2's.
	PBKDF2Iterations int
}

// DefaultPBKDF2Iterations is Django 5.2's PBKDF2 iteration count.
const DefaultPBKDF2Iterations = 1_000_000

// Factory builds a registered hasher from a site's options.
type Factory func(o Options) Hasher

// factories holds the registered hashers by name.
var factories = registry.New[Factory]("hashers")

// Register makes a hasher available to PASSWORD_HASHERS under each of
// names (Django's dotted path, the algorithm name...). It is meant to be
// called from init and panics on an empty or duplicate name or a nil
// factory, as database/sql's Register does.
func Register(f Factory, names ...string) {
	if f == nil {
		panic("hashers: Register of a nil factory")
	}
	factories.Register(f, names...)
}

// Set is a site's installed hashers (PASSWORD_HASHERS): the first one is
// the preferred hasher. It is safe for concurrent use.
type Set struct {
	hashers []Hasher
	byAlgo  map[string]Hasher
}

// New builds the hashers named by names (PASSWORD_HASHERS), in order. An
// empty list, an unknown name or two hashers of one algorithm is an error.
func New(names []string, o Options) (*Set, error) {
	if len(names) == 0 {
		return nil, errors.New("hashers: PASSWORD_HASHERS is empty")
	}
	if o.PBKDF2Iterations <= 0 {
		o.PBKDF2Iterations = DefaultPBKDF2Iterations
	}
	s := &Set{byAlgo: map[string]Hasher{}}
	for _, n := range names {
		f, ok := factories.Lookup(n)
		if !ok {
			return nil, fmt.Errorf("%w %q in PASSWORD_HASHERS (known: %s)", ErrUnknownAlgorithm, n, strings.Join(Names(), ", "))
		}
		h := f(o)
		if _, dup := s.byAlgo[h.Algorithm()]; dup {
			return nil, fmt.Errorf("hashers: PASSWORD_HASHERS lists algorithm %q twice", h.Algorithm())
		}
		s.hashers = append(s.hashers, h)
		s.byAlgo[h.Algorithm()] = h
	}
	return s, nil
}

// Names returns the registered hasher names, sorted.
func Names() []string { return factories.Names() }

// Preferred returns the hasher that hashes new passwords, the first of
// PASSWORD_HASHERS.
func (s *Set) Preferred() Hasher { return s.hashers[0] }

// Make hashes password with the preferred hasher and a new salt (Django's
// make_password). A password over [MaxPasswordLength] bytes is refused with
// [ErrPasswordTooLong].
func (s *Set) Make(password string) (string, error) {
	if len(password) > MaxPasswordLength {
		return "", ErrPasswordTooLong
	}
	return s.Preferred().Encode(password)
}

// Identify returns the installed hasher that made encoded (Django's
// identify_hasher): the text before the first "$". The ancient unsalted
// MD5 and SHA-1 forms are identified by their shapes and reported unknown,
// since no such hasher is installed.
func (s *Set) Identify(encoded string) (Hasher, error) {
	algo, _, _ := strings.Cut(encoded, "$")
	switch {
	case len(encoded) == 32 && !strings.Contains(encoded, "$"), len(encoded) == 37 && strings.HasPrefix(encoded, "md5$$"):
		algo = "unsalted_md5"
	case len(encoded) == 46 && strings.HasPrefix(encoded, "sha1$$"):
		algo = "unsalted_sha1"
	}
	if h, ok := s.byAlgo[algo]; ok {
		return h, nil
	}
	return nil, fmt.Errorf("%w %q: is it in PASSWORD_HASHERS?", ErrUnknownAlgorithm, algo)
}

// Check reports whether password matches encoded, and whether encoded must
// be re-hashed (Django's check_password with a setter): mustUpdate is true
// when the hash was made by another hasher than the preferred one, or when
// the preferred hasher's [Updater] asks for it. The caller re-hashes with
// [Set.Make] and saves when both results are true, as Django's setter does.
//
// An unusable or unidentifiable encoded value, or a password longer than
// [MaxPasswordLength], never matches; the first two still cost one run of
// the preferred hasher, so that they take as long as a wrong password.
func (s *Set) Check(password, encoded string) (ok, mustUpdate bool) {
	if len(password) > MaxPasswordLength {
		return false, false
	}
	h, err := s.Identify(encoded)
	if !IsUsable(encoded) || err != nil {
		s.Preferred().Encode(randomString(unusableSuffixLength)) //nolint:errcheck // timing only
		return false, false
	}
	preferred := s.Preferred()
	changed := h.Algorithm() != preferred.Algorithm()
	mustUpdate = changed
	if u, isUpdater := preferred.(Updater); !changed && isUpdater {
		mustUpdate = u.MustUpdate(encoded)
	}
	ok = h.Verify(password, encoded)
	if hd, isHardener := h.(Hardener); !ok && !changed && mustUpdate && isHardener {
		hd.HardenRuntime(password, encoded)
	}
	return ok, mustUpdate
}

// UnusablePrefix starts every unusable password (Django's
// UNUSABLE_PASSWORD_PREFIX); no hasher produces it.
const UnusablePrefix = "!"

// unusableSuffixLength is Django's UNUSABLE_PASSWORD_SUFFIX_LENGTH.
const unusableSuffixLength = 40

// MakeUnusable returns a new unusable password: "!" and 40 random letters
// and digits (Django's make_password(None)). It never verifies.
func MakeUnusable() string { return UnusablePrefix + randomString(unusableSuffixLength) }

// IsUsable reports whether encoded may verify a password: false for the
// values of [MakeUnusable] (Django's is_password_usable).
func IsUsable(encoded string) bool { return !strings.HasPrefix(encoded, UnusablePrefix) }

// equal compares two encoded values in constant time (Django's
// constant_time_compare).
func equal(a, b string) bool { return subtle.ConstantTimeCompare([]byte(a), []byte(b)) == 1 }
