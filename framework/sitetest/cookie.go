package sitetest

import (
	"net/http"
	"strconv"
	"strings"
	"time"
)

// SetCookie is one Set-Cookie header as sent, with its attributes
// unparsed by any cookie jar, so tests can check exactly what the server
// wrote (net/http's Cookie folds Max-Age=0 into -1 and drops unknown
// attributes).
type SetCookie struct {
	// Raw is the header value.
	Raw string
	// Name and Value are the cookie's name and value.
	Name, Value string
	// attrs maps each attribute name, lower-cased, to its value ("" for
	// flags such as HttpOnly).
	attrs map[string]string
}

// ParseSetCookie parses one Set-Cookie header value. Attribute names are
// case-insensitive; when one repeats, the last wins (RFC 6265 §5.3).
func ParseSetCookie(raw string) SetCookie {
	parts := strings.Split(raw, ";")
	name, value, _ := strings.Cut(parts[0], "=")
	c := SetCookie{Raw: raw, Name: strings.TrimSpace(name), Value: strings.TrimSpace(value), attrs: map[string]string{}}
	for _, p := range parts[1:] {
		k, v, _ := strings.Cut(p, "=")
		c.attrs[strings.ToLower(strings.TrimSpace(k))] = strings.TrimSpace(v)
	}
	return c
}

// SetCookies returns every Set-Cookie header of the response, in order.
func (r *Response) SetCookies() []SetCookie {
	var cs []SetCookie
	for _, raw := range r.Header.Values("Set-Cookie") {
		cs = append(cs, ParseSetCookie(raw))
	}
	return cs
}

// SetCookie returns the last Set-Cookie header of the response for the
// cookie called name, and whether there is one.
func (r *Response) SetCookie(name string) (SetCookie, bool) {
	var found SetCookie
	ok := false
	for _, c := range r.SetCookies() {
		if c.Name == name {
			found, ok = c, true
		}
	}
	return found, ok
}

// Attr returns the value of the attribute called name (case-insensitive)
// and whether it is present.
func (c SetCookie) Attr(name string) (string, bool) {
	v, ok := c.attrs[strings.ToLower(name)]
	return v, ok
}

// HttpOnly reports whether the cookie has the HttpOnly flag.
func (c SetCookie) HttpOnly() bool { _, ok := c.Attr("HttpOnly"); return ok }

// Secure reports whether the cookie has the Secure flag.
func (c SetCookie) Secure() bool { _, ok := c.Attr("Secure"); return ok }

// SameSite returns the SameSite attribute as written ("Lax", "Strict",
// "None"), or "" when absent.
func (c SetCookie) SameSite() string { v, _ := c.Attr("SameSite"); return v }

// Path returns the Path attribute, or "" when absent.
func (c SetCookie) Path() string { v, _ := c.Attr("Path"); return v }

// MaxAge returns the Max-Age attribute in seconds, and false when it is
// absent or not an integer.
func (c SetCookie) MaxAge() (int, bool) {
	v, ok := c.Attr("Max-Age")
	if !ok {
		return 0, false
	}
	n, err := strconv.Atoi(v)
	return n, err == nil
}

// Expires returns the Expires attribute, and false when it is absent or
// not an HTTP date.
func (c SetCookie) Expires() (time.Time, bool) {
	v, ok := c.Attr("Expires")
	if !ok {
		return time.Time{}, false
	}
	t, err := http.ParseTime(v)
	return t, err == nil
}

// Deletes reports whether the header deletes the cookie: an empty value
// with Max-Age=0, as Django's delete_cookie writes, or an Expires in the
// past.
func (c SetCookie) Deletes() bool {
	if n, ok := c.MaxAge(); ok {
		return n <= 0
	}
	exp, ok := c.Expires()
	return ok && exp.Before(time.Now())
}
