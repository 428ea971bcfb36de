package validation_test

import (
	"errors"
	"fmt"

	"github.com/manouche-go/manouche/contrib/auth/validation"
)

// The validators of Django's startproject settings reject a short, common,
// numeric password with one message per failed rule.
func ExampleValidators_Validate() {
	vs, err := validation.New([]validation.Config{
		{Name: "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
		{Name: "django.contrib.auth.password_validation.MinimumLengthValidator", Options: map[string]any{"min_length": 9}},
		{Name: "django.contrib.auth.password_validation.CommonPasswordValidator"},
		{Name: "django.contrib.auth.password_validation.NumericPasswordValidator"},
	})
	if err != nil {
		panic(err)
	}
	user := []validation.Attribute{{Name: "username", VerboseName: "username", Value: "alice"}}
	var e *validation.Error
	if errors.As(vs.Validate("123456", user), &e) {
		for _, m := range e.Messages {
			fmt.Println(m)
		}
	}
	fmt.Println(vs.Validate("alice2024", user))
	fmt.Println(vs.Validate("correct horse battery staple", user))
	// Output:
	// This password is too short. It must contain at least 9 characters.
	// This password is too common.
	// This password is entirely numeric.
	// The password is too similar to the username.
	// <nil>
}
