package examples_test

import (
	"net/url"
	"testing"
)

func TestMail(t *testing.T) { forEachEngine(t, testMail) }

func testMail(t *testing.T, e *engineEnv) {
	play(t, e, []step{
		{name: "empty form", path: "/mail/", want: []string{`action="/mail/"`, `name="from_name"`, `value=""`, `name="message"`},
			cookie: cookieNone},
		{name: "invalid form", path: "/mail/", form: url.Values{"from_name": {""}, "message": {"Hi"}},
			want: []string{"Please enter your name."}, notWant: []string{"<h1>Sent</h1>"}, cookie: cookieNone, noRecord: true},
		{name: "send", path: "/mail/", form: url.Values{"from_name": {"Ann"}, "message": {"Hello there"}},
			want: []string{"Sent"}, cookie: cookieSet, stored: map[string]any{"from_name": "Ann"}},
		{name: "form pre-filled", path: "/mail/", want: []string{`value="Ann"`}, cookie: cookieNone},
		{name: "empty message", path: "/mail/", form: url.Values{"from_name": {"Bea"}, "message": {" "}},
			want: []string{"Please enter a message.", `value="Bea"`}, cookie: cookieNone,
			stored: map[string]any{"from_name": "Ann"}},
		{name: "send again", path: "/mail/", form: url.Values{"from_name": {"Bea"}, "message": {"Again"}},
			want: []string{"Sent"}, cookie: cookieSet, stored: map[string]any{"from_name": "Bea"}},
		{name: "pre-filled with the new name", path: "/mail/", want: []string{`value="Bea"`}},
	})
}
