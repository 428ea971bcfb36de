package apps_test

import (
	"fmt"
	"net/http"

	"github.com/manouche-go/manouche/framework/apps"
)

// greetings is an app as a project writes it.
type greetings struct{}

func (greetings) Label() string     { return "examples.greetings" }
func (greetings) Aliases() []string { return []string{"greetings"} }
func (greetings) Middleware() []apps.Middleware {
	return []apps.Middleware{{
		Name:     "examples.greetings.HelloMiddleware",
		Requires: []string{"contrib.sessions.SessionMiddleware"},
		New: func(env *apps.Env) (func(http.Handler) http.Handler, error) {
			return func(h http.Handler) http.Handler { return h }, nil
		},
	}}
}

func Example() {
	r := apps.NewRegistry() // apps.Register uses the default registry instead
	r.Register(greetings{})

	installed, err := r.Installed([]string{"greetings"})
	fmt.Println(installed[0].Label(), err)

	_, err = r.Installed([]string{"contrib.sessions"})
	fmt.Println(err)

	for _, m := range r.CheckMiddlewareOrder([]string{"examples.greetings.HelloMiddleware"}) {
		fmt.Println(m)
	}
	// Output:
	// examples.greetings <nil>
	// apps: unknown app "contrib.sessions" in INSTALLED_APPS; registered apps: examples.greetings
	// examples.greetings.HelloMiddleware: (middleware.E001) 'examples.greetings.HelloMiddleware' requires 'contrib.sessions.SessionMiddleware' in MIDDLEWARE, but it is not listed.
	// 	HINT: Add 'contrib.sessions.SessionMiddleware' to MIDDLEWARE before 'examples.greetings.HelloMiddleware'.
}
