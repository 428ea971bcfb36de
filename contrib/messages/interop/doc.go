// Package interop proves that manouche and a real Django 3.2 share CSRF
// tokens and messages. It has no API: its tests run the Django site in
// testdata/djangosite next to a manouche site built in the test process,
// both with Django's default middleware (sessions, CSRF, messages), on one
// SQLite session database and one SECRET_KEY, and drive both with one
// cookie jar, as a browser would when a proxy sends some paths to Django and
// others to manouche.
//
// # What the tests show
//
// With the CSRF secret in the cookie and, with CSRF_USE_SESSIONS, in the
// session:
//
//   - a form Django rendered with {% csrf_token %} posts to manouche, and a
//     form manouche rendered with << .CSRF.Input >> posts to Django; the
//     X-CSRFToken header works across too; a post without the token is
//     refused by both.
//
// With MESSAGE_STORAGE cookie, session and fallback:
//
//   - messages one side adds (levels, extra tags, non-ASCII text) are shown
//     by the other, in order, and showing them consumes them for both;
//   - with fallback, forty messages overflow the cookie into the session on
//     one side and are all shown, in order, by the other.
//
// # Running
//
// The tests need Django for /usr/bin/python3 (Debian: apt-get install
// python3-django). Without it they skip, unless MANOUCHE_REQUIRE_SERVICES=1
// or CI=true, where they fail:
//
//	go test -race ./contrib/messages/interop/
package interop
