package auth

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
	"gorm.io/gorm"

	"github.com/manouche-go/manouche/contrib/auth/hashers"
	"github.com/manouche-go/manouche/framework/db"
)

// MaxUsernameLength is the length limit of auth_user.username, in
// characters.
const MaxUsernameLength = 150

// maxEmailLength is the length limit of auth_user.email.
const maxEmailLength = 254

// The errors of [ValidateUsername] and [CreateUser]; their messages are
// Django's, shown to users as they are after the "auth: " prefix.
var (
	ErrUsernameBlank   = errors.New("auth: This field cannot be blank.")
	ErrUsernameInvalid = errors.New("auth: Enter a valid username. This value may contain only letters, numbers, and @/./+/-/_ characters.")
	ErrUsernameTaken   = errors.New("auth: A user with that username already exists.")
	ErrUsernameTooLong = errors.New("auth: username too long")
	ErrEmailTooLong    = errors.New("auth: email address too long")
)

// Message returns the text of an error of this package without its
// "auth: " prefix, for showing to a user.
func Message(err error) string {
	var le *lengthError
	if errors.As(err, &le) {
		return le.message()
	}
	return strings.TrimPrefix(err.Error(), "auth: ")
}

// lengthError is a value over a column's limit; it wraps the sentinel.
type lengthError struct {
	sentinel  error
	max, have int
}

func (e *lengthError) Error() string { return "auth: " + e.message() }
func (e *lengthError) Unwrap() error { return e.sentinel }
func (e *lengthError) message() string {
	return fmt.Sprintf("Ensure this value has at most %d characters (it has %d).", e.max, e.have)
}

// NormalizeUsername returns username in Unicode normalization form NFKC,
// as Django's create_user and forms store it.
func NormalizeUsername(username string) string { return norm.NFKC.String(username) }

// NormalizeEmail lower-cases the domain part of email and trims spaces
// (Django's normalize_email).
func NormalizeEmail(email string) string {
	email = strings.TrimSpace(email)
	i := strings.LastIndexByte(email, '@')
	if i < 0 {
		return email
	}
	return email[:i+1] + strings.ToLower(email[i+1:])
}

// ValidateUsername checks a username as Django's UnicodeUsernameValidator
// and max_length do: 1 to 150 letters, digits and @ . + - _ (Unicode
// letters and digits included). The error wraps one of ErrUsernameBlank,
// ErrUsernameInvalid and ErrUsernameTooLong.
func ValidateUsername(username string) error {
	if username == "" {
		return ErrUsernameBlank
	}
	if n := utf8.RuneCountInString(username); n > MaxUsernameLength {
		return &lengthError{ErrUsernameTooLong, MaxUsernameLength, n}
	}
	for _, r := range username {
		if !unicode.IsLetter(r) && !unicode.IsNumber(r) && r != '_' && !strings.ContainsRune("@.+-", r) {
			return ErrUsernameInvalid
		}
	}
	return nil
}

// CreateUser creates an active user, as Django's create_user does: the
// username is normalized (NFKC) and validated, the email's domain
// lower-cased, the password hashed with the preferred hasher. An empty
// password stores an unusable one (Django's password=None): the user
// cannot log in until one is set. A taken username is ErrUsernameTaken
// (exact on SQLite and PostgreSQL, case-insensitive on MySQL, as the
// column's collation decides).
func CreateUser(ctx context.Context, username, email, password string) (*User, error) {
	return createUser(ctx, &User{Username: username, Email: email, IsActive: true}, password)
}

// CreateSuperuser is [CreateUser] for a staff superuser (Django's
// create_superuser).
func CreateSuperuser(ctx context.Context, username, email, password string) (*User, error) {
	return createUser(ctx, &User{Username: username, Email: email, IsActive: true, IsStaff: true, IsSuperuser: true}, password)
}

func createUser(ctx context.Context, u *User, password string) (*User, error) {
	cfg, err := ConfigFrom(ctx)
	if err != nil {
		return nil, err
	}
	u.Username, u.Email = NormalizeUsername(u.Username), NormalizeEmail(u.Email)
	if err := ValidateUsername(u.Username); err != nil {
		return nil, err
	}
	if n := utf8.RuneCountInString(u.Email); n > maxEmailLength {
		return nil, &lengthError{ErrEmailTooLong, maxEmailLength, n}
	}
	if err := cfg.setPassword(u, password); err != nil {
		return nil, err
	}
	u.DateJoined, u.cfg = db.DateTime{Time: cfg.nowIn()}, cfg
	g, err := cfg.DB(ctx)
	if err != nil {
		return nil, err
	}
	taken, err := usernameTaken(g, u.Username)
	if err != nil {
		return nil, err
	}
	if taken {
		return nil, ErrUsernameTaken
	}
	if err := g.Omit("Groups", "UserPermissions").Create(u).Error; err != nil {
		if taken, _ := usernameTaken(g, u.Username); taken {
			return nil, ErrUsernameTaken // lost a race with another insert
		}
		return nil, fmt.Errorf("auth: create user %q: %w", u.Username, err)
	}
	return u, nil
}

func usernameTaken(g *gorm.DB, username string) (bool, error) {
	var n int64
	if err := g.Model(&User{}).Where("username = ?", username).Count(&n).Error; err != nil {
		return false, fmt.Errorf("auth: read users: %w", err)
	}
	return n > 0, nil
}

// setPassword hashes raw into u.Password, or stores an unusable password
// when raw is empty.
func (c *Config) setPassword(u *User, raw string) error {
	if raw == "" {
		u.Password = hashers.MakeUnusable()
		return nil
	}
	enc, err := c.hashers.Make(raw)
	if err != nil {
		return fmt.Errorf("auth: set password: %w", err)
	}
	u.Password = enc
	return nil
}

// SetPassword hashes raw with the preferred hasher and saves the password
// column of u (Django's set_password then save). It does not run the
// password validators: see [ValidatePassword]. Every session of u whose
// hash no longer matches ends at its next request; keep the current one
// with [UpdateSessionAuthHash].
func SetPassword(ctx context.Context, u *User, raw string) error {
	if raw == "" {
		return errors.New("auth: set password: the password is empty (use SetUnusablePassword)")
	}
	return savePassword(ctx, u, raw)
}

// SetUnusablePassword stores an unusable password for u and saves it
// (Django's set_unusable_password): the user can no longer log in with a
// password, and its sessions end.
func SetUnusablePassword(ctx context.Context, u *User) error { return savePassword(ctx, u, "") }

func savePassword(ctx context.Context, u *User, raw string) error {
	cfg, err := ConfigFrom(ctx)
	if err != nil {
		return err
	}
	if err := cfg.setPassword(u, raw); err != nil {
		return err
	}
	return cfg.saveColumn(ctx, u, "password", u.Password)
}

// saveColumn updates one column of u's row (Django's save(update_fields)).
func (c *Config) saveColumn(ctx context.Context, u *User, column string, value any) error {
	g, err := c.DB(ctx)
	if err != nil {
		return err
	}
	if err := g.Model(&User{}).Where("id = ?", u.ID).Update(column, value).Error; err != nil {
		return fmt.Errorf("auth: save %s of user %d: %w", column, u.ID, err)
	}
	return nil
}

// CheckPassword reports whether raw is u's password (Django's
// check_password). When it is and its hash must be updated (another
// hasher, or other parameters such as PBKDF2_ITERATIONS), the password is
// re-hashed with the preferred hasher and saved first, as Django's setter
// does: the user's other sessions then end through their session hash.
func CheckPassword(ctx context.Context, u *User, raw string) (bool, error) {
	cfg, err := ConfigFrom(ctx)
	if err != nil {
		return false, err
	}
	return cfg.checkPassword(ctx, u, raw)
}

func (c *Config) checkPassword(ctx context.Context, u *User, raw string) (bool, error) {
	ok, mustUpdate := c.hashers.Check(raw, u.Password)
	if !ok || !mustUpdate {
		return ok, nil
	}
	if err := c.setPassword(u, raw); err != nil {
		return false, err
	}
	return true, c.saveColumn(ctx, u, "password", u.Password)
}

// ValidatePassword runs AUTH_PASSWORD_VALIDATORS on password for user u
// (nil for a user not created yet) and returns nil or a
// *validation.Error with every failure's message (Django's
// validate_password).
func ValidatePassword(ctx context.Context, password string, u *User) error {
	cfg, err := ConfigFrom(ctx)
	if err != nil {
		return err
	}
	return cfg.validators.Validate(password, u.attributes())
}
