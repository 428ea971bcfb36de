// Package validation is Django's django.contrib.auth.password_validation:
// the validators of AUTH_PASSWORD_VALIDATORS that a new password must pass,
// with Django's four built in under their dotted names (and class names):
//
//	django.contrib.auth.password_validation.UserAttributeSimilarityValidator  user_attributes, max_similarity (0.7)
//	django.contrib.auth.password_validation.MinimumLengthValidator            min_length (8)
//	django.contrib.auth.password_validation.CommonPasswordValidator           password_list_path (Django's list, embedded)
//	django.contrib.auth.password_validation.NumericPasswordValidator
//
// [New] builds them from their configuration; [Validators.Validate] runs
// them all and returns every failure, one message each, in an [*Error]
// (Django's validate_password and its ValidationError). The messages are
// Django's English ones.
//
// The embedded list of common passwords is Django's
// common-passwords.txt.gz (BSD licence, from Royce Williams' list).
package validation

import (
	"errors"
	"fmt"
	"strings"

	"github.com/manouche-go/manouche/framework/registry"
)

// Attribute is one user attribute that the similarity validator compares
// a password with: its Django field name, verbose name and value.
type Attribute struct {
	Name, VerboseName, Value string
}

// Validator checks one rule (Django's password validator class).
type Validator interface {
	// Validate returns nil when password passes, else an error whose
	// message is the one sentence to show the user. user holds the
	// attributes of the user the password is for; it may be nil.
	Validate(password string, user []Attribute) error
	// HelpText describes the rule in one sentence (get_help_text).
	HelpText() string
}

// Config is one AUTH_PASSWORD_VALIDATORS entry: NAME and OPTIONS.
type Config struct {
	Name    string
	Options map[string]any
}

// Factory builds a validator from its OPTIONS; a bad option is an error.
type Factory func(options map[string]any) (Validator, error)

// factories holds the registered validators by name.
var factories = registry.New[Factory]("validation")

// Register makes a validator available to AUTH_PASSWORD_VALIDATORS under
// each of names. It is meant to be called from init and panics on an empty
// or duplicate name or a nil factory.
func Register(f Factory, names ...string) {
	if f == nil {
		panic("validation: Register of a nil factory")
	}
	factories.Register(f, names...)
}

// ErrUnknownValidator is wrapped by the error of [New] for a NAME that no
// validator is registered under.
var ErrUnknownValidator = errors.New("validation: unknown password validator")

// Validators are a site's password validators, run in order.
type Validators []Validator

// New builds the validators of cfgs (AUTH_PASSWORD_VALIDATORS). An unknown
// name or a bad option is an error naming the entry.
func New(cfgs []Config) (Validators, error) {
	out := make(Validators, 0, len(cfgs))
	for i, c := range cfgs {
		f, ok := factories.Lookup(c.Name)
		if !ok {
			return nil, fmt.Errorf("%w %q (AUTH_PASSWORD_VALIDATORS[%d]; known: %s)", ErrUnknownValidator, c.Name, i, strings.Join(names(), ", "))
		}
		v, err := f(c.Options)
		if err != nil {
			return nil, fmt.Errorf("validation: AUTH_PASSWORD_VALIDATORS[%d] (%s): %w", i, c.Name, err)
		}
		out = append(out, v)
	}
	return out, nil
}

// names lists the registered dotted names.
func names() []string {
	var out []string
	for _, n := range factories.Names() {
		if strings.Contains(n, ".") {
			out = append(out, n)
		}
	}
	return out
}

// Error is a failed validation: every message, in validator order
// (Django's ValidationError with its list of messages).
type Error struct {
	Messages []string
}

// Error joins the messages with a space, each being a sentence.
func (e *Error) Error() string { return strings.Join(e.Messages, " ") }

// Validate runs every validator on password and returns nil, or an
// [*Error] holding each failure's message (Django's validate_password).
func (vs Validators) Validate(password string, user []Attribute) error {
	var msgs []string
	for _, v := range vs {
		if err := v.Validate(password, user); err != nil {
			msgs = append(msgs, err.Error())
		}
	}
	if len(msgs) == 0 {
		return nil
	}
	return &Error{Messages: msgs}
}

// HelpTexts returns each validator's help text (Django's
// password_validators_help_texts).
func (vs Validators) HelpTexts() []string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = v.HelpText()
	}
	return out
}
