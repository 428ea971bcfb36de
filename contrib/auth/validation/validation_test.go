package validation_test

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/manouche-go/manouche/contrib/auth/validation"
)

// startproject is the AUTH_PASSWORD_VALIDATORS of Django's startproject.
var startproject = []validation.Config{
	{Name: "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
	{Name: "django.contrib.auth.password_validation.MinimumLengthValidator"},
	{Name: "django.contrib.auth.password_validation.CommonPasswordValidator"},
	{Name: "django.contrib.auth.password_validation.NumericPasswordValidator"},
}

// verbose are auth.User's verbose names.
var verbose = map[string]string{"username": "username", "first_name": "first name", "last_name": "last name", "email": "email address"}

func attributes(m map[string]string) []validation.Attribute {
	var out []validation.Attribute
	for _, k := range []string{"username", "first_name", "last_name", "email"} {
		if v, ok := m[k]; ok {
			out = append(out, validation.Attribute{Name: k, VerboseName: verbose[k], Value: v})
		}
	}
	return out
}

// TestValidate_django checks the messages against those of Django 3.2's
// validate_password for the same passwords and users (testdata/django.json,
// written by Django).
func TestValidate_django(t *testing.T) {
	var f struct {
		HelpTexts []string `json:"help_texts"`
		Cases     []struct {
			User       string
			Attributes map[string]string
			Password   string
			Messages   []string
		}
	}
	b, err := os.ReadFile(filepath.Join("testdata", "django.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &f); err != nil {
		t.Fatal(err)
	}
	vs, err := validation.New(startproject)
	if err != nil {
		t.Fatal(err)
	}
	if got := vs.HelpTexts(); !reflect.DeepEqual(got, f.HelpTexts) {
		t.Errorf("HelpTexts = %q, want %q", got, f.HelpTexts)
	}
	for _, c := range f.Cases {
		t.Run(c.User+"/"+c.Password, func(t *testing.T) {
			err := vs.Validate(c.Password, attributes(c.Attributes))
			var got []string
			var ve *validation.Error
			if errors.As(err, &ve) {
				got = ve.Messages
			} else if err != nil {
				t.Fatalf("Validate returned %T %v, want a *validation.Error", err, err)
			}
			if len(got) != len(c.Messages) || len(got) > 0 && !reflect.DeepEqual(got, c.Messages) {
				t.Errorf("got %q, want Django's %q", got, c.Messages)
			}
		})
	}
}

func TestNew_options(t *testing.T) {
	vs, err := validation.New([]validation.Config{
		{Name: "MinimumLengthValidator", Options: map[string]any{"min_length": 1}},
		{Name: "django.contrib.auth.password_validation.UserAttributeSimilarityValidator",
			Options: map[string]any{"user_attributes": []any{"email"}, "max_similarity": 0.5}},
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := vs.Validate("", nil); err == nil || err.Error() != "This password is too short. It must contain at least 1 character." {
		t.Errorf("min_length 1: got %v", err)
	}
	alice := attributes(map[string]string{"username": "alice", "email": "zz@qq.tv"})
	if err := vs.Validate("alice", alice); err != nil {
		t.Errorf("only email is compared: got %v", err)
	}
	if err := vs.Validate("zzqqtv", alice); err == nil || !strings.Contains(err.Error(), "email address") {
		t.Errorf("email: got %v", err)
	}
}

func TestNew_errors(t *testing.T) {
	tests := []struct {
		name string
		cfg  validation.Config
		want string
	}{
		{"unknown", validation.Config{Name: "django.contrib.auth.password_validation.Nope"}, "unknown password validator"},
		{"bad option", validation.Config{Name: "MinimumLengthValidator", Options: map[string]any{"length": 3}}, `unknown option "length"`},
		{"text length", validation.Config{Name: "MinimumLengthValidator", Options: map[string]any{"min_length": "many"}}, "min_length must be an integer"},
		{"low similarity", validation.Config{Name: "UserAttributeSimilarityValidator", Options: map[string]any{"max_similarity": 0.05}}, "at least 0.1"},
		{"missing list", validation.Config{Name: "CommonPasswordValidator", Options: map[string]any{"password_list_path": "/nonexistent/list.txt"}}, "password_list_path"},
	}
	for _, tt := range tests {
		_, err := validation.New([]validation.Config{tt.cfg})
		if err == nil || !strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), "AUTH_PASSWORD_VALIDATORS") && tt.name != "unknown" {
			t.Errorf("%s: got %v, want an error containing %q", tt.name, err, tt.want)
		}
	}
}

func TestCommon_ownList(t *testing.T) {
	path := filepath.Join(t.TempDir(), "list.txt")
	os.WriteFile(path, []byte("hunter2\n  swordfish  \n"), 0o600)
	vs, err := validation.New([]validation.Config{{Name: "CommonPasswordValidator", Options: map[string]any{"password_list_path": path}}})
	if err != nil {
		t.Fatal(err)
	}
	for pw, common := range map[string]bool{"Hunter2": true, " swordfish ": true, "password": false} {
		if got := vs.Validate(pw, nil) != nil; got != common {
			t.Errorf("%q: common = %v, want %v", pw, got, common)
		}
	}
}
