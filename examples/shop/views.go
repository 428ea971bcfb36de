package shop

import (
	"fmt"
	"net/http"
	"time"

	"github.com/manouche-go/manouche/framework"
)

// CrazyExpiry is the session lifetime /shop/welcome/?crazy=1 sets on a
// first visit, in seconds.
const CrazyExpiry = 60

// readOnly answers 405 unless the request is a GET or HEAD.
func readOnly(req *framework.Request) *framework.Response {
	if req.Method != http.MethodGet && req.Method != http.MethodHead {
		return framework.MethodNotAllowed(req, http.MethodGet, http.MethodHead)
	}
	return nil
}

// welcome greets a session's first visit once (is_first_visit, default
// true); with ?crazy=1 that first visit also makes the session expire in
// 60 seconds (Django's set_expiry(60)).
func welcome(req *framework.Request) *framework.Response {
	if r := readOnly(req); r != nil {
		return r
	}
	first, ok := req.Session.GetBool("is_first_visit")
	if ok && !first {
		return framework.Render(req, "shop/welcome.html", map[string]any{"Message": "Welcome back!"})
	}
	if err := req.Session.Set("is_first_visit", false); err != nil {
		return framework.ServerError(req, fmt.Errorf("shop: welcome: %w", err))
	}
	if req.GET.Get("crazy") == "1" {
		if err := req.Session.SetExpiry(CrazyExpiry); err != nil {
			return framework.ServerError(req, fmt.Errorf("shop: welcome: %w", err))
		}
	}
	return framework.Render(req, "shop/welcome.html", map[string]any{"Message": "Welcome newcomer!"})
}

// cookies sets is_first_visit to false and answers the cookies the request
// carried, as JSON (Django's request.COOKIES).
func cookies(req *framework.Request) *framework.Response {
	if r := readOnly(req); r != nil {
		return r
	}
	if err := req.Session.Set("is_first_visit", false); err != nil {
		return framework.ServerError(req, fmt.Errorf("shop: cookies: %w", err))
	}
	return framework.JSON(req.COOKIES)
}

// key answers the session key as plain text. A session without a key (a
// new one, or one whose cookie named no live session) is saved first, as in
// Django's `if not request.session.session_key: request.session.save()`.
func key(req *framework.Request) *framework.Response {
	if r := readOnly(req); r != nil {
		return r
	}
	ctx := req.HTTP.Context()
	if err := req.Session.Load(ctx); err != nil {
		return framework.ServerError(req, fmt.Errorf("shop: key: %w", err))
	}
	if req.Session.Key() == "" {
		if err := req.Session.Save(ctx); err != nil {
			return framework.ServerError(req, fmt.Errorf("shop: key: %w", err))
		}
	}
	return framework.Text(req.Session.Key())
}

// expiry answers when the session expires (Django's get_expiry_date and
// get_expiry_age) as plain text.
func expiry(req *framework.Request) *framework.Response {
	if r := readOnly(req); r != nil {
		return r
	}
	date := req.Session.ExpiryDate().Format(time.RFC3339)
	return framework.Text(fmt.Sprintf("Expires on %s Expires in %d seconds", date, req.Session.ExpiryAge()))
}
