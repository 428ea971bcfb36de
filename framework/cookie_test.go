package framework_test

import (
	"encoding/json"
	"net/http"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/manouche-go/manouche/framework"
)

var frozen = time.Unix(1700000000, 0) // the spec vectors' frozen time

func TestFormatSetCookie(t *testing.T) {
	tests := []struct {
		name string
		c    framework.Cookie
		want string
	}{
		{"session default", framework.Cookie{Name: "sessionid", Value: "abc", MaxAge: new(1209600),
			Expires: frozen.Add(1209600 * time.Second), HttpOnly: true, SameSite: "Lax"},
			"sessionid=abc; expires=Tue, 28 Nov 2023 22:13:20 GMT; HttpOnly; Max-Age=1209600; Path=/; SameSite=Lax"},
		{"all attributes", framework.Cookie{Name: "mysid", Value: "k", MaxAge: new(3600), Expires: frozen.Add(time.Hour),
			Domain: ".example.local", Path: "/example/", Secure: true, SameSite: "Strict"},
			"mysid=k; Domain=.example.local; expires=Tue, 14 Nov 2023 23:13:20 GMT; Max-Age=3600; Path=/example/; SameSite=Strict; Secure"},
		{"browser close", framework.Cookie{Name: "sessionid", Value: "k", HttpOnly: true, SameSite: "Lax"},
			"sessionid=k; HttpOnly; Path=/; SameSite=Lax"},
		{"expires only", framework.Cookie{Name: "a", Value: "b", Expires: frozen.In(time.FixedZone("X", 3600))},
			"a=b; expires=Tue, 14 Nov 2023 22:13:20 GMT; Path=/"},
		{"samesite case kept", framework.Cookie{Name: "a", Value: "b", SameSite: "none"}, "a=b; Path=/; SameSite=none"},
		{"samesite invalid omitted", framework.Cookie{Name: "a", Value: "b", SameSite: "Sometimes"}, "a=b; Path=/"},
		{"empty value quoted", framework.Cookie{Name: "a"}, `a=""; Path=/`},
		{"signed value unquoted", framework.Cookie{Name: "c", Value: "blue:1r31eq:x-Y_z"}, "c=blue:1r31eq:x-Y_z; Path=/"},
		{"quoted value", framework.Cookie{Name: "a", Value: `x y;z,"\é` + "\n"}, `a="x y\073z\054\"\\\351\012"; Path=/`},
		{"non-latin1 kept", framework.Cookie{Name: "a", Value: "日本"}, `a="日本"; Path=/`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := framework.FormatSetCookie(tt.c); got != tt.want {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
		})
	}
}

func TestFormatSetCookie_maxAgeSetsExpires(t *testing.T) {
	before := time.Now().Truncate(time.Second)
	got := framework.FormatSetCookie(framework.Cookie{Name: "a", Value: "b", MaxAge: new(60)})
	after := time.Now()
	_, rest, _ := strings.Cut(got, "expires=")
	date, _, _ := strings.Cut(rest, ";")
	exp, err := http.ParseTime(date)
	if err != nil {
		t.Fatalf("got %q: %v", got, err)
	}
	if exp.Before(before.Add(60*time.Second)) || exp.After(after.Add(60*time.Second)) || !strings.Contains(got, "; Max-Age=60; Path=/") {
		t.Errorf("got %s, want expires = now + 60s and Max-Age=60", got)
	}
}

func TestFormatDeleteCookie(t *testing.T) {
	tests := []struct {
		name string
		c    framework.Cookie
		want string
	}{
		{"default", framework.Cookie{Name: "sessionid", Value: "ignored", HttpOnly: true, Secure: true, MaxAge: new(5), SameSite: "Lax"},
			`sessionid=""; expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; Path=/; SameSite=Lax`},
		{"path and domain", framework.Cookie{Name: "sessionid", Path: "/example/", Domain: ".example.local", SameSite: "Lax"},
			`sessionid=""; Domain=.example.local; expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; Path=/example/; SameSite=Lax`},
		{"samesite none is secure", framework.Cookie{Name: "sessionid", SameSite: "None"},
			`sessionid=""; expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; Path=/; SameSite=None; Secure`},
		{"__Host- is secure", framework.Cookie{Name: "__Host-sid", SameSite: "Lax"},
			`__Host-sid=""; expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; Path=/; SameSite=Lax; Secure`},
		{"__Secure- is secure", framework.Cookie{Name: "__Secure-x"},
			`__Secure-x=""; expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; Path=/; Secure`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := framework.FormatDeleteCookie(tt.c); got != tt.want {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
		})
	}
}

func TestResponse_SetCookie(t *testing.T) {
	r := framework.Text("ok")
	r.SetCookie(framework.Cookie{Name: "a", Value: "1"})
	r.SetCookie(framework.Cookie{Name: "ab", Value: "2"})
	r.SetCookie(framework.Cookie{Name: "a", Value: "3"}) // replaces a=1, as in Django
	r.DeleteCookie("ab", framework.Cookie{Path: "/x/"})
	want := []string{"a=3; Path=/", `ab=""; expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; Path=/x/`}
	if got := r.Header["Set-Cookie"]; !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
	var nilHeader framework.Response
	nilHeader.SetCookie(framework.Cookie{Name: "a", Value: "1"})
	if got := nilHeader.Header.Get("Set-Cookie"); got != "a=1; Path=/" {
		t.Errorf("nil Header: got %q, want %q", got, "a=1; Path=/")
	}
}

// TestFormatSetCookie_vectors rebuilds every Set-Cookie header of Django's
// golden vectors from its parts and checks the bytes.
func TestFormatSetCookie_vectors(t *testing.T) {
	var lines []string
	for _, f := range []string{"middleware.json", "signer.json"} {
		b, err := os.ReadFile("../../shared/spec/vectors/" + f)
		if err != nil {
			t.Skipf("golden vectors not available: %v", err)
		}
		var v any
		if err := json.Unmarshal(b, &v); err != nil {
			t.Fatal(err)
		}
		collectSetCookies(v, &lines)
	}
	if len(lines) < 10 {
		t.Fatalf("got %d Set-Cookie vectors, want at least 10", len(lines))
	}
	for _, line := range lines {
		c := parseSetCookie(t, line)
		got := framework.FormatSetCookie(c)
		if strings.Contains(line, "Max-Age=0;") && c.Value == "" {
			got = framework.FormatDeleteCookie(c)
		}
		if got != line {
			t.Errorf("got  %s\nwant %s", got, line)
		}
	}
}

func collectSetCookies(v any, out *[]string) {
	switch v := v.(type) {
	case map[string]any:
		for k, x := range v {
			if s, ok := x.(string); ok && k == "set_cookie_header" {
				*out = append(*out, s)
			} else if l, ok := x.([]any); ok && k == "set_cookie" {
				for _, s := range l {
					*out = append(*out, s.(string))
				}
			} else {
				collectSetCookies(x, out)
			}
		}
	case []any:
		for _, x := range v {
			collectSetCookies(x, out)
		}
	}
}

// parseSetCookie splits a Set-Cookie line written by Django into a Cookie.
func parseSetCookie(t *testing.T, line string) framework.Cookie {
	t.Helper()
	parts := strings.Split(line, "; ")
	var c framework.Cookie
	c.Name, _, _ = strings.Cut(parts[0], "=")
	c.Value = framework.ParseCookies(parts[0])[c.Name] // unquotes
	for _, p := range parts[1:] {
		k, v, _ := strings.Cut(p, "=")
		switch k {
		case "Domain":
			c.Domain = v
		case "expires":
			exp, err := http.ParseTime(v)
			if err != nil {
				t.Fatalf("%s: %v", line, err)
			}
			c.Expires = exp
		case "HttpOnly":
			c.HttpOnly = true
		case "Max-Age":
			n, _ := strconv.Atoi(v)
			c.MaxAge = &n
		case "Path":
			c.Path = v
		case "SameSite":
			c.SameSite = v
		case "Secure":
			c.Secure = true
		}
	}
	return c
}
