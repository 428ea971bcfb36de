package mail

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

// Form limits, in characters (Django's CharField max_length).
const (
	maxFromName = 100
	maxMessage  = 2000
)

// contact shows the form (GET) or handles a posted message (POST).
func contact(req *framework.Request) *framework.Response {
	switch req.Method {
	case http.MethodGet, http.MethodHead:
		return framework.Render(req, "mail/form.html", nil)
	case http.MethodPost:
		return send(req)
	}
	return framework.MethodNotAllowed(req, http.MethodGet, http.MethodHead, http.MethodPost)
}

// send validates the form; a valid one stores from_name in the session and
// answers "Sent", with the message "Saved.". No mail leaves the machine:
// this is a session example.
func send(req *framework.Request) *framework.Response {
	from, bad := framework.RequiredField(req, "from_name", maxField)
	if bad != nil {
		return bad
	}
	msg, bad := framework.RequiredField(req, "message", maxField)
	if bad != nil {
		return bad
	}
	if e := validate(from, msg); e != "" {
		return framework.Render(req, "mail/form.html", map[string]any{"Error": e, "FromName": from, "Message": msg})
	}
	if err := req.Session.Set("from_name", from); err != nil {
		return framework.ServerError(req, fmt.Errorf("mail: remember sender: %w", err))
	}
	_ = messages.Success(req, "Saved.") // fails only without MessageMiddleware: then no message, as fail_silently=True
	return framework.Render(req, "mail/sent.html", nil)
}

// validate returns the form error, or "" when the form is valid.
func validate(from, msg string) string {
	switch {
	case strings.TrimSpace(from) == "":
		return "Please enter your name."
	case utf8.RuneCountInString(from) > maxFromName:
		return fmt.Sprintf("Ensure your name has at most %d characters.", maxFromName)
	case strings.TrimSpace(msg) == "":
		return "Please enter a message."
	case utf8.RuneCountInString(msg) > maxMessage:
		return fmt.Sprintf("Ensure the message has at most %d characters.", maxMessage)
	}
	return ""
}
