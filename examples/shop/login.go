package shop

import (
	"crypto/subtle"
	"fmt"
	"net/http"

	"github.com/manouche-go/manouche/framework"
	"github.com/manouche-go/manouche/framework/csrf"
	"github.com/manouche-go/manouche/framework/messages"
)

// The demo account: a real site checks a user database with hashed
// passwords (Django's authenticate).
const (
	demoUser     = "admin"
	demoPassword = "admin"
)

// maxField is the largest form field accepted, in bytes: anything larger is
// refused with 400 before the session is touched.
const maxField = 1 << 20

// Paths the shop redirects to.
const (
	shopPath  = "/shop/"
	loginPath = "/shop/login/"
	homePath  = "/"
)

// index is the members-only page: "Welcome, NAME!" when the session has a
// user_id, otherwise a redirect to the login page.
func index(req *framework.Request) *framework.Response {
	if r := readOnly(req); r != nil {
		return r
	}
	if !req.Session.Has("user_id") {
		return framework.Redirect(loginPath)
	}
	return framework.Render(req, "shop/index.html", nil)
}

// login shows the form (GET; a logged-in user is sent to /shop/) or checks
// the credentials (POST). A successful login flushes the session, so the
// user gets a new session key (no session fixation), stores user_id,
// rotates the CSRF token and says "Welcome back, NAME!" on /shop/.
func login(req *framework.Request) *framework.Response {
	switch req.Method {
	case http.MethodGet, http.MethodHead:
		if req.Session.Has("user_id") {
			return framework.Redirect(shopPath)
		}
		return framework.Render(req, "shop/login.html", nil)
	case http.MethodPost:
		return authenticate(req)
	}
	return framework.MethodNotAllowed(req, http.MethodGet, http.MethodHead, http.MethodPost)
}

// authenticate handles a posted login form.
func authenticate(req *framework.Request) *framework.Response {
	username, bad := framework.RequiredField(req, "username", maxField)
	if bad != nil {
		return bad
	}
	password, bad := framework.RequiredField(req, "password", maxField)
	if bad != nil {
		return bad
	}
	if !validCredentials(username, password) {
		return framework.Render(req, "shop/login.html", map[string]any{
			"Error":    "Wrong username or password.",
			"Username": username,
		})
	}
	if err := req.Session.Flush(); err != nil {
		return framework.ServerError(req, fmt.Errorf("shop: login: %w", err))
	}
	if err := req.Session.Set("user_id", username); err != nil {
		return framework.ServerError(req, fmt.Errorf("shop: login: %w", err))
	}
	// As Django's login does: a token planted before the login is useless after it.
	csrf.RotateToken(req)
	_ = messages.Success(req, "Welcome back, "+username+"!") // no message without MessageMiddleware
	return framework.Redirect(shopPath)
}

// validCredentials compares in constant time, as a password check should.
func validCredentials(username, password string) bool {
	u := subtle.ConstantTimeCompare([]byte(username), []byte(demoUser))
	p := subtle.ConstantTimeCompare([]byte(password), []byte(demoPassword))
	return u&p == 1
}

// logout flushes the session (Django's logout) and goes back to the index,
// which says "You are logged out.".
func logout(req *framework.Request) *framework.Response {
	if req.Method != http.MethodGet && req.Method != http.MethodHead && req.Method != http.MethodPost {
		return framework.MethodNotAllowed(req, http.MethodGet, http.MethodHead, http.MethodPost)
	}
	if err := req.Session.Flush(); err != nil {
		return framework.ServerError(req, fmt.Errorf("shop: logout: %w", err))
	}
	_ = messages.Success(req, "You are logged out.") // no message without MessageMiddleware
	return framework.Redirect(homePath)
}
