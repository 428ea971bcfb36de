package framework_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"

	"github.com/manouche-go/manouche/framework"
)

// staticUser is a user as an auth middleware would load it.
type staticUser struct{ Username string }

func (u staticUser) IsAuthenticated() bool    { return true }
func (u staticUser) GetUsername() string      { return u.Username }
func (u staticUser) HasPerm(perm string) bool { return false }

// loaderFunc adapts a function to framework.UserLoader.
type loaderFunc func() (framework.User, error)

func (f loaderFunc) LoadUser() (framework.User, error) { return f() }

// An auth middleware gives every request a user loaded on first use, which
// views read as req.User (contrib/auth's middleware is one).
func ExampleUserContext() {
	loads := 0
	authMiddleware := func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			var ctx framework.UserContext
			ctx.Reset(r.Context(), loaderFunc(func() (framework.User, error) {
				loads++
				return staticUser{Username: "alice"}, nil
			}))
			next.ServeHTTP(w, r.WithContext(&ctx))
		})
	}
	view := framework.View(func(req *framework.Request) *framework.Response {
		if !req.User.IsAuthenticated() {
			return framework.Text("Hello, stranger")
		}
		return framework.Text("Hello, " + req.User.GetUsername())
	})
	w := httptest.NewRecorder()
	authMiddleware(view).ServeHTTP(w, httptest.NewRequest("GET", "/", nil))
	fmt.Println(w.Body.String(), loads)

	w = httptest.NewRecorder()
	view.ServeHTTP(w, httptest.NewRequest("GET", "/", nil)) // no middleware: anonymous
	fmt.Println(w.Body.String())
	// Output:
	// Hello, alice 1
	// Hello, stranger
}
