package myapp

import (
	"fmt"
	"net/http"
	"strings"
	"unicode/utf8"

	"github.com/manouche-go/manouche/framework"
	"github.com/manouche-go/manouche/framework/messages"
)

// maxField is the largest form field accepted, in bytes: anything larger is
// refused with 400 before the session is touched.
const maxField = 1 << 20

// maxUsername is the form's username max_length (Django's CharField(max_length=100)).
const maxUsername = 100

// connection shows the logged-in page when the session has a username,
// otherwise the login form.
func connection(req *framework.Request) *framework.Response {
	if req.Method != http.MethodGet && req.Method != http.MethodHead {
		return framework.MethodNotAllowed(req, http.MethodGet, http.MethodHead)
	}
	if req.Session.Has("username") {
		return framework.Render(req, "myapp/loggedin.html", nil)
	}
	return framework.Render(req, "myapp/login.html", nil)
}

// login validates the posted form: a non-empty username is stored in the
// session and the logged-in page is shown, with a success message; an
// invalid form is shown again
// with an error (status 200, as Django re-renders an invalid form).
func login(req *framework.Request) *framework.Response {
	if req.Method != http.MethodPost {
		return framework.MethodNotAllowed(req, http.MethodPost)
	}
	username, bad := framework.RequiredField(req, "username", maxField)
	if bad != nil {
		return bad
	}
	if _, bad := framework.RequiredField(req, "password", maxField); bad != nil {
		return bad
	}
	if msg := validUsername(username); msg != "" {
		return framework.Render(req, "myapp/login.html", map[string]any{"Error": msg, "Username": username})
	}
	if err := req.Session.Set("username", username); err != nil {
		return framework.ServerError(req, fmt.Errorf("myapp: login: %w", err))
	}
	_ = messages.Success(req, "You are logged in as "+username+".") // no message without MessageMiddleware
	return framework.Render(req, "myapp/loggedin.html", nil)
}

// validUsername returns the form error for username, or "" when it is valid.
func validUsername(username string) string {
	switch {
	case strings.TrimSpace(username) == "":
		return "Please enter a username."
	case utf8.RuneCountInString(username) > maxUsername:
		return fmt.Sprintf("Ensure the username has at most %d characters.", maxUsername)
	}
	return ""
}

// logout deletes username from the session (Django's del request.session["username"]).
func logout(req *framework.Request) *framework.Response {
	if req.Method != http.MethodGet && req.Method != http.MethodHead && req.Method != http.MethodPost {
		return framework.MethodNotAllowed(req, http.MethodGet, http.MethodHead, http.MethodPost)
	}
	req.Session.Delete("username")
	return framework.Render(req, "myapp/loggedout.html", nil)
}
