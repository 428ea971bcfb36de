package csrf

import (
	"net/http"

	"github.com/manouche-go/manouche/framework"
)

// stateFrom returns the request's middleware state, or nil without the
// middleware.
func stateFrom(req *framework.Request) *state {
	if req == nil || req.HTTP == nil {
		return nil
	}
	st, _ := req.HTTP.Context().Value(stateKey).(*state)
	return st
}

// Token returns a CSRF token for a form or an AJAX header (Django's
// get_token): the request's secret, created if it has none, masked with a
// fresh mask, so every call returns a different string. Calling it makes
// the response set the CSRF cookie (or session key) and Vary: Cookie.
// Templates get it through [Field]; views rarely call it.
//
// Without the middleware Token returns a token of a throwaway secret,
// which nothing checks.
func Token(req *framework.Request) string {
	if st := stateFrom(req); st != nil {
		return st.get()
	}
	return Mask(RandomString(), RandomString())
}

// RotateToken gives the request a new CSRF secret (Django's rotate_token),
// sent in the response. Call it when a user logs in, as Django's login
// does, so that a token planted before the login is useless after it.
// Forms rendered earlier no longer validate. Without the middleware it
// does nothing.
func RotateToken(req *framework.Request) {
	if st := stateFrom(req); st != nil {
		st.rotate()
	}
}

// exempt marks a handler that the CSRF check skips.
type exempt struct{ http.Handler }

func (exempt) csrfExempt() {}

func isExempt(view http.Handler) bool {
	_, ok := view.(interface{ csrfExempt() })
	return ok
}

// Exempt returns view as a handler that the CSRF middleware does not check
// (Django's csrf_exempt), for views that other sites must be able to post
// to, such as webhooks with their own authentication. Route it with
// urls.Handle:
//
//	urls.Handle("/hooks/payment/", csrf.Exempt(paymentHook), "payment-hook")
//
// The token and cookie still work in exempt views.
func Exempt(view framework.View) http.Handler { return exempt{view} }

// ExemptHandler is [Exempt] for any http.Handler.
func ExemptHandler(h http.Handler) http.Handler { return exempt{h} }
