package checks

import (
	"fmt"
	"strings"
	"testing"

	"github.com/manouche-go/manouche/framework/settings"
)

func TestWeakSecretKey(t *testing.T) {
	tests := []struct {
		name string
		key  string
		want bool
	}{
		{"good", goodKey, false},
		{"49 characters", goodKey[:49], true},
		{"50 runes multibyte", strings.Repeat("é", 10) + goodKey[:40], false},
		{"few unique", strings.Repeat("abcd", 20), true},
		{"five unique", strings.Repeat("abcde", 10), false},
		{"insecure prefix", "django-insecure-" + goodKey, true},
		{"empty", "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := weakSecretKey(tt.key); got != tt.want {
				t.Errorf("weakSecretKey(%d chars): got %v, want %v", len(tt.key), got, tt.want)
			}
		})
	}
}

// ids returns "ID/LEVEL" for each message.
func ids(msgs []Message) string {
	var out []string
	for _, m := range msgs {
		out = append(out, fmt.Sprintf("%s/%s", m.ID, m.Level))
	}
	return strings.Join(out, " ")
}

func TestBuiltinChecks(t *testing.T) {
	hosts := []string{"example.com"}
	tests := []struct {
		name string
		s    settings.Settings
		want string
	}{
		{"all good, debug off", settings.Settings{SecretKey: goodKey, AllowedHosts: hosts}, ""},
		{"all good, debug on, no hosts", settings.Settings{Debug: true, SecretKey: goodKey}, ""},
		{"short key, debug on", settings.Settings{Debug: true, SecretKey: "short"},
			"security.W009/WARNING"},
		{"short key, debug off", settings.Settings{SecretKey: "short", AllowedHosts: hosts},
			"manouche.E001/ERROR"},
		{"empty key", settings.Settings{Debug: true}, "manouche.E003/ERROR"},
		{"weak fallbacks, debug on", settings.Settings{Debug: true, SecretKey: goodKey,
			SecretKeyFallbacks: []string{goodKey, "old"}}, "security.W025/WARNING"},
		{"weak fallbacks, debug off", settings.Settings{SecretKey: goodKey, AllowedHosts: hosts,
			SecretKeyFallbacks: []string{"a", goodKey, "b"}}, "manouche.E002/ERROR manouche.E002/ERROR"},
		{"no hosts, debug off", settings.Settings{SecretKey: goodKey}, "security.W020/WARNING"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := ids(Run(&tt.s)); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestBuiltinChecks_text(t *testing.T) {
	s := &settings.Settings{SecretKey: goodKey, SecretKeyFallbacks: []string{goodKey, "x"}, AllowedHosts: []string{"h"}}
	msgs := Run(s)
	if len(msgs) != 1 {
		t.Fatalf("got %d messages, want 1", len(msgs))
	}
	want := "?: (manouche.E002) Your SECRET_KEY_FALLBACKS[1] has less than 50 characters, " +
		"less than 5 unique characters, or it's prefixed with 'django-insecure-' indicating " +
		"that it was generated automatically by Django. Please generate a long and random value, " +
		"otherwise many of the site's security-critical features will be vulnerable to attack.\n" +
		"\tHINT: Set it to at least 50 random characters; startproject writes such a key."
	if got := Format(msgs[0]); got != want {
		t.Errorf("got  %q\nwant %q", got, want)
	}
	if strings.Contains(Format(msgs[0]), "x\n") || strings.Contains(msgs[0].Text, goodKey) {
		t.Errorf("message must not contain the key: %q", msgs[0].Text)
	}
}
