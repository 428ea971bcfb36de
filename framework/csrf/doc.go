// Package csrf is Django's cross-site request forgery protection
// (django.middleware.csrf) in Go, on the wire: tokens and cookies written
// by Django 3.2 or 4.x are accepted, and the ones it writes are accepted by
// both.
//
// # Tokens
//
// A secret is 32 characters of [Alphabet]. A token is 64: a fresh random
// mask and the secret ciphered with it ([Mask], [Unmask]), so each form
// gets a different string for the same secret (against BREACH). Two tokens
// match when their secrets are equal, compared in constant time. The secret
// lives in the "csrftoken" cookie, which holds a 64-character token as
// Django 3.2 and 4.0 write it (Django 4.1+ reads it); a 32-character secret,
// as Django 4.1+ writes it, is accepted. With CSRF_USE_SESSIONS it lives in
// the session under "_csrftoken" instead (64 characters written, 32 or 64
// read).
//
// # The middleware
//
// [New] builds the middleware (MIDDLEWARE name
// "framework.csrf.CsrfViewMiddleware", alias
// "django.middleware.csrf.CsrfViewMiddleware"). Its check runs as a
// framework.ViewHook, once the URL is resolved, before the view (Django's
// process_view). GET, HEAD, OPTIONS and TRACE pass, as do views wrapped with
// [Exempt]. Any other request is rejected unless:
//
//  1. its Origin header, when it has one, is the site's own origin
//     (scheme://Host) or a trusted one (Django 4.0's Origin check, on HTTP
//     and HTTPS); over HTTPS without Origin, its Referer is an https URL of
//     the site's host, the cookie's domain or a trusted origin (Django
//     3.2's check, compared with Django's is_same_domain);
//  2. it carries the cookie (or the session holds a token);
//  3. the csrfmiddlewaretoken form field of a POST, or else the X-CSRFToken
//     header, holds a token (or the secret itself) of the same secret.
//
// A rejected request gets the CSRF_FAILURE_VIEW ([Failure] by default:
// Django's 403 page "CSRF verification failed. Request aborted.", with the
// reason when DEBUG is on) and one WARN log line with the reason; the view
// never runs. The reasons are Django 3.2's, word for word ([ReasonBadToken]
// ...), and Django 4.0's [ReasonBadOrigin].
//
// When the view used the token ([Token], a template's << .CSRF.Input >>, or
// [RotateToken]), the response sets the cookie, with the CSRF_COOKIE_*
// attributes and Vary: Cookie (or stores the session key). Otherwise the
// response is left alone.
//
// # Templates and JavaScript
//
// The site installs [Processor], which gives every template << .CSRF >>:
// << .CSRF.Input >> writes the hidden input of Django's {% csrf_token %},
// << .CSRF.Token >> the token for a script's X-CSRFToken header. Scripts may
// also read the cookie, which is not HttpOnly unless CSRF_COOKIE_HTTPONLY
// is set.
//
// # Login
//
// [RotateToken] replaces the secret; call it at login, as Django's login
// does, so that a token an attacker planted before the login cannot be used
// after it.
package csrf
