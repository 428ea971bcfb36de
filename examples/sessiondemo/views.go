package sessiondemo

import (
	"fmt"
	"net/http"
	"unicode/utf8"

	"github.com/manouche-go/manouche/framework"
)

// Greeting is the value /session/set/ stores under "greeting".
const Greeting = "Hello, Django Sessions!"

// maxUsername is the longest username /session/username/set/ accepts, in
// characters, so that the value also fits a signed cookie.
const maxUsername = 100

// readOnly answers 405 unless the request is a GET or HEAD.
func readOnly(req *framework.Request) *framework.Response {
	if req.Method != http.MethodGet && req.Method != http.MethodHead {
		return framework.MethodNotAllowed(req, http.MethodGet, http.MethodHead)
	}
	return nil
}

// setGreeting stores the greeting and renders it from the session.
func setGreeting(req *framework.Request) *framework.Response {
	if r := readOnly(req); r != nil {
		return r
	}
	if err := req.Session.Set("greeting", Greeting); err != nil {
		return framework.ServerError(req, fmt.Errorf("sessiondemo: set greeting: %w", err))
	}
	return framework.Render(req, "sessiondemo/session.html", nil)
}

// show renders the greeting from the session without setting anything.
func show(req *framework.Request) *framework.Response {
	if r := readOnly(req); r != nil {
		return r
	}
	return framework.Render(req, "sessiondemo/session.html", nil)
}

// setUsername stores the value query parameter under "username".
func setUsername(req *framework.Request) *framework.Response {
	if r := readOnly(req); r != nil {
		return r
	}
	vs, ok := req.GET["value"]
	if !ok || len(vs) == 0 || vs[0] == "" {
		return framework.BadRequest(req, "Give the username to store as ?value=NAME.")
	}
	if utf8.RuneCountInString(vs[0]) > maxUsername {
		return framework.BadRequest(req, fmt.Sprintf("The username must have at most %d characters.", maxUsername))
	}
	if err := req.Session.Set("username", vs[0]); err != nil {
		return framework.ServerError(req, fmt.Errorf("sessiondemo: set username: %w", err))
	}
	return framework.Render(req, "sessiondemo/username.html", map[string]any{"Action": "stored"})
}

// username shows the username from the session, or "Guest".
func username(req *framework.Request) *framework.Response {
	if r := readOnly(req); r != nil {
		return r
	}
	return framework.Render(req, "sessiondemo/username.html", nil)
}

// popUsername removes username from the session (Django's pop).
func popUsername(req *framework.Request) *framework.Response {
	if r := readOnly(req); r != nil {
		return r
	}
	req.Session.Pop("username")
	return framework.Render(req, "sessiondemo/username.html", map[string]any{"Action": "removed"})
}

// clearAll removes every value from the session (Django's clear). The key is
// kept; the now empty session's cookie is deleted by the middleware.
func clearAll(req *framework.Request) *framework.Response {
	if r := readOnly(req); r != nil {
		return r
	}
	req.Session.Clear()
	return framework.Render(req, "sessiondemo/cleared.html", nil)
}
