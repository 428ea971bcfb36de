package framework

import (
	"cmp"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// Cookie describes a cookie to set, with the arguments of Django's
// HttpResponse.set_cookie. The zero value of each field means Django's
// default.
type Cookie struct {
	// Name and Value of the cookie. A value with characters outside
	// Python's legal cookie characters is quoted as Python quotes it; an
	// empty value is written "".
	Name, Value string

	// MaxAge is max_age in seconds; nil means none (a browser-session
	// cookie unless Expires is set). Write new(3600) for an hour. When
	// MaxAge is set and Expires is zero, expires is now + MaxAge, as
	// Django does.
	MaxAge *int

	// Expires is written as the expires attribute when not zero.
	Expires time.Time

	// Path defaults to "/".
	Path string

	// Domain is omitted when empty (Django's None).
	Domain string

	// Secure and HttpOnly add those flags. Both default to false.
	Secure, HttpOnly bool

	// SameSite is "Lax", "Strict" or "None" (any case, written as given);
	// empty omits the attribute, as Django's None/False do. Any other value
	// is omitted too (Django raises ValueError; the settings reject it).
	SameSite string
}

// FormatSetCookie returns the value of the Set-Cookie header for c, byte
// for byte as Django writes it: attributes in the order Domain, expires,
// HttpOnly, Max-Age, Path, SameSite, Secure, expires in IMF-fixdate.
//
//	sessionid=abc; expires=Tue, 28 Nov 2023 22:13:20 GMT; HttpOnly; Max-Age=1209600; Path=/; SameSite=Lax
func FormatSetCookie(c Cookie) string {
	var b strings.Builder
	b.WriteString(c.Name)
	b.WriteByte('=')
	b.WriteString(quoteCookie(c.Value))
	if c.Domain != "" {
		b.WriteString("; Domain=" + c.Domain)
	}
	expires := c.Expires
	if expires.IsZero() && c.MaxAge != nil {
		expires = time.Now().Add(time.Duration(*c.MaxAge) * time.Second)
	}
	if !expires.IsZero() {
		b.WriteString("; expires=" + expires.UTC().Format(http.TimeFormat))
	}
	if c.HttpOnly {
		b.WriteString("; HttpOnly")
	}
	if c.MaxAge != nil {
		b.WriteString("; Max-Age=" + strconv.Itoa(*c.MaxAge))
	}
	b.WriteString("; Path=" + cmp.Or(c.Path, "/"))
	if validSameSite(c.SameSite) {
		b.WriteString("; SameSite=" + c.SameSite)
	}
	if c.Secure {
		b.WriteString("; Secure")
	}
	return b.String()
}

// FormatDeleteCookie returns the Set-Cookie header value that deletes the
// cookie c.Name at c.Path and c.Domain, as Django's delete_cookie writes it:
// an empty value, Max-Age=0, an expires at the epoch, c.SameSite, no
// HttpOnly, and Secure only when the name starts with __Secure- or __Host-
// or SameSite is None. c's other fields are ignored.
//
//	sessionid=""; expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; Path=/; SameSite=Lax
func FormatDeleteCookie(c Cookie) string {
	return FormatSetCookie(Cookie{
		Name:     c.Name,
		MaxAge:   new(0),
		Expires:  time.Unix(0, 0),
		Path:     c.Path,
		Domain:   c.Domain,
		SameSite: c.SameSite,
		Secure: strings.HasPrefix(c.Name, "__Secure-") || strings.HasPrefix(c.Name, "__Host-") ||
			strings.EqualFold(c.SameSite, "None"),
	})
}

// SetCookie adds a Set-Cookie header for c (Django's set_cookie). A cookie
// of the same name set earlier on r is replaced, as in Django.
func (r *Response) SetCookie(c Cookie) {
	r.replaceCookie(c.Name, FormatSetCookie(c))
}

// DeleteCookie adds a Set-Cookie header that makes the browser delete the
// cookie name (Django's delete_cookie). Only c's Path, Domain and SameSite
// are used: pass those the cookie was set with.
func (r *Response) DeleteCookie(name string, c Cookie) {
	c.Name = name
	r.replaceCookie(name, FormatDeleteCookie(c))
}

func (r *Response) replaceCookie(name, line string) {
	h := r.header()
	kept := h["Set-Cookie"][:0]
	for _, v := range h["Set-Cookie"] {
		if !strings.HasPrefix(v, name+"=") {
			kept = append(kept, v)
		}
	}
	h["Set-Cookie"] = append(kept, line)
}

func validSameSite(s string) bool {
	switch strings.ToLower(s) {
	case "lax", "strict", "none":
		return true
	}
	return false
}

// legalCookieChars are Python's http.cookies._LegalChars: a value made
// only of them is written unquoted.
const legalCookieChars = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&'*+-.^_`|~:"

// quoteCookie is Python's http.cookies._quote: a value with any other
// character (or an empty one) is put in double quotes, with " and \
// backslash-escaped and other characters below 256 that are not printable
// or are special written as \ooo octal.
func quoteCookie(s string) string {
	if s != "" && strings.Trim(s, legalCookieChars) == "" {
		return s
	}
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r < 256 && !strings.ContainsRune(legalCookieChars+" ()/<=>?@[]{}", r):
			fmt.Fprintf(&b, "\\%03o", r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}
