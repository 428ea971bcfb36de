package auth

import (
	"context"
	"crypto/subtle"
	"encoding/hex"
	"strings"

	"github.com/manouche-go/manouche/contrib/auth/hashers"
	"github.com/manouche-go/manouche/contrib/auth/validation"
	"github.com/manouche-go/manouche/framework"
	"github.com/manouche-go/manouche/framework/signing"
)

var _ framework.User = (*User)(nil)

// IsAuthenticated returns true: a User is someone who logged in or could
// (Django's is_authenticated), unlike framework.AnonymousUser.
func (u *User) IsAuthenticated() bool { return true }

// IsAnonymous returns false (Django's is_anonymous).
func (u *User) IsAnonymous() bool { return false }

// GetUsername returns the username (Django's get_username).
func (u *User) GetUsername() string { return u.Username }

// GetFullName returns the first and last names with a space between,
// trimmed (Django's get_full_name).
func (u *User) GetFullName() string { return strings.TrimSpace(u.FirstName + " " + u.LastName) }

// HasUsablePassword reports whether the stored password may verify
// (Django's has_usable_password): false after [SetUnusablePassword].
func (u *User) HasUsablePassword() bool { return hashers.IsUsable(u.Password) }

// HasPerm reports whether the user has the permission perm,
// "app_label.codename" (Django's has_perm): an active superuser has every
// permission, an inactive user none, others those of their own and of
// their groups, read once per User value. A user made by hand, without this
// package, has only its superuser rights; a database failure is logged and
// counts as no permission. [HasPerm] returns the error instead.
func (u *User) HasPerm(perm string) bool {
	ok, err := u.hasPerm(context.Background(), perm)
	if err != nil && u.cfg != nil {
		u.cfg.logger.Error("auth: permission check failed", "perm", perm, "err", err)
	}
	return ok
}

// HasPerm is [User.HasPerm] with a context and the database error, for
// code that must tell "no" from "could not check".
func HasPerm(ctx context.Context, u *User, perm string) (bool, error) { return u.hasPerm(ctx, perm) }

func (u *User) hasPerm(ctx context.Context, perm string) (bool, error) {
	if !u.IsActive {
		return false, nil
	}
	if u.IsSuperuser {
		return true, nil
	}
	if u.perms == nil && u.cfg != nil {
		perms := map[string]bool{}
		for _, nb := range u.cfg.backends {
			pb, ok := nb.b.(PermissionBackend)
			if !ok {
				continue
			}
			p, err := pb.Permissions(ctx, u.cfg, u)
			if err != nil {
				return false, err
			}
			for k := range p {
				perms[k] = true
			}
		}
		u.perms = perms
	}
	return u.perms[perm], nil
}

// attributes are what UserAttributeSimilarityValidator compares a new
// password with: Django's field names and verbose names.
func (u *User) attributes() []validation.Attribute {
	if u == nil {
		return nil
	}
	return []validation.Attribute{
		{Name: "username", VerboseName: "username", Value: u.Username},
		{Name: "first_name", VerboseName: "first name", Value: u.FirstName},
		{Name: "last_name", VerboseName: "last name", Value: u.LastName},
		{Name: "email", VerboseName: "email address", Value: u.Email},
	}
}

// hashKeySalt is the key salt of Django's get_session_auth_hash.
const hashKeySalt = "django.contrib.auth.models.AbstractBaseUser.get_session_auth_hash"

// SessionAuthHash returns the hash that a session of this user stores as
// _auth_user_hash, keyed with secret (SECRET_KEY): the hex HMAC-SHA256 of
// the password field (Django's get_session_auth_hash). Changing the
// password changes it, which ends the user's other sessions.
func (u *User) SessionAuthHash(secret string) string { return authHash(u.Password, secret, "sha256") }

// legacyAuthHash is the SHA-1 hash of Django before 3.1, which 3.2 still
// accepts in sessions (never writes).
func (u *User) legacyAuthHash(secret string) string { return authHash(u.Password, secret, "sha1") }

func authHash(password, secret, algorithm string) string {
	mac, _ := signing.SaltedHMAC([]byte(hashKeySalt), []byte(password), []byte(secret), algorithm)
	return hex.EncodeToString(mac)
}

// equal compares two strings in constant time.
func equal(a, b string) bool { return subtle.ConstantTimeCompare([]byte(a), []byte(b)) == 1 }
