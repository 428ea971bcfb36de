package settings

import (
	"errors"
	"reflect"
	"strings"
	"testing"
)

func TestDefaultAuth(t *testing.T) {
	s := Default()
	tests := []struct {
		name string
		got  any
		want any
	}{
		{"AUTHENTICATION_BACKENDS", s.AuthenticationBackends, []string{"django.contrib.auth.backends.ModelBackend"}},
		{"AUTH_PASSWORD_VALIDATORS", s.AuthPasswordValidators, []PasswordValidator{}},
		{"PASSWORD_HASHERS[0]", s.PasswordHashers[0], "django.contrib.auth.hashers.PBKDF2PasswordHasher"},
		{"len(PASSWORD_HASHERS)", len(s.PasswordHashers), 5},
		{"PBKDF2_ITERATIONS", s.PBKDF2Iterations, 1000000},
		{"LOGIN_URL", s.LoginURL, "/accounts/login/"},
		{"LOGIN_REDIRECT_URL", s.LoginRedirectURL, "/accounts/profile/"},
		{"LOGOUT_REDIRECT_URL", s.LogoutRedirectURL, ""},
	}
	for _, tt := range tests {
		if !reflect.DeepEqual(tt.got, tt.want) {
			t.Errorf("%s: got %#v, want %#v", tt.name, tt.got, tt.want)
		}
	}
	if err := s.checkAuth(); err != nil {
		t.Errorf("defaults fail checkAuth: %v", err)
	}
}

func TestLoad_auth(t *testing.T) {
	s := mustLoad(t, `
DEBUG: true
PASSWORD_HASHERS: [django.contrib.auth.hashers.MD5PasswordHasher, pbkdf2_sha256]
PBKDF2_ITERATIONS: 260000
LOGIN_URL: /login/
LOGOUT_REDIRECT_URL: /
AUTH_PASSWORD_VALIDATORS:
  - NAME: django.contrib.auth.password_validation.UserAttributeSimilarityValidator
  - NAME: django.contrib.auth.password_validation.MinimumLengthValidator
    OPTIONS: {min_length: 12}
  - django.contrib.auth.password_validation.NumericPasswordValidator
`)
	want := []PasswordValidator{
		{Name: "django.contrib.auth.password_validation.UserAttributeSimilarityValidator", Options: map[string]any{}},
		{Name: "django.contrib.auth.password_validation.MinimumLengthValidator", Options: map[string]any{"min_length": 12}},
		{Name: "django.contrib.auth.password_validation.NumericPasswordValidator", Options: map[string]any{}},
	}
	if !reflect.DeepEqual(s.AuthPasswordValidators, want) {
		t.Errorf("AUTH_PASSWORD_VALIDATORS: got %#v, want %#v", s.AuthPasswordValidators, want)
	}
	if got := s.PasswordHashers; !reflect.DeepEqual(got, []string{"django.contrib.auth.hashers.MD5PasswordHasher", "pbkdf2_sha256"}) {
		t.Errorf("PASSWORD_HASHERS: got %q", got)
	}
	if s.PBKDF2Iterations != 260000 || s.LoginURL != "/login/" || s.LogoutRedirectURL != "/" || s.LoginRedirectURL != "/accounts/profile/" {
		t.Errorf("got iterations %d, LOGIN_URL %q, LOGOUT_REDIRECT_URL %q, LOGIN_REDIRECT_URL %q",
			s.PBKDF2Iterations, s.LoginURL, s.LogoutRedirectURL, s.LoginRedirectURL)
	}
}

func TestLoad_authEnvironment(t *testing.T) {
	s := mustLoad(t, "DEBUG: true\n",
		"MANOUCHE_PBKDF2_ITERATIONS=600000",
		"MANOUCHE_AUTH_PASSWORD_VALIDATORS=a.Validator, b.Validator",
		"MANOUCHE_LOGIN_REDIRECT_URL=/home/",
		"MANOUCHE_SUPERUSER_PASSWORD=not-a-setting",
		"MANOUCHE_SUPERUSER_USERNAME=admin",
	)
	if s.PBKDF2Iterations != 600000 || s.LoginRedirectURL != "/home/" {
		t.Errorf("got iterations %d, LOGIN_REDIRECT_URL %q", s.PBKDF2Iterations, s.LoginRedirectURL)
	}
	if len(s.AuthPasswordValidators) != 2 || s.AuthPasswordValidators[1].Name != "b.Validator" {
		t.Errorf("AUTH_PASSWORD_VALIDATORS: got %#v", s.AuthPasswordValidators)
	}
	if len(s.Warnings) != 0 {
		t.Errorf("createsuperuser's variables must not warn: %q", s.Warnings)
	}
}

func TestLoad_authErrors(t *testing.T) {
	tests := []struct {
		name, yaml, setting string
	}{
		{"zero iterations", "PBKDF2_ITERATIONS: 0", "PBKDF2_ITERATIONS"},
		{"text iterations", "PBKDF2_ITERATIONS: many", "PBKDF2_ITERATIONS"},
		{"no hashers", "PASSWORD_HASHERS: []", "PASSWORD_HASHERS"},
		{"validator without name", "AUTH_PASSWORD_VALIDATORS: [{OPTIONS: {min_length: 3}}]", "AUTH_PASSWORD_VALIDATORS[0].NAME"},
		{"validator with extra key", "AUTH_PASSWORD_VALIDATORS: [{NAME: x, OPTION: {}}]", "AUTH_PASSWORD_VALIDATORS[0].OPTION"},
		{"validator options not a map", "AUTH_PASSWORD_VALIDATORS: [{NAME: x, OPTIONS: 3}]", "AUTH_PASSWORD_VALIDATORS[0].OPTIONS"},
		{"validators not a list", "AUTH_PASSWORD_VALIDATORS: {NAME: x}", "AUTH_PASSWORD_VALIDATORS"},
		{"empty LOGIN_URL", "LOGIN_URL: ''", "LOGIN_URL"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := load(t, "DEBUG: true\n"+tt.yaml+"\n")
			var se *Error
			if !errors.As(err, &se) || se.Setting != tt.setting {
				t.Fatalf("got %v, want a settings.Error for %s", err, tt.setting)
			}
			if strings.Contains(err.Error(), "\n") {
				t.Errorf("message is not one line: %q", err)
			}
		})
	}
}
