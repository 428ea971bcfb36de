package sitetest

import (
	"regexp"

	"github.com/manouche-go/manouche/framework/csrf"
)

// CSRFCookieName is the CSRF cookie [Client.CSRFToken] reads and sets:
// Django's default CSRF_COOKIE_NAME.
const CSRFCookieName = "csrftoken"

// csrfFormField is the form field of the token ([Client.Post]).
const csrfFormField = csrf.FormField

// CSRFToken returns a token the site's CSRF middleware accepts from this
// client, to post as the csrfmiddlewaretoken form field or send as the
// X-CSRFToken header: the value of the client's CSRF cookie. A client
// without one gets a new token in its jar first, as a browser has one
// after loading any page with a form. (A client may always choose its own
// cookie: CSRF protection keeps other sites from posting as the user, not
// the user from posting.)
func (c *Client) CSRFToken() string {
	if v, ok := c.Cookie(CSRFCookieName); ok {
		return v
	}
	token := csrf.Mask(csrf.RandomString(), csrf.RandomString())
	c.SetCookie(CSRFCookieName, token)
	return token
}

var formTokenRE = regexp.MustCompile(`<input type="hidden" name="csrfmiddlewaretoken" value="([a-zA-Z0-9]+)">`)

// FormToken returns the token of the first CSRF hidden input in an HTML
// page (what << .CSRF.Input >> writes), as a browser would post it.
func FormToken(body string) (string, bool) {
	m := formTokenRE.FindStringSubmatch(body)
	if m == nil {
		return "", false
	}
	return m[1], true
}
