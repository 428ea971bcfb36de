package sitetest

import (
	"testing"
	"time"
)

func TestParseSetCookie(t *testing.T) {
	tests := []struct {
		name     string
		raw      string
		value    string
		httpOnly bool
		secure   bool
		sameSite string
		path     string
		maxAge   int
		hasAge   bool
		deletes  bool
	}{
		{
			name:  "django session cookie",
			raw:   "sessionid=abc123; expires=Thu, 01 Jan 2099 00:00:00 GMT; HttpOnly; Max-Age=1209600; Path=/; SameSite=Lax",
			value: "abc123", httpOnly: true, sameSite: "Lax", path: "/", maxAge: 1209600, hasAge: true,
		},
		{
			name:  "django delete_cookie",
			raw:   `sessionid=""; expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; Path=/; SameSite=Lax`,
			value: `""`, sameSite: "Lax", path: "/", maxAge: 0, hasAge: true, deletes: true,
		},
		{
			name:  "expired without max-age",
			raw:   "a=; Expires=Thu, 01 Jan 1970 00:00:00 GMT",
			value: "", deletes: true,
		},
		{
			name:  "attribute names in any case, last wins",
			raw:   "a=b; httponly; SECURE; samesite=Strict; max-age=5; MAX-AGE=7; path=/x",
			value: "b", httpOnly: true, secure: true, sameSite: "Strict", path: "/x", maxAge: 7, hasAge: true,
		},
		{
			name:  "bad max-age",
			raw:   "a=b; Max-Age=soon",
			value: "b",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := ParseSetCookie(tt.raw)
			if c.Value != tt.value {
				t.Errorf("Value: got %q, want %q", c.Value, tt.value)
			}
			if got := c.HttpOnly(); got != tt.httpOnly {
				t.Errorf("HttpOnly: got %v, want %v", got, tt.httpOnly)
			}
			if got := c.Secure(); got != tt.secure {
				t.Errorf("Secure: got %v, want %v", got, tt.secure)
			}
			if got := c.SameSite(); got != tt.sameSite {
				t.Errorf("SameSite: got %q, want %q", got, tt.sameSite)
			}
			if got := c.Path(); got != tt.path {
				t.Errorf("Path: got %q, want %q", got, tt.path)
			}
			if got, ok := c.MaxAge(); got != tt.maxAge || ok != tt.hasAge {
				t.Errorf("MaxAge: got %d, %v, want %d, %v", got, ok, tt.maxAge, tt.hasAge)
			}
			if got := c.Deletes(); got != tt.deletes {
				t.Errorf("Deletes: got %v, want %v", got, tt.deletes)
			}
		})
	}
}

func TestSetCookie_Expires(t *testing.T) {
	c := ParseSetCookie("a=b; expires=Thu, 01 Jan 2099 00:00:00 GMT")
	got, ok := c.Expires()
	want := time.Date(2099, 1, 1, 0, 0, 0, 0, time.UTC)
	if !ok || !got.Equal(want) {
		t.Errorf("Expires: got %v, %v, want %v, true", got, ok, want)
	}
	if _, ok := ParseSetCookie("a=b").Expires(); ok {
		t.Error("Expires without the attribute: got ok, want false")
	}
}
