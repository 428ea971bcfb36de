package scaffold

import (
	"errors"
	"testing"
)

func TestCheckProjectName(t *testing.T) {
	tests := []struct {
		name, want string // want "" means valid
	}{
		{"mysite", ""},
		{"my_site2", ""},
		{"MySite", ""},
		{"greetings", ""},
		{"my-site", `scaffold: "my-site" is not a valid project name: use a Go identifier such as my_site`},
		{"my site", `scaffold: "my site" is not a valid project name: use a Go identifier such as my_site`},
		{"", `scaffold: "" is not a valid project name: use a Go identifier such as mysite`},
		{"-", `scaffold: "-" is not a valid project name: use a Go identifier such as mysite`},
		{"2fast", `scaffold: "2fast" is not a valid project name: use a Go identifier such as site_2fast`},
		{"héllo", `scaffold: "héllo" is not a valid project name: use a Go identifier such as h_llo`},
		{"_site", `scaffold: "_site" is not a valid project name: the go tool ignores names that start with _; use a name such as site`},
		{"func", `scaffold: "func" is not a valid project name: func is a Go keyword; use a name such as funcsite`},
		{"main", `scaffold: "main" is not a valid project name: it would clash with the program's package main; use a name such as mainsite`},
		{"fmt", `scaffold: "fmt" is not a valid project name: it would clash with the standard library package fmt; use a name such as fmtsite`},
		{"manouche", `scaffold: "manouche" is not a valid project name: it would clash with the manouche framework itself; use a name such as manouchesite`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := CheckProjectName(tt.name)
			checkInputError(t, err, tt.want)
		})
	}
}

func TestCheckAppName(t *testing.T) {
	tests := []struct {
		name, want string
	}{
		{"notes", ""},
		{"fmt", ""}, // an app package may share a name with the standard library
		{"blog-posts", `scaffold: "blog-posts" is not a valid app name: use a Go identifier such as blog_posts`},
		{"templates", `scaffold: "templates" is not a valid app name: it would clash with the project's templates directory; use a name such as templatesapp`},
		{"type", `scaffold: "type" is not a valid app name: type is a Go keyword; use a name such as typeapp`},
		{"testdata", `scaffold: "testdata" is not a valid app name: the go tool ignores testdata directories; use a name such as testdataapp`},
		{"", `scaffold: "" is not a valid app name: use a Go identifier such as myapp`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkInputError(t, CheckAppName(tt.name), tt.want)
		})
	}
}

// checkInputError checks err is nil when want is "", else an *InputError
// whose message is want.
func checkInputError(t *testing.T, err error, want string) {
	t.Helper()
	if want == "" {
		if err != nil {
			t.Fatalf("got error %v, want nil", err)
		}
		return
	}
	var ie *InputError
	if !errors.As(err, &ie) {
		t.Fatalf("got error %v (%T), want an *InputError", err, err)
	}
	if got := err.Error(); got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestSuggest_isValid(t *testing.T) {
	for _, kind := range []string{"project", "app"} {
		for _, name := range []string{"my-site", "1", "__", "go", "main", "if-else", "élan", "templates", "std"} {
			if s := suggest(kind, name); nameProblem(kind, s) != "" {
				t.Errorf("suggest(%q, %q) = %q, which is invalid: %s", kind, name, s, nameProblem(kind, s))
			}
		}
	}
}
