package accounts

import (
	"errors"
	"fmt"
	"net/http"

	"github.com/manouche-go/manouche/contrib/auth"
	"github.com/manouche-go/manouche/framework"
)

// profile shows who is logged in and the user's active sessions.
func profile(req *framework.Request) *framework.Response {
	if req.Method != http.MethodGet && req.Method != http.MethodHead {
		return framework.MethodNotAllowed(req, http.MethodGet, http.MethodHead)
	}
	sessions, err := auth.Sessions(req)
	recallable := !errors.Is(err, auth.ErrNotRecallable)
	if err != nil && recallable {
		return framework.ServerError(req, fmt.Errorf("accounts: profile: %w", err))
	}
	return framework.Render(req, "accounts/profile.html", map[string]any{
		"Sessions":   sessions,
		"Recallable": recallable,
		"Ended":      req.GET.Get("ended"),
	})
}

// logoutOthers ends the user's other sessions, then shows the profile
// again with how many ended.
func logoutOthers(req *framework.Request) *framework.Response {
	if req.Method != http.MethodPost {
		return framework.MethodNotAllowed(req, http.MethodPost)
	}
	n, err := auth.LogoutOthers(req)
	if err != nil && !errors.Is(err, auth.ErrNotRecallable) {
		return framework.ServerError(req, fmt.Errorf("accounts: log out other sessions: %w", err))
	}
	return framework.Redirect(fmt.Sprintf("/accounts/profile/?ended=%d", n))
}
