package settings_test

import (
	"errors"
	"fmt"

	"github.com/manouche-go/manouche/framework/settings"
)

// Settings come from defaults, a YAML file and MANOUCHE_<NAME> variables;
// here only the environment.
func ExampleLoad() {
	s, err := settings.Load("", []string{
		"MANOUCHE_DEBUG=true",
		"MANOUCHE_INSTALLED_APPS=contrib.sessions,greetings",
		"MANOUCHE_SESSION_ENGINE=file",
		"MANOUCHE_DATABASES_DEFAULT_NAME=/tmp/site.sqlite3",
		"MANOUCHE_STATICFILES_FINDERS=a.Finder",
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(s.Debug, s.InstalledApps, s.SessionEngine, s.SessionCookieAge)
	fmt.Println(s.Databases["default"].Engine, s.Databases["default"].Name)
	for _, w := range s.Warnings {
		fmt.Println(w)
	}
	// Output:
	// true [contrib.sessions greetings] file 1209600
	// sqlite /tmp/site.sqlite3
	// settings: unknown setting STATICFILES_FINDERS ignored (environment variable MANOUCHE_STATICFILES_FINDERS)
}

// A bad setting is one line naming the setting, the value and what is
// allowed.
func ExampleError() {
	_, err := settings.Load("", []string{"MANOUCHE_DEBUG=true", "MANOUCHE_SESSION_COOKIE_AGE=-5"})
	var se *settings.Error
	if errors.As(err, &se) {
		fmt.Println(se.Setting)
	}
	fmt.Println(err)
	// Output:
	// SESSION_COOKIE_AGE
	// settings: SESSION_COOKIE_AGE = "-5": must be a non-negative integer (seconds)
}

func ExampleSplitArgs() {
	path, rest, _ := settings.SplitArgs([]string{"--settings", "prod.yaml", "migrate"}, nil)
	fmt.Println(path, rest)
	// Output: prod.yaml [migrate]
}
