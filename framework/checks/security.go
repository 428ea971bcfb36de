package checks

import (
	"fmt"
	"strings"

	"github.com/manouche-go/manouche/framework/settings"
)

// Django's limits for a secret key (django/core/checks/security/base.py).
const (
	secretKeyInsecurePrefix     = "django-insecure-"
	secretKeyMinLength          = 50
	secretKeyMinUniqueCharacter = 5
)

const secretKeyWarning = "Your %s has less than 50 characters, less than 5 unique " +
	"characters, or it's prefixed with 'django-insecure-' indicating that it was " +
	"generated automatically by Django. Please generate a long and random value, " +
	"otherwise many of the site's security-critical features will be vulnerable to attack."

const secretKeyHint = "Set it to at least 50 random characters; startproject writes such a key."

func init() {
	Register(checkSecretKey)
	Register(checkSecretKeyFallbacks)
	Register(checkAllowedHosts)
}

// weakSecretKey is Django's _check_secret_key.
func weakSecretKey(key string) bool {
	unique := make(map[rune]struct{})
	for _, r := range key {
		unique[r] = struct{}{}
	}
	return len([]rune(key)) < secretKeyMinLength ||
		len(unique) < secretKeyMinUniqueCharacter ||
		strings.HasPrefix(key, secretKeyInsecurePrefix)
}

// keyMessage returns the weak-key message: a warning with Django's ID when
// DEBUG is on, an error with manouche's ID when it is off.
func keyMessage(debug bool, name, warnID, errID string) Message {
	m := Message{ID: errID, Level: Error, Text: fmt.Sprintf(secretKeyWarning, name), Hint: secretKeyHint}
	if debug {
		m.ID, m.Level = warnID, Warning
	}
	return m
}

// checkSecretKey is Django's security.W009 (check_secret_key), an error
// (manouche.E001) when DEBUG is off, plus manouche.E003 for an empty key.
func checkSecretKey(s *settings.Settings) []Message {
	if s.SecretKey == "" {
		return []Message{{ID: "manouche.E003", Level: Error,
			Text: "The SECRET_KEY setting must not be empty.",
			Hint: "Set SECRET_KEY in settings.yaml or MANOUCHE_SECRET_KEY in the environment."}}
	}
	if !weakSecretKey(s.SecretKey) {
		return nil
	}
	return []Message{keyMessage(s.Debug, "SECRET_KEY", "security.W009", "manouche.E001")}
}

// checkSecretKeyFallbacks is Django's security.W025
// (check_secret_key_fallbacks), an error (manouche.E002) when DEBUG is off.
func checkSecretKeyFallbacks(s *settings.Settings) []Message {
	var msgs []Message
	for i, key := range s.SecretKeyFallbacks {
		if weakSecretKey(key) {
			name := fmt.Sprintf("SECRET_KEY_FALLBACKS[%d]", i)
			msgs = append(msgs, keyMessage(s.Debug, name, "security.W025", "manouche.E002"))
		}
	}
	return msgs
}

// checkAllowedHosts is Django's security.W020 (check_allowed_hosts).
func checkAllowedHosts(s *settings.Settings) []Message {
	if s.Debug || len(s.AllowedHosts) > 0 {
		return nil
	}
	return []Message{{ID: "security.W020", Level: Warning,
		Text: "ALLOWED_HOSTS must not be empty in deployment.",
		Hint: "List the host names the site is served under, e.g. [example.com]."}}
}
