package examples_test

import (
	"net/url"
	"strings"
	"testing"
)

func TestMyapp(t *testing.T) { forEachEngine(t, testMyapp) }

func testMyapp(t *testing.T, e *engineEnv) {
	play(t, e, []step{
		{name: "form when logged out", path: "/myapp/connection/",
			want:   []string{`action="/myapp/login/"`, `name="username"`, `name="password"`},
			cookie: cookieNone},
		{name: "invalid form", path: "/myapp/login/", form: url.Values{"username": {"  "}, "password": {"x"}},
			want: []string{"Please enter a username.", `name="username"`}, notWant: []string{"You are :"},
			cookie: cookieNone, noRecord: true},
		{name: "valid form", path: "/myapp/login/", form: url.Values{"username": {"alice"}, "password": {"secret"}},
			want: []string{"You are : alice"}, cookie: cookieSet, stored: map[string]any{"username": "alice"}},
		{name: "logged in", path: "/myapp/connection/", want: []string{"You are : alice"}, notWant: []string{"<form"},
			cookie: cookieNone},
		{name: "too long username", path: "/myapp/login/",
			form: url.Values{"username": {strings.Repeat("a", 101)}, "password": {"x"}},
			want: []string{"at most 100 characters"}, cookie: cookieNone, stored: map[string]any{"username": "alice"}},
		{name: "logout", path: "/myapp/logout/", want: []string{"You are logged out."},
			cookie: cookieSet, gone: []string{"username"}},
		{name: "form again", path: "/myapp/connection/", want: []string{`action="/myapp/login/"`}, notWant: []string{"You are :"}},
	})
}

func TestMyapp_escapesUsername(t *testing.T) { forEachEngine(t, testMyappEscapes) }

func testMyappEscapes(t *testing.T, e *engineEnv) {
	name := `Zoë & <b>Co</b>`
	play(t, e, []step{
		{name: "login", path: "/myapp/login/", form: url.Values{"username": {name}, "password": {""}},
			want: []string{"You are : Zoë &amp; &lt;b&gt;Co&lt;/b&gt;"}, notWant: []string{"<b>Co</b>"},
			cookie: cookieSet, stored: map[string]any{"username": name}},
		{name: "connection", path: "/myapp/connection/", want: []string{"You are : Zoë &amp; &lt;b&gt;Co&lt;/b&gt;"}},
	})
}
