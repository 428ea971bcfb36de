package examples_test

import "testing"

func TestSessionDemo_greeting(t *testing.T) { forEachEngine(t, testSessionDemoGreeting) }

func testSessionDemoGreeting(t *testing.T, e *engineEnv) {
	const greeting = "Session Value: Hello, Django Sessions!"
	play(t, e, []step{
		{name: "nothing set", path: "/session/", want: []string{"Session Value: "}, notWant: []string{"Hello"},
			cookie: cookieNone, noRecord: true},
		{name: "set", path: "/session/set/", want: []string{greeting}, cookie: cookieSet,
			stored: map[string]any{"greeting": "Hello, Django Sessions!"}},
		{name: "read back", path: "/session/", want: []string{greeting}, cookie: cookieNone},
		{name: "clear", path: "/session/clear/", want: []string{"Session cleared"}, gone: []string{"greeting"}},
		{name: "cleared", path: "/session/", want: []string{"Session Value: "}, notWant: []string{"Hello"}},
	})
}

func TestSessionDemo_username(t *testing.T) { forEachEngine(t, testSessionDemoUsername) }

func testSessionDemoUsername(t *testing.T, e *engineEnv) {
	play(t, e, []step{
		{name: "guest", path: "/session/username/", want: []string{"Username: Guest"}, cookie: cookieNone},
		{name: "set", path: "/session/username/set/?value=Bob", want: []string{"Username: Bob"},
			cookie: cookieSet, stored: map[string]any{"username": "Bob"}},
		{name: "show", path: "/session/username/", want: []string{"Username: Bob"}, cookie: cookieNone},
		{name: "set greeting too", path: "/session/set/", stored: map[string]any{"username": "Bob", "greeting": "Hello, Django Sessions!"}},
		{name: "pop", path: "/session/username/pop/", want: []string{"Username: Guest"}, cookie: cookieSet,
			gone: []string{"username"}, stored: map[string]any{"greeting": "Hello, Django Sessions!"}},
		{name: "pop again", path: "/session/username/pop/", want: []string{"Username: Guest"}},
		{name: "set again", path: "/session/username/set/?value=Eve", want: []string{"Username: Eve"}},
		{name: "clear", path: "/session/clear/", want: []string{"Session cleared"}, gone: []string{"username", "greeting"}},
		{name: "guest again", path: "/session/username/", want: []string{"Username: Guest"}},
	})
}
