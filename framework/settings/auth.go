package settings

import (
	"fmt"
	"maps"
	"slices"
	"strings"
)

// Auth holds the settings of contrib.auth (django.contrib.auth), with
// Django's names and defaults. It is embedded in [Settings], so its fields
// read as s.LoginURL.
type Auth struct {
	// AuthenticationBackends is AUTHENTICATION_BACKENDS, the backends
	// Authenticate tries in order. The default is
	// ["django.contrib.auth.backends.ModelBackend"].
	AuthenticationBackends []string
	// AuthPasswordValidators is AUTH_PASSWORD_VALIDATORS, the validators a
	// new password must pass (the commands and the password change view
	// run them). The default is empty, as Django's global default; a
	// project lists Django's four as startproject does.
	AuthPasswordValidators []PasswordValidator
	// PasswordHashers is PASSWORD_HASHERS: the hashers that can verify a
	// stored password, the first one hashing new passwords. Django's dotted
	// names and the algorithm names (pbkdf2_sha256, argon2...) are both
	// accepted. The default is Django 5.2's: PBKDF2, PBKDF2SHA1, Argon2,
	// BCryptSHA256, Scrypt.
	PasswordHashers []string
	// PBKDF2Iterations is PBKDF2_ITERATIONS, the work factor of the pbkdf2
	// hashers (Django's PBKDF2PasswordHasher.iterations, a class attribute
	// there). A stored hash with another count is re-hashed at the next
	// login, in either direction, as Django does: when a Django site shares
	// the user table, set it to that Django's count (260000 for 3.2). The
	// default is 1000000, Django 5.2's.
	PBKDF2Iterations int
	// LoginURL is LOGIN_URL, where LoginRequired sends anonymous users.
	// The default is "/accounts/login/".
	LoginURL string
	// LoginRedirectURL is LOGIN_REDIRECT_URL, where a login goes when the
	// request names no safe next page. The default is "/accounts/profile/".
	LoginRedirectURL string
	// LogoutRedirectURL is LOGOUT_REDIRECT_URL, where a logout goes; ""
	// (Django's None) renders registration/logged_out.html instead. The
	// default is "".
	LogoutRedirectURL string
}

// PasswordValidator is one entry of AUTH_PASSWORD_VALIDATORS: Django's
// {"NAME": dotted path, "OPTIONS": {...}}.
type PasswordValidator struct {
	// Name is NAME, such as
	// "django.contrib.auth.password_validation.MinimumLengthValidator".
	Name string
	// Options is OPTIONS, the validator's keyword arguments; keys are lower
	// case (min_length, user_attributes, max_similarity...).
	Options map[string]any
}

// DefaultPBKDF2Iterations is Django 5.2's PBKDF2 iteration count.
const DefaultPBKDF2Iterations = 1_000_000

// DefaultAuth returns the auth settings' defaults (Django 5.2's). Each call
// returns new slices.
func DefaultAuth() Auth {
	return Auth{
		AuthenticationBackends: []string{"django.contrib.auth.backends.ModelBackend"},
		AuthPasswordValidators: []PasswordValidator{},
		PasswordHashers: []string{
			"django.contrib.auth.hashers.PBKDF2PasswordHasher",
			"django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
			"django.contrib.auth.hashers.Argon2PasswordHasher",
			"django.contrib.auth.hashers.BCryptSHA256PasswordHasher",
			"django.contrib.auth.hashers.ScryptPasswordHasher",
		},
		PBKDF2Iterations: DefaultPBKDF2Iterations,
		LoginURL:         "/accounts/login/",
		LoginRedirectURL: "/accounts/profile/",
	}
}

const (
	allowedIterations = "a positive integer (PBKDF2 iterations)"
	allowedValidators = "a list of {NAME: dotted path, OPTIONS: {...}} (or of names; comma-separated names in the environment)"
	allowedHashers    = "a non-empty list of password hashers"
)

// authFields are the auth settings' entries of the schema.
var authFields = []field{
	listField("AUTHENTICATION_BACKENDS", func(s *Settings) *[]string { return &s.AuthenticationBackends }),
	{name: "AUTH_PASSWORD_VALIDATORS", set: (*Settings).decodeValidators},
	listField("PASSWORD_HASHERS", func(s *Settings) *[]string { return &s.PasswordHashers }),
	{name: "PBKDF2_ITERATIONS", set: func(s *Settings, v any) (err error) {
		s.PBKDF2Iterations, err = asInt("PBKDF2_ITERATIONS", v, allowedIterations)
		return err
	}},
	stringField("LOGIN_URL", func(s *Settings) *string { return &s.LoginURL }),
	stringField("LOGIN_REDIRECT_URL", func(s *Settings) *string { return &s.LoginRedirectURL }),
	stringField("LOGOUT_REDIRECT_URL", func(s *Settings) *string { return &s.LogoutRedirectURL }),
}

// The auth settings join the schema, and the variables createsuperuser
// reads are not settings.
func init() {
	fields = append(fields, authFields...)
	for _, k := range []string{"SUPERUSER_USERNAME", "SUPERUSER_EMAIL", "SUPERUSER_PASSWORD"} {
		notSettings[k] = true
	}
}

// decodeValidators reads AUTH_PASSWORD_VALIDATORS: a list whose entries
// are mappings with NAME and OPTIONS, or bare names; a string (the
// environment) is a comma-separated list of names.
func (s *Settings) decodeValidators(v any) error {
	const name = "AUTH_PASSWORD_VALIDATORS"
	var raw []any
	switch x := v.(type) {
	case nil:
	case string:
		for _, n := range splitList(x) {
			raw = append(raw, n)
		}
	case []any:
		raw = x
	default:
		return badValue(name, v, allowedValidators)
	}
	out := make([]PasswordValidator, 0, len(raw))
	for i, e := range raw {
		pv, err := decodeValidator(fmt.Sprintf("%s[%d]", name, i), e)
		if err != nil {
			return err
		}
		out = append(out, pv)
	}
	s.AuthPasswordValidators = out
	return nil
}

// decodeValidator reads one validator: a name, or {NAME, OPTIONS} in any
// key case.
func decodeValidator(setting string, v any) (PasswordValidator, error) {
	if n, ok := v.(string); ok && n != "" {
		return PasswordValidator{Name: n, Options: map[string]any{}}, nil
	}
	m, ok := v.(map[string]any)
	if !ok {
		return PasswordValidator{}, badValue(setting, v, allowedValidators)
	}
	pv := PasswordValidator{Options: map[string]any{}}
	for _, k := range slices.Sorted(maps.Keys(m)) {
		switch strings.ToLower(k) {
		case "name":
			n, err := asString(setting+".NAME", m[k])
			if err != nil || n == "" {
				return PasswordValidator{}, badValue(setting+".NAME", m[k], "the dotted name of a password validator")
			}
			pv.Name = n
		case "options":
			opts, err := asMap(setting+".OPTIONS", m[k], "a mapping of the validator's options")
			if err != nil {
				return PasswordValidator{}, err
			}
			for ok, ov := range opts {
				pv.Options[strings.ToLower(ok)] = ov
			}
		default:
			return PasswordValidator{}, badValue(setting+"."+strings.ToUpper(k), m[k], "absent (an entry has only NAME and OPTIONS)")
		}
	}
	if pv.Name == "" {
		return PasswordValidator{}, badValue(setting+".NAME", nil, "the dotted name of a password validator")
	}
	return pv, nil
}

// checkAuth validates the auth settings' shapes; their names are checked
// against the registries of contrib.auth when the site starts.
func (s *Settings) checkAuth() *Error {
	if s.PBKDF2Iterations < 1 {
		return badValue("PBKDF2_ITERATIONS", s.PBKDF2Iterations, allowedIterations)
	}
	if len(s.PasswordHashers) == 0 {
		return badValue("PASSWORD_HASHERS", []any{}, allowedHashers)
	}
	for _, u := range []struct{ name, value string }{
		{"LOGIN_URL", s.LoginURL}, {"LOGIN_REDIRECT_URL", s.LoginRedirectURL},
	} {
		if u.value == "" {
			return badValue(u.name, u.value, "a URL path such as /accounts/login/")
		}
	}
	return nil
}
